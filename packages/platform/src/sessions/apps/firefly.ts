#!/usr/bin/env node
// Stand-in for Firefly (IRSA's viewer) as firefly_client talks to it. Under
// BASE_PATH + "firefly/" it answers:
//   GET  healthz                              200 "ok" (FireflyClient.confirm_access)
//   GET  sticky/CmdSrv?cmd=pushAliveCheck     [{"active": <a viewer is on the channel>}]
//   POST sticky/CmdSrv  cmd=pushAction        records the action, relays it to the channel's
//                                              websockets, answers [{"success": true}]
//   POST sticky/CmdSrv?cmd=upload (multipart)  stores the file, answers "${upload-dir}/<name>"
//   WS   sticky/firefly/events?channelID=...  sends EVT_CONN_EST, then every pushed action
//   GET  "", slate.html, firefly.html          the viewer page (lists what it was asked to show)
//   GET  status                               the same as JSON
// An action that names a URL (payload `url`, or a table request's `source`) on
// the platform is fetched with the
// session's delegated token (read from BEARER_TOKEN_FILE), the token relay
// Firefly does on CANFAR; other URLs are never sent a credential.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { exitWithParent, log, readAppEnvironment } from './environment.js';
import { escapeHtml } from './html.js';

const env = readAppEnvironment();
const base = `${env.basePath}firefly/`;
// The platform's services may live at several origins (PLATFORM_ORIGINS); the token goes to those only.
const platformOrigins = new Set((process.env.PLATFORM_ORIGINS ?? '').split(' ').filter((o) => o !== ''));
const sessionDir = process.env.SESSION_DIR ?? process.cwd();
const MAX_BODY = 50 * 1024 * 1024;
const MAX_REMEMBERED = 100;

interface ActionRecord {
  channel: string;
  type: string;
  time: string;
  fetched?: { url: string; status: number; bytes: number } | { url: string; refused: string };
}

const actions: ActionRecord[] = [];
const uploads: string[] = [];
const sockets = new Map<string, Set<WebSocket>>();

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Fetches a platform URL with the delegated token; anything else is refused, never sent a credential. */
async function relay(url: string): Promise<NonNullable<ActionRecord['fetched']>> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { url, refused: 'not a URL' };
  }
  if (!platformOrigins.has(target.origin)) return { url, refused: 'not on this platform' };
  const tokenFile = process.env.BEARER_TOKEN_FILE;
  const token = tokenFile === undefined ? undefined : (await readFile(tokenFile, 'utf8')).trim();
  const res = await fetch(target, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    redirect: 'manual',
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  return { url, status: res.status, bytes };
}

/** The first http(s) URL under a `url` or `source` key of an action payload. */
function findUrl(value: unknown, depth: number): string | undefined {
  if (depth > 4 || value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if ((key === 'url' || key === 'source') && typeof item === 'string' && /^https?:\/\//.test(item)) return item;
    const nested = findUrl(item, depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

async function pushAction(channel: string, actionText: string): Promise<void> {
  const action = JSON.parse(actionText) as { type?: unknown; payload?: Record<string, unknown> };
  const record: ActionRecord = {
    channel,
    type: typeof action.type === 'string' ? action.type : 'unknown',
    time: new Date().toISOString(),
  };
  const url = findUrl(action.payload, 0);
  if (url !== undefined) {
    const fetched = await relay(url);
    record.fetched = fetched;
    log(
      `action ${record.type}: ${'status' in fetched ? `fetched ${fetched.status} ${fetched.bytes} bytes` : `not fetched (${fetched.refused})`}`,
    );
  } else {
    log(`action ${record.type} on channel ${channel}`);
  }
  actions.push(record);
  if (actions.length > MAX_REMEMBERED) actions.shift();
  for (const socket of sockets.get(channel) ?? []) socket.send(JSON.stringify({ name: record.type, data: action }));
}

async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const form = await new Request('http://localhost/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: new Uint8Array(body),
  }).formData();
  const file = form.get('file');
  if (file === null || typeof file === 'string') {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('a multipart "file" field is required\n');
    return;
  }
  const name = `${randomBytes(6).toString('hex')}-${basename(file.name).replace(/[^A-Za-z0-9._-]/g, '_')}`;
  const dir = join(sessionDir, 'uploads');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), Buffer.from(await file.arrayBuffer()), { mode: 0o600 });
  uploads.push(name);
  log(`uploaded ${name} (${file.size} bytes)`);
  res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`\${upload-dir}/${name}`);
}

async function cmdSrv(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const cmd = query.get('cmd');
  if (req.method === 'POST' && cmd === 'upload') return upload(req, res);
  if (cmd === 'pushAliveCheck') {
    const channel = query.get('channelID') ?? req.headers['ff-channel'];
    json(res, 200, [{ active: typeof channel === 'string' && (sockets.get(channel)?.size ?? 0) > 0 }]);
    return;
  }
  if (req.method !== 'POST') {
    json(res, 400, [{ success: false, error: `unsupported command ${cmd ?? ''}` }]);
    return;
  }
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  if (form.get('cmd') !== 'pushAction') {
    json(res, 400, [{ success: false, error: `unsupported command ${form.get('cmd') ?? ''}` }]);
    return;
  }
  const channel = form.get('channelID') ?? '';
  try {
    await pushAction(channel, form.get('action') ?? '{}');
  } catch (err) {
    json(res, 400, [{ success: false, error: `bad action: ${(err as Error).message}` }]);
    return;
  }
  json(res, 200, [{ success: true }]);
}

function viewerPage(res: ServerResponse, channel: string): void {
  const rows = actions
    .filter((a) => channel === '' || a.channel === channel)
    .map(
      (a) =>
        `<li>${escapeHtml(a.time)} ${escapeHtml(a.type)}${a.fetched === undefined ? '' : ` — ${escapeHtml(a.fetched.url)}`}</li>`,
    )
    .join('');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Firefly</title></head><body>` +
      `<h1>Firefly (vobridge stand-in)</h1><p>Channel: ${escapeHtml(channel || '(any)')}</p><ul>${rows}</ul></body></html>\n`,
  );
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const handle = async (): Promise<void> => {
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    const rest = url.pathname.slice(base.length);
    if (rest === 'healthz') res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
    else if (rest === 'sticky/CmdSrv') await cmdSrv(req, res, url.searchParams);
    else if (rest === 'status') json(res, 200, { actions, uploads });
    else if (rest === '' || rest === 'slate.html' || rest === 'firefly.html')
      viewerPage(res, url.searchParams.get('__wsch') ?? '');
    else res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  };
  handle().catch((err: unknown) => {
    log(`error: ${(err as Error).message}`);
    if (!res.headersSent) json(res, 500, [{ success: false, error: 'internal error' }]);
    else res.destroy();
  });
});

const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== `${base}sticky/firefly/events`) {
    socket.destroy();
    return;
  }
  const channel = url.searchParams.get('channelID') ?? '';
  wss.handleUpgrade(req, socket, head, (ws) => {
    const connID = randomBytes(8).toString('hex');
    let set = sockets.get(channel);
    if (set === undefined) sockets.set(channel, (set = new Set()));
    set.add(ws);
    ws.send(JSON.stringify({ name: 'EVT_CONN_EST', data: { connID, channel } }));
    log(`viewer connected on channel ${channel}`);
    ws.on('close', () => set.delete(ws));
  });
});

server.listen(env.port, '127.0.0.1', () => log(`Firefly listening on 127.0.0.1:${env.port}${base}`));
exitWithParent(async () => {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
