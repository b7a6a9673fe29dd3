// Faults of the OIDC token endpoint, and the platform SIGKILLed in the middle
// of a refresh, seen by the broker and by the SDK's authFetch. The platform is
// its real bin (child process) behind a real HTTP proxy (support/fault-proxy.ts)
// that its public URL points at, so discovery, the device login and every
// refresh travel through the proxy as real traffic; only `POST …/token`
// misbehaves, and only when a test says so. Nothing is mocked. Logins are OIDC
// device logins (they have refresh tokens), approved by the test through the
// platform's own device pages. Nothing asserts on time: a hang is caught by a
// 60 s safety bound, far above the broker's 15 s and the SDK's 3 s limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createDecipheriv } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { startBroker, type Broker, type BrokerEvent } from '@vobridge/broker';
import { approveDeviceCode } from '@vobridge/platform/testing';
import {
  CredentialStore,
  HttpError,
  NetworkError,
  OAuthError,
  ProtocolError,
  TimeoutError,
  VobridgeError,
  createAuthFetch,
  discoverOidc,
  loginWithDeviceCode,
  oidcCredential,
  type OidcMetadata,
} from '@vobridge/sdk';
import { TEST_TIMEOUT_MS } from './support/budget.js';
import { send, type RawReply } from './support/http.js';
import { ALICE } from './support/platform-session.js';
import { removeDir, tempDir } from './support/processes.js';
import { startProxiedPlatform, type ProxiedPlatform } from './support/proxied-platform.js';

/** Access token lifetime: longer than the broker's 15 s limit, so a token outlives one hung renewal. */
const TTL = 30;
/** Safety bound on any single answer: a hang, not slowness, fails it. */
const HANG_MS = 60_000;

type TokenReply = { token: string; expires_at: number; login_id: string };
type ErrorReply = { error: string; message: string; login_id?: string };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until a token that expires at `expiresAt` (epoch seconds) is dead. */
const outlive = (expiresAt: number): Promise<void> => sleep(Math.max(0, expiresAt * 1000 - Date.now() + 1000));

let work: string;
let platform: ProxiedPlatform;

beforeAll(async () => {
  work = await tempDir('refresh-faults');
  platform = await startProxiedPlatform({ dataDir: join(work, 'platform'), tokenTtlSeconds: TTL });
}, 60_000);

// Each test starts with a healthy endpoint, whatever the one before left armed.
beforeEach(() => platform.proxy.release());

afterAll(async () => {
  await platform?.close();
  if (work) await removeDir(work);
});

async function whoami(token: string): Promise<number> {
  return (
    await send(platform.url, { method: 'GET', path: '/ac/whoami', headers: { authorization: `Bearer ${token}` } })
  ).status;
}

/** Revokes a refresh token at the platform (RFC 7009), as a user or an admin logging a device out does. */
async function revoke(refreshToken: string, at: ProxiedPlatform = platform): Promise<void> {
  const metadata = (await discoverOidc(at.url)) as OidcMetadata & { revocation_endpoint?: string };
  const endpoint = new URL(metadata.revocation_endpoint ?? '');
  const reply = await send(endpoint.origin, {
    method: 'POST',
    path: endpoint.pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: refreshToken,
      token_type_hint: 'refresh_token',
      client_id: 'vobridge',
    }).toString(),
  });
  expect(reply.status).toBe(200);
}

describe('the broker with a failing token endpoint', () => {
  let broker: Broker;
  let persist: string;
  let loginId: string;
  const events: BrokerEvent[] = [];

  const ask = (minValid: number): Promise<RawReply> =>
    send(
      broker.url,
      {
        method: 'GET',
        path: `/v1/token?url=${encodeURIComponent(`${platform.url}/vospace/nodes/alice`)}&min_valid=${minValid}`,
        headers: { authorization: `Bearer ${broker.secret}` },
      },
      HANG_MS,
    );
  const token = async (minValid: number): Promise<TokenReply> => {
    const reply = await ask(minValid);
    expect(reply.status).toBe(200);
    return JSON.parse(reply.body) as TokenReply;
  };
  /** A renewal asked for now: more validity than a token older than a second has left, less than the lifetime. */
  const renewing = async (): Promise<RawReply> => {
    await sleep(1500);
    return ask(TTL - 1);
  };
  /** A freshly renewed token, with the endpoint healthy. */
  const fresh = async (): Promise<TokenReply> => {
    const reply = await renewing();
    expect(reply.status).toBe(200);
    return JSON.parse(reply.body) as TokenReply;
  };
  const logins = async (): Promise<{ id: string; state: string; refreshable: boolean }[]> =>
    JSON.parse(
      (
        await send(broker.url, {
          method: 'GET',
          path: '/v1/logins',
          headers: { authorization: `Bearer ${broker.secret}` },
        })
      ).body,
    ) as { id: string; state: string; refreshable: boolean }[];
  /** The login is still there, the only one, and can still renew itself. */
  const loginKept = async (): Promise<void> => {
    expect((await logins()).map((l) => [l.id, l.refreshable])).toEqual([[loginId, true]]);
  };

  /** A device login through the broker, approved on the platform's pages; it replaces alice's previous one. */
  const logIn = async (): Promise<void> => {
    const started = await send(broker.url, {
      method: 'POST',
      path: '/v1/logins',
      headers: { authorization: `Bearer ${broker.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: platform.url, method: 'device' }),
    });
    expect(started.status).toBe(202);
    const pending = JSON.parse(started.body) as { id: string; verification_uri_complete: string };
    loginId = pending.id;
    await approveDeviceCode(pending.verification_uri_complete, ALICE);
    for (let i = 0; i < 60 && (await logins())[0]?.state !== 'active'; i += 1) await sleep(500);
    await loginKept();
  };

  beforeAll(async () => {
    persist = join(work, 'broker-state');
    broker = await startBroker({
      runtimeFile: false,
      persist: { dir: persist },
      rateLimit: { perSecond: 1000, burst: 1000 },
    });
    broker.subscribe((event) => events.push(event));
    await logIn();
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await broker?.close();
  });

  it(
    'a hanging token endpoint: the still-valid token is served once the renewal gives up, and the next call after it heals renews without a new login',
    async () => {
      const held = await fresh();
      platform.proxy.fault = 'hold';
      const before = platform.proxy.refreshRequests;
      const during = await renewing();
      expect(platform.proxy.refreshRequests).toBeGreaterThan(before);
      expect(during.status).toBe(200);
      expect(JSON.parse(during.body)).toMatchObject({ token: held.token, login_id: loginId });
      await loginKept();

      platform.proxy.release();
      const after = await fresh();
      expect(after.token).not.toBe(held.token);
      expect(after.login_id).toBe(loginId);
      expect(await whoami(after.token)).toBe(200);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    '5xx, reset and garbage: the valid token is kept; once it is dead each is a typed 502 naming the login, never login_required; recovery after',
    async () => {
      const held = await fresh();
      for (const fault of ['unavailable', 'reset', 'garbage'] as const) {
        platform.proxy.fault = fault;
        const during = await renewing();
        expect(during.status).toBe(200);
        expect((JSON.parse(during.body) as TokenReply).token).toBe(held.token);
      }
      await loginKept();

      await outlive(held.expires_at);
      for (const fault of ['unavailable', 'reset', 'garbage', 'hold'] as const) {
        platform.proxy.fault = fault;
        const dead = await ask(0);
        expect([dead.status, fault]).toEqual([502, fault]);
        const body = JSON.parse(dead.body) as ErrorReply;
        expect(body).toMatchObject({ error: 'platform_unreachable', login_id: loginId });
        expect(body.message).not.toBe('');
        expect(dead.body).not.toContain(held.token);
        expect((await logins()).map((l) => l.id)).toEqual([loginId]);
      }

      platform.proxy.release();
      const back = await token(0);
      expect(back.login_id).toBe(loginId);
      expect(back.token).not.toBe(held.token);
      expect(await whoami(back.token)).toBe(200);
      await loginKept();
    },
    TEST_TIMEOUT_MS * 2,
  );

  it(
    'single-flight under a slow refresh: many concurrent callers cause one refresh request at the wire',
    async () => {
      const held = await fresh();
      platform.proxy.fault = 'hold';
      const before = platform.proxy.refreshRequests;
      await sleep(1500);
      const replies = Promise.all(Array.from({ length: 25 }, () => ask(TTL - 1)));
      await platform.proxy.whenHeld();
      // Let every caller reach the broker while the one renewal is held.
      await sleep(2000);
      platform.proxy.release();
      const answers = await replies;
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      const tokens = new Set(answers.map((a) => (JSON.parse(a.body) as TokenReply).token));
      expect(tokens.size).toBe(1);
      expect(tokens.has(held.token)).toBe(false);
      expect(platform.proxy.refreshRequests - before).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the platform SIGKILLed mid-refresh: the valid token is served, the persisted state is whole and private, and the login refreshes once the platform is back',
    async () => {
      const held = await fresh();
      platform.proxy.fault = 'hold';
      const pending = renewing();
      await platform.proxy.whenHeld();
      await platform.kill();
      // The connection carrying the refresh dies with the platform.
      platform.proxy.dropHeld();
      const during = await pending;
      expect(during.status).toBe(200);
      expect((JSON.parse(during.body) as TokenReply).token).toBe(held.token);
      await loginKept();

      const files = await readdir(persist);
      expect(files.sort()).toEqual(['broker-logins.enc', 'broker-logins.key']);
      for (const file of files) expect((await stat(join(persist, file))).mode & 0o777).toBe(0o600);
      expect((await storedLogins(persist)).map((l) => l.id)).toEqual([loginId]);

      await platform.restart();
      platform.proxy.release();
      const after = await fresh();
      expect(after.login_id).toBe(loginId);
      expect(after.token).not.toBe(held.token);
      expect(await whoami(after.token)).toBe(200);
      expect((await storedLogins(persist)).map((l) => l.id)).toEqual([loginId]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a revoked refresh token (invalid_grant): one refresh request, then login_required (424), not retried; the valid token is served until it dies',
    async () => {
      const held = await fresh();
      const refreshToken = platform.proxy.lastRefreshToken;
      expect(refreshToken).toBeDefined();
      await revoke(refreshToken as string);
      const before = platform.proxy.refreshRequests;
      const during = await renewing();
      expect(during.status).toBe(200);
      expect((JSON.parse(during.body) as TokenReply).token).toBe(held.token);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'refresh_failed', id: loginId, error: 'login_required' }),
      );
      expect((await logins()).map((l) => [l.id, l.refreshable])).toEqual([[loginId, false]]);
      for (let i = 0; i < 3; i += 1) expect((await renewing()).status).toBe(200);
      expect(platform.proxy.refreshRequests - before).toBe(1);

      await outlive(held.expires_at);
      const dead = await ask(0);
      expect(dead.status).toBe(424);
      expect(JSON.parse(dead.body)).toMatchObject({ error: 'login_required', login_id: loginId });
      expect(dead.body).not.toContain(held.token);
      expect(platform.proxy.refreshRequests - before).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "an answer later than the time limit, for a refresh the platform did grant: the valid token is served, and the login renews with the spent refresh token (the platform's reuse grace)",
    async () => {
      // The login before ended with its revoked refresh token.
      await logIn();
      const held = await fresh();
      platform.proxy.fault = 'late';
      const during = await renewing();
      expect(during.status).toBe(200);
      expect((JSON.parse(during.body) as TokenReply).token).toBe(held.token);
      platform.proxy.release();
      const after = await renewing();
      expect(after.status).toBe(200);
      // The platform rotated the refresh token but its answer was lost: the
      // broker retries with the spent one, which the platform honours within
      // its reuse grace, so the login survives (SECURITY.md).
      const [login] = await logins();
      expect(login?.refreshable).toBe(true);
      expect((JSON.parse(after.body) as TokenReply).token).not.toBe(held.token);
      expect(events).not.toContainEqual(
        expect.objectContaining({ type: 'refresh_failed', id: loginId, error: 'login_required' }),
      );
    },
    TEST_TIMEOUT_MS,
  );
});

/** The broker's login store, decrypted as the broker does (AES-256-GCM, key in its own file). */
async function storedLogins(dir: string): Promise<{ id: string }[]> {
  const envelope = JSON.parse(await readFile(join(dir, 'broker-logins.enc'), 'utf8')) as {
    iv: string;
    tag: string;
    data: string;
  };
  const key = Buffer.from((await readFile(join(dir, 'broker-logins.key'), 'utf8')).trim(), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as { id: string }[];
}

describe('the SDK authFetch with a failing token endpoint', () => {
  /** Its own platform, with tokens shorter-lived than the broker's: the SDK's refresh limit is set here (3 s). */
  let sdkPlatform: ProxiedPlatform;
  let store: CredentialStore;
  let url: string;
  const SDK_TTL = 8;
  const client = { clientId: 'vobridge', timeoutMs: 3000 };
  /** Refreshes a credential with less than 2 s left. */
  let authFetch: ReturnType<typeof createAuthFetch>;
  /**
   * Refreshes on every request once a token is a second old, to renew while it is still valid: it
   * wants more validity than is left after the first second of the token's 8 (the SDK's one rule,
   * `freshEnough`, would count a token fresh for its first 75% if it asked for more than the 8 s
   * tokens ever have).
   */
  let eager: ReturnType<typeof createAuthFetch>;
  const EAGER_FRESH_MS = 1000;
  /** Waits until `eager` counts the current token due, however recently it was renewed. */
  const dueForEager = (): Promise<void> => sleep(EAGER_FRESH_MS + 250);
  const whoamiStatus = async (via: typeof authFetch): Promise<number> => {
    const reply = await via(`${url}/ac/whoami`);
    await reply.arrayBuffer();
    return reply.status;
  };
  /** The error `call` rejects with, or a failure when it neither rejects nor settles within the hang bound. */
  const failure = async (call: Promise<unknown>): Promise<unknown> => {
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<Error>((resolve) => {
      timer = setTimeout(() => resolve(new Error(`no answer within ${HANG_MS} ms`)), HANG_MS);
    });
    const settled = call.then(
      () => new Error('resolved, but a rejection was expected'),
      (error: unknown) => error,
    );
    try {
      return await Promise.race([settled, hang]);
    } finally {
      clearTimeout(timer);
    }
  };
  const current = (): { expiresAt?: number } | undefined => store.get(url);
  const outliveCurrent = (): Promise<void> => outlive((current()?.expiresAt ?? 0) / 1000);

  beforeAll(async () => {
    sdkPlatform = await startProxiedPlatform({ dataDir: join(work, 'sdk-platform'), tokenTtlSeconds: SDK_TTL });
    url = sdkPlatform.url;
    const metadata = await discoverOidc(url);
    let approval: Promise<void> = Promise.resolve();
    const tokens = await loginWithDeviceCode({
      metadata,
      ...client,
      scope: 'openid offline_access',
      onVerification: (v) => {
        approval = approveDeviceCode(v.verificationUriComplete ?? v.verificationUri, ALICE);
      },
    });
    await approval;
    store = new CredentialStore();
    store.set(url, oidcCredential(tokens, { metadata, ...client }));
    authFetch = createAuthFetch({ store, refreshSkewMs: 2000 });
    eager = createAuthFetch({ store, refreshSkewMs: SDK_TTL * 1000 - EAGER_FRESH_MS });
    expect(await whoamiStatus(authFetch)).toBe(200);
  }, TEST_TIMEOUT_MS);

  beforeEach(() => sdkPlatform.proxy.release());

  afterAll(async () => {
    await sdkPlatform?.close();
  });

  it(
    'with a valid token, a hanging, failing or garbled refresh keeps the old credential in use',
    async () => {
      await dueForEager();
      expect(await whoamiStatus(eager)).toBe(200);
      await dueForEager();
      const held = current();
      for (const fault of ['hold', 'unavailable', 'reset', 'garbage'] as const) {
        sdkPlatform.proxy.fault = fault;
        const before = sdkPlatform.proxy.refreshRequests;
        expect([await whoamiStatus(eager), fault]).toEqual([200, fault]);
        expect(sdkPlatform.proxy.refreshRequests - before).toBe(1);
        expect(current()).toBe(held);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'with a dead token, each fault is a typed error (never a hang), the credential is kept, and the next request after healing refreshes it',
    async () => {
      await outliveCurrent();
      const held = current();
      const expected = {
        hold: TimeoutError,
        unavailable: HttpError,
        reset: NetworkError,
        garbage: ProtocolError,
      } as const;
      for (const fault of ['hold', 'unavailable', 'reset', 'garbage'] as const) {
        sdkPlatform.proxy.fault = fault;
        const error = await failure(authFetch(`${url}/ac/whoami`));
        expect(error).toBeInstanceOf(VobridgeError);
        expect([fault, error]).toEqual([fault, expect.any(expected[fault])]);
        expect(current()).toBe(held);
      }

      sdkPlatform.proxy.release();
      const before = sdkPlatform.proxy.refreshRequests;
      expect(await whoamiStatus(authFetch)).toBe(200);
      expect(sdkPlatform.proxy.refreshRequests - before).toBe(1);
      expect(current()).not.toBe(held);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'single-flight under a slow refresh: concurrent requests cause one refresh request at the wire',
    async () => {
      await dueForEager();
      const held = current();
      sdkPlatform.proxy.fault = 'hold';
      const before = sdkPlatform.proxy.refreshRequests;
      const replies = Promise.all(Array.from({ length: 25 }, () => whoamiStatus(eager)));
      await sdkPlatform.proxy.whenHeld();
      // Let every request pick up the credential while its one refresh is held.
      await sleep(1000);
      sdkPlatform.proxy.release();
      expect(await replies).toEqual(Array.from({ length: 25 }, () => 200));
      expect(sdkPlatform.proxy.refreshRequests - before).toBe(1);
      expect(current()).not.toBe(held);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a revoked refresh token: OAuthError invalid_grant, one refresh request in all (remembered, no retry loop), the credential left for a new login to replace',
    async () => {
      await dueForEager();
      expect(await whoamiStatus(eager)).toBe(200);
      await revoke(sdkPlatform.proxy.lastRefreshToken as string, sdkPlatform);
      await outliveCurrent();
      const before = sdkPlatform.proxy.refreshRequests;
      for (let i = 0; i < 3; i++) {
        const error = await failure(authFetch(`${url}/ac/whoami`));
        expect(error).toBeInstanceOf(OAuthError);
        expect((error as OAuthError).error).toBe('invalid_grant');
      }
      expect(sdkPlatform.proxy.refreshRequests - before).toBe(1);
    },
    TEST_TIMEOUT_MS,
  );
});
