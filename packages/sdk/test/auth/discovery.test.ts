import express from 'express';
import {
  discoverAuth,
  capabilitiesSecurity,
  parseCapabilities,
  TimeoutError,
  AbortError,
  SSO,
} from '../../src/index.js';
import { cadcLikeServer, start, type Running } from './support/servers.js';

describe('discoverAuth against a CADC-like service', () => {
  let cadc: Awaited<ReturnType<typeof cadcLikeServer>>;
  beforeAll(async () => {
    cadc = await cadcLikeServer();
  });
  afterAll(() => cadc.close());

  it('turns a 401 with the real CADC challenges into ranked login methods', async () => {
    const found = await discoverAuth(`${cadc.origin}/data`);
    expect(found.anonymous).toBe(false);
    expect(found.status).toBe(401);
    expect(found.methods.map((m) => [m.type, m.accessUrl, m.tokenScheme])).toEqual([
      ['password-token', `${cadc.origin}/ac/login`, 'Bearer'],
      ['password-cookie', `${cadc.origin}/ac/cookie`, undefined],
      ['bearer-token', undefined, 'Bearer'],
    ]);
    expect(found.unsupported.map((m) => m.standardId)).toEqual([SSO.certificate]);
    expect(found.securityMethods).toEqual([SSO.token, SSO.cookie]);
    // HEAD answered with challenges, so no GET was needed.
    const probes = cadc.seen.filter((s) => s.path === '/data');
    expect(probes.map((p) => p.method)).toEqual(['HEAD']);
  });

  it('reports optional authentication (200 with challenges) as anonymous', async () => {
    const found = await discoverAuth(`${cadc.origin}/optional`);
    expect(found.anonymous).toBe(true);
    expect(found.methods[0]?.type).toBe('password-token');
  });

  it('falls back to /authcheck and /capabilities when the URL says nothing', async () => {
    const found = await discoverAuth(`${cadc.origin}/quiet`);
    expect(found.anonymous).toBe(true);
    expect(found.challenges.length).toBeGreaterThan(0);
    expect(cadc.seen.some((s) => s.path === '/authcheck')).toBe(true);
    expect(found.methods.map((m) => m.type)).toContain('password-token');
  });

  it('follows a redirect to the challenging URL without sending credentials', async () => {
    cadc.redirectTo.url = `${cadc.origin}/data`;
    const found = await discoverAuth(`${cadc.origin}/hop`, { maxRedirects: 3 });
    expect(found.status).toBe(401);
    expect(found.methods[0]?.accessUrl).toBe(`${cadc.origin}/ac/login`);
  });
});

describe('discoverAuth: legacy-only services and failure modes', () => {
  let legacy: Awaited<ReturnType<typeof cadcLikeServer>>;
  let slow: Running;
  beforeAll(async () => {
    legacy = await cadcLikeServer({ legacyOnly: true });
    const app = express();
    // Never answers, so the client's own timeout must fire.
    app.all('/hang', () => undefined);
    app.get('/get-only', (req, res) => {
      res
        .status(401)
        .set('www-authenticate', 'ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="/login"')
        .send('no');
    });
    app.head('/get-only', (_req, res) => void res.status(405).send());
    slow = await start(app);
  });
  afterAll(async () => {
    await legacy.close();
    await slow.close();
  });

  it('asks for the legacy `Authorization: ivoa` form when no Bearer challenge is offered', async () => {
    const found = await discoverAuth(`${legacy.origin}/data`);
    expect(found.methods[0]).toMatchObject({ type: 'password-token', tokenScheme: 'ivoa' });
  });

  it('probes GET when HEAD is not allowed, resolving relative access URLs', async () => {
    const found = await discoverAuth(`${slow.origin}/get-only`);
    expect(found.methods[0]).toMatchObject({ type: 'password-token', accessUrl: `${slow.origin}/login` });
  });

  it('honours the timeout', async () => {
    await expect(discoverAuth(`${slow.origin}/hang`, { timeoutMs: 200 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('honours an abort signal', async () => {
    const controller = new AbortController();
    const pending = discoverAuth(`${slow.origin}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });
});

describe('capabilitiesSecurity', () => {
  it('spots an anonymous interface and lists security methods once', () => {
    const got = capabilitiesSecurity(
      parseCapabilities(
        '<capabilities><capability standardID="ivo://x/std"><interface><accessURL>https://h/x</accessURL></interface>' +
          '<interface><accessURL>https://h/x</accessURL><securityMethod standardID="ivo://ivoa.net/sso#token"/></interface>' +
          '<interface><accessURL>https://h/x</accessURL><securityMethod standardID="ivo://ivoa.net/sso#token"/></interface></capability></capabilities>',
      ),
    );
    expect(got).toEqual({ logins: [], securityMethods: [SSO.token], anonymousInterface: true });
  });

  it('ignores a malformed capabilities document during discovery', async () => {
    const app = express();
    app.get('/svc/data', (_req, res) => void res.status(401).set('www-authenticate', 'Bearer realm="svc"').send('no'));
    app.get('/svc/capabilities', (_req, res) => void res.type('text/xml').send('<capabilities><capability>'));
    const server = await start(app);
    try {
      const found = await discoverAuth(`${server.origin}/svc/data`);
      expect(found.methods).toEqual([
        { type: 'bearer-token', realm: 'svc', tokenScheme: 'Bearer', source: 'challenge' },
      ]);
      expect(found.securityMethods).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
