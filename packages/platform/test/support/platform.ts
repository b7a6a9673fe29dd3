import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '../../src/index.js';

/** A platform on an ephemeral port with a fresh data directory, and how to dispose of both. */
export interface TestPlatform extends RunningPlatform {
  dataDir: string;
  /** Closes the platform and deletes its data directory. */
  dispose(): Promise<void>;
  /** Logs `username` in with `/ac/login` and returns the token. */
  login(username?: string): Promise<string>;
}

/** Demo passwords (`DEMO_USERS`), for tests. */
export const PASSWORDS: Record<string, string> = {
  alice: 'alice-demo-password',
  bob: 'bob-demo-password',
  carol: 'carol-demo-password',
};

/** Starts a platform for one test file. */
export async function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'vobridge-platform-test-')));
  const platform = await startPlatform({ logLevel: 'silent', ...options, dataDir });
  return {
    ...platform,
    dataDir,
    close: platform.close,
    dispose: async () => {
      await platform.close();
      await rm(dataDir, { recursive: true, force: true });
      if (platform.sessionsDir !== join(dataDir, 'sessions', 'run'))
        await rm(platform.sessionsDir, { recursive: true, force: true });
    },
    login: async (username = 'alice') => {
      const res = await fetch(`${platform.url}/ac/login`, {
        method: 'POST',
        body: new URLSearchParams({ username, password: PASSWORDS[username] ?? '' }),
      });
      if (res.status !== 200) throw new Error(`login of ${username} failed: ${res.status}`);
      return res.text();
    },
  };
}
