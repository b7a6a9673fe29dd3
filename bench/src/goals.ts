// The performance goals the project set itself (issue 19), checked against
// the latest results on every rebuild of RESULTS.md. A goal this machine
// cannot reach carries the measured ceiling and the reason, so the table
// says why rather than just "missed".

/** One goal: a comparison of a benchmark, its ratio or vobridge's own figure, against a target. */
export interface Goal {
  benchmark: string;
  /** The comparison's `metric`, exactly. */
  metric: string;
  /** `ratio`: vobridge ÷ peer; `vobridge`: vobridge's own median, in the comparison's unit. */
  of: 'ratio' | 'vobridge';
  op: '>=' | '<=' | '<';
  target: number;
  /** Why the goal is out of reach here, with the measured ceiling; shown only while it is missed. */
  ceiling?: string;
}

const TRANSFER_CPU =
  'Every byte through MD5 (about 750 MiB/s on one core) on the 2 cores the platform also runs on; the "curl with md5sum" rows, the same work, are 1.2–1.4×.';
const UPLOAD =
  "The platform's upload handler keeps one core busy for the whole upload (2.85 s of CPU per GiB: its own MD5, writes, fsync); curl needs 0.35 s beside it, vobridge 2.1 s (1.35 s of it the MD5 curl skips), which the 2 cores share with the platform. Measured alone: 0.82–0.87× curl.";
const TRANSFER_RSS =
  'Node.js alone is 43 MiB; the SDK adds 19, fetch (undici, loaded by the metadata and negotiation requests) 20, the MD5 worker thread 17–19. The worker is kept for speed: in a prototype of the same transfer without the SDK (2026-12-05), MD5 on the main thread took 55 MiB and 2.6–3.2 s per GiB, on a worker 72 MiB and 2.0–2.2 s.';
const BROKER_RSS =
  'Node.js alone is 43 MiB; the broker starts at 69 MiB, express (the routes other than /v1/token) adds 8, fetch (undici, from the first platform call) 20: 96 MiB idle with a login. Under load the young generation grows (--max-semi-space-size=1 saves about 10 MiB). Below 60 would take the broker off express and fetch.';
const SHELL =
  'Any Node client must make the HMAC-proven broker request (node:net, node:crypto): a minimal CommonJS script doing just that (the floor row below) is 1.47–1.53× node -e 0 across runs here, node:crypto alone about 5 ms of a 25–28 ms start. So 1.3× lies below that floor and 1.5× at it; vobridge token is 1.07× the script, status and whoami about 1.06×.';

/** Issue 19's goals. */
export const GOALS: Goal[] = [
  {
    benchmark: 'token-fetch',
    metric: 'HTTP token fetch, requests/s (10 connections)',
    of: 'ratio',
    op: '>=',
    target: 0.8,
  },
  {
    benchmark: 'token-fetch',
    metric: 'HTTP token fetch, p50 latency (one connection, sequential)',
    of: 'ratio',
    op: '<=',
    target: 1.2,
  },
  {
    benchmark: 'token-fetch',
    metric: 'HTTP token fetch, p99 latency (one connection, sequential)',
    of: 'ratio',
    op: '<=',
    target: 1.5,
  },
  {
    benchmark: 'token-fetch',
    metric: 'server RSS after each load run',
    of: 'vobridge',
    op: '<',
    target: 80,
    ceiling: BROKER_RSS,
  },
  {
    benchmark: 'token-fetch',
    metric: 'vobridge token against Node start-up, broker from the environment',
    of: 'ratio',
    op: '<=',
    target: 1.3,
    ceiling: SHELL,
  },
  {
    benchmark: 'token-fetch',
    metric: 'vobridge token against Node start-up, broker from its runtime file',
    of: 'ratio',
    op: '<=',
    target: 1.3,
    ceiling: SHELL,
  },
  {
    benchmark: 'token-fetch',
    metric: 'vobridge status against Node start-up',
    of: 'ratio',
    op: '<=',
    target: 1.5,
    ceiling: SHELL,
  },
  {
    benchmark: 'token-fetch',
    metric: 'vobridge whoami against Node start-up',
    of: 'ratio',
    op: '<=',
    target: 1.5,
    ceiling: SHELL,
  },
  {
    benchmark: 'vospace',
    metric: 'SDK download throughput vs curl',
    of: 'ratio',
    op: '>=',
    target: 0.9,
    ceiling: TRANSFER_CPU,
  },
  {
    benchmark: 'vospace',
    metric: 'SDK upload throughput vs curl',
    of: 'ratio',
    op: '>=',
    target: 0.9,
    ceiling: UPLOAD,
  },
  {
    benchmark: 'vospace',
    metric: 'CLI download throughput vs curl',
    of: 'ratio',
    op: '>=',
    target: 0.85,
    ceiling: TRANSFER_CPU,
  },
  {
    benchmark: 'vospace',
    metric: 'CLI upload throughput vs curl',
    of: 'ratio',
    op: '>=',
    target: 0.85,
    ceiling: UPLOAD,
  },
  { benchmark: 'vospace', metric: 'SDK download throughput vs vcp', of: 'ratio', op: '>=', target: 1.5 },
  { benchmark: 'vospace', metric: 'SDK upload throughput vs vcp', of: 'ratio', op: '>=', target: 1.5, ceiling: UPLOAD },
  { benchmark: 'vospace', metric: 'CLI download throughput vs vcp', of: 'ratio', op: '>=', target: 1.5 },
  { benchmark: 'vospace', metric: 'CLI upload throughput vs vcp', of: 'ratio', op: '>=', target: 1.5, ceiling: UPLOAD },
  {
    benchmark: 'vospace',
    metric: 'SDK download peak RSS vs curl',
    of: 'vobridge',
    op: '<',
    target: 80,
    ceiling: TRANSFER_RSS,
  },
  {
    benchmark: 'vospace',
    metric: 'SDK upload peak RSS vs curl',
    of: 'vobridge',
    op: '<',
    target: 80,
    ceiling: TRANSFER_RSS,
  },
  {
    benchmark: 'vospace',
    metric: 'CLI download peak RSS vs curl',
    of: 'vobridge',
    op: '<',
    target: 80,
    ceiling: TRANSFER_RSS,
  },
  {
    benchmark: 'vospace',
    metric: 'CLI upload peak RSS vs curl',
    of: 'vobridge',
    op: '<',
    target: 80,
    ceiling: TRANSFER_RSS,
  },
  { benchmark: 'vospace', metric: 'server CPU per GiB sent (download by curl)', of: 'ratio', op: '<=', target: 1.5 },
  {
    benchmark: 'token-agents',
    metric: "the agent's own part of a refresh: in-process refresh minus the platform grant alone",
    of: 'vobridge',
    op: '<=',
    target: 2,
  },
  {
    benchmark: 'token-agents',
    metric: 'resident memory of the agent, idle with one login',
    of: 'vobridge',
    op: '<',
    target: 60,
    ceiling: BROKER_RSS,
  },
];
