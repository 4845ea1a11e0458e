import { join } from 'node:path';
import type { RunManifest } from '../run/manifest.js';
import { RunFile } from '../run/run-files.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { reportPage } from './report-page.js';
import { readRunFiles } from './run-files.js';

export const REPORT_FILE = RunFile.report;

/**
 * Writes `report.html` into a run folder from the files already there, the run's manifest and the
 * manifests of the runs kept in `stateDir`. Returns its path.
 */
export async function writeReport(runDir: string, stateDir: string, manifest: RunManifest): Promise<string> {
  const path = join(runDir, REPORT_FILE);
  await writeFileAtomic(path, await reportPage(await readRunFiles(runDir, stateDir, manifest)));
  return path;
}
