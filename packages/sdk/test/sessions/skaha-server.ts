// A small skaha-v1-compatible sessions service for the client tests:
// sessions start Pending and run after a few polls; errors are plain text.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from '../../src/index.js';
import { listen, type Running } from '../fixtures/servers.js';

export interface SkahaServer extends Running {
  base: string;
  sessions: Map<string, Session & { polls: number; env: string[] }>;
  requests: string[];
}

export async function startSkahaServer(options: { user?: string; failImage?: string } = {}): Promise<SkahaServer> {
  const sessions: SkahaServer['sessions'] = new Map();
  const requests: string[] = [];
  let next = 1;
  const user = options.user ?? 'alice';
  const text = (res: ServerResponse, status: number, body: string): void =>
    void res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  const json = (res: ServerResponse, body: unknown): void =>
    void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const pub = (s: Session & { polls: number; env: string[] }): Session => {
    const { polls: _p, env: _e, ...rest } = s;
    return rest;
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/skaha\/v1\/(session|image|context)(?:\/([a-z0-9]+))?$/.exec(url.pathname);
    if (!m) return text(res, 404, 'not found');
    if (!req.headers.authorization)
      return void res
        .writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' })
        .end('authentication required');
    const q = url.searchParams;
    if (m[1] === 'image') {
      const images = [
        { id: 'images.example.org/skaha/firefly:2025.2', types: ['firefly'], digest: 'sha256:aa' },
        { id: 'images.example.org/skaha/carta:4.1', types: ['carta'], digest: 'sha256:bb' },
      ];
      return json(res, q.get('type') ? images.filter((i) => i.types.includes(q.get('type')!)) : images);
    }
    if (m[1] === 'context') {
      return json(res, {
        cores: { default: 1, options: [1, 2, 4] },
        memoryGB: { default: 2, options: [1, 2, 4, 8] },
        gpus: { options: [] },
        maxInteractiveSessions: 3,
      });
    }
    const id = m[2];
    if (!id) {
      if (req.method === 'POST') {
        const name = q.get('name');
        const image = q.get('image');
        if (!name || !image) return text(res, 400, 'name and image are required');
        const type = (q.get('type') ?? 'headless') as Session['type'];
        if (type !== 'headless' && [...sessions.values()].some((s) => s.type === type))
          return text(res, 409, `only one ${type} session allowed`);
        const sid = `s${next++}x`;
        sessions.set(sid, {
          id: sid,
          userid: user,
          image,
          type,
          status: image === options.failImage ? 'Failed' : 'Pending',
          name,
          startTime: new Date().toISOString(),
          expiryTime: '2030-01-01T00:00:00Z',
          connectURL: `http://127.0.0.1/session/${type}/${sid}/`,
          requestedRAM: q.get('ram') ? `${q.get('ram')}G` : '<none>',
          requestedCPUCores: q.get('cores') ?? '<none>',
          isFixedResources: q.has('cores'),
          polls: 0,
          env: q.getAll('env'),
        });
        return text(res, 200, `${sid}\n`);
      }
      if (q.get('view') === 'stats')
        return json(res, { instances: { session: sessions.size }, cores: { requestedCPUCores: 0 } });
      let list = [...sessions.values()];
      if (q.get('type')) list = list.filter((s) => s.type === q.get('type'));
      if (q.get('status')) list = list.filter((s) => s.status === q.get('status'));
      return json(res, list.map(pub));
    }
    const s = sessions.get(id);
    if (!s) return text(res, 404, `session ${id} not found`);
    if (req.method === 'DELETE') {
      sessions.delete(id);
      return text(res, 200, '');
    }
    if (req.method === 'POST') {
      if (q.get('action') !== 'renew') return text(res, 400, 'unknown action');
      s.expiryTime = '2031-01-01T00:00:00Z';
      return text(res, 200, '');
    }
    if (q.get('view') === 'logs') return text(res, 200, `started ${s.name}\nenv ${s.env.join(' ')}\n`);
    if (q.get('view') === 'events') return text(res, 200, 'Scheduled\nPulled\n');
    if (s.status === 'Pending' && ++s.polls >= 2) s.status = 'Running';
    return json(res, pub(s));
  };
  const running = await listen(handler);
  return { ...running, base: `${running.url}/skaha/v1`, sessions, requests };
}
