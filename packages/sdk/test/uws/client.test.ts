import {
  AbortError,
  NotFoundError,
  ProtocolError,
  TimeoutError,
  UwsClient,
  type ExecutionPhase,
} from '../../src/index.js';
import { listen } from '../fixtures/servers.js';
import { startUwsServer, type UwsServer } from './uws-server.js';

describe('UwsClient against a WAIT-honouring server', () => {
  let server: UwsServer;
  let uws: UwsClient;
  beforeAll(async () => {
    server = await startUwsServer({ honourWait: true });
    uws = new UwsClient({ baseUrl: `${server.url}/uws/sleep` });
  });
  afterAll(() => server.close());

  test('create, run, wait (blocking), results, delete', async () => {
    const job = await uws.create({ DURATION: 300 }, { runId: 'r1' });
    expect(job).toMatchObject({ phase: 'PENDING', runId: 'r1', parameters: [{ id: 'DURATION', value: '300' }] });
    expect((await uws.run(job)).phase).toMatch(/QUEUED|EXECUTING/);
    const before = server.jobGets;
    const seen: ExecutionPhase[] = [];
    const done = await uws.waitForJob(job, { timeout: 20_000, onPhase: (p) => seen.push(p) });
    expect(done.phase).toBe('COMPLETED');
    expect(seen[seen.length - 1]).toBe('COMPLETED');
    expect(seen).toContain('EXECUTING');
    // Blocking WAIT: one request per phase change, not a polling storm.
    expect(server.jobGets - before).toBeLessThanOrEqual(4);
    expect(server.waitRequests).toBeGreaterThan(0);
    expect(await uws.results(job)).toEqual([
      { id: 'result', href: `${server.url}/uws/sleep/${job.jobId}/results/result` },
    ]);
    await uws.delete(job);
    await expect(uws.get(job)).rejects.toBeInstanceOf(NotFoundError);
  });

  test('list with PHASE / LAST / AFTER filters', async () => {
    const a = await uws.create({ DURATION: 0 });
    const b = await uws.create({ DURATION: 0 }, { run: true });
    await uws.waitForJob(b, { timeout: 10_000 });
    const pending = await uws.list({ phase: 'PENDING' });
    expect(pending.map((j) => j.jobId)).toContain(a.jobId);
    expect(pending.map((j) => j.jobId)).not.toContain(b.jobId);
    expect((await uws.list({ phase: ['PENDING', 'COMPLETED'] })).map((j) => j.jobId)).toEqual(
      expect.arrayContaining([a.jobId, b.jobId]),
    );
    expect(await uws.list({ last: 1 })).toHaveLength(1);
    expect(await uws.list({ after: new Date(Date.now() + 86_400_000) })).toEqual([]);
  });

  test('destruction and execution duration', async () => {
    const job = await uws.create({ DURATION: 0 });
    const when = new Date('2030-01-02T03:04:05.000Z');
    expect((await uws.setDestruction(job, when)).destruction).toBe('2030-01-02T03:04:05.000Z');
    expect((await uws.setExecutionDuration(job, 42)).executionDuration).toBe(42);
  });

  test('abort ends the wait with ABORTED', async () => {
    const job = await uws.create({ DURATION: 60_000 }, { run: true });
    const waiting = uws.waitForJob(job, { timeout: 20_000 });
    await uws.waitForJob(job, { phases: ['EXECUTING'], timeout: 10_000 });
    await uws.abort(job);
    expect((await waiting).phase).toBe('ABORTED');
  });

  test('error summary with detail', async () => {
    const job = await uws.create({ DURATION: 0, FAIL: 1 }, { run: true });
    expect((await uws.waitForJob(job, { timeout: 10_000 })).phase).toBe('ERROR');
    expect(await uws.errorSummary(job)).toEqual({ type: 'fatal', hasDetail: true, message: 'Detailed: it broke' });
  });

  test('timeout and abort signal are typed errors', async () => {
    const job = await uws.create({ DURATION: 60_000 });
    await expect(uws.waitForJob(job, { timeout: 300 })).rejects.toBeInstanceOf(TimeoutError);
    const ac = new AbortController();
    const waiting = uws.waitForJob(job, { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
  });
});

test('falls back to polling with backoff when the server ignores WAIT', async () => {
  const server = await startUwsServer({ honourWait: false });
  try {
    const uws = new UwsClient({ baseUrl: `${server.url}/uws/sleep` });
    const job = await uws.create({ DURATION: 400 }, { run: true });
    const seen: ExecutionPhase[] = [];
    const done = await uws.waitForJob(job, { timeout: 20_000, pollInterval: 50, onPhase: (p) => seen.push(p) });
    expect(done.phase).toBe('COMPLETED');
    expect(seen[seen.length - 1]).toBe('COMPLETED');
    // Polled, but not in a busy loop: the delay grows, so a 400 ms job takes a handful of requests.
    expect(server.jobGets).toBeGreaterThan(1);
    expect(server.jobGets).toBeLessThan(20);
  } finally {
    await server.close();
  }
});

test('malformed job document and HTML answers are protocol errors', async () => {
  const server = await listen((req, res) => {
    if (req.url?.includes('html'))
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>login</body></html>');
    else
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end('<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"><uws:jobId>1</uws:jobId>');
  });
  try {
    const err = await new UwsClient({ baseUrl: `${server.url}/jobs` }).get('1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as ProtocolError).element).toBe('uws:job');
    await expect(new UwsClient({ baseUrl: `${server.url}/html` }).get('1')).rejects.toThrow(/HTML/);
  } finally {
    await server.close();
  }
});
