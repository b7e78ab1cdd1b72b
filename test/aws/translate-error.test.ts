import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteConflictException,
  EntityAlreadyExistsException,
  IAMServiceException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  UnmodifiableEntityException,
} from '@aws-sdk/client-iam';
import { KMSInvalidStateException, KMSServiceException } from '@aws-sdk/client-kms';
import { AccessDenied, BucketAlreadyExists, S3ServiceException } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { iamActionFor, translateAwsError } from '../../src/aws/translate-error.js';
import type { ErrorContext } from '../../src/aws/translate-error.js';
import { AwsError, UsageError } from '../../src/errors.js';

const $metadata = {};
const iamError = (name: string, message: string) => new IAMServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message });
const s3Error = (name: string, message: string, httpStatusCode = 400) => new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message });

const createRole: ErrorContext = { service: 'iam', operation: 'CreateRole', resource: 'role PersonalizeRole' };
const PERMISSIONS_HINT = 'grant this action to the identity running personalize-setup (see README "Permissions the tool needs").';

function translate(error: unknown, context: ErrorContext): AwsError {
  const translated = translateAwsError(error, context);
  expect(translated).toBeInstanceOf(AwsError);
  return translated as AwsError;
}

describe('translateAwsError: access denied', () => {
  it('uses the action and resource AWS names', () => {
    const error = iamError(
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/PersonalizeRole because no identity-based policy allows the iam:CreateRole action',
    );
    const translated = translate(error, createRole);
    expect(translated.message).toBe(`Access denied for iam:CreateRole on arn:aws:iam::123456789012:role/PersonalizeRole: ${PERMISSIONS_HINT}`);
    expect(translated.awsCode).toBe('AccessDenied');
    expect(translated.operation).toBe('iam:CreateRole');
    expect(translated.exitCode).toBe(1);
  });

  it('derives the IAM action from the S3 operation when AWS names none', () => {
    const error = new AccessDenied({ message: 'Access Denied', $metadata });
    const translated = translate(error, { service: 's3', operation: 'GetBucketEncryption', resource: 'bucket my-data' });
    expect(translated.message).toBe(`Access denied for s3:GetEncryptionConfiguration on bucket my-data: ${PERMISSIONS_HINT}`);
    expect(translated.operation).toBe('s3:GetBucketEncryption');
  });

  it('treats KMS AccessDeniedException the same way', () => {
    const error = new KMSServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata,
      message: 'User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: kms:PutKeyPolicy on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access',
    });
    const translated = translate(error, { service: 'kms', operation: 'PutKeyPolicy', resource: 'key 1234abcd' });
    expect(translated.message).toBe(`Access denied for kms:PutKeyPolicy on key 1234abcd: ${PERMISSIONS_HINT}`);
  });

  it('says when an explicit deny (e.g. an SCP) blocks the action', () => {
    const error = iamError(
      'AccessDenied',
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreatePolicy on resource: policy PersonalizeOperatorAccess with an explicit deny in a service control policy',
    );
    const translated = translate(error, { service: 'iam', operation: 'CreatePolicy', resource: 'policy PersonalizeOperatorAccess' });
    expect(translated.message).toBe(
      'Access denied for iam:CreatePolicy on policy PersonalizeOperatorAccess: an explicit deny in a service control policy blocks it, so ask your AWS administrator to allow it for the identity running personalize-setup.',
    );
  });

  it.each([
    ['HeadBucket', 's3:ListBucket'],
    ['ListBuckets', 's3:ListAllMyBuckets'],
    ['GetBucketEncryption', 's3:GetEncryptionConfiguration'],
    ['PutBucketEncryption', 's3:PutEncryptionConfiguration'],
    ['PutPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
    ['PutBucketPolicy', 's3:PutBucketPolicy'],
  ])('maps S3 %s to the IAM action %s', (operation, action) => {
    expect(iamActionFor('s3', operation)).toBe(action);
  });

  it('maps IAM and KMS operations to service:Operation', () => {
    expect(iamActionFor('iam', 'AttachRolePolicy')).toBe('iam:AttachRolePolicy');
    expect(iamActionFor('kms', 'GetKeyPolicy')).toBe('kms:GetKeyPolicy');
  });
});

describe('translateAwsError: credentials', () => {
  it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])('%s says how to refresh', (name) => {
    const translated = translate(iamError(name, 'The security token included in the request is expired'), createRole);
    expect(translated.message).toBe('Your AWS credentials have expired: refresh them (e.g. aws sso login --profile NAME) and run again.');
    expect(translated.awsCode).toBe(name);
  });

  it('names the profile in the refresh hint when one is in use', () => {
    const translated = translate(iamError('ExpiredToken', 'expired'), { ...createRole, profile: 'ml-dev' });
    expect(translated.message).toBe('Your AWS credentials have expired: refresh them (e.g. aws sso login --profile ml-dev) and run again.');
  });

  it.each(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException'])('%s says the credentials are invalid', (name) => {
    const translated = translate(iamError(name, 'The security token included in the request is invalid.'), createRole);
    expect(translated.message).toBe(
      `AWS rejected the credentials in use as invalid (${name}): check the access key, secret and session token of your profile or environment, or refresh them, and run again.`,
    );
  });

  describe('when the provider chain finds nothing', () => {
    afterEach(() => vi.unstubAllEnvs());

    // A real CredentialsProviderError, produced without any network call: no env keys, no
    // config files, instance metadata disabled.
    async function noCredentialsError(profile?: string): Promise<unknown> {
      const dir = mkdtempSync(join(tmpdir(), 'no-aws-'));
      vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
      vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) {
        vi.stubEnv(name, undefined);
      }
      const client = new STSClient({ region: 'us-east-1', ...(profile ? { profile } : {}) });
      return client.config.credentials().then(
        () => new Error('expected no credentials'),
        (error: unknown) => error,
      );
    }

    it('explains how to configure credentials', async () => {
      const error = await noCredentialsError();
      expect(error).toMatchObject({ name: 'CredentialsProviderError' });
      const translated = translate(error, { service: 'sts', operation: 'GetCallerIdentity' });
      expect(translated.message).toBe('No AWS credentials were found: run aws configure (or aws sso login), set AWS_PROFILE, or pass --profile NAME, then run again.');
      expect(translated.awsCode).toBe('CredentialsProviderError');
    });

    it('names the profile that has no credentials', async () => {
      const translated = translate(await noCredentialsError('ml-dev'), { service: 'sts', operation: 'GetCallerIdentity', profile: 'ml-dev' });
      expect(translated.message).toBe(
        'No AWS credentials were found for profile "ml-dev": check that it exists in ~/.aws/config or ~/.aws/credentials (or run aws sso login --profile ml-dev), then run again.',
      );
    });
  });

  it('treats an expired SSO session as expired credentials', () => {
    const error = Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login'), {
      name: 'CredentialsProviderError',
    });
    expect(translate(error, { service: 'sts', operation: 'GetCallerIdentity', profile: 'sso' }).message).toBe(
      'Your AWS credentials have expired: refresh them (e.g. aws sso login --profile sso) and run again.',
    );
  });

  it('never repeats an access key id or secret found in an AWS message', () => {
    const error = s3Error('SomethingOdd', 'Key AKIAIOSFODNN7EXAMPLE with secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY was refused');
    const translated = translate(error, { service: 's3', operation: 'PutBucketPolicy', resource: 'bucket my-data' });
    expect(translated.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(translated.message).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(translated.message).toBe('s3:PutBucketPolicy failed on bucket my-data (SomethingOdd: Key [redacted] with secret [redacted] was refused).');
  });
});

describe('translateAwsError: what to do next', () => {
  it('throttling after retries', () => {
    const translated = translate(iamError('Throttling', 'Rate exceeded'), createRole);
    expect(translated.message).toBe('AWS kept throttling iam:CreateRole even after retries: wait a minute and run again.');
  });

  it('a quota names the limit', () => {
    const error = new LimitExceededException({ message: 'Cannot exceed quota for PoliciesPerRole: 10', $metadata });
    const translated = translate(error, { service: 'iam', operation: 'AttachRolePolicy', resource: 'role PersonalizeRole' });
    expect(translated.message).toBe(
      'iam:AttachRolePolicy on role PersonalizeRole hit the quota PoliciesPerRole: remove something that counts against it (an unused policy, policy version or bucket) or request a quota increase, then run again.',
    );
    expect(translated.awsCode).toBe('LimitExceededException');
  });

  it('an entity that already exists', () => {
    const error = new EntityAlreadyExistsException({ message: 'Role with name PersonalizeRole already exists.', $metadata });
    expect(translate(error, createRole).message).toBe(
      'Role PersonalizeRole already exists (iam:CreateRole): it was created meanwhile by another run or by hand; run plan again to take it into account.',
    );
  });

  it('a policy still in use', () => {
    const error = new DeleteConflictException({ message: 'Cannot delete a policy attached to entities.', $metadata });
    const arn = 'arn:aws:iam::123456789012:policy/PersonalizeOperatorAccess';
    expect(translate(error, { service: 'iam', operation: 'DeletePolicy', resource: `policy ${arn}` }).message).toBe(
      `Policy ${arn} is still in use, so iam:DeletePolicy cannot remove it: detach it from every user, group and role (and remove its other versions or inline policies) first, then run again.`,
    );
  });

  it('a malformed policy document is reported as our bug, with AWS detail', () => {
    const error = new MalformedPolicyDocumentException({ message: 'Syntax errors in policy.', $metadata });
    expect(translate(error, { service: 'iam', operation: 'CreatePolicy', resource: 'policy P' }).message).toBe(
      'AWS rejected the policy document for iam:CreatePolicy on policy P (Syntax errors in policy): this is a bug in personalize-setup, please report it with this message.',
    );
  });

  it('an invalid principal means the role is missing or not visible yet', () => {
    const translated = translate(s3Error('MalformedPolicy', 'Invalid principal in policy'), { service: 's3', operation: 'PutBucketPolicy', resource: 'bucket my-data' });
    expect(translated.message).toBe(
      'AWS rejected the policy for s3:PutBucketPolicy on bucket my-data because a principal in it does not exist or is not visible yet: check that the role exists, wait a minute and run again.',
    );
  });

  it('a bucket name taken by another account', () => {
    const error = new BucketAlreadyExists({ message: 'The requested bucket name is not available.', $metadata });
    const translated = translate(error, { service: 's3', operation: 'CreateBucket', resource: 'bucket data' });
    expect(translated.message).toBe('The bucket data already belongs to another AWS account (bucket names are global): choose another name with --bucket.');
    expect(translated.awsCode).toBe('BucketAlreadyExists');
  });

  it('a bucket that still holds data is never emptied for the user', () => {
    const translated = translate(s3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409), { service: 's3', operation: 'DeleteBucket', resource: 'bucket data' });
    expect(translated.message).toBe('The bucket data still holds objects and personalize-setup never deletes data: empty it yourself or keep it.');
  });

  it('a protected IAM Identity Center role', () => {
    const error = new UnmodifiableEntityException({ message: 'Cannot perform the operation on the protected role AWSReservedSSO_Admin_1234.', $metadata });
    expect(translate(error, { service: 'iam', operation: 'AttachRolePolicy', resource: 'role AWSReservedSSO_Admin_1234' }).message).toBe(
      'IAM does not allow iam:AttachRolePolicy on role AWSReservedSSO_Admin_1234 because it is protected (an IAM Identity Center or service-linked role): choose another target with --attach-to.',
    );
  });

  it('a disabled key', () => {
    const error = new KMSInvalidStateException({ message: 'arn:aws:kms:eu-west-1:123456789012:key/k is pending deletion.', $metadata });
    expect(translate(error, { service: 'kms', operation: 'PutKeyPolicy', resource: 'key k' }).message).toBe(
      'The KMS key k is disabled or pending deletion (kms:PutKeyPolicy): enable it or cancel its deletion, or choose another key with --kms-key.',
    );
  });

  it.each([
    ['ENOTFOUND', { hostname: 'iam.example.invalid' }, ' at iam.example.invalid'],
    ['ECONNREFUSED', { address: '127.0.0.1', port: 4566 }, ' at 127.0.0.1:4566'],
  ])('network failure %s points at the endpoint', (code, where, shown) => {
    const error = Object.assign(new Error(`${code} somewhere`), { code, ...where, $metadata: { attempts: 5 } });
    const translated = translate(error, { service: 'sts', operation: 'GetCallerIdentity' });
    expect(translated.message).toBe(`Could not reach AWS${shown} for sts:GetCallerIdentity (${code}): check your network, proxy settings and --endpoint-url / AWS_ENDPOINT_URL.`);
    expect(translated.awsCode).toBe(code);
  });

  it('anything else keeps the AWS code and message, naming the operation', () => {
    const translated = translate(iamError('PolicyEvaluation', 'Something unexpected.'), createRole);
    expect(translated.message).toBe('iam:CreateRole failed on role PersonalizeRole (PolicyEvaluation: Something unexpected).');
  });

  it('leaves our own errors alone', () => {
    const usage = new UsageError('bad');
    expect(translateAwsError(usage, createRole)).toBe(usage);
  });
});
