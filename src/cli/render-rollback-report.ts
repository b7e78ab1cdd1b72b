/**
 * What `rollback` prints: the list shown before asking, the report as text and as the `--json`
 * document, and the error a refused or incomplete rollback ends with.
 */
import type { ChalkInstance } from 'chalk';
import type { JournalEntry, RunRecord } from '../engine/journal.js';
import type { RollbackReport } from '../engine/rollback-run.js';
import { SetupError } from '../errors.js';
import { plural } from './plan-counts.js';
import { readableDiffText } from './readable-diff.js';
import { diffBlock } from './render-plan.js';
import type { ChangeRef } from './render-report.js';

/** `rollback --json`. */
export interface RollbackJson {
  command: 'rollback';
  status: RollbackReport['status'];
  runId: string;
  undone: ChangeRef[];
  skipped: (ChangeRef & { reason: string })[];
  /** `diff`: what the run wrote (`-`) against what is there now (`+`). */
  drift: (ChangeRef & { diff: string })[];
  failed: (ChangeRef & { error: string; howToFinish: string })[];
}

function entryRef(entry: JournalEntry): ChangeRef {
  return { id: entry.changeId, summary: entry.summary, resource: entry.resource };
}

export function rollbackJson(report: RollbackReport): RollbackJson {
  return {
    command: 'rollback',
    status: report.status,
    runId: report.runId,
    undone: report.undone.map(entryRef),
    skipped: report.skipped.map(({ entry, reason }) => ({ ...entryRef(entry), reason })),
    drift: report.drift.map(({ entry, expected, actual }) => ({ ...entryRef(entry), diff: readableDiffText(expected, actual) })),
    failed: report.failed.map(({ entry, error, howToFinish }) => ({ ...entryRef(entry), error, howToFinish })),
  };
}

/** Shown before the confirmation: what the run changed, newest first (the order of the undo). */
export function renderUndoList(record: RunRecord, entries: readonly JournalEntry[], c: ChalkInstance): string {
  const lines = [
    c.bold(`Run ${record.runId} (started ${record.startedAt}, ${record.status}) made ${plural(entries.length, 'change')} that rollback would undo, in this order:`),
    ...[...entries].reverse().map((entry) => `  ${c.yellow('↶')} ${entry.summary} ${c.dim(`(${entry.resource})`)}`),
    ...entries.flatMap((entry) => (entry.undoWarning === undefined ? [] : [`  ${c.yellow('!')} ${c.yellow(entry.undoWarning)}`])),
  ];
  return `${lines.join('\n')}\n`;
}

export function renderRollbackReport(report: RollbackReport, c: ChalkInstance): string {
  const lines: string[] = [];
  if (report.status === 'refused') {
    lines.push(
      c.bold(`Run ${report.runId} wrote ${report.drift.length === 1 ? 'this document' : 'these documents'}, and ${report.drift.length === 1 ? 'it has' : 'they have'} changed since (- what the run wrote, + what is there now):`),
      ...report.drift.flatMap(({ entry, expected, actual }) => [`  ${c.yellow('~')} ${entry.summary} ${c.dim(`(${entry.resource})`)}`, ...diffBlock(expected, actual, c)]),
      'Nothing was changed.',
    );
  } else if (report.status === 'nothing-to-undo') {
    lines.push(`Nothing to undo: run ${report.runId} has no changes in place.`);
  } else {
    const verb = report.status === 'rolled-back' ? 'Rolled back' : 'Partly rolled back';
    lines.push(c.bold(`${verb} run ${report.runId}:`), ...report.undone.map((entry) => `  ${c.green('↶')} ${entry.summary} ${c.dim(`(${entry.resource})`)}`));
  }
  if (report.skipped.length > 0) {
    lines.push('Left as they are:', ...report.skipped.map(({ entry, reason }) => `  - ${entry.summary}: ${reason}`));
  }
  if (report.failed.length > 0) {
    lines.push(
      c.red('Could not be undone; finish by hand:'),
      ...report.failed.flatMap(({ entry, error, howToFinish }) => [`  ${c.red('✗')} ${entry.summary}: ${error}`, `    ${howToFinish}`]),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The error a refused or incomplete rollback ends with (exit 1); undefined when it went through. */
export function rollbackOutcomeError(report: RollbackReport): SetupError | undefined {
  if (report.status === 'refused') {
    const n = report.drift.length;
    return new SetupError(
      `Refusing to roll back: ${plural(n, 'document')} changed since run ${report.runId} wrote ${n === 1 ? 'it' : 'them'}. Re-run with --force to undo anyway (statements others added to bucket and key policies are kept).`,
    );
  }
  if (report.status === 'incomplete') {
    return new SetupError(
      `the rollback of run ${report.runId} is incomplete: ${plural(report.failed.length, 'change')} could not be undone`,
      undefined,
      'finish by hand with the commands listed above, or run rollback again once the cause is fixed',
    );
  }
  return undefined;
}
