import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileAdapterFactory, REFRESH_REUSE_GRACE_SECONDS } from '../src/identity/oidc-adapter.js';

// The reuse grace of rotated refresh tokens, on the real file adapter; only the clock is moved (Date.now).
describe('the OIDC file adapter', () => {
  let dir: string | undefined;
  afterEach(async () => {
    jest.restoreAllMocks();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function spentToken(model: string) {
    dir = await mkdtemp(join(tmpdir(), 'oidc-adapter-'));
    const adapter = fileAdapterFactory(dir)(model);
    await adapter.upsert('t1', { grantId: 'g1', kind: model }, 3600);
    await adapter.consume('t1');
    return adapter;
  }

  it('reads a refresh token spent within the grace period as unspent, and one spent before it as spent', async () => {
    const start = Date.now();
    const adapter = await spentToken('RefreshToken');
    expect((await adapter.find('t1'))?.consumed).toBeUndefined();

    // A second spending inside the grace period must not restart it.
    jest.spyOn(Date, 'now').mockReturnValue(start + (REFRESH_REUSE_GRACE_SECONDS - 5) * 1000);
    await adapter.consume('t1');
    jest.spyOn(Date, 'now').mockReturnValue(start + (REFRESH_REUSE_GRACE_SECONDS + 2) * 1000);
    expect((await adapter.find('t1'))?.consumed).toEqual(expect.any(Number));
  });

  it('gives no grace to other models (authorization codes, device codes)', async () => {
    const adapter = await spentToken('AuthorizationCode');
    expect((await adapter.find('t1'))?.consumed).toEqual(expect.any(Number));
  });

  it('forgets a revoked grant at once, grace or not', async () => {
    const adapter = await spentToken('RefreshToken');
    await adapter.revokeByGrantId?.('g1');
    expect(await adapter.find('t1')).toBeUndefined();
  });
});
