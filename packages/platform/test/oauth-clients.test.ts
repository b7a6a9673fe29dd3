import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { OAuthClientError, readClientsFile, startPlatform, type OAuthClientMetadata } from '../src/index.js';
import { approveDeviceCode } from '../src/testing/index.js';
import { PASSWORDS, startTestPlatform, type TestPlatform } from './support/platform.js';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
// Generated per run: the platform has no well-known secret, and neither do its tests.
const SECRET = randomBytes(32).toString('base64url');
const AGENT: OAuthClientMetadata = {
  client_id: 'oidc-agent',
  client_secret: SECRET,
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['refresh_token', DEVICE_CODE],
};

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ oauthClients: [AGENT], accessTokenTtlSeconds: 120 });
});
afterAll(async () => {
  await platform.dispose();
});

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

async function post(
  path: string,
  params: Record<string, string>,
  authorization?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${platform.url}/oidc${path}`, {
    method: 'POST',
    headers: authorization === undefined ? {} : { authorization },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('an operator-registered confidential client', () => {
  it('logs in with the device flow and refreshes, authenticating with HTTP Basic', async () => {
    const auth = basic(AGENT.client_id, SECRET);
    const start = await post('/device/auth', { scope: 'openid offline_access' }, auth);
    expect(start.status).toBe(200);
    await approveDeviceCode(start.body.verification_uri_complete as string, {
      username: 'carol',
      password: PASSWORDS.carol as string,
    });

    const tokens = await post(
      '/token',
      { grant_type: DEVICE_CODE, device_code: start.body.device_code as string },
      auth,
    );
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token as string)).toMatchObject({
      sub: 'carol',
      aud: platform.url,
      client_id: AGENT.client_id,
    });
    expect(typeof tokens.body.refresh_token).toBe('string');

    const refreshed = await post(
      '/token',
      { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string },
      auth,
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
    expect(decodeJwt(refreshed.body.access_token as string)).toMatchObject({ sub: 'carol', aud: platform.url });

    // The refresh token is bound to this client: the public client cannot use it.
    const stolen = await post('/token', {
      grant_type: 'refresh_token',
      client_id: 'vobridge',
      refresh_token: (refreshed.body.refresh_token ?? tokens.body.refresh_token) as string,
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe('invalid_grant');
  });

  it('is refused with the OAuth error for a wrong, empty or missing secret', async () => {
    const cases: Array<[string | undefined, number, string, RegExp]> = [
      [basic(AGENT.client_id, `${SECRET}x`), 401, 'invalid_client', /client authentication failed/],
      // What oidc-agent sends for a client without a secret.
      [basic(AGENT.client_id, ''), 400, 'invalid_request', /client_secret must be provided/],
      [undefined, 401, 'invalid_client', /client authentication failed/],
    ];
    for (const [authorization, status, error, description] of cases) {
      const res = await post(
        '/device/auth',
        authorization === undefined ? { client_id: AGENT.client_id } : {},
        authorization,
      );
      expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
      expect(res.body.error_description).toMatch(description);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
  });

  it('gets only the grants it was registered for', async () => {
    const res = await post(
      '/token',
      {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await platform.login('alice'),
        subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      },
      basic(AGENT.client_id, SECRET),
    );
    expect(res.status).toBe(400);
    expect(res.body.error_description).toBe('requested grant type is not allowed for this client');
  });

  it('leaves the public client as it was: no authentication, device flow open', async () => {
    const start = await post('/device/auth', { client_id: 'vobridge', scope: 'openid offline_access' });
    expect(start.status).toBe(200);
    const pending = await post('/token', {
      grant_type: DEVICE_CODE,
      client_id: 'vobridge',
      device_code: start.body.device_code as string,
    });
    expect(pending.body.error).toBe('authorization_pending');
  });
});

describe('checking registered clients', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vobridge-platform-clients-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function refusal(clients: unknown[]): Promise<Error> {
    const started = startPlatform({
      dataDir,
      logLevel: 'silent',
      oauthClients: clients as OAuthClientMetadata[],
    });
    const error = await started.then(
      async (p) => {
        await p.close();
        throw new Error('the platform started');
      },
      (err: unknown) => err as Error,
    );
    expect(error).toBeInstanceOf(OAuthClientError);
    expect(error.message).not.toContain(SECRET);
    return error;
  }

  it.each([
    ['a short secret', { ...AGENT, client_secret: 'short' }, /client_secret must be a generated secret of at least 32/],
    ['no secret', { ...AGENT, client_secret: undefined }, /client_secret must be/],
    [
      'a public client with a secret',
      { ...AGENT, token_endpoint_auth_method: 'none' },
      /must not have a client_secret/,
    ],
    [
      'private_key_jwt',
      { ...AGENT, token_endpoint_auth_method: 'private_key_jwt' },
      /token_endpoint_auth_method must be one of/,
    ],
    ['the password grant', { ...AGENT, grant_types: ['password'] }, /grant_types must be a non-empty list/],
    ['no grant', { ...AGENT, grant_types: [] }, /grant_types must be a non-empty list/],
    [
      'the code flow without redirects',
      { ...AGENT, grant_types: ['authorization_code'] },
      /redirect_uris are required/,
    ],
    [
      'redirects without the code flow',
      { ...AGENT, redirect_uris: ['http://localhost:4242/'] },
      /only used with the authorization_code grant/,
    ],
    ['an unsupported field', { ...AGENT, jwks_uri: 'https://example.org/keys' }, /unsupported field\(s\) jwks_uri/],
    ['a client id with a space', { ...AGENT, client_id: 'with space' }, /client_id must be/],
    ['a string', 'oidc-agent', /must be a JSON object/],
  ])('refuses %s before listening', async (_label, client, message) => {
    const error = await refusal([client]);
    expect(error.message).toMatch(message);
  });

  it("refuses the platform's own client id and duplicates", async () => {
    expect((await refusal([{ ...AGENT, client_id: 'vobridge' }])).message).toMatch(/the platform's own client id/);
    expect((await refusal([AGENT, AGENT])).message).toMatch(/'oidc-agent' is registered twice/);
  });

  it('refuses metadata the OIDC provider rejects at start-up, not at the first login', async () => {
    const error = await refusal([
      { ...AGENT, grant_types: ['authorization_code', 'refresh_token'], redirect_uris: ['not a uri'] },
    ]);
    expect(error.message).toMatch(/OAuth client 'oidc-agent': redirect_uris/);
  });

  it('reads a client file and never quotes it when it is not JSON', async () => {
    const good = join(dataDir, 'clients.json');
    await writeFile(good, JSON.stringify([AGENT, { ...AGENT, client_id: 'second' }]), { mode: 0o600 });
    expect((await readClientsFile(good)).map((c) => c.client_id)).toEqual(['oidc-agent', 'second']);

    const bad = join(dataDir, 'broken.json');
    await writeFile(bad, `{"client_id": "oidc-agent", "client_secret": "${SECRET}",`, { mode: 0o600 });
    const error = await readClientsFile(bad).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toBe(`${bad}: the OAuth client file is not valid JSON`);
    await expect(readClientsFile(join(dataDir, 'missing.json'))).rejects.toThrow(
      /cannot read the OAuth client file \(ENOENT\)/,
    );
  });
});
