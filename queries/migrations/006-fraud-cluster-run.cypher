// Cluster versions of one run (rerun clean-up, pruning, run-to-run comparisons).
CREATE INDEX fraud_cluster_run IF NOT EXISTS FOR (c:FraudCluster) ON (c.runId)
