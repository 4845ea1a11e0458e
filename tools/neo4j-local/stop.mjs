#!/usr/bin/env node
// Stops the local Neo4j started by start.mjs: SIGTERM, wait for a clean shutdown (SIGKILL after
// NEO4J_STOP_TIMEOUT seconds, default 60), remove the pid file. Not running is not an error.
//   npm run neo4j:stop
import { stopServer } from './lib.mjs';

stopServer().catch((e) => {
  console.error(`neo4j-local: FAILED to stop: ${e?.message ?? e}`);
  process.exit(1);
});
