import express from 'express';
import {
  AuthenticationError,
  CredentialStore,
  OAuthError,
  createAuthFetch,
  oidcCredential,
  type OidcMetadata,
} from '../../src/index.js';
import { start, type Running } from './support/servers.js';

/** A token endpoint (refresh_token grant) and a protected resource that accepts its current tokens. */
async function tokenServer(): Promise<
  Running & { refreshCalls: () => number; tokenRequests: () => number; revokeAll: () => void }
> {
  let calls = 0;
  let requests = 0;
  let counter = 0;
  const valid = new Set<string>(['initial']);
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/token', async (req, res) => {
    requests++;
    const body = req.body as Record<string, string>;
    if (body.grant_type !== 'refresh_token' || body.client_id !== 'cli' || !body.refresh_token?.startsWith('rt-')) {
      return void res.status(400).json({ error: 'invalid_grant' });
    }
    calls++;
    // Slow enough that all concurrent requests are waiting on this one refresh.
    await new Promise((r) => setTimeout(r, 100));
    const token = `at-${++counter}`;
    valid.add(token);
    res.json({ access_token: token, token_type: 'Bearer', expires_in: 3600, refresh_token: `rt-${counter}` });
  });
  app.get('/resource', (req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !valid.has(token))
      return void res.status(401).set('www-authenticate', 'Bearer error="invalid_token"').send('no');
    res.send(token);
  });
  const running = await start(app);
  return Object.assign(running, {
    refreshCalls: () => calls,
    tokenRequests: () => requests,
    revokeAll: () => valid.clear(),
  });
}

describe('refresh', () => {
  let server: Awaited<ReturnType<typeof tokenServer>>;
  let metadata: OidcMetadata;
  beforeAll(async () => {
    server = await tokenServer();
    metadata = { issuer: server.origin, token_endpoint: `${server.origin}/token` };
  });
  afterAll(() => server.close());

  it("does not refresh a token the issuer gives short lives, early in its life (the broker's rule too)", async () => {
    const before = server.refreshCalls();
    const store = new CredentialStore();
    // 10 s tokens: asking for another now would only return another 10 s token.
    store.set(
      server.origin,
      oidcCredential(
        { access_token: 'initial', token_type: 'Bearer', expires_in: 10, refresh_token: 'rt-short' },
        { metadata, clientId: 'cli' },
      ),
    );
    const response = await createAuthFetch({ store })(`${server.origin}/resource`);
    expect(await response.text()).toBe('initial');
    expect(server.refreshCalls() - before).toBe(0);
  });

  it('100 concurrent requests around expiry cause exactly one refresh', async () => {
    const before = server.refreshCalls();
    const store = new CredentialStore();
    // An hour-long token with 10 s left, inside the 60 s refresh window.
    const initial = oidcCredential(
      { access_token: 'initial', token_type: 'Bearer', expires_in: 10, refresh_token: 'rt-0' },
      { metadata, clientId: 'cli' },
    );
    initial.issuedAt = Date.now() - 3_590_000;
    store.set(server.origin, initial);
    const authFetch = createAuthFetch({ store });
    const responses = await Promise.all(Array.from({ length: 100 }, () => authFetch(`${server.origin}/resource`)));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(server.refreshCalls() - before).toBe(1);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toMatch(/^at-\d+$/);
    expect(store.get(server.origin)?.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('on 401 refreshes once and retries, then fails with AuthenticationError', async () => {
    const store = new CredentialStore();
    store.set(
      server.origin,
      oidcCredential(
        { access_token: 'initial', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-9' },
        { metadata, clientId: 'cli' },
      ),
    );
    const authFetch = createAuthFetch({ store });
    server.revokeAll();
    const before = server.refreshCalls();
    // The refreshed token is valid again: one refresh, one retry, success.
    expect((await authFetch(`${server.origin}/resource`)).status).toBe(200);
    expect(server.refreshCalls() - before).toBe(1);

    // A token server that refuses refreshes: the 401 becomes a typed error.
    const dead = new CredentialStore();
    dead.set(
      server.origin,
      oidcCredential(
        { access_token: 'revoked', token_type: 'Bearer', expires_in: 3600, refresh_token: 'bad' },
        { metadata, clientId: 'cli' },
      ),
    );
    const error = await createAuthFetch({ store: dead })(`${server.origin}/resource`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).cause).toMatchObject({ code: 'ERR_OAUTH', error: 'invalid_grant' });

    // ...unless the caller can log in again: onUnauthorized gets the fresh challenges.
    const seenChallenges: string[] = [];
    const relogin = createAuthFetch({
      store: dead,
      onUnauthorized: async ({ challenges }) => {
        seenChallenges.push(...challenges.map((c) => c.scheme));
        return oidcCredential(
          { access_token: 'unused', token_type: 'Bearer', refresh_token: 'rt-7' },
          { metadata, clientId: 'cli' },
        ).refresh?.();
      },
    });
    expect((await relogin(`${server.origin}/resource`)).status).toBe(200);
    expect(seenChallenges).toEqual(['bearer']);
  });

  it('works as openapi-fetch middleware', async () => {
    const { default: createClient } = await import('openapi-fetch');
    const store = new CredentialStore();
    store.set(
      server.origin,
      oidcCredential(
        { access_token: 'x', token_type: 'Bearer', expires_in: 1, refresh_token: 'rt-5' },
        { metadata, clientId: 'cli' },
      ),
    );
    const client = createClient<Record<string, never>>({ baseUrl: server.origin });
    client.use(createAuthFetch({ store }).middleware);
    const { response } = await (
      client as unknown as { GET: (p: string, o: object) => Promise<{ response: Response }> }
    ).GET('/resource', {
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
  });

  it('remembers a refresh token the server refused (invalid_grant): later requests fail at once, without asking again', async () => {
    const store = new CredentialStore();
    store.set(
      server.origin,
      oidcCredential(
        { access_token: 'dead', token_type: 'Bearer', expires_in: 1, refresh_token: 'revoked' },
        { metadata, clientId: 'cli' },
      ),
    );
    await new Promise((r) => setTimeout(r, 1100));
    const authFetch = createAuthFetch({ store });
    const before = server.tokenRequests();
    for (let i = 0; i < 3; i++) {
      const error = await authFetch(`${server.origin}/resource`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OAuthError);
      expect((error as OAuthError).error).toBe('invalid_grant');
    }
    expect(server.tokenRequests() - before).toBe(1);
  });

  it('raises AuthenticationError when no credential can help', async () => {
    const error = await createAuthFetch({ store: new CredentialStore() })(`${server.origin}/resource`).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).challenges[0]?.params.error).toBe('invalid_token');
  });
});
