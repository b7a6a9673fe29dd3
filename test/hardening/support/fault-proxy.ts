// A real HTTP reverse proxy in front of the platform, for the refresh fault
// tests. The platform runs with `--public-url` set to the proxy, so every
// client (discovery, device flow, token endpoint, services) reaches it
// through here: the traffic is real, only the OIDC token endpoint
// (`POST …/token`) misbehaves, and only when told to. It also counts the
// refresh_token grants it sees, so a test can check single-flight at the wire.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does with a token request. */
export type TokenFault =
  /** Forward it. */
  | 'pass'
  /** Hold it unanswered until {@link FaultProxy.release} or {@link FaultProxy.dropHeld}: a slow or hanging endpoint. */
  | 'hold'
  /** Forward it at once, but hold the platform's answer the same way: the grant is done, its answer late. */
  | 'late'
  /** Answer 503 with an HTML page, as a load balancer in front of a dead provider does. */
  | 'unavailable'
  /** Close the connection without a word (a connection reset). */
  | 'reset'
  /** Answer 200 `application/json` with a body that is not JSON. */
  | 'garbage';

/** A running proxy. */
export interface FaultProxy {
  readonly url: string;
  /** Where requests go (the platform's own URL); settable because the platform starts after the proxy. */
  target: string;
  /** The fault applied to token requests from now on. */
  fault: TokenFault;
  /** refresh_token grants received so far, whatever was done with them. */
  readonly refreshRequests: number;
  /** Token requests being held now. */
  readonly held: number;
  /** Resolves once at least `count` token requests are being held. */
  whenHeld(count?: number): Promise<void>;
  /** Forwards the held requests, and every later one. */
  release(): void;
  /** Resets the connections of the held requests, as a platform dying mid-request does. */
  dropHeld(): void;
  /** The refresh token of the last token response that had one (for revoking it at the platform). */
  readonly lastRefreshToken: string | undefined;
  close(): Promise<void>;
}

interface Held {
  forward(): void;
  drop(): void;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

function endToEnd(headers: IncomingMessage['headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts a proxy on a free loopback port; set `target` before sending it anything. */
export async function startFaultProxy(): Promise<FaultProxy> {
  let refreshRequests = 0;
  let lastRefreshToken: string | undefined;
  let held: Held[] = [];
  let waiters: Array<{ count: number; resolve: () => void }> = [];

  const hold = (req: IncomingMessage, proceed: () => void): void => {
    const entry: Held = { forward: proceed, drop: () => req.socket.destroy() };
    held.push(entry);
    req.socket.once('close', () => {
      held = held.filter((h) => h !== entry);
    });
    waiters = waiters.filter((w) => (held.length >= w.count ? (w.resolve(), false) : true));
  };

  /**
   * Sends `req` (with its body already read when `body` is given) to the
   * target and relays the answer; a token answer goes through `gate` first.
   */
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | undefined,
    isToken: boolean,
    gate: (relay: () => void) => void = (relay) => relay(),
  ): void => {
    const target = new URL(proxy.target);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: endToEnd(req.headers) },
      (answer) => {
        if (!isToken) {
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
          return;
        }
        void readBody(answer).then((bytes) => {
          try {
            const parsed = JSON.parse(bytes.toString('utf8')) as { refresh_token?: unknown };
            if (typeof parsed.refresh_token === 'string') lastRefreshToken = parsed.refresh_token;
          } catch {
            // Not a token answer: nothing to remember.
          }
          gate(() => {
            res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
            res.end(bytes);
          });
        });
      },
    );
    // A dead platform: answer as a reverse proxy does (nginx's 502), or cut the connection if too late for that.
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
    });
    if (body !== undefined) upstream.end(body);
    else req.pipe(upstream);
  };

  const onToken = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    if (new URLSearchParams(body.toString('utf8')).get('grant_type') === 'refresh_token') refreshRequests += 1;
    switch (proxy.fault) {
      case 'pass':
        forward(req, res, body, true);
        return;
      case 'hold':
        hold(req, () => forward(req, res, body, true));
        return;
      case 'late':
        forward(req, res, body, true, (relay) => hold(req, relay));
        return;
      case 'unavailable':
        res
          .writeHead(503, { 'content-type': 'text/html' })
          .end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token": <!-- upstream timed out -->');
        return;
    }
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    if (req.method === 'POST' && path.endsWith('/token')) void onToken(req, res).catch(() => res.destroy());
    else forward(req, res, undefined, false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    target: '',
    fault: 'pass',
    get refreshRequests() {
      return refreshRequests;
    },
    get held() {
      return held.length;
    },
    get lastRefreshToken() {
      return lastRefreshToken;
    },
    whenHeld: (count = 1) =>
      held.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    release: () => {
      proxy.fault = 'pass';
      const now = held;
      held = [];
      for (const h of now) h.forward();
    },
    dropHeld: () => {
      const now = held;
      held = [];
      for (const h of now) h.drop();
    },
    close: async () => {
      proxy.dropHeld();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
