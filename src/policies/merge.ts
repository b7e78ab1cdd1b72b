/**
 * PutBucketPolicy and PutKeyPolicy replace the whole document, so we never write one of our own:
 * we merge our statements into the owner's by Sid and leave every other statement as it was.
 */
import { parsePolicy } from './parse-policy.js';
import type { PolicyDocument, Statement } from './types.js';

/**
 * Each existing statement whose Sid is one of ours is replaced in place (a second copy of the
 * same Sid is dropped); ours that are not there yet are appended in the given order. Every other
 * statement, Id and Version are kept exactly. With no existing document, the result holds only
 * ours. Idempotent: merging the result again changes nothing.
 * Throws `NotAPolicyError` when `existing` is not a policy, and `Error` when one of ours lacks a
 * Sid or two share one (a bug in the caller: such a statement could not be found again).
 */
export function mergeStatements(existing: PolicyDocument | undefined, ours: Statement[]): PolicyDocument {
  const bySid = new Map<string, Statement>();
  for (const statement of ours) {
    if (statement.Sid === undefined || statement.Sid === '') throw new Error('mergeStatements: every statement merged needs a Sid.');
    if (bySid.has(statement.Sid)) throw new Error(`mergeStatements: Sid ${statement.Sid} is given twice.`);
    bySid.set(statement.Sid, statement);
  }
  if (existing === undefined) return { Version: '2012-10-17', Statement: ours.map(copy) };

  const doc = parsePolicy(existing);
  const placed = new Set<string>();
  const statements: Statement[] = [];
  for (const statement of doc.Statement) {
    const sid = statement.Sid;
    const mine = sid === undefined ? undefined : bySid.get(sid);
    if (sid === undefined || mine === undefined) {
      statements.push(statement);
    } else if (!placed.has(sid)) {
      statements.push(copy(mine));
      placed.add(sid);
    }
  }
  for (const statement of ours) {
    if (!placed.has(statement.Sid as string)) statements.push(copy(statement));
  }
  return { ...doc, Statement: statements };
}

/**
 * Drops the statements with these Sids and keeps the rest exactly. The result may have no
 * statement left; callers decide whether that means deleting the document.
 * Throws `NotAPolicyError` when `existing` is not a policy.
 */
export function removeStatements(existing: PolicyDocument, sids: string[]): PolicyDocument {
  const doc = parsePolicy(existing);
  const drop = new Set(sids);
  return { ...doc, Statement: doc.Statement.filter((s) => s.Sid === undefined || !drop.has(s.Sid)) };
}

function copy(statement: Statement): Statement {
  return structuredClone(statement);
}
