// One Account node per account id; every MERGE on Account relies on this.
CREATE CONSTRAINT account_id IF NOT EXISTS FOR (a:Account) REQUIRE a.accountId IS UNIQUE
