import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform, type Topology } from '@vobridge/platform';
import type { Gate } from './gate.js';

/** The demo users the platform starts with. */
export const ALICE = { username: 'alice', password: 'alice-demo-password' };
export const BOB = { username: 'bob', password: 'bob-demo-password' };

/** A reference platform on an ephemeral loopback port, with its own data dir. */
export interface TestPlatform {
  url: string;
  platform: RunningPlatform;
  close(): Promise<void>;
}

/**
 * Starts the real reference platform for a test file; with `gate`, every
 * client reaches it through that proxy (its public URL). `split` spreads its
 * services over several origins, as CANFAR's are.
 */
export async function startTestPlatform(gate?: Gate, topology: Topology = 'single'): Promise<TestPlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), 'vobridge-cli-platform-'));
  const platform = await startPlatform({
    port: 0,
    dataDir,
    logLevel: 'silent',
    topology,
    ...(gate ? { publicUrl: gate.url } : {}),
  });
  gate?.target(platform.port);
  return {
    url: platform.url,
    platform,
    close: async () => {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
