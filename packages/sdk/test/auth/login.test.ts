import {
  AuthenticationError,
  ConfigurationError,
  CredentialStore,
  basicCredential,
  createAuthFetch,
  discoverAuth,
  loginWithPassword,
  loginWithPasswordCookie,
} from '../../src/index.js';
import { PASSWORD, USER, cadcLikeServer } from './support/servers.js';

describe('password logins against a CADC-like /ac/login', () => {
  let cadc: Awaited<ReturnType<typeof cadcLikeServer>>;
  beforeAll(async () => {
    cadc = await cadcLikeServer();
  });
  afterAll(() => cadc.close());

  it('discovers, logs in with password -> token and calls the service with Bearer', async () => {
    const found = await discoverAuth(`${cadc.origin}/data`);
    const method = found.methods.find((m) => m.type === 'password-token');
    const credential = await loginWithPassword({
      accessUrl: method?.accessUrl ?? '',
      username: USER,
      password: PASSWORD,
    });
    expect(credential.user).toBe(USER);
    expect(cadc.issued).toContain(credential.token);

    const store = new CredentialStore();
    store.set(cadc.origin, credential);
    const authFetch = createAuthFetch({ store });
    const response = await authFetch(`${cadc.origin}/data`);
    expect(await response.text()).toBe(`hello ${USER}`);
    expect(cadc.seen.at(-1)?.headers.authorization).toBe(`Bearer ${credential.token}`);
  });

  it('sends the legacy `Authorization: ivoa` form when asked to', async () => {
    const credential = await loginWithPassword({
      accessUrl: `${cadc.origin}/ac/login`,
      username: USER,
      password: PASSWORD,
      tokenScheme: 'ivoa',
    });
    const store = new CredentialStore();
    store.set(cadc.origin, credential);
    const response = await createAuthFetch({ store })(`${cadc.origin}/data`);
    expect(response.status).toBe(200);
    expect(cadc.seen.at(-1)?.headers.authorization).toBe(`ivoa ${credential.token}`);
  });

  it('rejects a wrong password with an AuthenticationError that does not echo it', async () => {
    const error: unknown = await loginWithPassword({
      accessUrl: `${cadc.origin}/ac/login`,
      username: USER,
      password: 'wrong-secret',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain('wrong-secret');
    expect((error as AuthenticationError).status).toBe(401);
  });

  it('refuses to send a password over plain HTTP off loopback', async () => {
    await expect(
      loginWithPassword({ accessUrl: 'http://example.org/ac/login', username: USER, password: PASSWORD }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('logs in with password -> cookie and sends the cookie back', async () => {
    const credential = await loginWithPasswordCookie({
      accessUrl: `${cadc.origin}/ac/cookie`,
      username: USER,
      password: PASSWORD,
    });
    expect(credential.user).toBe(USER);
    expect(credential.expiresAt).toBeGreaterThan(Date.now());
    const store = new CredentialStore();
    store.set(cadc.origin, credential);
    const response = await createAuthFetch({ store })(`${cadc.origin}/data`);
    expect(await response.text()).toBe(`hello ${USER}`);
    expect(cadc.seen.at(-1)?.headers.cookie).toMatch(/^CADC_SSO=tok-/);
  });

  it('answers a DaCHS-style Basic challenge', async () => {
    const store = new CredentialStore();
    const authFetch = createAuthFetch({
      store,
      onUnauthorized: async ({ challenges }) =>
        challenges.some((c) => c.scheme === 'basic') ? basicCredential(USER, PASSWORD) : undefined,
    });
    const response = await authFetch(`${cadc.origin}/basic`);
    expect(await response.text()).toBe('basic ok');
    expect(store.get(cadc.origin)?.type).toBe('basic');
  });

  it('fails a still-unauthorized request with the challenges attached', async () => {
    const authFetch = createAuthFetch({ store: new CredentialStore() });
    const error = await authFetch(`${cadc.origin}/data`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).challenges.map((c) => c.scheme)).toEqual(['ivoa', 'ivoa', 'ivoa', 'bearer']);
  });

  it('keeps secrets out of JSON and inspection of credentials', async () => {
    const credential = await loginWithPassword({
      accessUrl: `${cadc.origin}/ac/login`,
      username: USER,
      password: PASSWORD,
    });
    expect(JSON.stringify(credential)).not.toContain(credential.token);
    expect(JSON.stringify(basicCredential(USER, PASSWORD))).not.toContain(PASSWORD);
  });
});
