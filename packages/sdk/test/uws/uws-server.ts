// A small UWS 1.1 job list for the client tests: jobs run for DURATION
// milliseconds, honour WAIT (unless told to ignore it, as UWS 1.0 servers
// do) and answer state changes with 303 to the job.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serializeJob, serializeJobList, type ExecutionPhase, type Job } from '../../src/index.js';
import { body, listen, type Running } from '../fixtures/servers.js';

export interface UwsServer extends Running {
  jobs: Map<string, Job>;
  /** Requests for a single job document, WAIT or not. */
  jobGets: number;
  waitRequests: number;
}

export async function startUwsServer(options: { honourWait: boolean }): Promise<UwsServer> {
  const jobs = new Map<string, Job>();
  const waiters = new Set<() => void>();
  let next = 1;
  const state = { jobGets: 0, waitRequests: 0 };

  const setPhase = (job: Job, phase: ExecutionPhase): void => {
    job.phase = phase;
    for (const w of waiters) w();
  };
  // Job timers are unref'd: an aborted 60 s job must not keep the test process alive after the server closes.
  const start = (job: Job): void => {
    if (job.phase !== 'PENDING' && job.phase !== 'HELD') return;
    setPhase(job, 'QUEUED');
    setTimeout(() => {
      if (job.phase !== 'QUEUED') return;
      setPhase(job, 'EXECUTING');
      job.startTime = new Date().toISOString();
      const ms = Number(job.parameters.find((p) => p.id === 'DURATION')?.value ?? '0');
      setTimeout(() => {
        if (job.phase !== 'EXECUTING') return;
        if (job.parameters.some((p) => p.id === 'FAIL')) {
          job.errorSummary = { type: 'fatal', hasDetail: true, message: 'failed' };
          setPhase(job, 'ERROR');
        } else {
          job.results = [{ id: 'result', href: `${running.url}/uws/sleep/${job.jobId}/results/result` }];
          setPhase(job, 'COMPLETED');
        }
        job.endTime = new Date().toISOString();
      }, ms).unref();
    }, 20).unref();
  };
  const seeJob = (res: ServerResponse, job: Job): void => {
    res.writeHead(303, { location: `/uws/sleep/${job.jobId}` }).end();
  };

  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean); // uws sleep id prop
    if (parts[0] !== 'uws' || parts[1] !== 'sleep') return void res.writeHead(404).end('no such job list');
    const xml = (s: string): void => void res.writeHead(200, { 'content-type': 'text/xml' }).end(s);
    if (parts.length === 2) {
      if (req.method === 'POST') {
        const form = new URLSearchParams(await body(req));
        const id = `job${next++}`;
        const job: Job = {
          jobId: id,
          ownerId: 'alice',
          phase: 'PENDING',
          creationTime: new Date().toISOString(),
          startTime: null,
          endTime: null,
          executionDuration: 600,
          destruction: null,
          parameters: [...form].filter(([k]) => !['PHASE', 'RUNID'].includes(k)).map(([id, value]) => ({ id, value })),
          results: [],
        };
        const runId = form.get('RUNID');
        if (runId) job.runId = runId;
        jobs.set(id, job);
        if (form.get('PHASE') === 'RUN') start(job);
        return seeJob(res, job);
      }
      let list = [...jobs.values()];
      const phases = url.searchParams.getAll('PHASE');
      if (phases.length) list = list.filter((j) => phases.includes(j.phase));
      const after = url.searchParams.get('AFTER');
      if (after) list = list.filter((j) => (j.creationTime ?? '') > after);
      const last = url.searchParams.get('LAST');
      if (last) list = list.slice(-Number(last));
      return xml(
        serializeJobList({
          jobs: list.map((j) => ({
            jobId: j.jobId,
            phase: j.phase,
            href: `${running.url}/uws/sleep/${j.jobId}`,
            ownerId: j.ownerId,
          })),
        }),
      );
    }
    const job = jobs.get(decodeURIComponent(parts[2] ?? ''));
    if (!job) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such job');
    const prop = parts[3];
    if (prop === undefined) {
      if (req.method === 'DELETE') {
        jobs.delete(job.jobId);
        return void res.writeHead(303, { location: '/uws/sleep' }).end();
      }
      state.jobGets++;
      const wait = url.searchParams.get('WAIT');
      if (wait !== null) state.waitRequests++;
      const phase = url.searchParams.get('PHASE');
      const active = ['PENDING', 'QUEUED', 'EXECUTING'];
      if (
        options.honourWait &&
        wait !== null &&
        active.includes(job.phase) &&
        (phase === null || phase === job.phase)
      ) {
        const seconds = Number(wait) < 0 ? 60 : Math.min(Number(wait), 60);
        const from = job.phase;
        await new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          };
          const check = (): void => {
            if (job.phase !== from) done();
          };
          const timer = setTimeout(done, seconds * 1000);
          waiters.add(check);
          req.on('close', done);
        });
      }
      return xml(serializeJob(job));
    }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      if (prop === 'phase') {
        const p = form.get('PHASE');
        if (p === 'RUN') start(job);
        else if (p === 'ABORT') setPhase(job, 'ABORTED');
        else return void res.writeHead(400, { 'content-type': 'text/plain' }).end('bad PHASE');
      } else if (prop === 'destruction') job.destruction = form.get('DESTRUCTION');
      else if (prop === 'executionduration') job.executionDuration = Number(form.get('EXECUTIONDURATION'));
      return seeJob(res, job);
    }
    if (prop === 'error') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Detailed: it broke\n');
    return void res.writeHead(404).end();
  };
  const running = await listen(handler);
  return {
    ...running,
    jobs,
    get jobGets() {
      return state.jobGets;
    },
    get waitRequests() {
      return state.waitRequests;
    },
  };
}
