import { runBucketTask, type BucketTask } from './bucket-task.js';

/**
 * The entry of a detection worker process (forked by BucketWorkers): it takes one task, sends
 * back its result (or its error, one line) and its peak resident memory, and exits.
 */
process.once('message', (task: BucketTask) => {
  runBucketTask(task).then(
    (done) => reply({ ok: true, ...done, peakRssMb: peakRssMb() }, 0),
    (e: unknown) => reply({ ok: false, error: (e instanceof Error ? e.message : String(e)).split('\n')[0] }, 1),
  );
});

function reply(message: object, code: number): void {
  process.send!(message, undefined, {}, () => {
    process.disconnect();
    process.exitCode = code;
  });
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
