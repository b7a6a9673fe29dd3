import { join } from 'node:path';
import { ROOT } from './paths.js';
import { startProcess, type Running } from './processes.js';

/** The reference platform on an ephemeral port with its own data directory. */
export function startPlatform(dataDir: string, extraArgs: string[] = []): Promise<Running> {
  return startProcess(
    process.execPath,
    [join(ROOT, 'packages/platform/dist/bin/vobridge-platform.js'), '--port', '0', '--data', dataDir, ...extraArgs],
    /vobridge-platform listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
}
