// UWS 1.1 over HTTP for one job manager, shared by the `/uws/{list}` job
// lists and VOSpace's `/vospace/transfers`. Creation differs between them
// (form parameters vs. a transfer document), so it is left to the caller;
// everything addressing an existing job is here. State changes answer 303 to
// the job, as pyvo and vos expect; documents are UWS XML unless the client
// prefers JSON.

import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import express, { Router, type Request, type Response } from 'express';
import {
  EXECUTION_PHASES,
  parseXml,
  serializeJob,
  serializeJobList,
  type ExecutionPhase,
  type Job,
} from '@vobridge/sdk';
import { BadRequestError, currentUser, NotFoundError, UnsupportedMediaTypeError } from '../http/index.js';
import { escapeXml } from '../vosi/xml.js';
import type { JobRecord } from './job.js';
import type { JobManager, ListFilter } from './manager.js';

/** How the job routes find their list and name their URLs. */
export interface JobRoutesOptions {
  /** The job list a request addresses (a path parameter or a fixed name). */
  list(req: Request): string;
  /** Absolute URL of the job list. */
  listUrl(list: string): string;
}

/**
 * Longest blocking `WAIT`, in seconds (`WAIT=-1` means this). Well under the
 * 60 s read timeouts clients commonly set (pyvo passes its wait timeout to
 * requests): holding a request for exactly that long races the client's timeout.
 */
export const MAX_WAIT_SECONDS = 30;

const FORM = 'application/x-www-form-urlencoded';

const MULTIPART = 'multipart/form-data';
const FORM_LIMIT = '256kb';

/**
 * Ordered name/value pairs of a form POST body: urlencoded (what pyvo and
 * vos send) or multipart (file parts are refused: no job type reads
 * uploads). No body gives no pairs; other media types are a 415.
 */
export async function formPairs(req: Request): Promise<[string, string][]> {
  if (req.get('content-type') === undefined && (req.get('content-length') ?? '0') === '0') return [];
  // `req.is` is null without a body and false for a body of another type.
  if (req.is([FORM, MULTIPART]) === false)
    throw new UnsupportedMediaTypeError(`send parameters as ${FORM} or ${MULTIPART}`);
  if (typeof req.body === 'string') return [...new URLSearchParams(req.body)];
  if (!Buffer.isBuffer(req.body)) return [];
  let form: FormData;
  try {
    // The platform's fetch implementation parses multipart bodies; no extra parser needed.
    form = await new Response(new Uint8Array(req.body), {
      headers: { 'content-type': req.get('content-type') ?? '' },
    }).formData();
  } catch {
    throw new BadRequestError('the multipart body is malformed', { fault: 'InvalidArgument' });
  }
  return [...form.entries()].map(([name, value]) => {
    if (typeof value !== 'string')
      throw new BadRequestError(`parameter ${name} is a file; send values only`, { fault: 'InvalidArgument' });
    return [name, value];
  });
}

/** Body parsers for {@link formPairs}. */
export const parseForm = [
  express.text({ type: FORM, limit: FORM_LIMIT }),
  express.raw({ type: MULTIPART, limit: FORM_LIMIT }),
];

/** The UWS document of a job (SDK model), with result and job URLs under `jobUrl`. */
export function toSdkJob(job: JobRecord, jobUrl: string): Job {
  return {
    jobId: job.id,
    ...(job.runId === undefined ? {} : { runId: job.runId }),
    ownerId: job.owner,
    phase: job.phase,
    quote: null,
    creationTime: job.creationTime,
    startTime: job.startTime,
    endTime: job.endTime,
    executionDuration: job.executionDuration,
    destruction: job.destruction,
    parameters: job.parameters.map((p) => ({ id: p.id, value: p.value })),
    results: job.results.map((r) => ({
      id: r.id,
      href: `${jobUrl}/results/${r.id}`,
      mimeType: r.mimeType,
      size: r.size,
    })),
    ...(job.error ? { errorSummary: { type: job.error.type, hasDetail: true, message: job.error.message } } : {}),
    ...(job.jobInfo === undefined ? {} : { jobInfo: [parseXml(job.jobInfo, 'job info')] }),
  };
}

/** Answers with the job document in the representation the client prefers. */
export function sendJob(req: Request, res: Response, job: JobRecord, jobUrl: string): void {
  const doc = toSdkJob(job, jobUrl);
  if (prefersJson(req)) {
    const { jobInfo: _jobInfo, version: _version, ...json } = doc;
    res.json(json);
  } else {
    res.type('application/xml').send(serializeJob(doc));
  }
}

/**
 * Routes for the jobs of a list: `GET /` (the caller's jobs) and everything
 * under `/:jobId`. Mount behind `requireUser`.
 */
export function jobRoutes(jobs: JobManager, options: JobRoutesOptions): Router {
  const router = Router({ mergeParams: true });
  const jobUrl = (list: string, id: string): string => `${options.listUrl(list)}/${id}`;
  const seeJob = (res: Response, job: JobRecord): void => res.redirect(303, jobUrl(job.list, job.id));
  const job = (req: Request, res: Response): JobRecord =>
    jobs.get(options.list(req), String(req.params.jobId), currentUser(res).username);

  router.get('/', (req: Request, res: Response) => {
    const list = options.list(req);
    const found = jobs.list(list, currentUser(res).username, listFilter(req));
    const summaries = found.map((j) => ({
      jobId: j.id,
      href: jobUrl(list, j.id),
      phase: j.phase,
      ...(j.runId === undefined ? {} : { runId: j.runId }),
      ownerId: j.owner,
      creationTime: j.creationTime,
    }));
    if (prefersJson(req)) res.json({ jobs: summaries });
    else res.type('application/xml').send(serializeJobList({ jobs: summaries }));
  });

  router.get('/:jobId', async (req: Request, res: Response) => {
    const list = options.list(req);
    const id = String(req.params.jobId);
    const user = currentUser(res).username;
    const wait = waitSeconds(req.query.WAIT);
    let found = jobs.get(list, id, user);
    if (wait !== undefined) {
      const abort = new AbortController();
      // A client that gives up must not keep a listener alive for a minute.
      res.on('close', () => abort.abort());
      found = await jobs.wait(list, id, user, wait, phaseQuery(req.query.PHASE), abort.signal);
    }
    sendJob(req, res, found, jobUrl(list, id));
  });

  router.post('/:jobId', parseForm, async (req: Request, res: Response) => {
    const found = job(req, res);
    const action = param(await formPairs(req), 'ACTION');
    if (action?.toUpperCase() !== 'DELETE')
      throw new BadRequestError('ACTION must be DELETE', { fault: 'InvalidArgument' });
    await jobs.delete(found.list, found.id, found.owner);
    res.redirect(303, options.listUrl(found.list));
  });

  router.delete('/:jobId', async (req: Request, res: Response) => {
    const found = job(req, res);
    await jobs.delete(found.list, found.id, found.owner);
    res.redirect(303, options.listUrl(found.list));
  });

  router.get('/:jobId/phase', (req: Request, res: Response) => {
    res.type('text/plain').send(job(req, res).phase);
  });
  router.post('/:jobId/phase', parseForm, async (req: Request, res: Response) => {
    const found = job(req, res);
    const phase = param(await formPairs(req), 'PHASE');
    if (phase === undefined)
      throw new BadRequestError('PHASE is required (RUN or ABORT)', { fault: 'InvalidArgument' });
    seeJob(res, await jobs.setPhase(found.list, found.id, found.owner, phase.trim().toUpperCase()));
  });

  router.get('/:jobId/executionduration', (req: Request, res: Response) => {
    res.type('text/plain').send(String(job(req, res).executionDuration));
  });
  router.post('/:jobId/executionduration', parseForm, async (req: Request, res: Response) => {
    const found = job(req, res);
    const value = param(await formPairs(req), 'EXECUTIONDURATION');
    if (value === undefined) throw new BadRequestError('EXECUTIONDURATION is required', { fault: 'InvalidArgument' });
    seeJob(res, await jobs.setExecutionDuration(found.list, found.id, found.owner, value));
  });

  router.get('/:jobId/destruction', (req: Request, res: Response) => {
    res.type('text/plain').send(job(req, res).destruction);
  });
  router.post('/:jobId/destruction', parseForm, async (req: Request, res: Response) => {
    const found = job(req, res);
    const value = param(await formPairs(req), 'DESTRUCTION');
    if (value === undefined) throw new BadRequestError('DESTRUCTION is required', { fault: 'InvalidArgument' });
    seeJob(res, await jobs.setDestruction(found.list, found.id, found.owner, value));
  });

  router.get('/:jobId/quote', (req: Request, res: Response) => {
    job(req, res);
    res.type('text/plain').send('');
  });
  router.get('/:jobId/owner', (req: Request, res: Response) => {
    res.type('text/plain').send(job(req, res).owner);
  });
  router.get('/:jobId/error', (req: Request, res: Response) => {
    res.type('text/plain').send(job(req, res).error?.message ?? '');
  });

  router.get('/:jobId/parameters', (req: Request, res: Response) => {
    const found = job(req, res);
    const doc = toSdkJob(found, jobUrl(found.list, found.id));
    if (prefersJson(req)) {
      res.json(doc.parameters);
      return;
    }
    res.type('application/xml').send(parametersXml(doc));
  });
  router.post('/:jobId/parameters', parseForm, async (req: Request, res: Response) => {
    const found = job(req, res);
    seeJob(res, await jobs.setParameters(found.list, found.id, found.owner, await formPairs(req)));
  });

  router.get('/:jobId/results', (req: Request, res: Response) => {
    const found = job(req, res);
    const doc = toSdkJob(found, jobUrl(found.list, found.id));
    if (prefersJson(req)) {
      res.json(doc.results);
      return;
    }
    res.type('application/xml').send(resultsXml(doc));
  });
  router.get('/:jobId/results/:resultId', async (req: Request, res: Response) => {
    const found = job(req, res);
    const resultId = String(req.params.resultId);
    const file = jobs.resultFile(found, resultId);
    const result = found.results.find((r) => r.id === resultId);
    // Opened before answering, so a result deleted meanwhile is a clean 404, not a cut-off 200.
    const handle = await open(file).catch(() => {
      throw new NotFoundError(`job ${found.id} has no result ${resultId}`);
    });
    res.type(result?.mimeType ?? 'application/octet-stream');
    res.setHeader('Content-Length', String((await handle.stat()).size));
    await pipeline(handle.createReadStream(), res);
  });

  return router;
}

/** Whether the client prefers JSON over the UWS XML documents. */
function prefersJson(req: Request): boolean {
  return req.accepts(['application/xml', 'text/xml', 'application/json']) === 'application/json';
}

/** The value of a case-insensitively named single parameter. */
export function param(pairs: readonly [string, string][], name: string): string | undefined {
  const values = pairs.filter(([k]) => k.toUpperCase() === name).map(([, v]) => v);
  if (values.length > 1) throw new BadRequestError(`${name} may be given only once`, { fault: 'InvalidArgument' });
  return values[0];
}

function waitSeconds(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw))
    throw new BadRequestError('WAIT must be a whole number of seconds', { fault: 'InvalidArgument' });
  const value = Number(raw);
  if (value < -1) throw new BadRequestError('WAIT must be -1 or more', { fault: 'InvalidArgument' });
  return value === -1 ? MAX_WAIT_SECONDS : Math.min(value, MAX_WAIT_SECONDS);
}

function phaseQuery(raw: unknown): ExecutionPhase | undefined {
  if (raw === undefined) return undefined;
  const phase = EXECUTION_PHASES.find((p) => p === raw);
  if (phase === undefined)
    throw new BadRequestError('PHASE must be a UWS execution phase', { fault: 'InvalidArgument' });
  return phase;
}

function listFilter(req: Request): ListFilter {
  const filter: ListFilter = {};
  const phases = req.query.PHASE === undefined ? [] : ([] as unknown[]).concat(req.query.PHASE);
  if (phases.length > 0) filter.phases = phases.map(phaseQuery).filter((p): p is ExecutionPhase => p !== undefined);
  if (req.query.AFTER !== undefined) {
    const after = new Date(String(req.query.AFTER));
    if (
      typeof req.query.AFTER !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}/.test(req.query.AFTER) ||
      Number.isNaN(after.getTime())
    ) {
      throw new BadRequestError('AFTER must be an ISO 8601 instant', { fault: 'InvalidArgument' });
    }
    filter.after = after;
  }
  if (req.query.LAST !== undefined) {
    if (typeof req.query.LAST !== 'string' || !/^\d+$/.test(req.query.LAST) || Number(req.query.LAST) < 1) {
      throw new BadRequestError('LAST must be a positive whole number', { fault: 'InvalidArgument' });
    }
    filter.last = Number(req.query.LAST);
  }
  return filter;
}

const UWS_DECLARATIONS = 'xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0" xmlns:xlink="http://www.w3.org/1999/xlink"';

/** The `<uws:parameters>` document of `GET {job}/parameters`. */
function parametersXml(doc: Job): string {
  const items = doc.parameters.map(
    (p) => `  <uws:parameter id="${escapeXml(p.id)}">${escapeXml(p.value)}</uws:parameter>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<uws:parameters ${UWS_DECLARATIONS}>\n${items.join('')}</uws:parameters>\n`;
}

/** The `<uws:results>` document of `GET {job}/results`. */
function resultsXml(doc: Job): string {
  const items = doc.results.map(
    (r) =>
      `  <uws:result id="${escapeXml(r.id)}" xlink:type="simple" xlink:href="${escapeXml(r.href ?? '')}"` +
      ` mime-type="${escapeXml(r.mimeType ?? 'application/octet-stream')}" size="${r.size ?? 0}"/>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<uws:results ${UWS_DECLARATIONS}>\n${items.join('')}</uws:results>\n`;
}
