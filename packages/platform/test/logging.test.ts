import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createLogger } from '../src/index.js';
import { startTestPlatform, type TestPlatform } from './support/platform.js';

const lines: string[] = [];
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({ logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) });
});
afterAll(async () => {
  await platform.dispose();
});

describe('structured logs', () => {
  it('are JSON lines that never contain a password or token', async () => {
    const token = await platform.login('alice');
    await fetch(`${platform.url}/ac/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'bob', password: 'Wrong-Secret-Pw' }),
    });
    await fetch(`${platform.url}/ac/whoami`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${platform.url}/ac/whoami?access_token=${token}`);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry.msg).toBe('string');
      expect(line).not.toContain(token);
      expect(line).not.toContain('alice-demo-password');
      expect(line).not.toContain('Wrong-Secret-Pw');
    }
  });

  it('redact secret-looking fields whatever their nesting', () => {
    const out: string[] = [];
    createLogger({ write: (line) => out.push(line) }).info('x', {
      request: { headers: { authorization: 'Bearer abc' } },
      password: 'p',
      nested: [{ refresh_token: 'r' }],
    });
    expect(out[0]).not.toMatch(/abc|"p"|"r"/);
    expect(out[0]).toContain('[redacted]');
  });
});
