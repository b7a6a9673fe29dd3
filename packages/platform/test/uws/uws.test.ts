import { parseJob, parseJobList } from '@vobridge/sdk';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let alice: string;
let bob: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await platform.login('alice');
  bob = await platform.login('bob');
});
afterAll(() => platform.dispose());

const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const form = (token: string, body: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { ...auth(token), 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
  redirect: 'manual',
});

async function createJob(list: string, body: Record<string, string>, token = alice): Promise<string> {
  const res = await fetch(`${platform.url}/uws/${list}`, form(token, body));
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location.startsWith(`${platform.url}/uws/${list}/`)).toBe(true);
  return location;
}

async function getJob(url: string, token = alice) {
  const res = await fetch(url, { headers: auth(token) });
  expect(res.status).toBe(200);
  return parseJob(await res.text());
}

describe('UWS job lists', () => {
  test('anonymous requests get 401 with IVOA challenges', async () => {
    const res = await fetch(`${platform.url}/uws/sleep`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/ivoa_bearer/);
  });

  test('capabilities are anonymous and list every job list', async () => {
    const res = await fetch(`${platform.url}/uws/capabilities`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`${platform.url}/uws/sleep`);
    expect(text).toContain(`${platform.url}/uws/cone`);
  });

  test('a sleep job runs from PENDING through EXECUTING to COMPLETED with a result', async () => {
    const url = await createJob('sleep', { DURATION: '0.2', RUNID: 'r1' });
    let job = await getJob(url);
    expect(job.phase).toBe('PENDING');
    expect(job.runId).toBe('r1');
    expect(job.parameters).toEqual([{ id: 'DURATION', value: '0.2' }]);

    const run = await fetch(`${url}/phase`, form(alice, { phase: 'RUN' }));
    expect(run.status).toBe(303);
    expect(run.headers.get('location')).toBe(url);

    job = parseJob(await (await fetch(`${url}?WAIT=-1`, { headers: auth(alice) })).text());
    // WAIT returns on any phase change; wait again until the job is final.
    while (!['COMPLETED', 'ERROR', 'ABORTED'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${url}?WAIT=30`, { headers: auth(alice) })).text());
    }
    expect(job.phase).toBe('COMPLETED');
    expect(job.startTime).not.toBeNull();
    expect(job.endTime).not.toBeNull();
    expect(job.results).toHaveLength(1);
    const result = job.results[0];
    expect(result?.href).toBe(`${url}/results/result`);
    const body = await fetch(result?.href ?? '', { headers: auth(alice) });
    expect(body.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await body.text()).toBe('slept 0.2 seconds\n');
    expect(await (await fetch(`${url}/phase`, { headers: auth(alice) })).text()).toBe('COMPLETED');
  });

  test('parameter and RUNID values are stored trimmed, as pyvo reads them back', async () => {
    const url = await createJob('sleep', { DURATION: '\n 0 \n', RUNID: ' r2\t' });
    const job = await getJob(url);
    expect(job.parameters).toEqual([{ id: 'DURATION', value: '0' }]);
    expect(job.runId).toBe('r2');
  });

  test('WAIT with PHASE returns at once when the job is in another phase', async () => {
    const url = await createJob('sleep', { DURATION: '1' });
    const job = parseJob(await (await fetch(`${url}?WAIT=30&PHASE=EXECUTING`, { headers: auth(alice) })).text());
    expect(job.phase).toBe('PENDING');
  });

  test('ABORT stops an executing job', async () => {
    const url = await createJob('sleep', { DURATION: '600', PHASE: 'RUN' });
    let job = await getJob(url);
    while (job.phase === 'QUEUED')
      job = parseJob(await (await fetch(`${url}?WAIT=10&PHASE=QUEUED`, { headers: auth(alice) })).text());
    expect(job.phase).toBe('EXECUTING');
    const abort = await fetch(`${url}/phase`, form(alice, { PHASE: 'ABORT' }));
    expect(abort.status).toBe(303);
    job = await getJob(url);
    expect(job.phase).toBe('ABORTED');
    expect(job.results).toEqual([]);
  });

  test('a job exceeding its execution duration ends in ERROR with the reason', async () => {
    const url = await createJob('sleep', { DURATION: '600', EXECUTIONDURATION: '1' });
    expect(await (await fetch(`${url}/executionduration`, { headers: auth(alice) })).text()).toBe('1');
    await fetch(`${url}/phase`, form(alice, { PHASE: 'RUN' }));
    let job = await getJob(url);
    while (!['COMPLETED', 'ERROR', 'ABORTED'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${url}?WAIT=30`, { headers: auth(alice) })).text());
    }
    expect(job.phase).toBe('ERROR');
    expect(job.errorSummary?.message).toMatch(/execution duration/);
    expect(await (await fetch(`${url}/error`, { headers: auth(alice) })).text()).toMatch(/execution duration/);
  });

  test('bad parameters are a 400 at creation, not a failed job', async () => {
    const res = await fetch(`${platform.url}/uws/sleep`, form(alice, { DURATION: 'soon' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/DURATION/);
    const badPhase = await fetch(`${platform.url}/uws/sleep`, form(alice, { PHASE: 'SUSPEND' }));
    expect(badPhase.status).toBe(400);
    const badWait = await fetch(`${platform.url}/uws/sleep/0000?WAIT=forever`, { headers: auth(alice) });
    expect([400, 404]).toContain(badWait.status);
  });

  test('job parameters with control characters are a 400', async () => {
    const res = await fetch(`${platform.url}/uws/sleep`, {
      method: 'POST',
      headers: { ...auth(alice), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ DURATION: '1', NOTE: 'bell\u0007' }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });

  test('unknown job lists and jobs are 404', async () => {
    expect((await fetch(`${platform.url}/uws/nosuchlist`, { headers: auth(alice) })).status).toBe(404);
    expect((await fetch(`${platform.url}/uws/sleep/ffffffffffffffff`, { headers: auth(alice) })).status).toBe(404);
    expect((await fetch(`${platform.url}/uws/sleep/..%2F..%2Fetc`, { headers: auth(alice) })).status).toBe(404);
  });

  test("another user's jobs are invisible and untouchable", async () => {
    const url = await createJob('sleep', { DURATION: '0' });
    expect((await fetch(url, { headers: auth(bob) })).status).toBe(404);
    expect((await fetch(`${url}/phase`, form(bob, { PHASE: 'RUN' }))).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE', headers: auth(bob), redirect: 'manual' })).status).toBe(404);
    const list = parseJobList(await (await fetch(`${platform.url}/uws/sleep`, { headers: auth(bob) })).text());
    expect(list.jobs.map((j) => j.href)).not.toContain(url);
    expect((await getJob(url)).phase).toBe('PENDING');
  });

  test('parameters can change while PENDING, not after', async () => {
    const url = await createJob('sleep', { DURATION: '5' });
    const change = await fetch(`${url}/parameters`, form(alice, { DURATION: '0' }));
    expect(change.status).toBe(303);
    expect((await getJob(url)).parameters).toEqual([{ id: 'DURATION', value: '0' }]);
    await fetch(`${url}/phase`, form(alice, { PHASE: 'RUN' }));
    let job = await getJob(url);
    while (!['COMPLETED', 'ERROR', 'ABORTED'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${url}?WAIT=30`, { headers: auth(alice) })).text());
    }
    expect((await fetch(`${url}/parameters`, form(alice, { DURATION: '1' }))).status).toBe(409);
  });

  test('destruction time can be set and DELETE removes the job', async () => {
    const url = await createJob('sleep', { DURATION: '0' });
    const set = await fetch(`${url}/destruction`, form(alice, { DESTRUCTION: '2099-01-01T00:00:00Z' }));
    expect(set.status).toBe(303);
    expect(await (await fetch(`${url}/destruction`, { headers: auth(alice) })).text()).toBe('2099-01-01T00:00:00.000Z');
    const del = await fetch(url, { method: 'DELETE', headers: auth(alice), redirect: 'manual' });
    expect(del.status).toBe(303);
    expect(del.headers.get('location')).toBe(`${platform.url}/uws/sleep`);
    expect((await fetch(url, { headers: auth(alice) })).status).toBe(404);
  });

  test('a past destruction time destroys the job', async () => {
    const url = await createJob('sleep', { DURATION: '0' });
    await fetch(`${url}/destruction`, form(alice, { DESTRUCTION: '2000-01-01T00:00:00Z' }));
    let status = 200;
    // The destruction timer fires on its own; poll the job until it is gone.
    for (let i = 0; i < 50 && status === 200; i++) {
      status = (await fetch(url, { headers: auth(alice) })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(404);
  });

  test('the cone job returns the bright stars in a cone as a VOTable', async () => {
    const url = await createJob('cone', { RA: '83.8', DEC: '-1.0', SR: '2', PHASE: 'RUN' });
    let job = await getJob(url);
    while (!['COMPLETED', 'ERROR', 'ABORTED'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${url}?WAIT=30`, { headers: auth(alice) })).text());
    }
    expect(job.phase).toBe('COMPLETED');
    const votable = await (await fetch(`${url}/results/result`, { headers: auth(alice) })).text();
    // Orion's belt: Alnilam, Alnitak and Mintaka lie within 2 degrees of (83.8, -1.0).
    expect(votable).toContain('<TD>Alnilam</TD>');
    expect(votable).toContain('<TD>Alnitak</TD>');
    expect(votable).toContain('<TD>Mintaka</TD>');
    expect(votable).not.toContain('<TD>Sirius</TD>');
  });

  test("a cone job with DEST stores its table in the owner's VOSpace through a delegated token", async () => {
    const url = await createJob('cone', {
      RA: '101.3',
      DEC: '-16.7',
      SR: '1',
      DEST: 'vos://vobridge.org~vault/alice/sirius.xml',
      PHASE: 'RUN',
    });
    let job = await getJob(url);
    while (!['COMPLETED', 'ERROR', 'ABORTED'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${url}?WAIT=30`, { headers: auth(alice) })).text());
    }
    expect(job.errorSummary).toBeUndefined();
    expect(job.phase).toBe('COMPLETED');
    const stored = await fetch(`${platform.url}/vospace/data/alice/sirius.xml`, { headers: auth(alice) });
    expect(stored.status).toBe(200);
    const table = await stored.text();
    expect(table).toContain('<TD>Sirius</TD>');
    expect(table).toBe(await (await fetch(`${url}/results/result`, { headers: auth(alice) })).text());
  });

  test("a cone job cannot write into another user's space", async () => {
    const url = await createJob('cone', {
      RA: '0',
      DEC: '0',
      SR: '1',
      DEST: 'vos://vobridge.org~vault/bob/planted.xml',
      PHASE: 'RUN',
    });
    let job = await getJob(url);
    while (!['COMPLETED', 'ERROR', 'ABORTED'].includes(job.phase)) {
      job = parseJob(await (await fetch(`${url}?WAIT=30`, { headers: auth(alice) })).text());
    }
    expect(job.phase).toBe('ERROR');
    expect(job.errorSummary?.message).toMatch(/HTTP 404/);
    expect((await fetch(`${platform.url}/vospace/data/bob/planted.xml`, { headers: auth(bob) })).status).toBe(404);
    const bad = await fetch(
      `${platform.url}/uws/cone`,
      form(alice, { RA: '0', DEC: '0', SR: '1', DEST: 'vos://x/alice/../bob/y' }),
    );
    expect(bad.status).toBe(400);
  });

  test('job lists filter by PHASE and LAST and answer JSON on request', async () => {
    await createJob('sleep', { DURATION: '0', RUNID: 'filter' });
    const res = await fetch(`${platform.url}/uws/sleep?PHASE=PENDING&LAST=1`, {
      headers: { ...auth(alice), accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { jobs: { phase: string; runId?: string }[] };
    expect(body.jobs).toHaveLength(1);
    expect(body.jobs[0]?.phase).toBe('PENDING');
    expect(body.jobs[0]?.runId).toBe('filter');
  });
});
