// A cluster's versions across runs, by its (stable) id.
CREATE INDEX fraud_cluster_id IF NOT EXISTS FOR (c:FraudCluster) ON (c.clusterId)
