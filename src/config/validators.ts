/**
 * One pure check per kind of input. Each returns `undefined` when the value is valid, or a short
 * rule text ("bucket names use 3–63 lowercase letters, …") that the caller wraps with the input's
 * name and an example. The CLI and the wizard share these, so a value is judged the same way
 * whether it was typed as a flag, read from a config file or answered in a prompt.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { PrincipalKind } from './setup-config.js';

/** `undefined` when valid, otherwise the rule the value breaks. */
export type ValidationResult = string | undefined;

// IAM's own pattern for user, group, role and policy names.
const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_NAME_CHARS = 'letters, digits and + = , . @ _ -';

function iamName(kind: string, value: string, max: number): ValidationResult {
  if (value.length < 1 || value.length > max || !IAM_NAME.test(value)) {
    return `${kind} names use 1–${max} ${IAM_NAME_CHARS}`;
  }
  return undefined;
}

export function validateUserName(value: string): ValidationResult {
  return iamName('IAM user', value, 64);
}

export function validateGroupName(value: string): ValidationResult {
  return iamName('IAM group', value, 128);
}

export function validateRoleName(value: string): ValidationResult {
  return iamName('IAM role', value, 64);
}

export function validatePolicyName(value: string): ValidationResult {
  return iamName('IAM policy', value, 128);
}

export function validateIamPath(value: string): ValidationResult {
  if (value.length > 512) return 'IAM paths are at most 512 characters';
  if (value === '/' || /^\/[\u0021-\u007E]+\/$/.test(value)) return undefined;
  return 'IAM paths are "/" or start and end with "/" (printable ASCII, no spaces)';
}

const BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** The S3 naming rules for general purpose buckets. */
export function validateBucketName(value: string): ValidationResult {
  if (value.length < 3 || value.length > 63 || !/^[a-z0-9.-]+$/.test(value)) {
    return 'bucket names use 3–63 lowercase letters, digits, dots and hyphens';
  }
  if (!/^[a-z0-9].*[a-z0-9]$/.test(value)) return 'bucket names begin and end with a letter or digit';
  if (value.includes('..')) return 'bucket names must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(value)) return 'bucket names must not look like an IP address';
  const prefix = BUCKET_PREFIXES.find((p) => value.startsWith(p));
  if (prefix) return `bucket names must not start with "${prefix}" (reserved by S3)`;
  const suffix = BUCKET_SUFFIXES.find((s) => value.endsWith(s));
  if (suffix) return `bucket names must not end with "${suffix}" (reserved by S3)`;
  return undefined;
}

const KEY_UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY_MRK = 'mrk-[0-9a-f]{32}';
const ARN_PREFIX = 'arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:';
const KEY_ID_RE = new RegExp(`^(${KEY_UUID}|${KEY_MRK})$`);
const KEY_ARN_RE = new RegExp(`^${ARN_PREFIX}key/(${KEY_UUID}|${KEY_MRK})$`);
const ALIAS_RE = /^alias\/[a-zA-Z0-9/_-]+$/;
const ALIAS_ARN_RE = new RegExp(`^${ARN_PREFIX}(alias/.+)$`);

/** A key id (UUID or `mrk-…`), key ARN, `alias/NAME` or alias ARN of a customer managed key. */
export function validateKmsKey(value: string): ValidationResult {
  if (KEY_ID_RE.test(value) || KEY_ARN_RE.test(value)) return undefined;
  const alias = ALIAS_RE.test(value) ? value : ALIAS_ARN_RE.exec(value)?.[1];
  if (alias !== undefined) {
    if (alias.length > 256 || !ALIAS_RE.test(alias)) {
      return 'alias names are "alias/" plus up to 250 letters, digits, / _ -';
    }
    // AWS managed keys (alias/aws/s3, …) have policies nobody can change.
    if (alias.startsWith('alias/aws/')) {
      return 'alias/aws/… names AWS managed keys, whose key policy cannot be changed; use a customer managed key';
    }
    return undefined;
  }
  return 'KMS keys are a key id (UUID or mrk-…), a key ARN, alias/NAME or an alias ARN';
}

/** An IPv4 or IPv6 network in CIDR notation, as IAM's `aws:SourceIp` condition takes it. */
export function validateCidr(value: string): ValidationResult {
  const rule = 'CIDRs are an IPv4 or IPv6 address, "/" and a prefix length (0–32 for IPv4, 0–128 for IPv6)';
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!match) return rule;
  const [, address = '', prefix = ''] = match;
  // isIPv6 accepts zone ids (fe80::1%eth0), which have no place in a policy.
  if (address.includes('%')) return rule;
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : undefined;
  if (max === undefined || Number(prefix) > max || (prefix.length > 1 && prefix.startsWith('0'))) return rule;
  return undefined;
}

/** Region names such as us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export function validateRegion(value: string): ValidationResult {
  if (/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/.test(value)) return undefined;
  return 'regions look like us-east-1 (lowercase words and a number, joined by hyphens)';
}

export function validateAccountId(value: string): ValidationResult {
  return /^\d{12}$/.test(value) ? undefined : 'AWS account ids are exactly 12 digits';
}

// IAM's tag character set (S3 and KMS accept a superset of it).
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const TAG_CHARS_TEXT = 'letters, digits, spaces and _ . : / = + - @';
/** `managed-by` is ours: rollback relies on it to recognise what it may delete. */
export const RESERVED_TAG_KEY = 'managed-by';
/** IAM allows 50 tags per resource; one is `managed-by`. */
export const MAX_USER_TAGS = 49;

export function validateTagKey(value: string): ValidationResult {
  if (value.length < 1 || value.length > 128 || !TAG_CHARS.test(value)) {
    return `tag keys use 1–128 ${TAG_CHARS_TEXT}`;
  }
  if (value.toLowerCase().startsWith('aws:')) return 'tag keys must not start with "aws:" (reserved by AWS)';
  if (value === RESERVED_TAG_KEY) return `the tag key "${RESERVED_TAG_KEY}" is reserved: the tool sets it on everything it creates`;
  return undefined;
}

export function validateTagValue(value: string): ValidationResult {
  if (value.length > 256 || !TAG_CHARS.test(value)) return `tag values use 0–256 ${TAG_CHARS_TEXT}`;
  return undefined;
}

export function validateTagCount(count: number): ValidationResult {
  return count > MAX_USER_TAGS ? `at most ${MAX_USER_TAGS} tags (AWS allows 50; one is ${RESERVED_TAG_KEY})` : undefined;
}

const NAME_VALIDATORS: Record<PrincipalKind, (name: string) => ValidationResult> = {
  user: validateUserName,
  group: validateGroupName,
  role: validateRoleName,
};

/** `user:NAME`, `group:NAME` or `role:NAME`, with NAME valid for its kind. */
export function validateAttachTo(value: string): ValidationResult {
  const match = /^(user|group|role):(.*)$/.exec(value);
  if (!match) return 'targets are user:NAME, group:NAME or role:NAME';
  const [, kind = '', name = ''] = match;
  return NAME_VALIDATORS[kind as PrincipalKind](name);
}

export function validateEndpointUrl(value: string): ValidationResult {
  const rule = 'endpoint URLs are http:// or https:// URLs with a host';
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? undefined : rule;
  } catch {
    return rule;
  }
}

/** Names of profiles in ~/.aws/config: anything an INI section header can hold. */
export function validateProfileName(value: string): ValidationResult {
  if (value.length < 1 || value.length > 128 || /[\s[\]#;]/.test(value)) {
    return 'profile names are 1–128 characters without spaces, brackets, # or ;';
  }
  return undefined;
}

/** For enumerated options (`--access`, `--s3-access`, …). */
export function validateChoice(value: string, choices: readonly string[]): ValidationResult {
  return choices.includes(value) ? undefined : `choose one of ${choices.join(', ')}`;
}
