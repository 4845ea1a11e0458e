import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REPORT_FILE } from '../report/write-report.js';
import { UserError } from '../errors.js';
import type { RunManifest } from '../run/manifest.js';
import { readRunHistory } from '../run/run-history.js';
import { formatTable } from './format-table.js';

export function register(program: Command): void {
  const runs = program.command('runs').description('run history of a state folder, from the run manifests');
  runs
    .command('list')
    .description('list runs, newest first')
    .requiredOption('--out <dir>', 'state folder given to nightly --out')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { out: string; format: string }) => {
      const { runs: history, latestRunId, unreadable } = await readRunHistory(opts.out);
      if (opts.format === 'json') {
        const broken = unreadable.map((u) => ({ runId: u.folder, status: 'unreadable', error: u.reason }));
        process.stdout.write(`${JSON.stringify([...history.map((m) => ({ ...summary(m), latest: m.runId === latestRunId })), ...broken], null, 2)}\n`);
        return;
      }
      const rows = history.map((m) => {
        const s = summary(m);
        return [`${m.runId}${m.runId === latestRunId ? ' *' : ''}`, s.status, s.startedAt, `${(s.durationMs / 1000).toFixed(1)} s`, s.accounts, s.clusters, s.candidates, s.rejectedRows];
      });
      process.stdout.write(formatTable(['run', 'status', 'started', 'took', 'accounts', 'clusters', 'candidates', 'rejected'], rows));
      if (latestRunId) process.stdout.write('* latest\n');
      for (const u of unreadable) process.stdout.write(`unreadable: runs/${u.folder}: ${u.reason}\n`);
    });
  runs
    .command('show <runId>')
    .description('one run: status, input, counts and per-stage timings, and where its report.html is')
    .requiredOption('--out <dir>', 'state folder given to nightly --out')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--open', 'open the run\'s report.html in the desktop\'s browser', false)
    .action(async (runId: string, opts: { out: string; format: string; open: boolean }) => {
      const { runs: history } = await readRunHistory(opts.out);
      const m = history.find((r) => r.runId === runId);
      if (!m) throw new UserError(`no run ${runId} in ${opts.out} (runs list shows the runs there)`);
      const report = resolve(opts.out, 'runs', m.runId, REPORT_FILE);
      if (opts.open) {
        if (!existsSync(report)) throw new UserError(`run ${runId} has no ${REPORT_FILE} (it was made by a version without reports)`);
        openInBrowser(report);
        process.stdout.write(`opening ${report}\n`);
        return;
      }
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify(m, null, 2)}\n`);
        return;
      }
      const lines = [
        `run ${m.runId}: ${m.status}${m.error ? ` (exit ${m.error.exitCode}: ${m.error.message})` : ''}`,
        `  started ${m.startedAt}, finished ${m.finishedAt}; version ${m.version}; config ${m.configHash.slice(0, 12)}; sinks ${m.sinks.join(', ')}`,
        `  input ${m.input.dir}`,
        ...m.input.tables.map((t) => `    ${t.table}: ${t.rowsRead} rows, ${t.rowsRejected} rejected (${t.format}, ${t.bytes} bytes, sha256 ${t.sha256.slice(0, 12)})`),
        `  counts: ${Object.entries(m.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
        `  report: ${existsSync(report) ? report : 'none'}`,
        '',
      ];
      process.stdout.write(lines.join('\n'));
      process.stdout.write(formatTable(['stage', 'ms', 'peak RSS MB'], m.stages.map((s) => [s.stage, s.ms, s.peakRssMb])));
    });
}

function summary(m: RunManifest) {
  return {
    runId: m.runId,
    status: m.status,
    startedAt: m.startedAt,
    durationMs: Date.parse(m.finishedAt) - Date.parse(m.startedAt),
    accounts: m.counts.accounts ?? 0,
    clusters: m.counts.clusters ?? 0,
    candidates: m.counts.candidates ?? 0,
    rejectedRows: m.counts.rejectedRows ?? 0,
  };
}

/** Hands a file to the desktop's opener (xdg-open, open, start); a machine without one gets the path. */
function openInBrowser(path: string): void {
  const [command, args] = process.platform === 'darwin' ? ['open', [path]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', path]] : ['xdg-open', [path]];
  const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
  child.on('error', () => process.stderr.write(`cannot run ${command}; open ${path} in a browser\n`));
  child.unref();
}
