#!/usr/bin/env node
// Stops the local Neo4j if it is running and deletes its data (.neo4j/data): the next start
// begins with empty databases. Logs under .neo4j/ are kept.
//   npm run neo4j:reset
import fs from 'node:fs';
import { DATA_DIR, RUN_DIR, rel, stopServer } from './lib.mjs';

try {
  await stopServer();
  for (const dir of [DATA_DIR, RUN_DIR]) fs.rmSync(dir, { recursive: true, force: true });
  console.error(`neo4j-local: deleted ${rel(DATA_DIR)}`);
} catch (e) {
  console.error(`neo4j-local: FAILED to reset: ${e?.message ?? e}`);
  process.exit(1);
}
