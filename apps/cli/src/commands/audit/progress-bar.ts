/**
 * The progress bar of long audit commands, on standard error so standard output stays
 * the command's answer. Drawn only on a terminal (cli-progress stays silent otherwise),
 * and not at all with `--no-progress`.
 */
import { SingleBar } from 'cli-progress';

export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(enabled: boolean, unit: string): ProgressBar {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `{bar} {percentage}% | {value}/{total} ${unit} | {rate}/s | {duration_formatted}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
  });
  const started = Date.now();
  let running = false;
  return {
    update(done, total) {
      const rate = Math.round((done * 1000) / Math.max(Date.now() - started, 1));
      if (!running) bar.start(Math.max(total, done), done, { rate });
      running = true;
      bar.setTotal(Math.max(total, done));
      bar.update(done, { rate });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
