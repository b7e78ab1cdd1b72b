/** Small helpers for policy documents as AWS stores and returns them. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** IAM returns documents URL-encoded (RFC 3986), which `encodeURIComponent` reproduces. */
export function urlEncode(text: string): string {
  return encodeURIComponent(text);
}

/** Seeds may pass an object or the exact text to store. */
export function documentText(document: object | string): string {
  return typeof document === 'string' ? document : JSON.stringify(document);
}

/** The parsed document, or `undefined` when the text is not a JSON object. */
export function parseObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text) as Json;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function parseStored(text: string): JsonObject {
  const value = parseObject(text);
  if (!value) throw new Error(`FakeAccount invariant: stored document is not a JSON object: ${text}`);
  return value;
}

/** IAM's size quotas ignore white space. */
export function nonWhitespaceLength(text: string): number {
  return text.replace(/\s/g, '').length;
}

export function asArray(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** `Statement` may be one object or an array; anything else yields `undefined`. */
export function statementsOf(document: JsonObject): JsonObject[] | undefined {
  const list = asArray(document.Statement);
  if (list.length === 0) return undefined;
  if (!list.every((s) => s !== null && typeof s === 'object' && !Array.isArray(s))) return undefined;
  return list as JsonObject[];
}

export function strings(value: Json | undefined): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

/** Values of one principal type (`AWS`, `Service`, …); `"*"` counts as an AWS principal. */
export function principalValues(principal: Json | undefined, type: string): string[] {
  if (principal === '*') return type === 'AWS' ? ['*'] : [];
  if (principal === null || typeof principal !== 'object' || Array.isArray(principal)) return [];
  return strings(principal[type]);
}

/** Same-shaped copy with object keys sorted at every depth (array order is kept: it is meaningful). */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => sortKeysDeep(v)) as T;
  if (value instanceof Map) throw new Error('sortKeysDeep: convert Maps first');
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

/** `*` and `?` wildcards as in IAM ARNs and actions, matched case-sensitively. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(value);
}
