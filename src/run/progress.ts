import cliProgress from 'cli-progress';

/** Progress of the long stages, for a person watching a terminal. */
export interface Progress {
  update(label: string, fraction: number): void;
  stop(): void;
}

export const noProgress: Progress = { update() {}, stop() {} };

/** A progress bar on stderr (only when stderr is a terminal; schedulers get JSON logs instead). */
export function terminalProgress(): Progress {
  const bar = new cliProgress.SingleBar(
    { format: ' {label} [{bar}] {percentage}%', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(label, fraction) {
      const value = Math.round(fraction * 100);
      if (!started) {
        bar.start(100, value, { label });
        started = true;
      } else bar.update(value, { label });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
