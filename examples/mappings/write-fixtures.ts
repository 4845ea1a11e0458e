/**
 * Writes the two example exports from their seeded worlds (test/support/export-fixtures.ts):
 * `npx tsx examples/mappings/write-fixtures.ts`. The tests check that the committed files are
 * what this writes.
 */
import { join } from 'node:path';
import { customerWorld, graphWorld, writeCustomerExport, writeGraphExport } from '../../test/support/export-fixtures.js';

const here = import.meta.dirname;
await writeCustomerExport(join(here, 'customers', 'export'), customerWorld());
await writeGraphExport(join(here, 'graph-export', 'export'), graphWorld());
