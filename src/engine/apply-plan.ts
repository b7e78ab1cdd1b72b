/**
 * Apply: run the plan's changes in order under a lock, journaling each call before and after it;
 * if one fails (or the user presses Ctrl-C), undo every completed change of this run in reverse.
 */
import type { Aws } from '../aws/api.js';
import { AwsError, SetupError } from '../errors.js';
import type { Io } from '../io.js';
import type { Change, Operation, OperationResult, Plan } from '../steps/types.js';
import { awsExecutor, type OperationExecutor } from './executor.js';
import { RunJournal, type JournalEntry, type RunStatus } from './journal.js';
import { withLock } from './lock.js';
import { howToFinish } from './manual-undo.js';
import { newRunId } from './run-id.js';

export type { OperationExecutor } from './executor.js';

export interface ApplyOptions {
  aws: Aws;
  io: Io;
  /** Where journals and the lock live (`defaultStateDir()` unless `--state-dir`). */
  stateDir: string;
  /** Undo completed changes when a change fails or the run is aborted. `--no-rollback` sets false. */
  rollbackOnFailure: boolean;
  /** Fired on Ctrl-C: the in-flight call finishes, then the run rolls back. */
  signal?: AbortSignal;
  /** Default: the real executor over `aws`. */
  executor?: OperationExecutor;
  /** Clock for the run id and timestamps. Default `new Date()`. */
  now?: () => Date;
}

export interface ApplyReport {
  /** `''` when there was nothing to do. */
  runId: string;
  /** `undefined` when nothing to do (no journal written). */
  journalPath: string | undefined;
  status: 'nothing-to-do' | 'applied' | 'rolled-back' | 'rollback-incomplete' | 'failed-no-rollback' | 'aborted';
  /** Completed changes still in place. */
  applied: Change[];
  /** The change that failed, with its 1-based position among the pending changes. */
  failed?: { change: Change; index: number; total: number; error: string; awsCode?: string };
  undone: Change[];
  /** Undo found nothing to do, or deliberately left the resource (e.g. a bucket that holds objects). */
  skipped: { change: Change; reason: string }[];
  /** Undos that failed: still in place; `howToFinish` says how to remove them by hand. */
  notUndone: { change: Change; error: string; howToFinish: string }[];
}

/** A change that will be applied: every non-noop change, with its operation. */
type PendingChange = Change & { operation: Operation };

/** Every non-noop change of the plan, in step order. */
export function pendingChanges(plan: Plan): PendingChange[] {
  const pending: PendingChange[] = [];
  for (const change of plan.steps.flatMap((step) => step.changes)) {
    if (change.action === 'noop') continue;
    if (change.operation === undefined) throw new SetupError(`the plan is invalid: change ${change.id} has no operation`);
    pending.push(change as PendingChange);
  }
  return pending;
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyReport> {
  const errors = plan.steps.flatMap((step) => step.errors);
  if (errors.length > 0) {
    throw new SetupError(`the plan has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}, so nothing was applied: ${errors.join(' ')}`);
  }
  const pending = pendingChanges(plan);
  const empty = { applied: [], undone: [], skipped: [], notUndone: [] };
  if (pending.length === 0) return { runId: '', journalPath: undefined, status: 'nothing-to-do', ...empty };
  if (options.signal?.aborted) return { runId: '', journalPath: undefined, status: 'aborted', ...empty };

  const now = options.now ?? (() => new Date());
  const runId = newRunId(now());
  const { stateDir } = options;
  return withLock({ stateDir, account: plan.account, region: plan.region, runId, now }, async () => {
    const journal = await RunJournal.start({
      stateDir,
      account: plan.account,
      region: plan.region,
      partition: plan.partition,
      roleArn: plan.roleArn,
      runId,
      now,
    });
    return new PlanRun(plan, pending, journal, options, now).run();
  });
}

interface Completed {
  change: PendingChange;
  entry: JournalEntry;
}

/** One apply, from the first change to the final journal status. */
class PlanRun {
  private readonly executor: OperationExecutor;
  private readonly completed: Completed[] = [];
  private failed: ApplyReport['failed'];
  private readonly undone: Change[] = [];
  private readonly skipped: ApplyReport['skipped'] = [];
  private readonly notUndone: ApplyReport['notUndone'] = [];

  constructor(
    private readonly plan: Plan,
    private readonly pending: PendingChange[],
    private readonly journal: RunJournal,
    private readonly options: ApplyOptions,
    private readonly now: () => Date,
  ) {
    this.executor = options.executor ?? awsExecutor;
  }

  async run(): Promise<ApplyReport> {
    for (const [i, change] of this.pending.entries()) {
      if (this.options.signal?.aborted) break;
      if (!(await this.applyChange(change, i + 1))) break;
    }
    // Ctrl-C during the last change also rolls back: the user asked to stop, not to keep it.
    const aborted = this.options.signal?.aborted === true;
    const rollback = (this.failed !== undefined || aborted) && this.options.rollbackOnFailure;
    if (rollback) await this.rollBack(aborted);

    const status: Exclude<ApplyReport['status'], 'nothing-to-do'> = aborted
      ? 'aborted'
      : this.failed === undefined
        ? 'applied'
        : !rollback
          ? 'failed-no-rollback'
          : this.notUndone.length > 0
            ? 'rollback-incomplete'
            : 'rolled-back';
    await this.finish(status);
    return {
      runId: this.journal.record.runId,
      journalPath: this.journal.path,
      status,
      applied: this.completed.filter(({ entry }) => entry.state === 'done' || entry.state === 'undo-failed').map(({ change }) => change),
      ...(this.failed === undefined ? {} : { failed: this.failed }),
      undone: this.undone,
      skipped: this.skipped,
      notUndone: this.notUndone,
    };
  }

  /** Journal pending → call → journal done. Returns false when the run must stop. */
  private async applyChange(change: PendingChange, index: number): Promise<boolean> {
    const { io, aws } = this.options;
    const entry: JournalEntry = {
      changeId: change.id,
      step: change.step,
      summary: change.summary,
      resource: change.resource,
      operation: change.operation,
      ...(change.undoWarning === undefined ? {} : { undoWarning: change.undoWarning }),
      state: 'pending',
    };
    this.journal.record.entries.push(entry);
    const progress = io.begin(change.summary);
    let result: OperationResult;
    try {
      // Intent first: if we die during the call, the journal says what may have happened.
      await this.journal.save();
      result = await this.executor.apply(aws, change.operation);
    } catch (error) {
      entry.state = 'failed';
      entry.error = messageOf(error);
      progress.fail(entry.error);
      this.fail(change, index, error);
      await this.saveQuietly();
      return false;
    }
    entry.state = 'done';
    entry.result = result;
    this.completed.push({ change, entry });
    progress.succeed();
    try {
      await this.journal.save();
    } catch (error) {
      // Applied, but we could no longer undo later ones from the journal: stop here.
      this.fail(change, index, new SetupError(`${change.summary} was applied, but the journal could not be written: ${messageOf(error)}`));
      return false;
    }
    return true;
  }

  private fail(change: PendingChange, index: number, error: unknown): void {
    this.failed = {
      change,
      index,
      total: this.pending.length,
      error: messageOf(error),
      ...(error instanceof AwsError ? { awsCode: error.awsCode } : {}),
    };
  }

  /** Undo every completed change in reverse order; continue past failures, collecting them. */
  private async rollBack(aborted: boolean): Promise<void> {
    const { io, aws } = this.options;
    if (this.completed.length === 0) return;
    this.journal.record.status = 'rolling-back';
    await this.saveQuietly();
    const count = this.completed.length;
    io.warn(`${aborted ? 'Aborted' : 'A change failed'}: undoing the ${count} completed change${count === 1 ? '' : 's'} of this run in reverse order.`);
    for (const { change, entry } of [...this.completed].reverse()) {
      if (change.undoWarning !== undefined) io.warn(change.undoWarning);
      const progress = io.begin(`Undo: ${change.summary}`);
      try {
        const outcome = await this.executor.undo(aws, change.operation, entry.result ?? {}, { checkDrift: false, force: false });
        entry.state = outcome.status;
        entry.undoDetail = outcome.detail;
        progress.succeed(outcome.detail);
        if (outcome.status === 'undone') this.undone.push(change);
        else this.skipped.push({ change, reason: outcome.detail });
      } catch (error) {
        entry.state = 'undo-failed';
        entry.error = messageOf(error);
        progress.fail(entry.error);
        this.notUndone.push({ change, error: entry.error, howToFinish: howToFinish(change.operation, entry.result, this.plan.region) });
      }
      await this.saveQuietly();
    }
  }

  private async finish(status: RunStatus): Promise<void> {
    this.journal.record.status = status;
    this.journal.record.finishedAt = this.now().toISOString();
    await this.saveQuietly();
  }

  /** After the first failure, a journal write error must not stop the rollback: say so and go on. */
  private async saveQuietly(): Promise<void> {
    try {
      await this.journal.save();
    } catch (error) {
      this.options.io.warn(`Could not update the journal ${this.journal.path}: ${messageOf(error)}`);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
