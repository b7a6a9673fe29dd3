// VOSpace 2.1 over HTTP, vault style: `/nodes/{path}`, `/synctrans`,
// `/transfers` (UWS), `/data/{path}` and the `/files/{path}` shortcut that
// `vcp` tries before negotiating. Paths are taken from the still-encoded URL
// and checked segment by segment (see path.ts); a user only ever sees their
// own home container, everything else answers like it does not exist.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { parseNode, ProtocolError, serializeTransfer, type Node } from '@vobridge/sdk';
import type { PlatformContext } from '../context.js';
import { currentUser, errorStyle, HttpError, RangeNotSatisfiableError } from '../http/index.js';
import { jobRoutes, param } from '../uws/http.js';
import { JobManager } from '../uws/manager.js';
import { capability, vosiCapabilities } from '../vosi/capabilities.js';
import { vosiRouter } from '../vosi/routes.js';
import { digestHeader, md5FromDigest, requestedRange } from './data.js';
import { VospaceFault } from './faults.js';
import { formatNodePath, InvalidPathError, nameOf, parseNodePath, type NodePath } from './path.js';
import { PROPERTY } from './properties.js';
import { nodeJson, nodeXml, toSdkNode } from './representation.js';
import { NodeStore, type NodeInfo } from './store.js';
import { checkTransfer, TRANSFER_DETAILS, TRANSFERS, transferJob } from './transfer-job.js';
import { parseNodeUri } from './uri.js';

/** Standard ids of the VOSpace capabilities `vos` looks up. */
export const VOSPACE_STANDARD = {
  nodes: 'ivo://ivoa.net/std/VOSpace/v2.0#nodes',
  sync: 'ivo://ivoa.net/std/VOSpace#sync-2.1',
  transfers: 'ivo://ivoa.net/std/VOSpace/v2.0#transfers',
  files: 'ivo://ivoa.net/std/VOSpace#files-proto',
} as const;

/**
 * Authority of the platform's node URIs (`vos://vobridge.org~vault/alice/x`).
 * `vos` turns it back into the resource id `ivo://vobridge.org/vault` and
 * looks that up in the registry, so it must be one the platform registers;
 * `vault` in it makes `vos` use vault-style (home-rooted) paths.
 */
export const VOSPACE_AUTHORITY = 'vobridge.org~vault';

/** How long a synchronous transfer's job is kept. */
const SYNC_JOB_LIFETIME_MS = 3600_000;

/** Largest node or transfer document accepted. */
const DOCUMENT_LIMIT = '1mb';
const anyText = express.text({ type: () => true, limit: DOCUMENT_LIMIT });

/** Builds the VOSpace router over `<dataDir>/vospace/<user>/...`. */
export async function vospaceRouter(ctx: PlatformContext): Promise<Router> {
  const base = `${ctx.serviceOrigins.vospace}/vospace`;
  const state = join(ctx.dataDir, 'vospace-state');
  const store = new NodeStore({
    root: join(ctx.dataDir, 'vospace'),
    metadataDir: join(state, 'metadata'),
    tmpDir: join(state, 'uploads'),
  });
  await store.clearUploads();
  // Created now, not at the first upload, so the data root's protection covers it from the start.
  await mkdir(join(ctx.dataDir, 'vospace'), { recursive: true, mode: 0o700 });
  const dataUrl = (path: NodePath): string => `${base}/data${formatNodePath(path)}`;
  const jobs = await JobManager.open({
    dir: join(state, 'transfers'),
    types: [transferJob({ store, dataUrl })],
    logger: ctx.logger.child({ service: 'vospace' }),
  });
  ctx.onClose(() => jobs.close());

  const router = Router();
  router.use(
    vosiRouter(ctx.baseUrl, () => [
      ...vosiCapabilities(base),
      capability(VOSPACE_STANDARD.nodes, `${base}/nodes`, { use: 'base' }),
      capability(VOSPACE_STANDARD.sync, `${base}/synctrans`),
      capability(VOSPACE_STANDARD.transfers, `${base}/transfers`, { use: 'base' }),
      capability(VOSPACE_STANDARD.files, `${base}/files`, { use: 'base' }),
    ]),
  );
  router.use(errorStyle('text'), ctx.auth.requireUser);

  /** The node a request path names, checked to be the caller's (or the root). */
  const target = async (req: Request, res: Response): Promise<NodePath> => {
    const path = parseNodePath(req.path);
    const user = currentUser(res).username;
    await store.ensureHome(user);
    if (path.segments.length > 0 && path.segments[0] !== user) {
      throw new VospaceFault('NodeNotFound', `${formatNodePath(path)} does not exist`);
    }
    return path;
  };

  router.use('/nodes', anyText, async (req: Request, res: Response) => {
    const path = await target(req, res);
    const user = currentUser(res).username;
    switch (req.method) {
      case 'GET':
      case 'HEAD': {
        const detail = detailLevel(req.query.detail);
        const info = await store.stat(path);
        const children = info.kind === 'container' ? await listChildren(store, path, req, user) : [];
        sendNode(req, res, 200, withDetail(toSdkNode(VOSPACE_AUTHORITY, info, children), detail));
        return;
      }
      case 'PUT': {
        const node = parseNodeBody(req);
        if (!sameNode(node.uri, path))
          throw new VospaceFault('InvalidURI', 'the node uri does not match the request path');
        let info: NodeInfo;
        if (node.type === 'ContainerNode') info = await store.createContainer(path, node.properties);
        else if (node.type === 'LinkNode')
          info = await store.createLink(path, linkTarget(node.target), node.properties);
        else info = await store.createData(path, node.properties);
        sendNode(req, res, 201, toSdkNode(VOSPACE_AUTHORITY, info));
        return;
      }
      case 'POST': {
        const node = parseNodeBody(req);
        const info = await store.setProperties(path, node.properties);
        sendNode(req, res, 200, toSdkNode(VOSPACE_AUTHORITY, info));
        return;
      }
      case 'DELETE':
        await store.remove(path);
        res.status(204).end();
        return;
      default:
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on nodes`, {
          headers: { Allow: 'GET, HEAD, PUT, POST, DELETE' },
        });
    }
  });

  // `vcp` asks here first for the bytes of a data node, without following redirects.
  router.use('/files', async (req: Request, res: Response) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on files`, {
        headers: { Allow: 'GET, HEAD' },
      });
    }
    const info = await ownedData(store, await target(req, res), currentUser(res).username);
    res.redirect(303, dataUrl(info.path));
  });

  router.use('/data', async (req: Request, res: Response) => {
    const path = await target(req, res);
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        await sendData(store, req, res, await ownedData(store, path, currentUser(res).username));
        return;
      case 'PUT': {
        const expectedMd5 = md5FromDigest(req.get('digest'));
        if (expectedMd5 === null)
          throw new VospaceFault('InvalidArgument', 'the digest header has a malformed md5 value');
        const length = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
        const existed = await store.stat(path).then(
          () => true,
          () => false,
        );
        const info = await store.write(path, req, {
          ...(expectedMd5 === undefined ? {} : { md5: expectedMd5 }),
          ...(length === undefined || Number.isNaN(length) ? {} : { length }),
        });
        if (info.md5 !== undefined) res.setHeader('digest', digestHeader(info.md5));
        res.status(existed ? 200 : 201).end();
        return;
      }
      default:
        throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on data`, {
          headers: { Allow: 'GET, HEAD, PUT' },
        });
    }
  });

  router.get('/synctrans', async (req: Request, res: Response) => {
    const transfer = transferFromParams(Object.entries(req.query).map(([k, v]) => [k, String(v)]));
    res.redirect(
      303,
      await redirectTarget(store, transfer.target, transfer.direction, currentUser(res).username, dataUrl),
    );
  });

  router.post('/synctrans', anyText, async (req: Request, res: Response) => {
    const user = currentUser(res).username;
    const body = typeof req.body === 'string' ? req.body : '';
    let xml = body;
    if (req.is('application/x-www-form-urlencoded')) {
      const pairs = [...new URLSearchParams(body)];
      const params = transferFromParams(pairs);
      if (param(pairs, 'REQUEST')?.toLowerCase() === 'redirect') {
        res.redirect(303, await redirectTarget(store, params.target, params.direction, user, dataUrl));
        return;
      }
      xml = serializeTransfer({
        target: params.target,
        direction: params.direction,
        protocols: params.protocol ? [{ uri: params.protocol }] : [],
      });
    }
    // The job keeps the transfer as the platform re-wrote it, not the client's bytes.
    const jobInfo = serializeTransfer(checkTransfer(xml, user));
    // A negotiation is only needed while the client transfers: it need not be kept for days.
    const destruction = new Date(Date.now() + SYNC_JOB_LIFETIME_MS).toISOString();
    const job = await jobs.create(
      TRANSFERS,
      user,
      [
        ['PHASE', 'RUN'],
        ['DESTRUCTION', destruction],
      ],
      { jobInfo, immediate: true },
    );
    // Negotiation is quick; the client reads the details right after the redirect.
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    let settled = job;
    while (['PENDING', 'QUEUED', 'EXECUTING'].includes(settled.phase) && !gone.signal.aborted) {
      settled = await jobs.wait(TRANSFERS, job.id, user, 30, settled.phase, gone.signal);
    }
    res.redirect(303, `${base}/transfers/${job.id}/results/${TRANSFER_DETAILS}`);
  });

  router.post('/transfers', anyText, async (req: Request, res: Response) => {
    const user = currentUser(res).username;
    const xml = typeof req.body === 'string' ? req.body : '';
    const job = await jobs.create(TRANSFERS, user, [], { jobInfo: serializeTransfer(checkTransfer(xml, user)) });
    res.redirect(303, `${base}/transfers/${job.id}`);
  });
  router.use('/transfers', jobRoutes(jobs, { list: () => TRANSFERS, listUrl: () => `${base}/transfers` }));

  router.use(faultsToHttp);
  return router;
}

type Detail = 'min' | 'max' | 'properties';

function detailLevel(raw: unknown): Detail {
  if (raw === undefined) return 'max';
  if (raw === 'min' || raw === 'max' || raw === 'properties') return raw;
  throw new VospaceFault('InvalidArgument', 'detail must be min, max or properties');
}

/** VOSpace `detail`: `min` drops every property, `properties` only the children's. */
function withDetail(node: Node, detail: Detail): Node {
  if (detail === 'max') return node;
  const bare = (n: Node): Node => ({ ...n, properties: {}, readOnly: [] });
  const top = detail === 'min' ? bare(node) : node;
  return top.type === 'ContainerNode' ? { ...top, nodes: top.nodes.map(bare) } : top;
}

/**
 * One page of a container's children, as `limit`, `uri` (the child to start
 * at, inclusive), `sort` and `order` ask. By name, ascending, the store pages
 * on its own; any other order needs every child, sorted, then the page.
 */
async function listChildren(store: NodeStore, path: NodePath, req: Request, user: string): Promise<NodeInfo[]> {
  const limit = intQuery(req.query.limit, 'limit');
  const from = req.query.uri === undefined ? undefined : nameOf(parseNodeUri(String(req.query.uri)));
  const { sort, order } = req.query;
  if (sort !== undefined && sort !== PROPERTY.length && sort !== PROPERTY.date) {
    throw new VospaceFault('InvalidArgument', 'sort must be the #length or #date property');
  }
  if (order !== undefined && order !== 'asc' && order !== 'desc') {
    throw new VospaceFault('InvalidArgument', 'order must be asc or desc');
  }
  if (sort === undefined && order !== 'desc') {
    return store.list(path, {
      ...(limit === undefined ? {} : { limit }),
      ...(from === undefined ? {} : { from }),
      visibleHomes: [user],
    });
  }
  const all = await store.list(path, { visibleHomes: [user] });
  const key = (n: NodeInfo): number => (sort === PROPERTY.length ? n.length : n.date.getTime());
  const sorted = sort === undefined ? all : [...all].sort((a, b) => key(a) - key(b));
  if (order === 'desc') sorted.reverse();
  const start = from === undefined ? 0 : sorted.findIndex((n) => nameOf(n.path) === from);
  // The child paging started from is gone: no place to continue from.
  if (start < 0) return [];
  return sorted.slice(start, limit === undefined ? undefined : start + limit);
}

function intQuery(raw: unknown, name: string): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw))
    throw new VospaceFault('InvalidArgument', `${name} must be a non-negative whole number`);
  return Number(raw);
}

function parseNodeBody(req: Request): ReturnType<typeof parseNode> {
  const body = typeof req.body === 'string' ? req.body : '';
  try {
    return parseNode(body);
  } catch (err) {
    throw new VospaceFault('InvalidArgument', `not a VOSpace node document (${(err as Error).message})`);
  }
}

/** Longest accepted link target. */
const MAX_TARGET = 2048;

/** A link target: a `vos://` node URI (checked like any path) or an http(s) URL. */
function linkTarget(target: string): string {
  const trimmed = target.trim();
  if (trimmed.startsWith('vos://')) {
    parseNodeUri(trimmed);
    return trimmed;
  }
  if (/^https?:\/\/[^\s]+$/.test(trimmed) && trimmed.length <= MAX_TARGET && URL.canParse(trimmed)) return trimmed;
  throw new VospaceFault('InvalidArgument', 'a link target must be a vos:// URI or an http(s) URL');
}

function sameNode(uri: string, path: NodePath): boolean {
  try {
    return formatNodePath(parseNodeUri(uri)) === formatNodePath(path);
  } catch {
    return false;
  }
}

function sendNode(req: Request, res: Response, status: number, node: ReturnType<typeof toSdkNode>): void {
  res.status(status);
  if (req.accepts(['text/xml', 'application/xml', 'application/json']) === 'application/json') res.json(nodeJson(node));
  else res.type('text/xml').send(nodeXml(node));
}

/** Longest chain of link nodes followed to reach data. */
const MAX_LINK_HOPS = 8;

/**
 * The data node `path` names in `user`'s space, following link nodes whose
 * target is a node of the same space (as vault does for its data URLs).
 */
async function ownedData(store: NodeStore, path: NodePath, user: string): Promise<NodeInfo> {
  let current = path;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    if (current.segments[0] !== user)
      throw new VospaceFault('NodeNotFound', `${formatNodePath(current)} does not exist`);
    const info = await store.stat(current);
    if (info.kind === 'data') return info;
    if (info.kind === 'container')
      throw new VospaceFault('InvalidArgument', `${formatNodePath(current)} is a container`);
    const target = info.target ?? '';
    if (!target.startsWith('vos://')) {
      throw new VospaceFault('LinkFoundFault', `${formatNodePath(current)} links outside this VOSpace (${target})`);
    }
    current = parseNodeUri(target);
  }
  throw new VospaceFault('LinkFoundFault', `${formatNodePath(path)} is a chain of more than ${MAX_LINK_HOPS} links`);
}

async function sendData(store: NodeStore, req: Request, res: Response, info: NodeInfo): Promise<void> {
  const path = info.path;
  const range = requestedRange(req.headers.range, info.length);
  if (range === 'unsatisfiable') throw new RangeNotSatisfiableError('the range lies outside the data', info.length);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Last-Modified', info.date.toUTCString());
  res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(nameOf(path))}`);
  if (info.md5 !== undefined) {
    res.setHeader('Content-MD5', info.md5);
    res.setHeader('digest', digestHeader(info.md5));
  }
  res.type(info.properties[PROPERTY.type] ?? 'application/octet-stream');
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${info.length}`);
  }
  res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : info.length));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const reader = await store.read(path, range);
  await pipeline(reader.stream, res);
}

interface TransferParams {
  target: string;
  direction: string;
  protocol?: string;
}

function transferFromParams(pairs: readonly [string, string][]): TransferParams {
  const target = param(pairs, 'TARGET');
  const direction = param(pairs, 'DIRECTION');
  const protocol = param(pairs, 'PROTOCOL');
  if (target === undefined || direction === undefined)
    throw new VospaceFault('InvalidArgument', 'TARGET and DIRECTION are required');
  return { target, direction, ...(protocol === undefined ? {} : { protocol }) };
}

/** The data URL a parameter-style sync transfer redirects to. */
async function redirectTarget(
  store: NodeStore,
  target: string,
  direction: string,
  user: string,
  dataUrl: (p: NodePath) => string,
): Promise<string> {
  const path = parseNodeUri(target);
  if (direction === 'pullFromVoSpace') return dataUrl((await ownedData(store, path, user)).path);
  if (direction === 'pushToVoSpace') {
    if (path.segments[0] !== user || path.segments.length < 2)
      throw new VospaceFault('NodeNotFound', `${formatNodePath(path)} does not exist`);
    return dataUrl(path);
  }
  throw new VospaceFault('InvalidArgument', 'DIRECTION must be pushToVoSpace or pullFromVoSpace');
}

const CODES: Record<number, string> = {
  400: 'bad_request',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  500: 'internal',
};

/** VOSpace faults and invalid paths as IVOA-style HTTP errors (fault name first). */
const faultsToHttp: ErrorRequestHandler = (err: unknown, _req: Request, _res: Response, next: NextFunction) => {
  if (err instanceof VospaceFault)
    next(new HttpError(err.status, CODES[err.status] ?? 'error', err.detail, { fault: err.fault }));
  else if (err instanceof InvalidPathError)
    next(new HttpError(400, 'bad_request', err.message, { fault: 'InvalidURI' }));
  // The SDK codecs refuse values XML cannot carry; only client input reaches them unchecked.
  else if (err instanceof ProtocolError)
    next(new HttpError(400, 'bad_request', err.message, { fault: 'InvalidArgument' }));
  else next(err);
};
