import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/engine/apply-plan.js';
import { RunJournal } from '../../src/engine/journal.js';
import { lockPath } from '../../src/engine/lock.js';
import { rollbackRun } from '../../src/engine/rollback-run.js';
import type { OperationExecutor } from '../../src/engine/executor.js';
import type { PolicyDocument } from '../../src/policies/types.js';
import { ACCOUNT, change, nameOf, noAws, planOf, readOnlyJournal, recordingExecutor, recordingIo, REGION, tempStateDir } from './fixtures.js';
import type { Change, Operation } from '../../src/steps/types.js';

const theirs: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'AddedByBob', Effect: 'Allow', Action: 's3:*', Resource: '*' }] };

/** A check that reports drift on the named operations (what we wrote vs Bob's document). */
function driftOn(...names: string[]): OperationExecutor['check'] {
  return async (_aws, op) => {
    if (!names.includes(nameOf(op))) return {};
    const expected = op.kind === 'putRolePolicy' ? op.document : undefined;
    return { drift: { resource: `inline policy ${nameOf(op)} of role PersonalizeRole`, expected, actual: theirs } };
  };
}

async function appliedRun(stateDir: string, changes: Change[] = [change(1), change(2), change(3)], now?: () => Date) {
  const report = await applyPlan(planOf(changes), {
    aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, executor: recordingExecutor([]), ...(now ? { now } : {}),
  });
  expect(report.status).toBe('applied');
  return report;
}

/** The document test change n wrote. */
const written = (n: number): PolicyDocument => (change(n).operation as Extract<Operation, { kind: 'putRolePolicy' }>).document;

const base = { aws: noAws, account: ACCOUNT, region: REGION };

describe('rollbackRun', () => {
  it('refuses on drift without changing anything, and hands back both documents', async () => {
    const stateDir = await tempStateDir();
    const run = await appliedRun(stateDir);
    const before = await readFile(run.journalPath!, 'utf8');
    const log: string[] = [];

    const report = await rollbackRun({ ...base, io: recordingIo(log), stateDir, force: false, executor: recordingExecutor(log, { check: driftOn('P2') }) });

    expect(report.status).toBe('refused');
    expect(report.runId).toBe(run.runId);
    expect(report.drift).toEqual([{ entry: expect.objectContaining({ changeId: 'service-role/p2' }), expected: written(2), actual: theirs }]);
    expect(report.undone).toEqual([]);
    expect(log).toEqual([]); // no undo, no progress, no warning
    expect(await readFile(run.journalPath!, 'utf8')).toBe(before);
    await expect(stat(lockPath(stateDir, ACCOUNT, REGION))).rejects.toThrow(/ENOENT/);
  });

  it('with force, undoes every change in reverse, checking drift, and records it', async () => {
    const stateDir = await tempStateDir();
    const run = await appliedRun(stateDir);
    const log: string[] = [];
    const report = await rollbackRun({
      ...base, io: recordingIo(), stateDir, force: true, now: () => new Date('2026-11-24T09:00:00Z'), executor: recordingExecutor(log, { check: driftOn('P2') }),
    });

    expect(log).toEqual([
      'undo P3 {"versionId":"v-P3"} {"checkDrift":true,"force":true}',
      'undo P2 {"versionId":"v-P2"} {"checkDrift":true,"force":true}',
      'undo P1 {"versionId":"v-P1"} {"checkDrift":true,"force":true}',
    ]);
    expect(report.status).toBe('rolled-back');
    expect(report.drift.map((d) => d.entry.changeId)).toEqual(['service-role/p2']);
    expect(report.undone.map((e) => e.changeId)).toEqual(['service-role/p3', 'service-role/p2', 'service-role/p1']);
    const record = await readOnlyJournal(stateDir);
    expect(record).toMatchObject({ runId: run.runId, status: 'rolled-back', rolledBackAt: '2026-11-24T09:00:00.000Z' });
    expect(record.entries.map((e) => [e.state, e.undoDetail])).toEqual([
      ['undone', 'undid P1'],
      ['undone', 'undid P2'],
      ['undone', 'undid P3'],
    ]);
    // Nothing left to undo: the next rollback says so, and calls nothing.
    const calls: string[] = [];
    const again = await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor: recordingExecutor(calls) });
    expect(again).toMatchObject({ runId: run.runId, status: 'nothing-to-undo', undone: [], failed: [] });
    expect(calls).toEqual([]);
  });

  it('proceeds without force when nothing drifted', async () => {
    const stateDir = await tempStateDir();
    await appliedRun(stateDir);
    const log: string[] = [];
    const report = await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor: recordingExecutor(log, { check: driftOn() }) });
    expect(report.status).toBe('rolled-back');
    expect(log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['undo P3', 'undo P2', 'undo P1']);
    expect(log[0]).toContain('{"checkDrift":true,"force":false}');
  });

  it('undoes the newest run first, then the one before it', async () => {
    const stateDir = await tempStateDir();
    const older = await appliedRun(stateDir, [change(1)], () => new Date('2026-11-01T00:00:00Z'));
    const newer = await appliedRun(stateDir, [change(2)], () => new Date('2026-11-02T00:00:00Z'));
    const log: string[] = [];
    const executor = recordingExecutor(log, { check: driftOn() });
    expect((await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor })).runId).toBe(newer.runId);
    expect((await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor })).runId).toBe(older.runId);
    expect(log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['undo P2', 'undo P1']);
  });

  it('rolls back a given run id, and reports nothing to undo once it is undone', async () => {
    const stateDir = await tempStateDir();
    const older = await appliedRun(stateDir, [change(1)], () => new Date('2026-11-01T00:00:00Z'));
    await appliedRun(stateDir, [change(2)], () => new Date('2026-11-02T00:00:00Z'));
    const log: string[] = [];
    const executor = recordingExecutor(log, { check: driftOn() });
    expect((await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, runId: older.runId, executor })).status).toBe('rolled-back');
    expect(log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['undo P1']);
    const again = await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, runId: older.runId, executor });
    expect(again.status).toBe('nothing-to-undo');
  });

  it('warns before undoing an entry with an undo warning', async () => {
    const stateDir = await tempStateDir();
    await appliedRun(stateDir, [change(1, { undoWarning: 'Live Personalize resources may lose access to the key.' })]);
    const log: string[] = [];
    await rollbackRun({ ...base, io: recordingIo(log), stateDir, force: false, executor: recordingExecutor(log, { check: driftOn() }) });
    expect(log.slice(0, 3)).toEqual(['warn: Live Personalize resources may lose access to the key.', 'begin: Undo: Put inline policy P1', expect.stringMatching(/^undo P1 /)]);
  });

  it('reports undos that fail, with how to finish them, and retries them next time', async () => {
    const stateDir = await tempStateDir();
    await appliedRun(stateDir);
    const first = await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor: recordingExecutor([], { check: driftOn(), failUndo: ['P2'] }) });
    expect(first.status).toBe('incomplete');
    expect(first.failed).toEqual([
      {
        entry: expect.objectContaining({ changeId: 'service-role/p2', state: 'undo-failed', error: 'could not undo P2' }),
        error: 'could not undo P2',
        howToFinish: 'To finish by hand, run: aws iam delete-role-policy --role-name PersonalizeRole --policy-name P2.',
      },
    ]);
    expect((await readOnlyJournal(stateDir)).status).toBe('rollback-incomplete');

    const log: string[] = [];
    const second = await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor: recordingExecutor(log, { check: driftOn() }) });
    expect(second.status).toBe('rolled-back');
    expect(log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['undo P2']);
    const record = await readOnlyJournal(stateDir);
    expect(record.entries.map((e) => e.state)).toEqual(['undone', 'undone', 'undone']);
    expect(record.entries[1]!.error).toBeUndefined();
  });

  it('reports a call that was in flight when a run died instead of guessing', async () => {
    const stateDir = await tempStateDir();
    const run = await appliedRun(stateDir, [change(1)]);
    // Simulate a crash during a second call: its entry stayed pending.
    const journal = await RunJournal.open(run.journalPath!);
    const c = change(2);
    journal.record.entries.push({ changeId: c.id, step: c.step, summary: c.summary, resource: c.resource, operation: c.operation!, state: 'pending' });
    journal.record.status = 'applying';
    await journal.save();

    const log: string[] = [];
    const report = await rollbackRun({ ...base, io: recordingIo(), stateDir, force: false, executor: recordingExecutor(log, { check: driftOn() }) });
    expect(log.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['undo P1']);
    expect(report.skipped).toEqual([
      {
        entry: expect.objectContaining({ changeId: 'service-role/p2', state: 'pending' }),
        reason:
          'the run stopped while this call was in flight, so it may or may not have happened: check inline policy P2 of role PersonalizeRole and, if it did, undo it yourself. To finish by hand, run: aws iam delete-role-policy --role-name PersonalizeRole --policy-name P2.',
      },
    ]);
  });
});
