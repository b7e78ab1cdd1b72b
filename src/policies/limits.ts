/**
 * Service size limits, checked while planning so that a too-large document is reported before
 * anything is written (and not as a half-applied run rolled back).
 */
import { PolicyTooLargeError } from './errors.js';
import type { PolicyDocument } from './types.js';

/** Which service stores the document, which decides how it is measured and its limit. */
export type PolicyKind = 'managed' | 'inline-role' | 'trust' | 'bucket' | 'key';

/**
 * IAM: customer managed policy 6,144, inline role policies 10,240 (all of a role's together),
 * role trust policy 2,048 (the default quota) characters. S3 bucket policy 20 KB, KMS key
 * policy 32 KB.
 */
export const POLICY_SIZE_LIMITS: Record<PolicyKind, number> = {
  managed: 6144,
  'inline-role': 10240,
  trust: 2048,
  bucket: 20480,
  key: 32768,
};

const IAM_KINDS: ReadonlySet<PolicyKind> = new Set(['managed', 'inline-role', 'trust']);

/**
 * IAM counts characters and ignores whitespace; S3 and KMS count bytes of what is sent, which is
 * compact JSON (no whitespace between tokens).
 */
export function policySize(doc: PolicyDocument, kind: PolicyKind): number {
  const json = JSON.stringify(doc);
  if (IAM_KINDS.has(kind)) return [...json.replace(/\s/g, '')].length;
  return new TextEncoder().encode(json).length;
}

/**
 * Throws `PolicyTooLargeError` when `doc` is over the limit for `kind`. `label` names the
 * document, e.g. `The bucket policy for my-bucket`; the message reads
 * `The bucket policy for my-bucket would be 21034 bytes; the limit is 20480. Remove unused
 * statements from it and try again.`
 */
export function assertPolicySize(doc: PolicyDocument, kind: PolicyKind, label: string): void {
  const size = policySize(doc, kind);
  const limit = POLICY_SIZE_LIMITS[kind];
  if (size <= limit) return;
  const unit = IAM_KINDS.has(kind) ? 'characters' : 'bytes';
  const name = label.charAt(0).toUpperCase() + label.slice(1);
  throw new PolicyTooLargeError(
    `${name} would be ${size} ${unit}; the limit is ${limit}. Remove unused statements from it and try again.`,
    { size, limit, unit },
  );
}
