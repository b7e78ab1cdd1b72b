/**
 * Policy documents and tags as AWS sends and expects them. IAM returns documents URL-encoded
 * (RFC 3986); S3 and KMS return plain JSON. We write compact JSON.
 */
import type { PolicyDocument } from '../policies/types.js';

/** Parses a policy as returned by IAM, S3 or KMS, decoding IAM's URL-encoding when present. */
export function parsePolicyDocument(text: string): PolicyDocument {
  // Real IAM always URL-encodes; some AWS-compatible endpoints do not. A JSON document starts
  // with `{`, an encoded one with `%7B`, so the first character tells them apart safely.
  const json = text.trimStart().startsWith('{') ? text : decodeURIComponent(text);
  const document = JSON.parse(json) as PolicyDocument & { Statement: PolicyDocument['Statement'] | PolicyDocument['Statement'][number] };
  // IAM keeps a single statement as an object if it was written that way; callers iterate arrays.
  if (document.Statement !== undefined && !Array.isArray(document.Statement)) {
    return { ...document, Statement: [document.Statement] };
  }
  return document as PolicyDocument;
}

export function serializePolicyDocument(document: PolicyDocument): string {
  return JSON.stringify(document);
}

/** The `[{ Key, Value }]` tag shape shared by IAM and S3. */
export interface AwsTag {
  Key: string | undefined;
  Value: string | undefined;
}

export function toTagList(tags: Record<string, string>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function fromTagList(tags: readonly AwsTag[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { Key, Value } of tags ?? []) {
    if (Key !== undefined) record[Key] = Value ?? '';
  }
  return record;
}
