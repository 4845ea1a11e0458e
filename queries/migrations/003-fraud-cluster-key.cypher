// One FraudCluster node per cluster version: key = clusterId@runId (cluster ids repeat across runs).
CREATE CONSTRAINT fraud_cluster_key IF NOT EXISTS FOR (c:FraudCluster) REQUIRE c.key IS UNIQUE
