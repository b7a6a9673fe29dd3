import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { broker, call, loginAlice, platform } from './helpers.js';

/** Read server-sent events until `stop` says so; returns the raw stream text. */
function readEvents(
  b: { url: string; secret: string },
  stop: (text: string) => boolean,
): Promise<{ status: number; type: string; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL('/v1/events', b.url), { headers: { authorization: `Bearer ${b.secret}` } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (stop(text)) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /v1/events', () => {
  let p: Awaited<ReturnType<typeof platform>>;
  let b: Awaited<ReturnType<typeof broker>>;
  beforeAll(async () => {
    [p, b] = await Promise.all([platform(), broker()]);
  });
  afterAll(async () => {
    await Promise.all([b.close(), p.close()]);
  });

  it('streams login and logout events, never a token', async () => {
    const stream = readEvents(b, (text) => text.includes('event: login') && /"id":"[^"]+"}\n/.test(text));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const login = await loginAlice(b, p.url);
    const token = (await call(b, `/v1/token?url=${encodeURIComponent(p.url)}`)).json<{ token: string }>().token;
    expect((await call(b, `/v1/logins/${String(login.id)}`, { method: 'DELETE' })).status).toBe(204);
    const { status, type, text } = await stream;
    expect(status).toBe(200);
    expect(type).toContain('text/event-stream');
    expect(text.startsWith('event: ready\n')).toBe(true);
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: login'))
      .map(
        (block) =>
          JSON.parse(block.split('\ndata: ')[1] as string) as {
            type: string;
            id: string;
            login?: { state: string; user: string };
          },
      );
    expect(events[0]).toMatchObject({ type: 'login', id: login.id, login: { state: 'active', user: 'alice' } });
    expect(events.at(-1)).toEqual({ type: 'login', id: login.id });
    expect(text).not.toContain(token);
  });

  it('answers HEAD with the headers and ends', async () => {
    const reply = await call(b, '/v1/events', { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toContain('text/event-stream');
  });

  it('needs the secret like every route', async () => {
    expect((await call(b, '/v1/events', { secret: 'wrong' })).status).toBe(401);
  });
});
