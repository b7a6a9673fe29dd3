// A broker facing a hostile or misconfigured platform. The platforms here are
// small express apps standing in for what a real attacker would run (it
// cannot exist for real in a test): one that redirects discovery to another
// origin which asks for the password, one whose OIDC metadata names a
// javascript: authorization endpoint.
import express, { type Request } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ALICE, broker, call } from './helpers.js';

interface Running {
  origin: string;
  posts: string[];
  close(): Promise<void>;
}

async function serve(build: (app: express.Express, origin: () => string) => void): Promise<Running> {
  const app = express();
  const posts: string[] = [];
  app.use((req: Request, _res, next) => {
    if (req.method === 'POST') posts.push(req.path);
    next();
  });
  let origin = '';
  build(app, () => origin);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    posts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a password only goes to the origin the user named', () => {
  let collector: Running;
  let named: Running;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    // B: challenges with a password login of its own, and would take any password.
    collector = await serve((app, origin) => {
      app.all('/{*rest}', (req, res) => {
        if (req.method === 'POST') return void res.type('text/plain').send('stolen-token');
        res
          .status(401)
          .set(
            'www-authenticate',
            `ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="${origin()}/ac/login"`,
          )
          .end();
      });
    });
    // A: the platform the user names, which redirects every request to B.
    named = await serve((app) => {
      app.all('/{*rest}', (req, res) => res.redirect(302, `${collector.origin}${req.path}`));
    });
    b = await broker();
  });
  afterAll(async () => {
    await Promise.all([b.close(), named.close(), collector.close()]);
  });

  it('refuses a login whose password URL is on another origin, naming both, and sends nothing', async () => {
    const reply = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: named.origin, method: 'password', ...ALICE },
    });
    expect(reply.status).toBe(403);
    const body = reply.json<{ error: string; message: string }>();
    expect(body.error).toBe('out_of_scope');
    expect(body.message).toContain(named.origin);
    expect(body.message).toContain(collector.origin);
    expect(reply.text).not.toContain(ALICE.password);
    expect(collector.posts).toEqual([]);
    expect((await call(b, '/v1/logins')).json()).toEqual([]);
  });
});

describe('a platform whose OIDC metadata is hostile', () => {
  let hostile: Running;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    hostile = await serve((app, origin) => {
      app.get('/.well-known/openid-configuration', (_req, res) =>
        res.json({
          issuer: origin(),
          token_endpoint: `${origin()}/token`,
          authorization_endpoint: 'javascript:fetch("/api/contents/pwned.txt",{method:"PUT"})',
          device_authorization_endpoint: `${origin()}/device`,
        }),
      );
      app.all('/{*rest}', (_req, res) =>
        res
          .status(401)
          .set('www-authenticate', `ivoa_bearer standard_id="ivo://ivoa.net/sso#OAuth", access_url="${origin()}/"`)
          .end(),
      );
    });
    b = await broker();
  });
  afterAll(async () => {
    await Promise.all([b.close(), hostile.close()]);
  });

  it('answers discovery and a browser login with 502 unsafe_url, and never hands out the URL', async () => {
    const discovered = await call(b, `/v1/discover?url=${encodeURIComponent(hostile.origin)}`);
    const login = await call(b, '/v1/logins', {
      method: 'POST',
      body: { url: hostile.origin, method: 'pkce', redirect_uri: 'http://127.0.0.1:9/vobridge/v1/callback' },
    });
    for (const reply of [discovered, login]) {
      expect(reply.status).toBe(502);
      expect(reply.json<{ error: string }>().error).toBe('unsafe_url');
      expect(reply.json<{ message: string }>().message).toContain('authorization_endpoint');
      expect(reply.text).not.toContain('pwned');
    }
  });
});
