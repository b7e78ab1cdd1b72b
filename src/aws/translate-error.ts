/**
 * Turns any failure of an SDK call into an `AwsError` whose message is one sentence that says
 * what to do. Callers see AWS through this sentence only, so it must name the operation (and,
 * for a missing permission, the IAM action to grant) and never echo credentials.
 */
import { AwsError, SetupError } from '../errors.js';

export type AwsService = 'iam' | 's3' | 'kms' | 'sts';

/** Where a failure happened, as the adapter knows it. */
export interface ErrorContext {
  service: AwsService;
  /** The API operation, e.g. `CreateRole`, `HeadBucket`. */
  operation: string;
  /** What the call was about, for humans: an ARN, `role PersonalizeRole`, `bucket my-data`. */
  resource?: string;
  /** The `--profile` in use, to make the refresh hint copy-pasteable. */
  profile?: string;
}

/** S3 operations whose IAM action is not simply `s3:<Operation>`. */
const S3_ACTIONS: Record<string, string> = {
  HeadBucket: 's3:ListBucket',
  ListBuckets: 's3:ListAllMyBuckets',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  PutBucketEncryption: 's3:PutEncryptionConfiguration',
  PutPublicAccessBlock: 's3:PutBucketPublicAccessBlock',
  GetPublicAccessBlock: 's3:GetBucketPublicAccessBlock',
};

/** The IAM action a call needs, e.g. `CreateRole` → `iam:CreateRole`, S3 `HeadBucket` → `s3:ListBucket`. */
export function iamActionFor(service: AwsService, operation: string): string {
  if (service === 's3') return S3_ACTIONS[operation] ?? `s3:${operation}`;
  return `${service}:${operation}`;
}

const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'IncompleteSignature',
  'InvalidSignatureException',
  'InvalidToken',
  'AuthFailure',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);
const LIMIT_EXCEEDED = new Set(['LimitExceeded', 'LimitExceededException', 'TooManyBuckets']);
const ALREADY_EXISTS = new Set(['EntityAlreadyExists', 'EntityAlreadyExistsException', 'AlreadyExistsException']);
const DELETE_CONFLICT = new Set(['DeleteConflict', 'DeleteConflictException']);
const MALFORMED_POLICY = new Set(['MalformedPolicyDocument', 'MalformedPolicyDocumentException', 'MalformedPolicy']);
const NOT_FOUND = new Set(['NoSuchEntity', 'NoSuchEntityException', 'NoSuchBucket', 'NotFound', 'NotFoundException']);
const INVALID_INPUT = new Set(['InvalidInput', 'InvalidInputException', 'ValidationError', 'ValidationException', 'InvalidArgument', 'InvalidRequest', 'InvalidBucketName']);
const UNMODIFIABLE = new Set(['UnmodifiableEntity', 'UnmodifiableEntityException']);
const CONCURRENT = new Set(['ConcurrentModification', 'ConcurrentModificationException', 'OperationAborted']);
const KEY_STATE = new Set(['KMSInvalidStateException', 'DisabledException']);
const WRONG_REGION = new Set(['IllegalLocationConstraintException', 'PermanentRedirect', 'AuthorizationHeaderMalformed']);
const SERVER_SIDE = new Set(['ServiceFailure', 'ServiceFailureException', 'InternalError', 'InternalFailure', 'ServiceUnavailable', 'KMSInternalException', 'DependencyTimeoutException']);
const NETWORK = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError', 'RequestTimeout']);

const PERMISSIONS_HINT = 'grant this action to the identity running personalize-setup (see README "Permissions the tool needs")';

/** Translates `error`; an error that already is a `SetupError` passes through unchanged. */
export function translateAwsError(error: unknown, context: ErrorContext): SetupError {
  if (error instanceof SetupError) return error;
  const failure = failureOf(error);
  const operation = `${context.service}:${context.operation}`;
  const message = sentenceFor(failure, context, operation);
  return new AwsError(message, failure.code, operation);
}

interface Failure {
  /** SDK error name, or the Node error code for network failures (`ENOTFOUND`). */
  code: string;
  /** AWS's own message, with anything that looks like a credential removed. */
  detail: string;
  httpStatus: number | undefined;
  /** For network failures: the host (or address:port) that could not be reached. */
  host: string | undefined;
}

function failureOf(error: unknown): Failure {
  if (!(error instanceof Error)) {
    return { code: 'Unknown', detail: redact(String(error)), httpStatus: undefined, host: undefined };
  }
  const fields = error as Error & { code?: unknown; hostname?: unknown; address?: unknown; port?: unknown; $metadata?: { httpStatusCode?: number } };
  const nodeCode = typeof fields.code === 'string' ? fields.code : undefined;
  // Node's socket errors are plain `Error`s: their `code` says more than their name.
  const code = nodeCode !== undefined && NETWORK.has(nodeCode) ? nodeCode : error.name;
  return {
    code,
    detail: redact(error.message).trim().replace(/\.$/, ''),
    httpStatus: fields.$metadata?.httpStatusCode,
    host: hostOf(fields),
  };
}

function hostOf(fields: { hostname?: unknown; address?: unknown; port?: unknown }): string | undefined {
  if (typeof fields.hostname === 'string') return fields.hostname;
  if (typeof fields.address !== 'string') return undefined;
  return typeof fields.port === 'number' ? `${fields.address}:${fields.port}` : fields.address;
}

function sentenceFor(failure: Failure, context: ErrorContext, operation: string): string {
  const { code, detail } = failure;
  const on = context.resource ? ` on ${context.resource}` : '';
  // For sentences that start with the resource, and for "The bucket X …" ones.
  const leading = capitalise(context.resource ?? 'the resource');
  const subject = context.resource ?? 'resource';

  if (ACCESS_DENIED.has(code) || (code === 'Unknown' && failure.httpStatus === 403)) {
    return accessDenied(failure, context);
  }
  if (EXPIRED.has(code) || (code === 'CredentialsProviderError' && /expired|sso login|refresh/i.test(detail))) {
    return `Your AWS credentials have expired: refresh them (e.g. aws sso login --profile ${context.profile ?? 'NAME'}) and run again.`;
  }
  if (code === 'CredentialsProviderError') return noCredentials(detail, context.profile);
  if (INVALID_CREDENTIALS.has(code)) {
    return `AWS rejected the credentials in use as invalid (${code}): check the access key, secret and session token of your profile or environment, or refresh them, and run again.`;
  }
  if (code === 'RequestTimeTooSkewed') {
    return `AWS refused ${operation} because this computer's clock is wrong: synchronise the clock and run again.`;
  }
  if (THROTTLED.has(code)) {
    return `AWS kept throttling ${operation} even after retries: wait a minute and run again.`;
  }
  if (LIMIT_EXCEEDED.has(code)) {
    const quota = /quota for (\w+)/i.exec(detail)?.[1];
    const limit = quota ? `the quota ${quota}` : code === 'TooManyBuckets' ? 'the bucket quota' : `a service quota (${detail})`;
    return `${operation}${on} hit ${limit}: remove something that counts against it (an unused policy, policy version or bucket) or request a quota increase, then run again.`;
  }
  if (ALREADY_EXISTS.has(code)) {
    return `${leading} already exists (${operation}): it was created meanwhile by another run or by hand; run plan again to take it into account.`;
  }
  if (DELETE_CONFLICT.has(code)) {
    return `${leading} is still in use, so ${operation} cannot remove it: detach it from every user, group and role (and remove its other versions or inline policies) first, then run again.`;
  }
  if (MALFORMED_POLICY.has(code)) {
    if (/invalid principal/i.test(detail)) {
      return `AWS rejected the policy for ${operation}${on} because a principal in it does not exist or is not visible yet: check that the role exists, wait a minute and run again.`;
    }
    if (/lock(ed)? ?out|not allow you to update the key policy/i.test(detail)) {
      return `KMS refused the key policy for ${operation}${on} because it would lock you out of the key: make sure the key policy still lets your identity (or the account root) manage the key, then run again.`;
    }
    return `AWS rejected the policy document for ${operation}${on} (${detail}): this is a bug in personalize-setup, please report it with this message.`;
  }
  if (code === 'BucketAlreadyExists') {
    return `The ${subject} already belongs to another AWS account (bucket names are global): choose another name with --bucket.`;
  }
  if (code === 'BucketAlreadyOwnedByYou') {
    return `You already own the ${subject} (${operation}): run again without --create-bucket to use it as it is.`;
  }
  if (code === 'BucketNotEmpty') {
    return `The ${subject} still holds objects and personalize-setup never deletes data: empty it yourself or keep it.`;
  }
  if (NOT_FOUND.has(code)) {
    return `${leading} does not exist (${operation}): it may have been deleted meanwhile; run plan again.`;
  }
  if (UNMODIFIABLE.has(code)) {
    return `IAM does not allow ${operation} on ${context.resource ?? 'this identity'} because it is protected (an IAM Identity Center or service-linked role): choose another target with --attach-to.`;
  }
  if (CONCURRENT.has(code)) {
    return `${leading} was being changed by someone else at the same time (${operation}): run again in a moment.`;
  }
  if (KEY_STATE.has(code)) {
    return `The KMS ${subject} is disabled or pending deletion (${operation}): enable it or cancel its deletion, or choose another key with --kms-key.`;
  }
  if (WRONG_REGION.has(code)) {
    return `The ${subject} is in a different region than the one in use (${operation}): pass --region with the bucket's region or use a bucket in this region.`;
  }
  if (INVALID_INPUT.has(code)) {
    return `AWS rejected the input of ${operation}${on} (${detail}): check the names and values given to personalize-setup.`;
  }
  if (NETWORK.has(code)) {
    const where = failure.host ? ` at ${failure.host}` : '';
    return `Could not reach AWS${where} for ${operation} (${code}): check your network, proxy settings and --endpoint-url / AWS_ENDPOINT_URL.`;
  }
  if (SERVER_SIDE.has(code) || (failure.httpStatus !== undefined && failure.httpStatus >= 500)) {
    return `AWS had a temporary problem with ${operation} (${code}): wait a moment and run again.`;
  }
  return `${operation} failed${on} (${code}: ${detail}).`;
}

function accessDenied(failure: Failure, context: ErrorContext): string {
  // AWS usually names the exact action and resource; prefer them to our derivation.
  const action = /not authorized to perform:?\s*([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(failure.detail)?.[1] ?? iamActionFor(context.service, context.operation);
  const named = /on resource:?\s*"?(arn:[^\s"]+?)"?(?=[\s,;]|$)/.exec(failure.detail)?.[1];
  const resource = named ?? context.resource;
  const on = resource ? ` on ${resource}` : '';
  const explicitDeny = /explicit deny in an? ([a-z -]*?(?:policy|boundary))/i.exec(failure.detail);
  if (explicitDeny) {
    return `Access denied for ${action}${on}: an explicit deny in a ${explicitDeny[1]} blocks it, so ask your AWS administrator to allow it for the identity running personalize-setup.`;
  }
  return `Access denied for ${action}${on}: ${PERMISSIONS_HINT}.`;
}

function noCredentials(detail: string, profile: string | undefined): string {
  if (/multi-?factor|mfa/i.test(detail)) {
    return `The AWS profile ${profile ?? 'in use'} needs an MFA code, which personalize-setup cannot ask for: get temporary credentials first (e.g. with aws sts get-session-token) and run again.`;
  }
  if (profile) {
    // The provider chain's own message no longer says which profile failed; we know it.
    return `No AWS credentials were found for profile "${profile}": check that it exists in ~/.aws/config or ~/.aws/credentials (or run aws sso login --profile ${profile}), then run again.`;
  }
  return 'No AWS credentials were found: run aws configure (or aws sso login), set AWS_PROFILE, or pass --profile NAME, then run again.';
}

/** Removes anything shaped like an access key id or a secret access key. */
export function redact(text: string): string {
  return text
    .replace(/\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/g, '[redacted]')
    .replace(/(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[0-9])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[redacted]');
}

function capitalise(text: string): string {
  if (text.startsWith('arn:')) return text; // ARNs are case-sensitive
  return text.charAt(0).toUpperCase() + text.slice(1);
}
