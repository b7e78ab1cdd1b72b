/**
 * The one typed configuration object. The CLI builds it from defaults < config file < flags
 * (and the wizard fills what is still missing); everything below the CLI only reads it.
 */

export type PrincipalKind = 'user' | 'group' | 'role';

/** An IAM identity that receives the operator policy (`--attach-to user:alice`). */
export interface PrincipalRef {
  kind: PrincipalKind;
  name: string;
}

/** `--access`: custom (default, recommended by the guide), the AWS managed policy, or read-only. */
export type OperatorAccess = 'custom' | 'managed' | 'read-only';
/** `--role-access`: permissions of the service role. Default `managed` (the guide's). */
export type RoleAccess = 'managed' | 'custom';
/** `--s3-access`: `read` for imports; `read-write` (default) adds s3:PutObject for exports and batch jobs. */
export type S3Access = 'read' | 'read-write';
/** `--cloudwatch-policy`: CloudWatchFullAccessV2 (default) or the deprecated CloudWatchFullAccess. */
export type CloudWatchPolicy = 'CloudWatchFullAccessV2' | 'CloudWatchFullAccess';

export interface SetupConfig {
  /** Who operates Personalize. Empty means the caller's own identity. */
  attachTo: PrincipalRef[];
  /** Default `custom`. */
  access: OperatorAccess;
  /** Name of the customer managed operator policy. Default `PersonalizeOperatorAccess`. */
  policyName: string;
  /** Add `Bool aws:MultiFactorAuthPresent true` to the operator policy. Default false. */
  requireMfa: boolean;
  /** Add `IpAddress aws:SourceIp` with these CIDRs to the operator policy. Default none. */
  allowedCidrs: string[];
  /** Also attach the guide's "view own permissions" policy to user targets. Default false. */
  viewOwnPermissions: boolean;
  /** Attach CloudWatch access to the same targets; `undefined` skips the step. Default skipped. */
  cloudwatch: CloudWatchPolicy | undefined;
  /** Service role name. Default `PersonalizeRole`. */
  roleName: string;
  /** Service role path. Default `/`. */
  rolePath: string;
  /** Default `managed`. */
  roleAccess: RoleAccess;
  /** Data bucket; `undefined` skips the S3 step. */
  bucket: string | undefined;
  /** Create the bucket if it does not exist. Default false. */
  createBucket: boolean;
  /** Default `read-write`. */
  s3Access: S3Access;
  /** Add a Deny for non-TLS requests to the bucket policy. Default false. */
  denyInsecureTransport: boolean;
  /** KMS key id, key ARN or `alias/NAME`; `undefined` skips the KMS step. */
  kmsKey: string | undefined;
  /** Extra tags for every resource we create (always plus `managed-by=personalize-setup`). */
  tags: Record<string, string>;
}

/** Where and as whom to call AWS. */
export interface AwsOptions {
  profile?: string;
  region?: string;
  /** `--endpoint-url`, else `AWS_ENDPOINT_URL`. */
  endpointUrl?: string;
}

/** Names and values that are part of the product's contract. */
export const DEFAULTS = {
  policyName: 'PersonalizeOperatorAccess',
  readOnlyPolicyName: 'PersonalizeReadOnlyAccess',
  viewOwnPermissionsPolicyName: 'PersonalizeViewOwnPermissions',
  roleName: 'PersonalizeRole',
  rolePath: '/',
  s3PolicyName: 'PersonalizeS3Access',
  kmsPolicyName: 'PersonalizeKmsAccess',
  cloudwatchPolicy: 'CloudWatchFullAccessV2' as CloudWatchPolicy,
} as const;

/** Tag put on everything we create; `rollback` deletes only resources that still carry it. */
export const MANAGED_BY_TAG = { key: 'managed-by', value: 'personalize-setup' } as const;

export function defaultConfig(): SetupConfig {
  return {
    attachTo: [],
    access: 'custom',
    policyName: DEFAULTS.policyName,
    requireMfa: false,
    allowedCidrs: [],
    viewOwnPermissions: false,
    cloudwatch: undefined,
    roleName: DEFAULTS.roleName,
    rolePath: DEFAULTS.rolePath,
    roleAccess: 'managed',
    bucket: undefined,
    createBucket: false,
    s3Access: 'read-write',
    denyInsecureTransport: false,
    kmsKey: undefined,
    tags: {},
  };
}
