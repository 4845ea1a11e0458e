// Waits until every index (including those behind constraints) is online.
CALL db.awaitIndexes($seconds)
