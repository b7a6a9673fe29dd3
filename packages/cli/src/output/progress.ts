import { SingleBar } from 'cli-progress';
import { note } from './print.js';

/** Reports how far a transfer got. */
export interface Progress {
  /** Bytes done so far (absolute, not a delta). */
  update(bytes: number): void;
  /** The transfer ended (successfully or not). */
  stop(): void;
}

/**
 * A progress bar on standard error when it is a terminal, else a plain line
 * at each quarter (logs of batch jobs stay short and readable). `total` may
 * be unknown.
 */
export function createProgress(
  label: string,
  total: number | undefined,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: total ? `${label} [{bar}] {percentage}% {done}/{size}` : `${label} {done}`,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(total ?? 0, 0, { done: formatBytes(0), size: formatBytes(total ?? 0) });
    return {
      update: (bytes) => bar.update(bytes, { done: formatBytes(bytes) }),
      stop: () => bar.stop(),
    };
  }
  let reported = -1;
  return {
    update: (bytes) => {
      if (!total) return;
      const quarter = Math.floor((bytes / total) * 4);
      if (quarter > reported) {
        reported = quarter;
        // The real share, not the quarter crossed: a resumed transfer starts part way.
        note(
          `${label}: ${Math.min(100, Math.floor((bytes / total) * 100))}% (${formatBytes(bytes)} of ${formatBytes(total)})`,
        );
      }
    },
    stop: () => undefined,
  };
}

/** Byte counts in binary units: `512 B`, `1.5 KiB`, `3.2 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
