import {
  CredentialStore,
  bearerCredential,
  createAuthFetch,
  ConfigurationError,
  basicCredential,
} from '../../src/index.js';
import { cadcLikeServer, recordingServer } from './support/servers.js';

const TOKEN = 'secret-token-for-A';

describe('credential scope', () => {
  let a: Awaited<ReturnType<typeof cadcLikeServer>>;
  let b: Awaited<ReturnType<typeof recordingServer>>;
  beforeAll(async () => {
    a = await cadcLikeServer();
    b = await recordingServer();
    a.issued.push(TOKEN);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  function client(): ReturnType<typeof createAuthFetch> {
    const store = new CredentialStore();
    store.set(a.origin, bearerCredential(TOKEN));
    return createAuthFetch({ store });
  }

  it("sends A's credential to A and never to B", async () => {
    const authFetch = client();
    expect((await authFetch(`${a.origin}/data`)).status).toBe(200);
    await authFetch(`${b.origin}/anything`);
    expect(b.seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it.each(['/hop', '/hop303', '/hop307'])('strips credentials when %s redirects from A to B', async (path) => {
    const authFetch = client();
    a.redirectTo.url = `${b.origin}/landing`;
    const before = b.seen.length;
    const response = await authFetch(`${a.origin}${path}`, {
      method: path === '/hop307' ? 'POST' : 'GET',
      headers: { cookie: 'session=caller-cookie', 'x-cadc-delegationtoken': TOKEN },
      ...(path === '/hop307' ? { body: 'payload' } : {}),
    });
    expect(response.status).toBe(200);
    const landed = b.seen.slice(before);
    expect(landed).toHaveLength(1);
    const headers = JSON.stringify(landed[0]?.headers);
    expect(headers).not.toContain(TOKEN);
    expect(headers).not.toContain('caller-cookie');
    // The hop on A did carry the credential.
    expect(a.seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('does not send a credential to the same host on another port or scheme', () => {
    const store = new CredentialStore();
    store.set('https://example.org', bearerCredential(TOKEN));
    expect(store.get('https://example.org/x?y=1')).toBeDefined();
    expect(store.get('http://example.org/x')).toBeUndefined();
    expect(store.get('https://example.org:8443/x')).toBeUndefined();
    expect(store.get('https://evil-example.org/x')).toBeUndefined();
  });

  it('matches domain scopes over HTTPS only, longest domain first', () => {
    const store = new CredentialStore();
    const wide = bearerCredential('wide');
    const narrow = bearerCredential('narrow');
    store.set({ domain: 'canfar.net' }, wide);
    store.set({ domain: 'ws.canfar.net' }, narrow);
    expect(store.get('https://ws-uv.canfar.net/x')).toBe(wide);
    expect(store.get('https://a.ws.canfar.net/x')).toBe(narrow);
    expect(store.get('http://ws-uv.canfar.net/x')).toBeUndefined();
    expect(store.get('https://canfar.net.evil.org/x')).toBeUndefined();
    expect(() => store.set({ domain: 'net' }, wide)).toThrow(ConfigurationError);
    expect(() => store.set({ domain: 'canfar.net' }, basicCredential('u', 'p'))).toThrow(ConfigurationError);
  });
});
