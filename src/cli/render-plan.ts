/**
 * The human view of a plan: per step its title, one line per change (symbol and colour by action,
 * summary, resource), the documents that will be written, then notes, warnings and errors.
 * A pure function of the plan, so what `plan` shows is exactly what `init` applies.
 */
import type { ChalkInstance } from 'chalk';
import { formatDiff } from '../engine/document-diff.js';
import type { PolicyDocument } from '../policies/types.js';
import type { Change, ChangeAction, Plan, StepPlan } from '../steps/types.js';
import { countPlan, plural } from './plan-counts.js';
import { readableDiff } from './readable-diff.js';

type Paint = (c: ChalkInstance) => (text: string) => string;

const ACTIONS: Record<ChangeAction, { symbol: string; paint: Paint }> = {
  create: { symbol: '+', paint: (c) => c.green },
  update: { symbol: '~', paint: (c) => c.yellow },
  attach: { symbol: '→', paint: (c) => c.cyan },
  put: { symbol: '±', paint: (c) => c.magenta },
  delete: { symbol: '-', paint: (c) => c.red },
  noop: { symbol: '✓', paint: (c) => c.dim },
};

/** Under its change line, a document is indented this far. */
const DOCUMENT_INDENT = '      ';

export function renderPlan(plan: Plan, c: ChalkInstance): string {
  const lines = [`Plan for account ${plan.account} in ${plan.region} (as ${plan.callerArn})`];
  for (const step of plan.steps) lines.push('', ...renderStep(step, c));
  lines.push('', ...renderFooter(plan, c));
  return `${lines.join('\n')}\n`;
}

function renderStep(step: StepPlan, c: ChalkInstance): string[] {
  const lines = [c.bold(step.title)];
  for (const change of step.changes) lines.push(changeLine(change, c), ...documentBlock(change, c));
  lines.push(...step.notes.map((note) => c.dim(`  · ${note}`)));
  lines.push(...step.warnings.map((warning) => `  ${c.yellow('!')} ${c.yellow(warning)}`));
  lines.push(...step.errors.map((error) => `  ${c.red('✗')} ${c.red(error)}`));
  return lines;
}

/** `  + Create role PersonalizeRole (arn:aws:iam::…:role/PersonalizeRole)` */
export function changeLine(change: Pick<Change, 'action' | 'summary' | 'resource'>, c: ChalkInstance): string {
  const { symbol, paint } = ACTIONS[change.action];
  if (change.action === 'noop') return c.dim(`  ${symbol} ${change.summary} (${change.resource})`);
  return `  ${paint(c)(symbol)} ${change.summary} ${c.dim(`(${change.resource})`)}`;
}

/** The whole new document for a create (or a put where there was none), else the diff. */
function documentBlock(change: Change, c: ChalkInstance): string[] {
  const { action, before, after } = change;
  if (after === undefined || (action !== 'create' && action !== 'update' && action !== 'put')) return [];
  if (action === 'create' || before === undefined) return documentText(after).map((line) => `${DOCUMENT_INDENT}${line}`);
  return diffBlock(before, after, c);
}

/** A coloured line diff (`-` before, `+` after), indented to sit under its change or entry. */
export function diffBlock(before: PolicyDocument | undefined, after: PolicyDocument | undefined, c: ChalkInstance, indent = DOCUMENT_INDENT): string[] {
  return readableDiff(before, after).map((line) => {
    const text = `${indent}${formatDiff([line])}`;
    return line.kind === 'add' ? c.green(text) : line.kind === 'remove' ? c.red(text) : text;
  });
}

/** As it will be sent: the reader sees the exact document, not a normalised one. */
function documentText(document: PolicyDocument): string[] {
  return JSON.stringify(document, null, 2).split('\n');
}

function renderFooter(plan: Plan, c: ChalkInstance): string[] {
  const { pending, inPlace, errors } = countPlan(plan);
  const blocked = errors.length === 0 ? '' : ` ${c.red(`${plural(errors.length, 'error')} (above) must be fixed before anything is applied.`)}`;
  const summary =
    pending > 0
      ? `Plan: ${plural(pending, 'change')} (${inPlace} already in place).`
      : errors.length === 0
        ? 'No changes: everything is already set up.'
        : 'No changes planned.';
  return [`${c.bold(summary)}${blocked}`, `Service role: ${plan.roleArn}`];
}
