import { readFileSync } from 'node:fs';
import { RENEW_AT_FRACTION, freshEnough, refusedForGood, renewalDueAt, OAuthError } from '../../src/index.js';

// Shared test vectors: the kernel bridge's cache is held to the same table (tests/test_freshness.py).
const { vectors } = JSON.parse(
  readFileSync(new URL('../fixtures/freshness-vectors.json', import.meta.url), 'utf8'),
) as {
  vectors: {
    why: string;
    issued_at: number;
    expires_at: number | null;
    min_valid: number;
    now: number;
    fresh: boolean;
  }[];
};

describe('the renewal rule', () => {
  it.each(vectors.map((v) => [v.why, v] as const))('%s', (_why, v) => {
    const token = {
      issuedAt: v.issued_at * 1000,
      ...(v.expires_at === null ? {} : { expiresAt: v.expires_at * 1000 }),
    };
    expect(freshEnough(token, v.min_valid * 1000, v.now * 1000)).toBe(v.fresh);
  });

  it('renews proactively at 75 % of the lifetime', () => {
    expect(RENEW_AT_FRACTION).toBe(0.75);
    expect(renewalDueAt({ issuedAt: 1000, expiresAt: 5000 })).toBe(4000);
    expect(renewalDueAt({})).toBeUndefined();
  });

  it('takes only invalid_grant as refused for good', () => {
    expect(refusedForGood(new OAuthError('invalid_grant'))).toBe(true);
    expect(refusedForGood(new OAuthError('temporarily_unavailable'))).toBe(false);
    expect(refusedForGood(new Error('socket hang up'))).toBe(false);
  });
});
