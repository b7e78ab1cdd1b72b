/**
 * What `init` prints after apply, as text for people and as the `--json` document, and the one
 * error line a failed run ends with. Pure functions of the engine's ApplyReport.
 */
import type { ChalkInstance } from 'chalk';
import type { ApplyReport } from '../engine/apply-plan.js';
import { AbortError, SetupError } from '../errors.js';
import type { Change, Plan } from '../steps/types.js';
import { plural } from './plan-counts.js';
import { planJson, type PlanJson } from './plan-json.js';
import { changeLine } from './render-plan.js';

/** How the JSON names a change. */
export interface ChangeRef {
  id: string;
  summary: string;
  resource: string;
}

/** `init --json`. `status` adds the outcomes decided before apply to the engine's. */
export interface InitJson {
  command: 'init';
  status: ApplyReport['status'] | 'dry-run' | 'plan-errors';
  runId: string | null;
  journalPath: string | null;
  roleArn: string;
  plan: PlanJson;
  applied: ChangeRef[];
  undone: ChangeRef[];
  skipped: (ChangeRef & { reason: string })[];
  failed: (ChangeRef & { index: number; total: number; error: string; awsCode: string | null }) | null;
  notUndone: (ChangeRef & { error: string; howToFinish: string })[];
  commandLine: string;
}

/** Commands a person can copy from the report. */
export interface NextCommands {
  /** `npx personalize-setup rollback --run …`; undefined when no journal was written. */
  undo: string | undefined;
  /** The non-interactive `init --yes …` equivalent of this run. */
  repeat: string;
}

export function changeRef(change: Pick<Change, 'id' | 'summary' | 'resource'>): ChangeRef {
  return { id: change.id, summary: change.summary, resource: change.resource };
}

/** The JSON of a run that stopped before apply (`report` undefined) or went through it. */
export function initJson(o: { status: InitJson['status']; plan: Plan; commandLine: string; report?: ApplyReport }): InitJson {
  const { report } = o;
  const failed = report?.failed;
  return {
    command: 'init',
    status: o.status,
    runId: report?.runId || null,
    journalPath: report?.journalPath ?? null,
    roleArn: o.plan.roleArn,
    plan: planJson(o.plan),
    applied: (report?.applied ?? []).map(changeRef),
    undone: (report?.undone ?? []).map(changeRef),
    skipped: (report?.skipped ?? []).map(({ change, reason }) => ({ ...changeRef(change), reason })),
    failed: failed
      ? { ...changeRef(failed.change), index: failed.index, total: failed.total, error: failed.error, awsCode: failed.awsCode ?? null }
      : null,
    notUndone: (report?.notUndone ?? []).map(({ change, error, howToFinish }) => ({ ...changeRef(change), error, howToFinish })),
    commandLine: o.commandLine,
  };
}

/** The text report of an apply that made changes (or tried to). */
export function renderApplyReport(report: ApplyReport, plan: Plan, commands: NextCommands, c: ChalkInstance, bucket?: string): string {
  const lines = report.status === 'applied' ? appliedLines(report, plan, commands, c, bucket) : stoppedLines(report, commands, c);
  return `${lines.join('\n')}\n`;
}

function appliedLines(report: ApplyReport, plan: Plan, commands: NextCommands, c: ChalkInstance, bucket: string | undefined): string[] {
  const dataLocation = `s3://${bucket ?? 'YOUR-BUCKET'}/YOUR-DATA.csv`;
  return [
    c.bold(`Applied ${plural(report.applied.length, 'change')} (run ${report.runId}):`),
    ...report.applied.map((change) => changeLine(change, c)),
    '',
    'Service role ARN (every dataset import job needs it):',
    // Alone on its line, uncoloured: ready to copy.
    plan.roleArn,
    '',
    'Undo this run:',
    `  ${commands.undo ?? ''}`,
    'Repeat this setup without questions:',
    `  ${commands.repeat}`,
    '',
    'Next:',
    `  1. Create a dataset group: aws personalize create-dataset-group --name my-dataset-group --region ${plan.region}`,
    `  2. Create its schema and datasets, then import your data with the service role:`,
    `     aws personalize create-dataset-import-job --job-name my-import --dataset-arn DATASET_ARN --data-source dataLocation=${dataLocation} --role-arn ${plan.roleArn} --region ${plan.region}`,
  ];
}

/** A run that failed or was interrupted: what failed, what was undone, what is still in place. */
function stoppedLines(report: ApplyReport, commands: NextCommands, c: ChalkInstance): string[] {
  const lines: string[] = [];
  const { failed } = report;
  if (report.status === 'aborted') {
    lines.push(c.bold(`Stopped by Ctrl-C after ${plural(report.applied.length + report.undone.length + report.skipped.length, 'completed change')}.`));
  } else if (failed) {
    lines.push(c.bold(`Change ${failed.index} of ${failed.total} failed: ${failed.change.summary}`), `  ${c.red(failed.error)}`);
  }
  if (report.undone.length > 0) {
    lines.push('Undone, in reverse order:', ...report.undone.map((change) => `  ${c.green('↶')} ${change.summary} ${c.dim(`(${change.resource})`)}`));
  }
  if (report.skipped.length > 0) {
    lines.push('Left as they are:', ...report.skipped.map(({ change, reason }) => `  - ${change.summary}: ${reason}`));
  }
  if (report.notUndone.length > 0) {
    lines.push(
      c.red('Could not be undone; finish by hand:'),
      ...report.notUndone.flatMap(({ change, error, howToFinish }) => [`  ${c.red('✗')} ${change.summary}: ${error}`, `    ${howToFinish}`]),
    );
  }
  const kept = report.applied.filter((change) => !report.notUndone.some((n) => n.change === change));
  if (kept.length > 0) {
    lines.push('Still in place:', ...kept.map((change) => changeLine(change, c)));
    if (commands.undo) lines.push(`Undo them with: ${commands.undo}`);
  }
  if (report.journalPath) lines.push(c.dim(`Journal: ${report.journalPath}`));
  return lines;
}

/**
 * The error a stopped run ends with (undefined when applied or nothing to do): one line naming
 * the failed change, the AWS error and what was undone. Ctrl-C is an AbortError (exit 130).
 */
export function applyOutcomeError(report: ApplyReport, commands: NextCommands): SetupError | undefined {
  const completed = report.undone.length + report.skipped.length + report.notUndone.length;
  const restored = undoneSummary(report, completed);
  switch (report.status) {
    case 'applied':
    case 'nothing-to-do':
      return undefined;
    case 'aborted':
      if (report.applied.length > 0 && report.notUndone.length === 0) {
        return new AbortError(`Aborted after ${plural(report.applied.length, 'change')}, which were kept (--no-rollback); undo them with: ${commands.undo}`);
      }
      return new AbortError(completed === 0 ? 'Aborted before the first change; nothing was changed.' : `Aborted: ${restored}.`);
    case 'failed-no-rollback':
      return new SetupError(
        `${failedChange(report)}; kept the ${plural(report.applied.length, 'completed change')} (--no-rollback)`,
        undefined,
        report.applied.length > 0 ? `undo them with: ${commands.undo}` : undefined,
      );
    case 'rolled-back':
    case 'rollback-incomplete':
      return new SetupError(
        `${failedChange(report)}; ${completed === 0 ? 'it was the first change, so nothing was changed' : restored}`,
        undefined,
        report.notUndone.length > 0 ? 'finish the undo by hand with the commands listed above' : undefined,
      );
  }
}

/** `change 3 of 7 (Attach … to user alice) failed: <AWS error>` */
function failedChange(report: ApplyReport): string {
  const { failed } = report;
  if (!failed) return 'the run failed';
  return `change ${failed.index} of ${failed.total} (${failed.change.summary}) failed: ${failed.error.replace(/\.$/, '')}`;
}

function undoneSummary(report: ApplyReport, completed: number): string {
  const all = report.undone.length === completed;
  const parts = [all ? `undid the ${plural(completed, 'completed change')}` : `undid ${report.undone.length} of the ${plural(completed, 'completed change')}`];
  if (report.skipped.length > 0) parts.push(`${report.skipped.length} left as ${report.skipped.length === 1 ? 'it was' : 'they were'} (see above)`);
  if (report.notUndone.length > 0) parts.push(`${report.notUndone.length} could not be undone`);
  return parts.join(', ');
}
