// The registry client against a local server that plays a registry: the
// resource-caps format as cadcutils reads it, caching, the stale copy when the
// registry is down, and the typed errors for what is not a registry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  NetworkError,
  RegistryError,
  RegistryClient,
  UnsafeUrlError,
  parseResourceCaps,
  parseVosUri,
  resolvePlatform,
  resolveVosUri,
} from '../../src/index.js';

describe('resource-caps', () => {
  it('reads id = url lines, skipping comments, blanks and lines without =', () => {
    const caps = parseResourceCaps(
      '# CADC registry\n\nivo://cadc.nrc.ca/vault = https://ws-uv.canfar.net/vault/capabilities\r\n' +
        'ivo://cadc.nrc.ca/gms=https://ws-cadc.canfar.net/gms/capabilities\nnot a line\n' +
        'ivo://cadc.nrc.ca/vault = https://elsewhere.example/vault/capabilities\n',
    );
    expect([...caps]).toEqual([
      ['ivo://cadc.nrc.ca/vault', 'https://ws-uv.canfar.net/vault/capabilities'],
      ['ivo://cadc.nrc.ca/gms', 'https://ws-cadc.canfar.net/gms/capabilities'],
    ]);
  });
});

describe('vos: URIs', () => {
  it('name a resource by authority~service or authority!service, lower-cased, or none for bare paths', () => {
    expect(parseVosUri('vos://CADC.nrc.ca~Vault/alice/x.fits')).toEqual({
      resourceId: 'ivo://cadc.nrc.ca/vault',
      path: '/alice/x.fits',
    });
    expect(parseVosUri('vos://cadc.nrc.ca!vault/alice/')).toEqual({
      resourceId: 'ivo://cadc.nrc.ca/vault',
      path: '/alice',
    });
    expect(parseVosUri('vos:alice/data')).toEqual({ path: '/alice/data' });
  });

  it('refuse other schemes, .. and an authority without a service', () => {
    expect(() => parseVosUri('https://x/alice')).toThrow(/Not a vos: URI/);
    expect(() => parseVosUri('vos:alice/../bob')).toThrow(/'\.\.' is not allowed/);
    expect(() => parseVosUri('vos://cadc.nrc.ca/alice')).toThrow(/does not name a service/);
  });
});

/** A registry on loopback whose answers the test changes. */
let server: Server;
let base: string;
let hits: Record<string, number> = {};
let answers: Record<string, { status: number; type?: string; body: string; location?: string }> = {};

const capabilities = (entries: { id: string; url: string; methods?: string[] }[]): string =>
  `<?xml version="1.0"?><vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${entries
    .map(
      (e) =>
        `<capability standardID="${e.id}"><interface xsi:type="vs:ParamHTTP"><accessURL use="base">${e.url}</accessURL>${(e.methods ?? ['ivo://ivoa.net/sso#token']).map((m) => `<securityMethod standardID="${m}"/>`).join('')}</interface></capability>`,
    )
    .join('')}</vosi:capabilities>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    const answer = answers[path] ?? { status: 404, body: 'not found' };
    res
      .writeHead(answer.status, {
        'content-type': answer.type ?? 'text/plain',
        ...(answer.location === undefined ? {} : { location: answer.location }),
      })
      .end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function plainRegistry(): void {
  hits = {};
  answers = {
    '/reg/resource-caps': {
      status: 200,
      body: `ivo://example.org/vault = ${base}/vault/capabilities\nivo://example.org/gms = ${base}/gms/capabilities\nivo://example.org/broken = ${base}/broken/capabilities\n`,
    },
    '/vault/capabilities': {
      status: 200,
      type: 'text/xml',
      body: capabilities([{ id: 'ivo://ivoa.net/std/VOSpace/v2.0#nodes', url: `${base}/vault/nodes` }]),
    },
    '/gms/capabilities': {
      status: 200,
      type: 'text/xml',
      body: capabilities([
        { id: 'ivo://ivoa.net/std/GMS#search-1.0', url: `${base}/gms/search` },
        { id: 'ivo://ivoa.net/std/UMS#login-0.1', url: `${base}/ac/login`, methods: [] },
      ]),
    },
    '/broken/capabilities': { status: 500, body: 'down' },
  };
}

describe('RegistryClient', () => {
  it('resolves a resource id, reads its capabilities, and reuses both for 10 minutes', async () => {
    plainRegistry();
    let now = 0;
    const registry = new RegistryClient({ url: `${base}/reg/resource-caps`, now: () => now });
    expect(await registry.capabilitiesUrl('ivo://example.org/vault')).toBe(`${base}/vault/capabilities`);
    const caps = await registry.capabilities('ivo://example.org/vault');
    expect(caps[0]?.standardID).toBe('ivo://ivoa.net/std/VOSpace/v2.0#nodes');
    await registry.capabilities('ivo://example.org/vault');
    expect(hits).toEqual({ '/reg/resource-caps': 1, '/vault/capabilities': 1 });
    now = 600_001;
    await registry.capabilities('ivo://example.org/vault');
    expect(hits).toEqual({ '/reg/resource-caps': 2, '/vault/capabilities': 2 });
  });

  it('takes an http(s) resource id as the service itself, as cadcutils does', async () => {
    plainRegistry();
    const registry = new RegistryClient({ url: `${base}/reg/resource-caps` });
    expect(await registry.capabilitiesUrl(`${base}/vault/`)).toBe(`${base}/vault/capabilities`);
    expect(hits).toEqual({});
  });

  it('answers from the stale copy while the registry is down, and says what it does not list', async () => {
    plainRegistry();
    let now = 0;
    const registry = new RegistryClient({ url: `${base}/reg/resource-caps`, now: () => now });
    await registry.resources();
    answers['/reg/resource-caps'] = { status: 503, body: 'down' };
    now = 700_000;
    expect((await registry.resources()).size).toBe(3);
    await expect(registry.capabilitiesUrl('ivo://example.org/none')).rejects.toThrow(
      /does not list ivo:\/\/example.org\/none \(it lists 3 resources\)/,
    );
  });

  it('says there is no registry for a 404 or an HTML page, and gives network errors their type', async () => {
    plainRegistry();
    await expect(new RegistryClient({ url: `${base}/nothing/resource-caps` }).resources()).rejects.toThrow(
      RegistryError,
    );
    answers['/html/resource-caps'] = { status: 200, type: 'text/html', body: '<html>login</html>' };
    await expect(new RegistryClient({ url: `${base}/html/resource-caps` }).resources()).rejects.toThrow(/HTML page/);
    await expect(
      new RegistryClient({ url: 'http://127.0.0.1:9/reg/resource-caps', timeoutMs: 2000 }).resources(),
    ).rejects.toThrow(NetworkError);
  });

  it('follows redirects within the registry origin only', async () => {
    plainRegistry();
    answers['/moved/resource-caps'] = { status: 200, body: `ivo://example.org/x = ${base}/x/capabilities\n` };
    const redirect = (to: string) => ({ status: 302, body: '', type: `text/plain`, location: to });
    answers['/old/resource-caps'] = redirect('/moved/resource-caps');
    answers['/away/resource-caps'] = redirect('http://localhost:9/reg/resource-caps');
    expect([...(await new RegistryClient({ url: `${base}/old/resource-caps` }).resources()).keys()]).toEqual([
      'ivo://example.org/x',
    ]);
    await expect(new RegistryClient({ url: `${base}/away/resource-caps` }).resources()).rejects.toThrow(
      /redirects to another origin \(http:\/\/localhost:9\): not followed/,
    );
  });

  it('refuses a registry or capabilities URL that is plain http off loopback', async () => {
    expect(() => new RegistryClient({ url: 'http://registry.example.org/reg/resource-caps' })).toThrow(UnsafeUrlError);
    plainRegistry();
    answers['/reg/resource-caps'] = { status: 200, body: 'ivo://example.org/x = http://example.org/x/capabilities\n' };
    await expect(
      new RegistryClient({ url: `${base}/reg/resource-caps` }).capabilities('ivo://example.org/x'),
    ).rejects.toThrow(UnsafeUrlError);
  });
});

describe('resolvePlatform', () => {
  it('finds services by standardID among the resources, one unreadable resource notwithstanding', async () => {
    plainRegistry();
    const platform = await resolvePlatform(base);
    expect(platform.origin).toBe(base);
    expect(platform.services).toEqual({
      vospace: {
        resourceId: 'ivo://example.org/vault',
        standardId: 'ivo://ivoa.net/std/VOSpace/v2.0#nodes',
        url: `${base}/vault`,
      },
      gms: { resourceId: 'ivo://example.org/gms', standardId: 'ivo://ivoa.net/std/GMS#search-1.0', url: `${base}/gms` },
      login: {
        resourceId: 'ivo://example.org/gms',
        standardId: 'ivo://ivoa.net/std/UMS#login-0.1',
        url: `${base}/ac/login`,
      },
    });
    expect(platform.origins).toEqual([base]);
    expect(await resolveVosUri(platform, 'vos://example.org~vault/alice/x')).toEqual({
      baseUrl: `${base}/vault`,
      path: '/alice/x',
    });
    await expect(resolveVosUri(platform, 'vos://example.org~nothing/alice/x')).rejects.toThrow(RegistryError);
  });

  it('skips a resource with plain-http URLs off loopback: no service there, and no credential scope', async () => {
    plainRegistry();
    answers['/reg/resource-caps'] = {
      status: 200,
      body: `ivo://example.org/old = http://legacy.example.org/vault/capabilities\nivo://example.org/gms = ${base}/gms/capabilities\n`,
    };
    const platform = await resolvePlatform(base);
    expect(Object.keys(platform.services)).toEqual(['gms', 'login']);
    expect(platform.origins).toEqual([base]);
  });

  it('takes a platform URL without a registry as a platform of one origin', async () => {
    plainRegistry();
    delete answers['/reg/resource-caps'];
    expect(await resolvePlatform(`${base}/some/service`)).toEqual({
      name: base,
      origin: base,
      services: {},
      origins: [base],
    });
  });

  it('knows CANFAR by name, and refuses names it does not know', async () => {
    await expect(resolvePlatform('nowhere')).rejects.toThrow(/neither a URL nor a known platform \(canfar\)/);
  });
});
