/**
 * "Is this access already granted?" Many people half-followed the guide by hand; if their
 * statement already does what ours would, we add nothing. The answer errs on the side of "no":
 * a false "no" adds a redundant statement, a false "yes" leaves Personalize without access.
 */
import { canonicalJson } from './normalise.js';
import { parsePolicy } from './parse-policy.js';
import type { PolicyDocument, Principal, Statement } from './types.js';
import { actionMatches, resourceMatches } from './wildcard.js';

/** One principal of a statement, e.g. `Service` / `personalize.amazonaws.com`. */
interface PrincipalValue {
  type: string;
  value: string;
}

/**
 * An existing statement that already grants `needed` (one of our Allow statements), or undefined.
 * Covered means: for every principal × action × resource of `needed`, some Allow statement
 * without NotAction / NotResource / NotPrincipal, with no Condition or the same Condition as
 * `needed`, names the principal (itself, `"*"`, or `{"AWS": "*"}` for AWS principals) and matches
 * the action (IAM wildcards, any case) and the resource (wildcards, exact case).
 * Which statement is returned: the first that covers everything alone; when only several together
 * do, the first (in document order) of those that contribute. The very object from `doc` is
 * returned, so callers can find its position.
 * Always undefined when a Deny in `doc` could apply to one of `needed`'s principals on one of its
 * actions (whatever its resource or condition), except the usual deny of non-TLS requests, which
 * never applies to an AWS service.
 * Throws `NotAPolicyError` when `doc` is not a policy.
 */
export function findCoveringStatement(doc: PolicyDocument | undefined, needed: Statement): Statement | undefined {
  if (doc === undefined) return undefined;
  const checked = parsePolicy(doc).Statement;
  const originals = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement as Statement];

  const principals = principalValues(needed.Principal);
  const actions = list(needed.Action);
  if (actions.length === 0) return undefined;
  if (checked.some((s) => s.Effect === 'Deny' && denyApplies(s, principals, actions))) return undefined;

  const candidates = checked
    .map((statement, index) => ({ statement, index }))
    .filter(({ statement }) => isCandidate(statement, needed));
  const resources = needed.Resource === undefined ? [undefined] : list(needed.Resource);
  const grants = (s: Statement, principal: PrincipalValue | undefined, action: string, resource: string | undefined) =>
    (principal === undefined || principalNamed(s.Principal, principal)) &&
    list(s.Action).some((pattern) => actionMatches(pattern, action)) &&
    (resource === undefined || list(s.Resource).some((pattern) => resourceMatches(pattern, resource)));

  const needs: [PrincipalValue | undefined, string, string | undefined][] = [];
  for (const principal of principals.length === 0 ? [undefined] : principals) {
    for (const action of actions) for (const resource of resources) needs.push([principal, action, resource]);
  }

  const alone = candidates.find(({ statement }) => needs.every((need) => grants(statement, ...need)));
  if (alone !== undefined) return originals[alone.index];

  const contributors = new Set<number>();
  for (const need of needs) {
    const first = candidates.find(({ statement }) => grants(statement, ...need));
    if (first === undefined) return undefined;
    contributors.add(first.index);
  }
  return originals[Math.min(...contributors)];
}

/**
 * Statements whose Condition uses `aws:SourceVpc` or `aws:SourceVpce` (under any operator, in any
 * case): such a bucket policy usually shuts out Amazon Personalize, which does not call from a VPC.
 */
export function vpcRestrictedStatements(doc: PolicyDocument | undefined): Statement[] {
  if (doc === undefined) return [];
  const checked = parsePolicy(doc).Statement;
  const originals = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement as Statement];
  const vpcKeys = new Set(['aws:sourcevpc', 'aws:sourcevpce']);
  return originals.filter((_, index) =>
    Object.values(checked[index]?.Condition ?? {}).some((keys) => Object.keys(keys).some((key) => vpcKeys.has(key.toLowerCase()))),
  );
}

function isCandidate(statement: Statement, needed: Statement): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (statement.NotAction !== undefined || statement.NotResource !== undefined || statement.NotPrincipal !== undefined) return false;
  if (needed.Principal !== undefined && statement.Principal === undefined) return false;
  if (statement.Condition === undefined) return true;
  return needed.Condition !== undefined && sameCondition(statement.Condition, needed.Condition);
}

/** A Deny that may hit one of the principals on one of the actions (resources and conditions aside). */
function denyApplies(deny: Statement, principals: PrincipalValue[], actions: string[]): boolean {
  if (isInsecureTransportDeny(deny)) return false;
  const hitsPrincipal =
    principals.length === 0 ||
    (deny.Principal === undefined && deny.NotPrincipal === undefined) ||
    principals.some((p) =>
      deny.Principal !== undefined ? denyNames(deny.Principal, p) : !principalNamed(deny.NotPrincipal, p),
    );
  const hitsAction =
    deny.Action !== undefined
      ? actions.some((action) => list(deny.Action).some((pattern) => actionMatches(pattern, action)))
      : actions.some((action) => !list(deny.NotAction).some((pattern) => actionMatches(pattern, action)));
  return hitsPrincipal && hitsAction;
}

/** `Bool aws:SecureTransport false` and nothing else: AWS services always call over TLS. */
function isInsecureTransportDeny(deny: Statement): boolean {
  const condition = deny.Condition;
  if (condition === undefined) return false;
  const operators = Object.keys(condition);
  if (operators.length !== 1 || operators[0] !== 'Bool') return false;
  const entries = Object.entries(condition['Bool'] ?? {});
  return (
    entries.length === 1 &&
    entries[0]?.[0].toLowerCase() === 'aws:securetransport' &&
    list(entries[0][1]).every((v) => String(v).toLowerCase() === 'false')
  );
}

/** For a Deny, `{"AWS": "*"}` is read as everyone, as AWS documents it for resource policies. */
function denyNames(principal: Principal, wanted: PrincipalValue): boolean {
  return principalNamed(principal, wanted) || (principal !== '*' && list(principal['AWS']).includes('*'));
}

function principalNamed(principal: Principal | undefined, wanted: PrincipalValue): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  const values = list(principal[wanted.type]);
  return values.includes(wanted.value) || (wanted.type === 'AWS' && values.includes('*'));
}

function principalValues(principal: Principal | undefined): PrincipalValue[] {
  if (principal === undefined) return [];
  if (principal === '*') return [{ type: '*', value: '*' }];
  return Object.entries(principal).flatMap(([type, values]) => list(values).map((value) => ({ type, value })));
}

function sameCondition(a: Statement['Condition'], b: Statement['Condition']): boolean {
  const asDoc = (condition: Statement['Condition']) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Condition: condition }],
  });
  return canonicalJson(asDoc(a)) === canonicalJson(asDoc(b));
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
