import { describe, expect, it } from '@jest/globals';
import type { BrokerEvent } from '../src/index.js';
import { ALICE, broker, call, loginAlice, platform, until } from './helpers.js';

describe('log hygiene', () => {
  it('never logs a token, the password or the secret, through logins, refreshes, failures and logout', async () => {
    const p = await platform({ accessTokenTtlSeconds: 3 });
    const lines: string[] = [];
    const b = await broker({ log: (line) => lines.push(line) });
    const tokens = new Set<string>();
    try {
      const login = await loginAlice(b, p.url);
      const take = async (): Promise<void> => {
        const reply = await call(b, `/v1/token?url=${encodeURIComponent(`${p.url}/x?token=leak`)}&min_valid=0`);
        tokens.add(reply.json<{ token: string }>().token);
      };
      await take();
      await until<BrokerEvent>(
        b.subscribe,
        (e) => e.type === 'login' && e.id === login.id && e.login?.state === 'active',
      );
      await take();
      await call(b, '/v1/logins', {
        method: 'POST',
        body: { url: p.url, method: 'password', username: 'alice', password: 'wrong-password-123' },
      });
      await call(b, '/v1/logins', {
        method: 'POST',
        body: { url: p.url, method: 'token', token: 'static-token-value-xyz' },
      });
      await call(b, `/v1/logins/${String(login.id)}`, { method: 'DELETE' });
    } finally {
      await b.close();
      await p.close();
    }
    expect(tokens.size).toBeGreaterThanOrEqual(2);
    expect(lines.length).toBeGreaterThan(5);
    const text = lines.join('\n');
    for (const token of tokens) expect(text).not.toContain(token);
    for (const secret of [b.secret, ALICE.password, 'wrong-password-123', 'static-token-value-xyz', 'token=leak'])
      expect(text).not.toContain(secret);
    expect(text).toContain('GET /v1/token 200');
  });
});
