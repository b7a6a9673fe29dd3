import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ tls: true });
});
afterAll(async () => {
  await platform.dispose();
});

/** GET over HTTPS, trusting only `ca`. */
function get(url: string, ca: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, ca === undefined ? {} : { ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('--tls mode', () => {
  it('serves HTTPS that verifies against the printed CA', async () => {
    expect(platform.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = await readFile(platform.caPath as string, 'utf8');
    expect(await get(`${platform.url}/healthz`, ca)).toBe(200);
    await expect(get(`${platform.url}/healthz`, undefined)).rejects.toThrow();
  });

  it('keeps private keys 0600 and reuses the CA on restart', async () => {
    for (const file of ['ca-key.pem', 'server-key.pem']) {
      expect((await stat(`${platform.dataDir}/tls/${file}`)).mode & 0o777).toBe(0o600);
    }
    const ca = await readFile(platform.caPath as string, 'utf8');
    await platform.close();
    platform = await startTestPlatform({ tls: true, dataDir: platform.dataDir });
    expect(await readFile(platform.caPath as string, 'utf8')).toBe(ca);
    expect(await get(`${platform.url}/healthz`, ca)).toBe(200);
  });
});
