import { ProtocolError, parseJob, parseJobList, serializeJob, serializeJobList, type Job } from '../../src/index.js';
import { fixture } from '../xml/fixtures.js';

describe('parseJob on real documents', () => {
  test('GAVO UWS 1.1 job (pyvo fixture)', () => {
    const job = parseJob(fixture('uws/pyvo-job.xml'));
    expect(job).toMatchObject({
      jobId: '1337',
      ownerId: null,
      phase: 'COMPLETED',
      quote: '2018-01-01T02:00:00Z',
      creationTime: '2018-01-01T00:00:00Z',
      startTime: '2018-01-01T00:05:00Z',
      endTime: '2018-01-01T02:00:00Z',
      executionDuration: 7200,
      destruction: '2018-02-01T00:00:00Z',
      version: '1.1',
    });
    expect(job.parameters).toHaveLength(6);
    expect(job.parameters.find((p) => p.id === 'query')?.value).toBe("SELECT 'test'");
    expect(job.parameters.find((p) => p.id === 'maxrec')?.value).toBe('');
    expect(job.results).toEqual([{ id: 'result', href: 'http://example.com/tap/async/1337/results/result' }]);
    expect(job.errorSummary).toBeUndefined();
  });

  test('error summary', () => {
    const job = parseJob(fixture('uws/pyvo-job-error.xml'));
    expect(job.phase).toBe('ERROR');
    expect(job.errorSummary).toEqual({ type: 'fatal', hasDetail: false, message: 'We have problem' });
    expect(job.results).toEqual([]);
  });

  test('UWS 1.0 job in the default namespace, no version', () => {
    const job = parseJob(fixture('uws/pyvo-job-implicit-v1.0.xml'));
    expect(job.jobId).toBe('1576511540079_32840');
    expect(job.ownerId).toBeNull();
    expect(job.version).toBeUndefined();
    expect(job.startTime).toBe('2019-12-16T10:52:20');
    expect(job.parameters.find((p) => p.id === 'query')?.value.trim()).toBe('SELECT ra, dec FROM table');
    expect(job.results[0]?.href).toBe('http://example.com/tap/async/1234/results/result');
  });

  test('jobInfo extension content is kept and round-trips with its namespaces', () => {
    const job = parseJob(fixture('uws/pyvo-job-with-namespace-elements.xml'));
    expect(job.jobInfo?.map((e) => [e.uri, e.local])).toEqual([
      ['http://example-tap.org', 'progress'],
      ['http://example-custom.org', 'progress'],
      ['', 'uniqueElement'],
    ]);
    const again = parseJob(serializeJob(job));
    expect(again.jobInfo?.map((e) => [e.uri, e.local])).toEqual(job.jobInfo?.map((e) => [e.uri, e.local]));
    const nested = parseJob(serializeJob(parseJob(fixture('uws/pyvo-job-with-nested-jobinfo.xml'))));
    expect(nested.jobInfo?.[0]?.local).toBe('queryInfo');
  });

  test('job list from pyvo TAP test server', () => {
    const list = parseJobList(fixture('uws/pyvo-tap-joblist.xml'));
    expect(list.version).toBe('1.1');
    expect(list.jobs).toHaveLength(3);
    expect(list.jobs[0]).toEqual({
      jobId: 'abc1',
      phase: 'EXECUTING',
      runId: 'def1',
      ownerId: '21',
      creationTime: '2018-12-20T00:23:15.79',
    });
  });
});

describe('round trip', () => {
  const job: Job = {
    jobId: 'j1',
    runId: 'run <&> "1"',
    ownerId: 'alice',
    phase: 'HELD',
    creationTime: '2026-01-01T00:00:00Z',
    startTime: null,
    endTime: null,
    executionDuration: 0,
    destruction: null,
    parameters: [
      { id: 'query', value: 'SELECT * FROM t WHERE a < 3 & b > "x"\n  AND c = \'é\'' },
      { id: 'upload', value: 'http://x/y?a=1&b=2', byReference: true },
    ],
    results: [{ id: 'r', href: 'http://x/r?a=1&b=2', size: 12, mimeType: 'text/plain' }],
    errorSummary: { type: 'transient', hasDetail: true, message: 'oops <b>' },
    version: '1.1',
  };

  test('serializeJob -> parseJob is the identity', () => {
    const xml = serializeJob(job);
    expect(xml).toContain('<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0"');
    expect(xml).toContain('<uws:startTime xsi:nil="true"/>');
    expect(parseJob(xml)).toEqual(job);
  });

  test('every UWS 1.1 phase round-trips', () => {
    for (const phase of [
      'PENDING',
      'QUEUED',
      'EXECUTING',
      'COMPLETED',
      'ERROR',
      'ABORTED',
      'UNKNOWN',
      'HELD',
      'SUSPENDED',
      'ARCHIVED',
    ] as const) {
      expect(parseJob(serializeJob({ ...job, phase })).phase).toBe(phase);
    }
  });

  test('serializeJobList -> parseJobList', () => {
    const list = {
      version: '1.1',
      jobs: [{ jobId: 'a', phase: 'QUEUED' as const, href: 'http://h/jobs/a', ownerId: null }],
    };
    expect(parseJobList(serializeJobList(list))).toEqual(list);
  });

  test('a value XML cannot hold is refused with a typed error', () => {
    expect(() => serializeJob({ ...job, jobId: 'a\u0000b' })).toThrow(ProtocolError);
  });
});

describe('errors name the element', () => {
  test('malformed XML', () => {
    const err = catchError(() =>
      parseJob('<uws:job xmlns:uws="http://www.ivoa.net/xml/UWS/v1.0">\n<uws:jobId>1</uws:jobId><uws:phase>'),
    );
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err.element).toBe('uws:phase');
    expect(err.location?.line).toBe(2);
    expect(err.message).toMatch(/line 2/);
  });

  test('unknown phase', () => {
    const err = catchError(() =>
      parseJob('<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><jobId>1</jobId><phase>RUNNING</phase></job>'),
    );
    expect(err.element).toBe('phase');
    expect(err.message).toMatch(/RUNNING/);
  });

  test('missing jobId', () => {
    expect(
      catchError(() => parseJob('<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><phase>QUEUED</phase></job>')).element,
    ).toBe('jobId');
  });

  test('hostile nesting is refused before any recursion', () => {
    const deep = `<job xmlns="http://www.ivoa.net/xml/UWS/v1.0"><jobInfo>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</jobInfo></job>`;
    const err = catchError(() => parseJob(deep));
    expect(err.message).toMatch(/nested deeper than 256/);
    expect(err.element).toBe('a');
  });

  test('wrong root, empty document, unbound prefix', () => {
    expect(catchError(() => parseJob('<html><body/></html>')).element).toBe('html');
    expect(catchError(() => parseJob(''))).toBeInstanceOf(ProtocolError);
    expect(catchError(() => parseJobList('<x:jobs/>'))).toBeInstanceOf(ProtocolError);
  });
});

function catchError(fn: () => unknown): ProtocolError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProtocolError) return e;
    throw e;
  }
  throw new Error('expected a ProtocolError');
}
