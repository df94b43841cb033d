// A progress bar for long `migrate` runs, drawn on stderr and only on a terminal: the
// report on stdout stays exactly what was asked for, and logs of CI runs (stderr not a
// terminal) stay free of control characters. Short runs draw nothing: the bar appears only
// once a run has taken longer than `delayMs`, and is erased when the run ends.
import type { MigrateProgress } from './results';

/** What the bar needs of a stream (process.stderr, or a stand-in in tests). */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBarOptions {
  /** Nothing is drawn before the run has lasted this long. */
  delayMs?: number;
  /** At most one redraw per interval. */
  intervalMs?: number;
  now?: () => number;
}

export interface ProgressBar {
  update(progress: MigrateProgress): void;
  /** Erases the bar (call before anything else is written to the stream). */
  finish(): void;
}

const BAR_WIDTH = 24;
const ERASE_LINE = '\r\u001b[K';

/** A bar on `stream`, or null when the stream is not a terminal. */
export function createProgressBar(stream: ProgressStream, options: ProgressBarOptions = {}): ProgressBar | null {
  if (!stream.isTTY) return null;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 500;
  const intervalMs = options.intervalMs ?? 100;
  const started = now();
  let drawnAt: number | null = null;

  const draw = (progress: MigrateProgress, at: number) => {
    const line = renderProgress(progress, at - started);
    const width = stream.columns && stream.columns > 1 ? stream.columns - 1 : line.length;
    stream.write(ERASE_LINE + line.slice(0, width));
    drawnAt = at;
  };

  return {
    update(progress) {
      const at = now();
      if (at - started < delayMs) return;
      if (drawnAt !== null && at - drawnAt < intervalMs && progress.done < progress.total) return;
      draw(progress, at);
    },
    finish() {
      if (drawnAt !== null) stream.write(ERASE_LINE);
      drawnAt = null;
    },
  };
}

/** `[██████░░░░░░] 1200/3000 files · 41 handler modules · 2 workers · 3.2s` */
export function renderProgress(progress: MigrateProgress, elapsedMs: number): string {
  const fraction = progress.total === 0 ? 1 : Math.min(1, progress.done / progress.total);
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  const parts = [
    `${progress.done}/${progress.total} files`,
    `${progress.handlerModules} handler module${progress.handlerModules === 1 ? '' : 's'}`,
    ...(progress.workers > 0 ? [`${progress.workers} worker${progress.workers === 1 ? '' : 's'}`] : []),
    `${(elapsedMs / 1000).toFixed(1)}s`,
  ];
  return `[${bar}] ${parts.join(' · ')}`;
}
