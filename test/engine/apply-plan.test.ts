import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/engine/apply-plan.js';
import { SetupError } from '../../src/errors.js';
import type { RunRecord } from '../../src/engine/journal.js';
import {
  change,
  fixedClock,
  journalFiles,
  noAws,
  planOf,
  readOnlyJournal,
  recordingExecutor,
  recordingIo,
  runsDirOf,
  tempStateDir,
} from './fixtures.js';

/** `undo P2 {...} {...}` → `undo P2`. */
const firstTwoWords = (line: string) => line.split(' ').slice(0, 2).join(' ');
const statesOf = (record: RunRecord) => record.entries.map((e) => `${e.changeId}:${e.state}`);

describe('applyPlan', () => {
  it('applies every change in order, journaling each one before and after its call', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const seenDuringCall: string[][] = [];
    const executor = recordingExecutor(log, {
      duringApply: async () => {
        seenDuringCall.push(statesOf(await readOnlyJournal(stateDir)));
      },
    });
    const io = recordingIo(log);

    const report = await applyPlan(planOf([change(1), change(2), change(3)]), { aws: noAws, io, stateDir, rollbackOnFailure: true, executor, now: fixedClock });

    // At the moment of each call, that change is pending and the previous ones are done.
    expect(seenDuringCall).toEqual([
      ['service-role/p1:pending'],
      ['service-role/p1:done', 'service-role/p2:pending'],
      ['service-role/p1:done', 'service-role/p2:done', 'service-role/p3:pending'],
    ]);
    expect(log).toEqual([
      'begin: Put inline policy P1', 'apply P1', 'succeed: Put inline policy P1',
      'begin: Put inline policy P2', 'apply P2', 'succeed: Put inline policy P2',
      'begin: Put inline policy P3', 'apply P3', 'succeed: Put inline policy P3',
    ]);
    expect(report.status).toBe('applied');
    expect(report.runId).toMatch(/^20261123T163512Z-[0-9a-f]{4}$/);
    expect(report.journalPath).toBe(join(runsDirOf(stateDir), `${report.runId}.json`));
    expect(report.applied.map((c) => c.id)).toEqual(['service-role/p1', 'service-role/p2', 'service-role/p3']);
    expect(report.undone).toEqual([]);

    const record = await readOnlyJournal(stateDir);
    expect(record).toMatchObject({
      version: 1,
      runId: report.runId,
      account: '123456789012',
      region: 'eu-west-1',
      partition: 'aws',
      roleArn: 'arn:aws:iam::123456789012:role/PersonalizeRole',
      startedAt: '2026-11-23T16:35:12.345Z',
      finishedAt: '2026-11-23T16:35:12.345Z',
      status: 'applied',
    });
    expect(record.entries[0]).toEqual({
      changeId: 'service-role/p1',
      step: 'service-role',
      summary: 'Put inline policy P1',
      resource: 'arn:aws:iam::123456789012:role/PersonalizeRole',
      operation: change(1).operation,
      state: 'done',
      result: { versionId: 'v-P1' },
    });
  });

  it('keeps the journal private and leaves no temp files or lock behind', async () => {
    const stateDir = await tempStateDir();
    const report = await applyPlan(planOf([change(1), change(2)]), {
      aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, executor: recordingExecutor([]), now: fixedClock,
    });
    expect((await stat(report.journalPath!)).mode & 0o777).toBe(0o600);
    expect((await stat(runsDirOf(stateDir))).mode & 0o777).toBe(0o700);
    expect((await stat(join(stateDir, 'runs'))).mode & 0o777).toBe(0o700);
    expect(await readdir(runsDirOf(stateDir))).toEqual([`${report.runId}.json`]);
  });

  it('writes no journal when there is nothing to do', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const noop = { ...change(1, { action: 'noop', summary: 'Role is up to date' }) };
    delete noop.operation;
    const report = await applyPlan(planOf([noop]), { aws: noAws, io: recordingIo(log), stateDir, rollbackOnFailure: true, executor: recordingExecutor(log) });
    expect(report).toEqual({ runId: '', journalPath: undefined, status: 'nothing-to-do', applied: [], undone: [], skipped: [], notUndone: [] });
    expect(log).toEqual([]);
    expect(await readdir(stateDir)).toEqual([]);
  });

  it('refuses a plan with errors before calling anything', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const run = applyPlan(planOf([change(1)], ['Bucket my-data does not exist.']), {
      aws: noAws, io: recordingIo(log), stateDir, rollbackOnFailure: true, executor: recordingExecutor(log),
    });
    await expect(run).rejects.toThrow(new SetupError('the plan has an error, so nothing was applied: Bucket my-data does not exist.'));
    expect(log).toEqual([]);
    expect(await readdir(stateDir)).toEqual([]);
  });

  describe.each([1, 2, 3, 4])('when change %i of 4 fails', (k) => {
    it('undoes changes 1..k-1 in reverse and names change k', async () => {
      const stateDir = await tempStateDir();
      const log: string[] = [];
      const plan = planOf([change(1), change(2), change(3), change(4)]);
      const report = await applyPlan(plan, {
        aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, executor: recordingExecutor(log, { failApply: [`P${k}`] }), now: fixedClock,
      });

      const applied = Array.from({ length: k }, (_, i) => `apply P${i + 1}`);
      const undone = Array.from({ length: k - 1 }, (_, i) => k - 1 - i).map(
        (n) => `undo P${n} {"versionId":"v-P${n}"} {"checkDrift":false,"force":false}`,
      );
      expect(log).toEqual([...applied, ...undone]);
      expect(report.status).toBe('rolled-back');
      expect(report.failed).toEqual({
        change: plan.steps[0]!.changes[k - 1],
        index: k,
        total: 4,
        error: 'You are not allowed to call iam:PutRolePolicy on role PersonalizeRole.',
        awsCode: 'AccessDenied',
      });
      expect(report.undone.map((c) => c.id)).toEqual(Array.from({ length: k - 1 }, (_, i) => `service-role/p${k - 1 - i}`));
      expect(report.applied).toEqual([]);

      const record = await readOnlyJournal(stateDir);
      expect(record.status).toBe('rolled-back');
      expect(statesOf(record)).toEqual([
        ...Array.from({ length: k - 1 }, (_, i) => `service-role/p${i + 1}:undone`),
        `service-role/p${k}:failed`,
      ]);
      expect(record.entries[k - 1]!.error).toBe('You are not allowed to call iam:PutRolePolicy on role PersonalizeRole.');
    });
  });

  it('keeps what was done with rollbackOnFailure false', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const report = await applyPlan(planOf([change(1), change(2), change(3)]), {
      aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: false, executor: recordingExecutor(log, { failApply: ['P3'] }),
    });
    expect(log).toEqual(['apply P1', 'apply P2', 'apply P3']);
    expect(report.status).toBe('failed-no-rollback');
    expect(report.applied.map((c) => c.id)).toEqual(['service-role/p1', 'service-role/p2']);
    expect(report.failed?.index).toBe(3);
    const record = await readOnlyJournal(stateDir);
    expect(record.status).toBe('failed-no-rollback');
    expect(statesOf(record)).toEqual(['service-role/p1:done', 'service-role/p2:done', 'service-role/p3:failed']);
  });

  it('reports an undo that fails with the command to finish it by hand, and goes on undoing', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const io = recordingIo();
    const report = await applyPlan(planOf([change(1), change(2), change(3)]), {
      aws: noAws, io, stateDir, rollbackOnFailure: true, executor: recordingExecutor(log, { failApply: ['P3'], failUndo: ['P2'] }),
    });
    expect(log.filter((l) => l.startsWith('undo')).map(firstTwoWords)).toEqual(['undo P2', 'undo P1']);
    expect(report.status).toBe('rollback-incomplete');
    expect(report.undone.map((c) => c.id)).toEqual(['service-role/p1']);
    expect(report.applied.map((c) => c.id)).toEqual(['service-role/p2']);
    expect(report.notUndone).toEqual([
      {
        change: expect.objectContaining({ id: 'service-role/p2' }),
        error: 'could not undo P2',
        howToFinish: 'To finish by hand, run: aws iam delete-role-policy --role-name PersonalizeRole --policy-name P2.',
      },
    ]);
    expect(io.log).toContain('fail: Undo: Put inline policy P2: could not undo P2');
    const record = await readOnlyJournal(stateDir);
    expect(record.status).toBe('rollback-incomplete');
    expect(statesOf(record)).toEqual(['service-role/p1:undone', 'service-role/p2:undo-failed', 'service-role/p3:failed']);
    expect(record.entries[1]!.error).toBe('could not undo P2');
  });

  it('warns before undoing a change that carries an undo warning', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const warned = change(1, { undoWarning: 'Removing the key grant can break live Personalize resources.' });
    await applyPlan(planOf([warned, change(2)]), {
      aws: noAws, io: recordingIo(log), stateDir, rollbackOnFailure: true, executor: recordingExecutor(log, { failApply: ['P2'] }),
    });
    const warning = log.indexOf('warn: Removing the key grant can break live Personalize resources.');
    const undo = log.findIndex((l) => l.startsWith('undo P1'));
    expect(warning).toBeGreaterThan(-1);
    expect(warning).toBeLessThan(undo);
  });

  it('records skipped undos with their reason', async () => {
    const stateDir = await tempStateDir();
    const report = await applyPlan(planOf([change(1), change(2)]), {
      aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true,
      executor: recordingExecutor([], { failApply: ['P2'], skipUndo: { P1: 'bucket b holds objects; we never delete data, so it is left in place' } }),
    });
    expect(report.status).toBe('rolled-back');
    expect(report.skipped).toEqual([{ change: expect.objectContaining({ id: 'service-role/p1' }), reason: 'bucket b holds objects; we never delete data, so it is left in place' }]);
    const record = await readOnlyJournal(stateDir);
    expect(record.entries[0]).toMatchObject({ state: 'skipped', undoDetail: 'bucket b holds objects; we never delete data, so it is left in place' });
  });

  describe.each([1, 2, 3])('when Ctrl-C comes during change %i of 3', (j) => {
    it('lets that call finish, applies nothing more, and undoes everything', async () => {
      const stateDir = await tempStateDir();
      const log: string[] = [];
      const controller = new AbortController();
      const executor = recordingExecutor(log, { duringApply: (name) => (name === `P${j}` ? controller.abort() : undefined) });
      const report = await applyPlan(planOf([change(1), change(2), change(3)]), {
        aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, signal: controller.signal, executor,
      });
      const applied = Array.from({ length: j }, (_, i) => `apply P${i + 1}`);
      const undone = Array.from({ length: j }, (_, i) => `undo P${j - i}`);
      expect(log.map(firstTwoWords)).toEqual([...applied, ...undone]);
      expect(report.status).toBe('aborted');
      expect(report.failed).toBeUndefined();
      expect(report.undone).toHaveLength(j);
      expect(report.applied).toEqual([]);
      const record = await readOnlyJournal(stateDir);
      expect(record.status).toBe('aborted');
      expect(record.entries.every((e) => e.state === 'undone')).toBe(true);
    });
  });

  it('does nothing when aborted before it starts', async () => {
    const stateDir = await tempStateDir();
    const log: string[] = [];
    const controller = new AbortController();
    controller.abort();
    const report = await applyPlan(planOf([change(1)]), {
      aws: noAws, io: recordingIo(), stateDir, rollbackOnFailure: true, signal: controller.signal, executor: recordingExecutor(log),
    });
    expect(report.status).toBe('aborted');
    expect(log).toEqual([]);
    expect(await journalFiles(stateDir)).toEqual([]);
  });
});
