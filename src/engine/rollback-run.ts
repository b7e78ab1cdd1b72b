/**
 * The `rollback` command: undo a past run from its journal. Every entry is checked before the first
 * write, so a refusal (drift without --force) changes nothing at all.
 */
import type { Aws } from '../aws/api.js';
import type { Io } from '../io.js';
import type { PolicyDocument } from '../policies/types.js';
import { operationTarget } from '../steps/describe-operation.js';
import { checkUndo } from '../steps/undo-operation.js';
import { awsExecutor, type OperationExecutor } from './executor.js';
import { isUndoable, loadRun, type JournalEntry, type RunJournal } from './journal.js';
import { withLock } from './lock.js';
import { howToFinish } from './manual-undo.js';
import { newRunId } from './run-id.js';

export interface RollbackOptions {
  aws: Aws;
  io: Io;
  stateDir: string;
  account: string;
  region: string;
  /** `--run ID`; default: the newest run that still has changes in place. */
  runId?: string;
  /** `--force`: undo despite drift (foreign statements in bucket and key policies are still kept). */
  force: boolean;
  now?: () => Date;
  /** Default: the real executor over `aws`. */
  executor?: OperationExecutor;
}

export interface RollbackReport {
  runId: string;
  journalPath: string;
  /** `refused`: drift found and no --force; nothing was changed. */
  status: 'rolled-back' | 'refused' | 'incomplete' | 'nothing-to-undo';
  undone: JournalEntry[];
  skipped: { entry: JournalEntry; reason: string }[];
  /** Documents that changed since the run wrote them (what we wrote vs what is there now). */
  drift: { entry: JournalEntry; expected: PolicyDocument | undefined; actual: PolicyDocument | undefined }[];
  failed: { entry: JournalEntry; error: string; howToFinish: string }[];
}

export async function rollbackRun(options: RollbackOptions): Promise<RollbackReport> {
  const { stateDir, account, region } = options;
  const now = options.now ?? (() => new Date());
  // The lock is taken before reading the journal, so a run still applying cannot change it under us.
  return withLock({ stateDir, account, region, runId: newRunId(now()), now }, async () => {
    const journal = await loadRun(stateDir, account, region, options.runId);
    return rollBack(journal, options, now);
  });
}

async function rollBack(journal: RunJournal, options: RollbackOptions, now: () => Date): Promise<RollbackReport> {
  const { aws, io, force } = options;
  const executor = options.executor ?? awsExecutor;
  const check = executor.check ?? checkUndo;
  const record = journal.record;
  const report: RollbackReport = { runId: record.runId, journalPath: journal.path, status: 'nothing-to-undo', undone: [], skipped: [], drift: [], failed: [] };

  // A pending entry means the process died during the call: it may or may not have happened, and
  // we lack its result (e.g. a new version id), so say so rather than guess.
  for (const entry of record.entries.filter((e) => e.state === 'pending')) {
    report.skipped.push({
      entry,
      reason: `the run stopped while this call was in flight, so it may or may not have happened: check ${operationTarget(entry.operation)} and, if it did, undo it yourself. ${howToFinish(entry.operation, entry.result, record.region)}`,
    });
  }
  const candidates = record.entries.filter(isUndoable);
  if (candidates.length === 0) return report;

  // Reads only, all before the first write.
  const checks = await Promise.all(candidates.map((entry) => check(aws, entry.operation, entry.result ?? {})));
  candidates.forEach((entry, i) => {
    const drift = checks[i]!.drift;
    if (drift !== undefined) report.drift.push({ entry, expected: drift.expected, actual: drift.actual });
  });
  if (report.drift.length > 0 && !force) return { ...report, status: 'refused' };

  record.status = 'rolling-back';
  await journal.save();
  for (const entry of [...candidates].reverse()) {
    if (entry.undoWarning !== undefined) io.warn(entry.undoWarning);
    const progress = io.begin(`Undo: ${entry.summary}`);
    try {
      const outcome = await executor.undo(aws, entry.operation, entry.result ?? {}, { checkDrift: true, force });
      entry.state = outcome.status;
      entry.undoDetail = outcome.detail;
      delete entry.error;
      progress.succeed(outcome.detail);
      if (outcome.status === 'undone') report.undone.push(entry);
      else report.skipped.push({ entry, reason: outcome.detail });
    } catch (error) {
      entry.state = 'undo-failed';
      entry.error = error instanceof Error ? error.message : String(error);
      progress.fail(entry.error);
      report.failed.push({ entry, error: entry.error, howToFinish: howToFinish(entry.operation, entry.result, record.region) });
    }
    await journal.save();
  }

  const complete = report.failed.length === 0;
  record.status = complete ? 'rolled-back' : 'rollback-incomplete';
  record.rolledBackAt = now().toISOString();
  await journal.save();
  return { ...report, status: complete ? 'rolled-back' : 'incomplete' };
}
