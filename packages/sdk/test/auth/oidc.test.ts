import express from 'express';
import {
  CredentialStore,
  CookieJar,
  OAuthError,
  ProtocolError,
  createAuthFetch,
  discoverOidc,
  finishAuthorizationCode,
  loginWithDeviceCode,
  oidcCredential,
  refreshTokens,
  startAuthorizationCode,
  type DeviceVerification,
  type OidcMetadata,
} from '../../src/index.js';
import { start, type Running } from './support/servers.js';
import { CLIENT_ID, REDIRECT_URI, approveDevice, browse, oidcServer } from './support/oidc.js';

describe('OIDC logins against node-oidc-provider', () => {
  // node-oidc-provider prints configuration notices on console.info; keep test output readable.
  const info = console.info;
  beforeAll(() => {
    console.info = () => undefined;
  });
  afterAll(() => {
    console.info = info;
  });
  let op: Awaited<ReturnType<typeof oidcServer>>;
  let metadata: OidcMetadata;
  beforeAll(async () => {
    op = await oidcServer();
    metadata = await discoverOidc(op.issuer);
  });
  afterAll(() => op.close());

  it('discovers the provider metadata, also from a URL below the issuer', async () => {
    expect(metadata.issuer).toBe(op.issuer);
    expect(metadata.device_authorization_endpoint).toBe(`${op.issuer}/device/auth`);
    expect((await discoverOidc(`${op.issuer}/auth`)).token_endpoint).toBe(metadata.token_endpoint);
  });

  it('runs the device flow with the user approving programmatically, then refreshes', async () => {
    let shown: DeviceVerification | undefined;
    let approval: Promise<string> | undefined;
    const tokens = await loginWithDeviceCode({
      metadata,
      clientId: CLIENT_ID,
      scope: 'openid offline_access',
      defaultIntervalMs: 50,
      onVerification: (v) => {
        shown = v;
        approval = approveDevice(v.verificationUriComplete ?? `${v.verificationUri}?user_code=${v.userCode}`);
      },
    });
    expect(shown?.userCode).toMatch(/\S/);
    expect(await approval).toMatch(/Sign-in Success|success/i);
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();

    const refreshed = await refreshTokens({ metadata, clientId: CLIENT_ID, refreshToken: tokens.refresh_token ?? '' });
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    // The provider rotates refresh tokens: the credential must follow the rotation.
    const credential = oidcCredential(refreshed, { metadata, clientId: CLIENT_ID });
    expect(credential.expiresAt).toBeGreaterThan(Date.now());
    const next = await credential.refresh?.();
    const after = await next?.refresh?.();
    expect(after?.type).toBe('bearer');
  });

  it('reports a declined device login as OAuthError access_denied', async () => {
    const error = await loginWithDeviceCode({
      metadata,
      clientId: CLIENT_ID,
      scope: 'openid',
      defaultIntervalMs: 50,
      onVerification: async (v) => {
        // The user presses "cancel" on the confirmation page.
        const jar = new CookieJar();
        const page = await browse(jar, v.verificationUriComplete ?? '');
        const { formOf } = await import('./support/oidc.js');
        const auto = formOf(page.html, page.url);
        await browse(jar, auto.action, { method: 'POST', form: { ...auto.fields, abort: 'yes' } });
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).error).toBe('access_denied');
  });

  it('runs authorization code + PKCE through the authorization endpoint', async () => {
    const request = await startAuthorizationCode({
      metadata,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: 'openid offline_access',
      extraParams: { prompt: 'consent' },
    });
    const url = new URL(request.url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).not.toBe(request.codeVerifier);
    expect(request.url).not.toContain(request.codeVerifier);

    const landed = await browse(new CookieJar(), request.url);
    const tokens = await finishAuthorizationCode({ metadata, clientId: CLIENT_ID, request, callbackUrl: landed.url });
    expect(tokens.access_token).toBeTruthy();

    // The same code cannot be replayed, and a forged state is refused before any request.
    await expect(
      finishAuthorizationCode({ metadata, clientId: CLIENT_ID, request, callbackUrl: landed.url }),
    ).rejects.toBeInstanceOf(OAuthError);
    const forged = landed.url.replace(/state=[^&]+/, 'state=forged');
    await expect(
      finishAuthorizationCode({ metadata, clientId: CLIENT_ID, request, callbackUrl: forged }),
    ).rejects.toBeInstanceOf(ProtocolError);
  });

  it('uses the OIDC token through authFetch against the provider userinfo endpoint', async () => {
    const request = await startAuthorizationCode({
      metadata,
      clientId: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      scope: 'openid',
    });
    const landed = await browse(new CookieJar(), request.url);
    const tokens = await finishAuthorizationCode({ metadata, clientId: CLIENT_ID, request, callbackUrl: landed.url });
    const store = new CredentialStore();
    store.set(op.origin, oidcCredential(tokens, { metadata, clientId: CLIENT_ID }));
    const response = await createAuthFetch({ store })(String(metadata.userinfo_endpoint));
    expect(await response.json()).toMatchObject({ sub: 'alice' });
  });
});

describe('device flow polling', () => {
  let server: Running;
  let polls: string[] = [];
  beforeAll(async () => {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/device', (_req, res) => {
      res.json({
        device_code: 'dc',
        user_code: 'ABCD-EFGH',
        verification_uri: 'https://example.org/device',
        expires_in: 60,
        interval: 0,
      });
    });
    app.post('/token', (_req, res) => {
      polls.push('poll');
      if (polls.length === 1) return void res.status(400).json({ error: 'authorization_pending' });
      if (polls.length === 2) return void res.status(400).json({ error: 'slow_down' });
      res.json({ access_token: 'at', token_type: 'Bearer', expires_in: 60 });
    });
    server = await start(app);
  });
  afterAll(() => server.close());

  it('waits on authorization_pending and slows down on slow_down', async () => {
    polls = [];
    const tokens = await loginWithDeviceCode({
      metadata: {
        issuer: server.origin,
        token_endpoint: `${server.origin}/token`,
        device_authorization_endpoint: `${server.origin}/device`,
      },
      clientId: 'c',
      onVerification: () => undefined,
    });
    expect(tokens.access_token).toBe('at');
    expect(polls).toHaveLength(3);
  });
});
