/**
 * ARNs, principals and Sids. Every ARN is built from the caller's partition: a hard-coded
 * `arn:aws:` breaks in China and GovCloud.
 */
import type { Partition } from './types.js';

/** `cn-*` → `aws-cn`, `us-gov-*` → `aws-us-gov`, anything else → `aws`. */
export function partitionForRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * `/` stays `/`; anything else becomes `/a/b/` (IAM paths begin and end with a slash, and a
 * forgotten slash must not glue the path onto the name).
 */
function iamPath(path: string): string {
  const inner = path.replace(/^\/+|\/+$/g, '');
  return inner === '' ? '/' : `/${inner}/`;
}

/** `arn:P:iam::ACCOUNT:role/NAME`, or `role/PATH/NAME` when the role has a path. */
export function roleArn(p: Partition, account: string, path: string, name: string): string {
  return `arn:${p}:iam::${account}:role${iamPath(path)}${name}`;
}

/** `arn:P:iam::ACCOUNT:policy/NAME` (with the path between, when given and not `/`). */
export function customerPolicyArn(p: Partition, account: string, name: string, path = '/'): string {
  return `arn:${p}:iam::${account}:policy${iamPath(path)}${name}`;
}

/** `arn:P:iam::aws:policy/<nameWithPath>`, e.g. `service-role/AmazonPersonalizeFullAccess`. */
export function awsManagedPolicyArn(p: Partition, nameWithPath: string): string {
  return `arn:${p}:iam::aws:policy/${nameWithPath.replace(/^\/+/, '')}`;
}

/** The AWS managed policy the guide uses; note the `service-role/` path people often drop. */
export const PERSONALIZE_FULL_ACCESS = 'service-role/AmazonPersonalizeFullAccess';

/** `arn:P:s3:::BUCKET` (the objects are `${bucketArn}/*`). */
export function bucketArn(p: Partition, bucket: string): string {
  return `arn:${p}:s3:::${bucket}`;
}

/** Any Personalize resource of this account and region: the trust policy's `aws:SourceArn`. */
export function personalizeSourceArnPattern(p: Partition, region: string, account: string): string {
  return `arn:${p}:personalize:${region}:${account}:*`;
}

/** The same name in every partition (the guide uses it for China too). */
export const PERSONALIZE_SERVICE_PRINCIPAL = 'personalize.amazonaws.com';

/** Sids of the statements we put into documents we share with others (bucket and key policies). */
export const SIDS = {
  bucketAccess: 'PersonalizeSetupS3Access',
  denyInsecureTransport: 'PersonalizeSetupDenyInsecureTransport',
  keyAccess: 'PersonalizeSetupKeyAccess',
} as const;

const OUR_SID_PREFIX = 'PersonalizeSetup';

/** Whether a statement is ours to replace or remove: its Sid starts with `PersonalizeSetup`. */
export function isOurSid(sid: string | undefined): boolean {
  return sid !== undefined && sid.startsWith(OUR_SID_PREFIX);
}
