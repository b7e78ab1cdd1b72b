/**
 * The canonical form of a policy, so that documents that mean the same compare equal: IAM hands
 * documents back URL-encoded, people write a single string where we write a list, and neither
 * statement order nor key order means anything to IAM, S3 or KMS.
 */
import { parsePolicy } from './parse-policy.js';
import type { PolicyDocument } from './types.js';

export { parsePolicy } from './parse-policy.js';

/** Elements whose value may be one string or a list of them (the order of the list is irrelevant). */
const LIST_ELEMENTS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);
const PRINCIPAL_ELEMENTS = new Set(['Principal', 'NotPrincipal']);

/**
 * Canonical form: every object's keys sorted; Action, NotAction, Resource, NotResource, each
 * Principal value and each Condition value a sorted list without duplicates (Condition values as
 * strings: `false` and `"false"` mean the same); statements sorted by their canonical JSON.
 * Version, Id and Sid are kept. Accepts what `parsePolicy` accepts; throws `NotAPolicyError`.
 */
export function normalise(input: unknown): PolicyDocument {
  const doc = parsePolicy(input);
  const statements = doc.Statement.map((statement) => normaliseStatement(statement as unknown as Record<string, unknown>))
    .map((statement) => ({ statement, key: JSON.stringify(statement) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ statement }) => statement);
  return sortKeys({ ...doc, Statement: statements }) as PolicyDocument;
}

/** The stable string of `normalise(input)`. */
export function canonicalJson(input: unknown): string {
  return JSON.stringify(normalise(input));
}

/**
 * Whether two documents mean the same (see `normalise`). `undefined` / `null` stand for "no
 * document": equal only to each other. Anything else that is not a policy throws `NotAPolicyError`.
 */
export function documentsEqual(a: unknown, b: unknown): boolean {
  const absent = (value: unknown): boolean => value === undefined || value === null;
  if (absent(a) || absent(b)) return absent(a) && absent(b);
  return canonicalJson(a) === canonicalJson(b);
}

function normaliseStatement(statement: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(statement)) {
    if (LIST_ELEMENTS.has(key)) result[key] = sortedUnique(toList(value));
    else if (PRINCIPAL_ELEMENTS.has(key)) result[key] = normalisePrincipal(value);
    else if (key === 'Condition') result[key] = normaliseCondition(value as Record<string, Record<string, unknown>>);
    else result[key] = value;
  }
  return sortKeys(result) as Record<string, unknown>;
}

function normalisePrincipal(principal: unknown): unknown {
  if (principal === '*') return principal;
  return Object.fromEntries(
    Object.entries(principal as Record<string, unknown>).map(([type, values]) => [type, sortedUnique(toList(values))]),
  );
}

function normaliseCondition(condition: Record<string, Record<string, unknown>>): unknown {
  return Object.fromEntries(
    Object.entries(condition).map(([operator, keys]) => [
      operator,
      Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, sortedUnique(toList(values).map(String))])),
    ]),
  );
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function sortedUnique(values: unknown[]): unknown[] {
  return [...new Set(values)].sort((a, b) => compare(String(a), String(b)));
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy with every object's keys in sorted order (arrays keep their order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(compare)
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
