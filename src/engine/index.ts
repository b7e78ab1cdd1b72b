/** The engine's public API: apply a plan with a journal and automatic rollback, and roll back a past run. */
export { applyPlan, pendingChanges } from './apply-plan.js';
export type { ApplyOptions, ApplyReport } from './apply-plan.js';
export { awsExecutor } from './executor.js';
export type { OperationExecutor } from './executor.js';
export { rollbackRun } from './rollback-run.js';
export type { RollbackOptions, RollbackReport } from './rollback-run.js';
export { isUndoable, journalPath, listRuns, loadRun, RunJournal } from './journal.js';
export type { EntryState, JournalEntry, RunRecord, RunStatus } from './journal.js';
export { acquireLock, lockPath, withLock } from './lock.js';
export type { Lock, LockInfo } from './lock.js';
export { defaultStateDir, runsDir } from './state-dir.js';
export { newRunId } from './run-id.js';
export { diffDocuments, diffLines, documentLines, formatDiff } from './document-diff.js';
export type { DiffLine } from './document-diff.js';
export { howToFinish } from './manual-undo.js';
