import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/log/logger.js';
import { JobManager } from '../../src/uws/manager.js';
import { sleepJob } from '../../src/uws/types/sleep.js';

const logger = createLogger({ level: 'silent' });
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vobridge-uws-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function until(manager: JobManager, id: string, phase: string): Promise<void> {
  const never = new AbortController().signal;
  let job = manager.get('sleep', id, 'alice');
  while (job.phase !== phase) job = await manager.wait('sleep', id, 'alice', 10, job.phase, never);
}

test('a job executing when the platform dies ends in ERROR with a reason; pending and finished jobs survive', async () => {
  // The first manager is never closed: that is the crash (its process would be gone).
  const crashed = await JobManager.open({ dir, types: [sleepJob], logger });
  const running = await crashed.create('sleep', 'alice', [
    ['DURATION', '600'],
    ['PHASE', 'RUN'],
  ]);
  const pending = await crashed.create('sleep', 'alice', [
    ['DURATION', '1'],
    ['RUNID', 'keep'],
  ]);
  const done = await crashed.create('sleep', 'alice', [
    ['DURATION', '0'],
    ['PHASE', 'RUN'],
  ]);
  await until(crashed, running.id, 'EXECUTING');
  await until(crashed, done.id, 'COMPLETED');

  const restarted = await JobManager.open({ dir, types: [sleepJob], logger });
  try {
    const interrupted = restarted.get('sleep', running.id, 'alice');
    expect(interrupted.phase).toBe('ERROR');
    expect(interrupted.error?.message).toMatch(/restarted/);
    expect(interrupted.endTime).not.toBeNull();
    expect(restarted.get('sleep', pending.id, 'alice')).toMatchObject({ phase: 'PENDING', runId: 'keep' });
    const finished = restarted.get('sleep', done.id, 'alice');
    expect(finished.phase).toBe('COMPLETED');
    expect(finished.results.map((r) => r.id)).toEqual(['result']);
  } finally {
    await restarted.close();
    await crashed.close();
  }
});

test('closing the runner ends running jobs in ERROR saying the platform shut down', async () => {
  const manager = await JobManager.open({ dir, types: [sleepJob], logger });
  const job = await manager.create('sleep', 'alice', [
    ['DURATION', '600'],
    ['PHASE', 'RUN'],
  ]);
  await until(manager, job.id, 'EXECUTING');
  await manager.close();
  const reopened = await JobManager.open({ dir, types: [sleepJob], logger });
  try {
    const after = reopened.get('sleep', job.id, 'alice');
    expect(after.phase).toBe('ERROR');
    expect(after.error?.message).toMatch(/shut down/);
  } finally {
    await reopened.close();
  }
});

test('jobs beyond the concurrency limit wait in QUEUED', async () => {
  const manager = await JobManager.open({ dir, types: [sleepJob], logger, maxConcurrent: 1 });
  try {
    const first = await manager.create('sleep', 'alice', [
      ['DURATION', '600'],
      ['PHASE', 'RUN'],
    ]);
    const second = await manager.create('sleep', 'alice', [
      ['DURATION', '0'],
      ['PHASE', 'RUN'],
    ]);
    await until(manager, first.id, 'EXECUTING');
    expect(manager.get('sleep', second.id, 'alice').phase).toBe('QUEUED');
    await manager.setPhase('sleep', first.id, 'alice', 'ABORT');
    await until(manager, second.id, 'COMPLETED');
  } finally {
    await manager.close();
  }
});

test('an immediate job starts at once even when every slot is busy', async () => {
  const manager = await JobManager.open({ dir, types: [sleepJob], logger, maxConcurrent: 1 });
  try {
    const long = await manager.create('sleep', 'alice', [
      ['DURATION', '600'],
      ['PHASE', 'RUN'],
    ]);
    await until(manager, long.id, 'EXECUTING');
    const quick = await manager.create(
      'sleep',
      'alice',
      [
        ['DURATION', '0'],
        ['PHASE', 'RUN'],
      ],
      { immediate: true },
    );
    await until(manager, quick.id, 'COMPLETED');
    expect(manager.get('sleep', long.id, 'alice').phase).toBe('EXECUTING');
  } finally {
    await manager.close();
  }
});

test('a job still QUEUED when the platform dies is queued again and runs after the restart', async () => {
  const crashed = await JobManager.open({ dir, types: [sleepJob], logger, maxConcurrent: 1 });
  const blocker = await crashed.create('sleep', 'alice', [
    ['DURATION', '600'],
    ['PHASE', 'RUN'],
  ]);
  const waiting = await crashed.create('sleep', 'alice', [
    ['DURATION', '0'],
    ['PHASE', 'RUN'],
  ]);
  await until(crashed, blocker.id, 'EXECUTING');
  expect(crashed.get('sleep', waiting.id, 'alice').phase).toBe('QUEUED');

  const restarted = await JobManager.open({ dir, types: [sleepJob], logger, maxConcurrent: 1 });
  try {
    await until(restarted, waiting.id, 'COMPLETED');
    expect(restarted.get('sleep', blocker.id, 'alice').phase).toBe('ERROR');
  } finally {
    await restarted.close();
    await crashed.close();
  }
});
