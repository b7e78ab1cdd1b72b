/**
 * The grammar checks each service runs when a policy is saved, with AWS's own messages. Each
 * function returns the message of the error the service would send, or `undefined` when valid.
 * Only the rules a setup tool can trip over are modelled; a document these accept may still be
 * rejected by AWS for subtler reasons (condition operators, unknown actions, …).
 */
import type { AccountState } from './account-state.js';
import type { Json, JsonObject } from './documents.js';
import { parseObject, principalValues, statementsOf, strings, wildcardMatches } from './documents.js';
import type { PrincipalCheck } from './principals.js';
import { isKnownAwsPrincipal } from './principals.js';

const IAM_SYNTAX = 'Syntax errors in policy.';

/** Identity policies: managed policy versions and inline role policies. */
export function identityPolicyProblem(text: string): string | undefined {
  const parsed = parseIamDocument(text);
  if (typeof parsed === 'string') return parsed;
  for (const statement of parsed) {
    if (statement.Principal !== undefined || statement.NotPrincipal !== undefined) {
      return 'Policy document should not specify a principal.';
    }
    if (!hasEither(statement, 'Action', 'NotAction')) return 'Policy statement must contain actions.';
    if (!hasEither(statement, 'Resource', 'NotResource')) return 'Policy statement must contain resources.';
  }
  return undefined;
}

/** A role's trust (assume-role) policy. */
export function trustPolicyProblem(state: AccountState, text: string): string | undefined {
  const parsed = parseIamDocument(text);
  if (typeof parsed === 'string') return parsed;
  for (const statement of parsed) {
    if (statement.Resource !== undefined || statement.NotResource !== undefined) return 'Has prohibited field Resource';
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) return 'Missing required field Principal';
    if (!hasEither(statement, 'Action', 'NotAction')) return 'Missing required field Action';
    const unknown = principalValues(statement.Principal, 'AWS').find((p) => !isKnownAwsPrincipal(state, p));
    if (unknown !== undefined) return `Invalid principal in policy: "AWS":"${unknown}"`;
  }
  return undefined;
}

/** S3 bucket policies (error code MalformedPolicy). */
export function bucketPolicyProblem(state: AccountState, bucket: string, text: string): string | undefined {
  const document = text.trimStart().startsWith('{') ? parseObject(text) : undefined;
  if (!document) return "Policies must be valid JSON and the first byte must be '{'";
  const statements = statementsOf(document);
  if (!statements) return 'Missing required field Statement';
  const bucketArn = `arn:${state.partition}:s3:::${bucket}`;
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return 'Invalid effect';
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) return 'Missing required field Principal';
    if (!hasEither(statement, 'Action', 'NotAction')) return 'Missing required field Action';
    if (!hasEither(statement, 'Resource', 'NotResource')) return 'Missing required field Resource';
    const resources = [...strings(statement.Resource), ...strings(statement.NotResource)].map((r) => s3ResourceScope(r, bucketArn));
    if (resources.includes('invalid')) return 'Policy has invalid resource';
    const actions = strings(statement.Action);
    if (actions.some((a) => a !== '*' && !/^s3:/i.test(a))) return 'Policy has invalid action';
    if (statement.Resource !== undefined && actions.some((a) => !s3ActionApplies(a, resources))) {
      return 'Action does not apply to any resource(s) in statement';
    }
    if (principalValues(statement.Principal, 'AWS').some((p) => !isKnownAwsPrincipal(state, p))) return 'Invalid principal in policy';
  }
  return undefined;
}

export const KMS_INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';

/** KMS key policies (MalformedPolicyDocumentException). */
export function keyPolicyProblem(state: AccountState, text: string, check: PrincipalCheck): string | undefined {
  const document = parseObject(text);
  if (!document) return 'The policy document is not valid JSON.';
  const statements = statementsOf(document);
  if (!statements) return 'Policy document is missing the required Statement element.';
  for (const statement of statements) {
    if (statement.Principal === undefined && statement.NotPrincipal === undefined) {
      return 'Policy contains a statement with no principal.';
    }
    if (principalValues(statement.Principal, 'AWS').some((p) => !isKnownAwsPrincipal(state, p, check))) {
      return KMS_INVALID_PRINCIPALS;
    }
  }
  return undefined;
}

/**
 * KMS refuses (unless BypassPolicyLockoutSafetyCheck) a policy under which the caller could not
 * change the policy again: some Allow must give kms:PutKeyPolicy to the account or the caller.
 */
export function locksOutCaller(state: AccountState, text: string): boolean {
  const statements = statementsOf(parseObject(text) ?? {}) ?? [];
  const caller = callerPrincipals(state);
  return !statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      principalValues(s.Principal, 'AWS').some((p) => caller.includes(p)) &&
      strings(s.Action).some((a) => wildcardMatches(a.toLowerCase(), 'kms:putkeypolicy')),
  );
}

function callerPrincipals(state: AccountState): string[] {
  const names = ['*', state.account, `arn:${state.partition}:iam::${state.account}:root`, state.callerArn];
  const assumed = /:assumed-role\/([^/]+)\//.exec(state.callerArn);
  const role = assumed ? state.roles.get((assumed[1] ?? '').toLowerCase()) : undefined;
  return role ? [...names, role.arn] : names;
}

/** Checks shared by identity and trust policies; returns the statements or an error message. */
function parseIamDocument(text: string): JsonObject[] | string {
  const document = parseObject(text);
  if (!document) return IAM_SYNTAX;
  if (document.Version !== undefined && document.Version !== '2012-10-17' && document.Version !== '2008-10-17') {
    return 'The policy failed legacy parsing';
  }
  const statements = statementsOf(document);
  if (!statements) return IAM_SYNTAX;
  const sids = new Set<string>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return IAM_SYNTAX;
    const sid = statement.Sid;
    if (sid !== undefined) {
      if (typeof sid !== 'string' || !/^[0-9A-Za-z]*$/.test(sid)) {
        return 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
      }
      if (sid !== '' && sids.has(sid)) return 'Statement IDs (SID) in a single policy must be unique.';
      sids.add(sid);
    }
    const actions = [...strings(statement.Action), ...strings(statement.NotAction)];
    if (actions.some((a) => a !== '*' && !/^[A-Za-z0-9-]+:.+$/.test(a))) {
      return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
    }
  }
  return statements;
}

function hasEither(statement: JsonObject, a: string, b: string): boolean {
  const present = (v: Json | undefined) => v !== undefined && !(Array.isArray(v) && v.length === 0);
  return present(statement[a]) || present(statement[b]);
}

type ResourceScope = 'bucket' | 'object' | 'both' | 'invalid';

/** Which part of this bucket an S3 resource ARN covers; anything outside it is invalid. */
function s3ResourceScope(resource: string, bucketArn: string): ResourceScope {
  if (resource === '*') return 'both';
  const bucket = wildcardMatches(resource, bucketArn);
  const object = resource.startsWith(`${bucketArn}/`) || wildcardMatches(resource, `${bucketArn}/key`);
  if (bucket && object) return 'both';
  return bucket ? 'bucket' : object ? 'object' : 'invalid';
}

/** S3 rejects a statement whose action targets neither the bucket nor objects it names. */
function s3ActionApplies(action: string, scopes: ResourceScope[]): boolean {
  const name = action.replace(/^s3:/i, '');
  if (name === '*' || name.includes('*') || name.includes('?')) return true;
  const needs = /Bucket|Configuration/.test(name) ? 'bucket' : /Object|MultipartUpload/.test(name) ? 'object' : undefined;
  return needs === undefined || scopes.some((s) => s === needs || s === 'both');
}
