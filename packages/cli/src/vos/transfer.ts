import type { TransferProgress } from '@vobridge/sdk';
import { createProgress, type Progress } from '../output/progress.js';

/**
 * A progress callback for the SDK's transfers that opens its bar (or plain
 * lines) on the first report, once the size is known, and a `stop` to call
 * when the transfer ends either way.
 */
export function transferProgress(label: string): {
  onProgress: (progress: TransferProgress) => void;
  stop: () => void;
} {
  let bar: Progress | undefined;
  return {
    onProgress: ({ bytes, total }) => {
      bar ??= createProgress(label, total);
      bar.update(bytes);
    },
    stop: () => bar?.stop(),
  };
}
