/**
 * Bucket policies and key policies are replaced whole by their Put call, and people often
 * half-did the guide by hand. So for both: keep every foreign statement, add or replace only our
 * own (by Sid), and add nothing when an existing statement already has the effect we need.
 */
import {
  assertPolicySize,
  documentsEqual,
  findCoveringStatement,
  mergeStatements,
  PolicyTooLargeError,
} from '../policies/index.js';
import type { PolicyKind } from '../policies/index.js';
import type { PolicyDocument, Statement } from '../policies/types.js';
import type { Change, Operation, StepId } from './types.js';

/** One statement the step needs in a resource policy. */
export interface WantedStatement {
  /** Our statement; its Sid starts with `PersonalizeSetup`. */
  statement: Statement;
  /**
   * Finds a statement someone else wrote that already does the job.
   * Default: `findCoveringStatement` (an Allow granting at least the same actions and resources).
   */
  findEquivalent?: (existing: PolicyDocument) => Statement | undefined;
  /** The note when `findEquivalent` found one; `label` is its Sid, or `#n` (1-based) without one. */
  alreadyInPlace: (label: string) => string;
}

/** What to do with one resource policy. */
export interface ResourcePolicyMerge {
  /** Our statements that are missing (added) or differ from what we want (replaced by Sid). */
  added: Statement[];
  replaced: Statement[];
  /** The document to write; `undefined` when nothing needs writing. */
  after: PolicyDocument | undefined;
  /** One `alreadyInPlace` note per wanted statement that a foreign statement covers. */
  notes: string[];
}

/**
 * Decides, per wanted statement: ours is there and equal → nothing; ours is there but differs →
 * replace it (it is ours, and a stale copy of it must not count as coverage, e.g. after switching
 * from read-write to read); absent but covered by another statement → note only; else add.
 */
export function mergeResourcePolicy(existing: PolicyDocument | undefined, wanted: WantedStatement[]): ResourcePolicyMerge {
  const added: Statement[] = [];
  const replaced: Statement[] = [];
  const notes: string[] = [];
  for (const want of wanted) {
    const ours = existing?.Statement.find((s) => s.Sid === want.statement.Sid);
    if (ours !== undefined) {
      if (!statementsEqual(ours, want.statement)) replaced.push(want.statement);
      continue;
    }
    const find = want.findEquivalent ?? ((doc: PolicyDocument) => findCoveringStatement(doc, want.statement));
    const covering = existing === undefined ? undefined : find(existing);
    if (covering !== undefined && existing !== undefined) {
      notes.push(want.alreadyInPlace(statementLabel(existing, covering)));
      continue;
    }
    added.push(want.statement);
  }
  const toWrite = [...replaced, ...added];
  return { added, replaced, notes, after: toWrite.length === 0 ? undefined : mergeStatements(existing, toWrite) };
}

/** How to present the resource policy as a change. */
export interface ResourcePolicyChangeInput {
  id: string;
  step: StepId;
  resource: string;
  /** e.g. `the bucket policy of my-bucket`; used in summaries and the size error. */
  policyLabel: string;
  kind: PolicyKind;
  existing: PolicyDocument | undefined;
  merge: ResourcePolicyMerge;
  /** The noop summary, e.g. `Bucket policy of my-bucket already grants Amazon Personalize access`. */
  upToDateSummary: string;
  operation: (document: PolicyDocument) => Operation;
  undoWarning?: string;
}

/** A `put` with before/after (size checked) when the merge wrote something, else a `noop`. */
export function resourcePolicyChange(input: ResourcePolicyChangeInput): { change: Change; error?: string } {
  const { id, step, resource, merge, existing } = input;
  if (merge.after === undefined) {
    return { change: { id, step, action: 'noop', resource, summary: input.upToDateSummary } };
  }
  const change: Change = {
    id,
    step,
    action: 'put',
    resource,
    summary: putSummary(input),
    ...(existing === undefined ? {} : { before: existing }),
    after: merge.after,
    operation: input.operation(merge.after),
    ...(input.undoWarning === undefined ? {} : { undoWarning: input.undoWarning }),
  };
  try {
    assertPolicySize(merge.after, input.kind, capitalise(input.policyLabel));
    return { change };
  } catch (error) {
    if (error instanceof PolicyTooLargeError) return { change, error: error.message };
    throw error;
  }
}

function putSummary({ policyLabel, existing, merge }: ResourcePolicyChangeInput): string {
  const sids = (statements: Statement[]): string => statements.map((s) => s.Sid).join(' and ');
  if (existing === undefined) return `Create ${policyLabel} with ${sids(merge.added)}`;
  const verbs =
    merge.replaced.length === 0
      ? `add ${sids(merge.added)} to`
      : merge.added.length === 0
        ? `update ${sids(merge.replaced)} in`
        : `add ${sids(merge.added)} and update ${sids(merge.replaced)} in`;
  const ourSids = new Set([...merge.added, ...merge.replaced].map((s) => s.Sid));
  const kept = existing.Statement.filter((s) => !ourSids.has(s.Sid)).length;
  const keptText = kept === 0 ? '' : ` (keeps ${kept} other statement${kept === 1 ? '' : 's'})`;
  return `${capitalise(verbs)} ${policyLabel}${keptText}`;
}

/** Statements compared after normalisation (order of keys and arrays, single string vs array). */
export function statementsEqual(a: Statement, b: Statement): boolean {
  return documentsEqual({ Version: '2012-10-17', Statement: [a] }, { Version: '2012-10-17', Statement: [b] });
}

/** A statement's Sid, or its 1-based position (`#2`) when it has none: what a human can find. */
export function statementLabel(doc: PolicyDocument, statement: Statement): string {
  if (statement.Sid !== undefined && statement.Sid !== '') return statement.Sid;
  // The finder may hand back a normalised copy rather than the very object, so fall back to equality.
  let index = doc.Statement.indexOf(statement);
  if (index < 0) index = doc.Statement.findIndex((s) => statementsEqual(s, statement));
  return index < 0 ? 'without Sid' : `#${index + 1}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
