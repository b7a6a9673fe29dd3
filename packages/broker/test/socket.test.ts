import { request } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startBroker } from '../src/index.js';
import { tempDir } from './helpers.js';

function overSocket(
  socketPath: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('unix socket mode', () => {
  it('listens on a 0600 socket, with the same secret and browser checks, and removes it on close', async () => {
    const dir = await tempDir('socket');
    const socketPath = join(dir, 'broker.sock');
    const b = await startBroker({ socketPath, runtimeFile: join(dir, 'vobridge-broker.json') });
    try {
      expect(b.url).toBe(`http+unix://${encodeURIComponent(socketPath)}`);
      expect(b.port).toBeUndefined();
      expect((await stat(socketPath)).mode & 0o777).toBe(0o600);
      const info = JSON.parse(await readFile(join(dir, 'vobridge-broker.json'), 'utf8')) as { socket: string };
      expect(info.socket).toBe(socketPath);
      const auth = { authorization: `Bearer ${b.secret}`, host: 'localhost' };
      expect((await overSocket(socketPath, '/healthz', auth)).status).toBe(200);
      expect((await overSocket(socketPath, '/healthz', { host: 'localhost' })).status).toBe(401);
      expect((await overSocket(socketPath, '/healthz', { ...auth, origin: 'http://evil.example' })).status).toBe(403);
      expect((await overSocket(socketPath, '/healthz', { ...auth, host: 'evil.example' })).status).toBe(403);
    } finally {
      await b.close();
    }
    await expect(stat(socketPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
