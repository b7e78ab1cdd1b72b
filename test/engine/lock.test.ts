import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/engine/apply-plan.js';
import { acquireLock, lockPath, withLock } from '../../src/engine/lock.js';
import { SetupError } from '../../src/errors.js';
import { ACCOUNT, change, noAws, planOf, recordingExecutor, recordingIo, REGION, runsDirOf, tempStateDir } from './fixtures.js';

const children: { kill(): boolean }[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

/** A process that stays alive for the test. */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await once(child, 'exit');
  return child.pid!;
}

async function writeLock(stateDir: string, pid: number): Promise<string> {
  await mkdir(runsDirOf(stateDir), { recursive: true });
  const path = lockPath(stateDir, ACCOUNT, REGION);
  await writeFile(path, JSON.stringify({ pid, runId: '20261123T160000Z-beef', startedAt: '2026-11-23T16:00:00.000Z', hostname: hostname() }));
  return path;
}

const target = { account: ACCOUNT, region: REGION };

describe('the run lock', () => {
  it('refuses to apply while a live process holds the lock, naming its pid and the lock path', async () => {
    const stateDir = await tempStateDir();
    const pid = livePid();
    const path = await writeLock(stateDir, pid);
    const log: string[] = [];
    const run = applyPlan(planOf([change(1)]), { aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, executor: recordingExecutor(log) });
    await expect(run).rejects.toThrow(SetupError);
    await expect(run).rejects.toThrow(
      `another personalize-setup run (pid ${pid}, run 20261123T160000Z-beef, started 2026-11-23T16:00:00.000Z) holds the lock ${path}`,
    );
    expect(log).toEqual([]);
    // The other run's lock is untouched.
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(pid);
  });

  it('takes over a lock whose process is gone, and releases it when done', async () => {
    const stateDir = await tempStateDir();
    const path = await writeLock(stateDir, await deadPid());
    const log: string[] = [];
    const report = await applyPlan(planOf([change(1)]), { aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, executor: recordingExecutor(log) });
    expect(report.status).toBe('applied');
    expect(log).toEqual(['apply P1']);
    await expect(stat(path)).rejects.toThrow(/ENOENT/);
  });

  it('holds pid, run id and start time in a private file while held', async () => {
    const stateDir = await tempStateDir();
    const lock = await acquireLock({ stateDir, ...target, runId: '20261123T163512Z-a1b2', now: () => new Date('2026-11-23T16:35:12Z') });
    expect(JSON.parse(await readFile(lock.path, 'utf8'))).toEqual({
      pid: process.pid,
      runId: '20261123T163512Z-a1b2',
      startedAt: '2026-11-23T16:35:12.000Z',
      hostname: hostname(),
    });
    expect((await stat(lock.path)).mode & 0o777).toBe(0o600);
    // A second run in this very process is refused too.
    await expect(acquireLock({ stateDir, ...target, runId: '20261123T163513Z-0000' })).rejects.toThrow(`pid ${process.pid}`);
    await lock.release();
    await expect(stat(lock.path)).rejects.toThrow(/ENOENT/);
  });

  it('is released when the work throws', async () => {
    const stateDir = await tempStateDir();
    await expect(withLock({ stateDir, ...target, runId: '20261123T163512Z-a1b2' }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(stat(lockPath(stateDir, ACCOUNT, REGION))).rejects.toThrow(/ENOENT/);
  });

  it('does not remove a lock another run took over', async () => {
    const stateDir = await tempStateDir();
    const lock = await acquireLock({ stateDir, ...target, runId: '20261123T163512Z-a1b2' });
    const pid = livePid();
    const path = await writeLock(stateDir, pid); // e.g. someone deleted ours by hand and started a run
    await lock.release();
    expect(JSON.parse(await readFile(path, 'utf8')).pid).toBe(pid);
  });

  it('keeps locks of different regions apart', async () => {
    const stateDir = await tempStateDir();
    const a = await acquireLock({ stateDir, account: ACCOUNT, region: 'eu-west-1', runId: '20261123T163512Z-a1b2' });
    const b = await acquireLock({ stateDir, account: ACCOUNT, region: 'us-east-1', runId: '20261123T163512Z-a1b3' });
    expect(a.path).not.toBe(b.path);
    await a.release();
    await b.release();
  });
});
