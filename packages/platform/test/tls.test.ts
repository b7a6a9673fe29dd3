import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PASSWORDS, startTestPlatform, type TestPlatform } from './support/platform.js';

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

/** One HTTPS request trusting only `ca`: status, headers and body. */
function call(
  url: string,
  ca: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; location: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text }));
    });
    req.on('error', reject);
    req.end(init.body);
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

  it('trusts its own CA for its own calls: a cone job with DEST stores its table over HTTPS', async () => {
    const ca = await readFile(platform.caPath as string, 'utf8');
    const form = 'application/x-www-form-urlencoded';
    const login = await call(`${platform.url}/ac/login`, ca, {
      method: 'POST',
      headers: { 'content-type': form },
      body: new URLSearchParams({ username: 'alice', password: PASSWORDS.alice ?? '' }).toString(),
    });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.text}` };
    const created = await call(`${platform.url}/uws/cone`, ca, {
      method: 'POST',
      headers: { ...auth, 'content-type': form },
      body: new URLSearchParams({
        RA: '101.3',
        DEC: '-16.7',
        SR: '1',
        DEST: 'vos://vobridge.org~vault/alice/tls-sirius.xml',
        PHASE: 'RUN',
      }).toString(),
    });
    expect(created.status).toBe(303);
    const job = created.location as string;
    let phase = '';
    for (let i = 0; i < 60 && !['COMPLETED', 'ERROR', 'ABORTED'].includes(phase); i++) {
      await call(`${job}?WAIT=5`, ca, { headers: auth });
      phase = (await call(`${job}/phase`, ca, { headers: auth })).text.trim();
    }
    const error = await call(`${job}/error`, ca, { headers: auth });
    expect({ phase, error: phase === 'ERROR' ? error.text : '' }).toEqual({ phase: 'COMPLETED', error: '' });
    const stored = await call(`${platform.url}/vospace/data/alice/tls-sirius.xml`, ca, { headers: auth });
    expect(stored.status).toBe(200);
    expect(stored.text).toContain('<TD>Sirius</TD>');
  });

  it('the SDK moves files over HTTPS on its own connections, trusting the CA the way users do (NODE_EXTRA_CA_CERTS)', async () => {
    const ca = await readFile(platform.caPath as string, 'utf8');
    const login = await call(`${platform.url}/ac/login`, ca, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'alice', password: PASSWORDS.alice ?? '' }).toString(),
    });
    const work = await mkdtemp(join(tmpdir(), 'vobridge-tls-sdk-'));
    try {
      const content = randomBytes(3 * 1024 * 1024 + 17);
      await writeFile(join(work, 'up.bin'), content);
      // A process of its own: Node reads NODE_EXTRA_CA_CERTS at start-up only.
      const script = `
        import { CredentialStore, VoSpaceClient, bearerCredential, createAuthFetch } from '@vobridge/sdk';
        import { downloadFile, uploadFile } from '@vobridge/sdk/node';
        const [base, work] = process.argv.slice(1);
        const store = new CredentialStore();
        store.set(new URL(base).origin, bearerCredential(process.env.TOKEN));
        const vos = new VoSpaceClient({ baseUrl: base + '/vospace', fetch: createAuthFetch({ store }) });
        const up = await uploadFile(vos, 'alice/tls-up.bin', work + '/up.bin');
        const down = await downloadFile(vos, 'alice/tls-up.bin', work + '/down.bin');
        console.log(JSON.stringify({ up: up.md5, down: down.md5 }));`;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', script, platform.url, work],
        { env: { ...process.env, NODE_EXTRA_CA_CERTS: platform.caPath as string, TOKEN: login.text } },
      );
      const md5 = (await import('node:crypto')).createHash('md5').update(content).digest('hex');
      expect(JSON.parse(stdout)).toEqual({ up: md5, down: md5 });
      // Buffer.equals: jest's toEqual walks 3 MiB byte by byte for seconds.
      expect((await readFile(join(work, 'down.bin'))).equals(content)).toBe(true);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
