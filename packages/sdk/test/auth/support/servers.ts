// Real HTTP servers for the auth tests, on 127.0.0.1 and ephemeral ports.
import express, { type Express, type Request } from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** A started server and its origin. */
export interface Running {
  origin: string;
  close(): Promise<void>;
}

/** Starts an express app on 127.0.0.1:0. */
export async function start(app: Express): Promise<Running> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A request as a server saw it. */
export interface Seen {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A server that records every request and answers 200 (origin B in the leak tests). */
export async function recordingServer(): Promise<Running & { seen: Seen[] }> {
  const seen: Seen[] = [];
  const app = express();
  app.use((req: Request, res) => {
    seen.push({ method: req.method, path: req.path, headers: { ...req.headers } });
    res.type('text/plain').send('ok');
  });
  return Object.assign(await start(app), { seen });
}

export const USER = 'alice';
export const PASSWORD = 'correct horse battery staple';

/**
 * Behaves like CADC's services: `/ac/login` (password -> token in the body
 * and `x-vo-bearer`), `/ac/cookie` (password -> `CADC_SSO` cookie), protected
 * `/data` with the real CADC challenges, `/optional` (200 with challenges),
 * `/capabilities`, `/authcheck`, `/basic` (DaCHS-style Basic) and `/hop`
 * (302 to `?to=`). Counts logins and records the requests it sees.
 */
export async function cadcLikeServer(
  options: { legacyOnly?: boolean } = {},
): Promise<Running & { seen: Seen[]; issued: string[]; redirectTo: { url: string } }> {
  const issued: string[] = [];
  const seen: Seen[] = [];
  const redirectTo = { url: '' };
  const app = express();
  let origin = '';
  app.use((req, _res, next) => {
    seen.push({ method: req.method, path: req.path, headers: { ...req.headers } });
    next();
  });
  app.use(express.urlencoded({ extended: false }));

  const challenges = (): string[] => [
    `ivoa standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="${origin}/ac/login"`,
    `ivoa standard_id="ivo://ivoa.net/sso#cookie", access_url="${origin}/ac/cookie"`,
    'ivoa standard_id="ivo://ivoa.net/sso#tls-with-certificate"',
    ...(options.legacyOnly ? [] : ['Bearer']),
  ];
  const authenticated = (req: Request): string | undefined => {
    const auth = req.headers.authorization ?? '';
    const m = /^(?:Bearer|ivoa) (.+)$/.exec(auth);
    if (m && issued.includes(m[1] ?? '')) return USER;
    const cookie = req.headers.cookie ?? '';
    const c = /CADC_SSO=([^;]+)/.exec(cookie);
    if (c && issued.includes(c[1] ?? '')) return USER;
    return undefined;
  };
  const login = (req: Request): string | undefined => {
    const body = req.body as Record<string, string> | undefined;
    if (body?.username !== USER || body.password !== PASSWORD) return undefined;
    const token = `tok-${issued.length + 1}-${Math.random().toString(36).slice(2)}`;
    issued.push(token);
    return token;
  };

  app.post('/ac/login', (req, res) => {
    const token = login(req);
    if (!token) return void res.status(401).type('text/plain').send('invalid username or password');
    res.set('x-vo-authenticated', USER).set('x-vo-bearer', token).type('text/plain').send(token);
  });
  app.post('/ac/cookie', (req, res) => {
    const token = login(req);
    if (!token) return void res.status(401).type('text/plain').send('invalid username or password');
    res
      .set('x-vo-authenticated', USER)
      .set('set-cookie', `CADC_SSO=${token}; Path=/; HttpOnly; Max-Age=3600`)
      .type('text/plain')
      .send(USER);
  });
  app.all('/data', (req, res) => {
    const user = authenticated(req);
    if (!user)
      return void res
        .status(401)
        .set('www-authenticate', challenges())
        .type('text/plain')
        .send('authentication required');
    res.set('x-vo-authenticated', user).type('text/plain').send(`hello ${user}`);
  });
  app.all('/optional', (req, res) => {
    res
      .set('www-authenticate', challenges())
      .type('text/plain')
      .send(authenticated(req) ?? 'anonymous');
  });
  app.get('/quiet', (_req, res) => void res.type('text/plain').send('nothing to see'));
  app.get('/authcheck', (req, res) => {
    if (!authenticated(req))
      return void res.status(401).set('www-authenticate', challenges()).send('authentication required');
    res.send(USER);
  });
  app.get('/capabilities', (_req, res) => {
    res.type('application/xml').send(`<?xml version="1.0"?>
<vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <capability standardID="ivo://ivoa.net/std/VOSI#capabilities">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${origin}/capabilities</accessURL></interface>
  </capability>
  <capability standardID="ivo://ivoa.net/sso#tls-with-password">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${origin}/ac/login</accessURL></interface>
  </capability>
  <capability standardID="ivo://example.org/std/data">
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${origin}/data</accessURL><securityMethod standardID="ivo://ivoa.net/sso#token"/></interface>
    <interface xsi:type="vs:ParamHTTP"><accessURL use="full">${origin}/data</accessURL><securityMethod standardID="ivo://ivoa.net/sso#cookie"/></interface>
  </capability>
</vosi:capabilities>`);
  });
  app.all('/basic', (req, res) => {
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      return void res.status(401).set('www-authenticate', 'Basic realm="DaCHS"').send('who are you?');
    }
    res.send('basic ok');
  });
  app.all('/hop', (_req, res) => void res.redirect(302, redirectTo.url));
  app.all('/hop303', (_req, res) => void res.redirect(303, redirectTo.url));
  app.all('/hop307', (_req, res) => void res.redirect(307, redirectTo.url));

  const running = await start(app);
  origin = running.origin;
  return Object.assign(running, { seen, issued, redirectTo });
}
