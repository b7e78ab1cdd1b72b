/**
 * Turns whatever a service handed back into a checked `PolicyDocument`: an object, a JSON string,
 * or the URL-encoded JSON string IAM returns (`%7B%22Version%22...`).
 */
import { NotAPolicyError } from './errors.js';
import type { PolicyDocument, Statement } from './types.js';

const VERSIONS = ['2012-10-17', '2008-10-17'] as const;

/**
 * A deep copy of the document, checked for shape. A Statement given as a single object becomes a
 * one-element list; a missing Version becomes `2008-10-17`, which is what IAM assumes when it is
 * absent (so the meaning is unchanged). Every other key and value is kept as it was.
 * Throws `NotAPolicyError` saying what is wrong.
 */
export function parsePolicy(input: unknown): PolicyDocument {
  const raw: unknown = typeof input === 'string' ? parseText(input) : copyJson(input);
  if (!isPlainObject(raw)) throw new NotAPolicyError(`A policy must be a JSON object, not ${describe(raw)}.`);

  const { Version: version, Id: id, Statement: statement } = raw;
  if (version !== undefined && !VERSIONS.includes(version as (typeof VERSIONS)[number])) {
    throw new NotAPolicyError(`The policy Version must be "2012-10-17" or "2008-10-17", not ${JSON.stringify(version)}.`);
  }
  if (id !== undefined && typeof id !== 'string') {
    throw new NotAPolicyError(`The policy Id must be a string, not ${describe(id)}.`);
  }
  if (statement === undefined) throw new NotAPolicyError('The policy has no Statement.');
  const statements: unknown[] = Array.isArray(statement) ? statement : [statement];
  statements.forEach(checkStatement);

  const doc = { ...raw, Statement: statements };
  // Put the implied Version first, where people expect to see it.
  return (version === undefined ? { Version: '2008-10-17', ...doc } : doc) as PolicyDocument;
}

function parseText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new NotAPolicyError('The policy is an empty string.');
  // JSON starts with "{" (or whitespace); URL-encoded JSON starts with "%7B" (or "%0A"...).
  const json = trimmed.startsWith('{') ? trimmed : decodeUrl(trimmed);
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new NotAPolicyError(`The policy is not valid JSON (${(error as Error).message}).`);
  }
}

function decodeUrl(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new NotAPolicyError('The policy is neither JSON nor URL-encoded JSON.');
  }
}

/** Copies through JSON so the result shares nothing with the caller and holds only JSON data. */
function copyJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value)) as unknown;
  } catch {
    throw new NotAPolicyError('The policy cannot be represented as JSON.');
  }
}

function checkStatement(value: unknown, index: number): asserts value is Statement {
  const where = `Statement ${index + 1}`;
  if (!isPlainObject(value)) throw new NotAPolicyError(`${where} must be an object, not ${describe(value)}.`);
  const fail = (problem: string): never => {
    const sid = typeof value['Sid'] === 'string' && value['Sid'] !== '' ? ` (Sid ${value['Sid']})` : '';
    throw new NotAPolicyError(`${where}${sid} ${problem}.`);
  };

  if (value['Sid'] !== undefined && typeof value['Sid'] !== 'string') fail('has a Sid that is not a string');
  if (value['Effect'] !== 'Allow' && value['Effect'] !== 'Deny') {
    fail(`must have Effect "Allow" or "Deny", not ${JSON.stringify(value['Effect']) ?? 'nothing'}`);
  }
  if (value['Action'] === undefined && value['NotAction'] === undefined) fail('has neither Action nor NotAction');
  if (value['Action'] !== undefined && value['NotAction'] !== undefined) fail('has both Action and NotAction');
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (value[key] !== undefined && !isStringOrStrings(value[key])) fail(`has an invalid ${key}: it must be a string or a list of strings`);
  }
  for (const key of ['Principal', 'NotPrincipal']) {
    const principal = value[key];
    if (principal === undefined || principal === '*') continue;
    if (!isPlainObject(principal) || !Object.values(principal).every(isStringOrStrings)) {
      fail(`has an invalid ${key}: it must be "*" or an object of strings`);
    }
  }
  const condition = value['Condition'];
  if (condition !== undefined) {
    const valid =
      isPlainObject(condition) &&
      Object.values(condition).every((keys) => isPlainObject(keys) && Object.values(keys).every(isConditionValue));
    if (!valid) fail('has an invalid Condition: it must map operators to keys to values');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

/** Condition values may be JSON booleans or numbers too (`"aws:SecureTransport": false`). */
function isConditionValue(value: unknown): boolean {
  const scalar = (v: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof v);
  return scalar(value) || (Array.isArray(value) && value.every(scalar));
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
