/**
 * Every document the setup would use for a configuration, built offline from the pure builders:
 * what `policies` prints. The keys are the `--json` contract.
 */
import type { SetupConfig } from '../config/setup-config.js';
import { DEFAULTS } from '../config/setup-config.js';
import {
  assertPolicySize,
  awsManagedPolicyArn,
  bucketPolicyStatements,
  customerPolicyArn,
  keyPolicyStatement,
  operatorPolicy,
  PERSONALIZE_FULL_ACCESS,
  readOnlyOperatorPolicy,
  roleArn,
  roleKmsPolicy,
  roleS3Policy,
  serviceRoleTrustPolicy,
  viewOwnPermissionsPolicy,
} from '../policies/index.js';
import type { Partition, PolicyDocument, Statement } from '../policies/types.js';
import { offlineKeyArn } from './offline-key-arn.js';

/** Where the documents are for: every ARN is built from these. */
export interface DocumentTarget {
  partition: Partition;
  account: string;
  region: string;
}

/** Absent fields belong to steps the configuration skips. */
export interface SetupDocuments extends DocumentTarget {
  /** Users need it for every dataset import job. */
  serviceRoleArn: string;
  /** The policy attached to the operators: ours (custom, read-only) or AmazonPersonalizeFullAccess (managed). */
  operatorPolicyArn: string;
  /** Absent with `--access managed`: AWS owns that document. */
  operatorPolicy?: PolicyDocument;
  viewOwnPermissionsPolicyArn?: string;
  viewOwnPermissionsPolicy?: PolicyDocument;
  cloudwatchPolicyArn?: string;
  serviceRoleTrustPolicy: PolicyDocument;
  /** Attached to the service role: AmazonPersonalizeFullAccess, or the custom operator policy. */
  serviceRolePolicyArn: string;
  roleS3Policy?: PolicyDocument;
  /** Merged by Sid into the bucket's policy. */
  bucketPolicyStatements?: Statement[];
  /** May hold the KEY_ID_OF_ placeholder (see `kmsKeyArnIsPlaceholder`). */
  kmsKeyArn?: string;
  kmsKeyArnIsPlaceholder?: boolean;
  roleKmsPolicy?: PolicyDocument;
  /** Merged by Sid into the key's policy. */
  keyPolicyStatement?: Statement;
}

export function buildSetupDocuments(setup: SetupConfig, target: DocumentTarget): SetupDocuments {
  const { partition, account, region } = target;
  const serviceRoleArn = roleArn(partition, account, setup.rolePath, setup.roleName);
  const key = setup.kmsKey === undefined ? undefined : offlineKeyArn(setup.kmsKey, target);
  const conditions = { requireMfa: setup.requireMfa, allowedCidrs: setup.allowedCidrs };
  const fullAccessArn = awsManagedPolicyArn(partition, PERSONALIZE_FULL_ACCESS);
  const ownPolicyArn = customerPolicyArn(partition, account, setup.policyName);

  const docs: SetupDocuments = {
    partition,
    account,
    region,
    serviceRoleArn,
    operatorPolicyArn: setup.access === 'managed' ? fullAccessArn : ownPolicyArn,
    serviceRoleTrustPolicy: serviceRoleTrustPolicy({ partition, account, region }),
    serviceRolePolicyArn: setup.roleAccess === 'managed' ? fullAccessArn : ownPolicyArn,
  };
  if (setup.access === 'custom') {
    docs.operatorPolicy = operatorPolicy({ ...conditions, partition, serviceRoleArn, kmsKeyArn: key?.arn });
  } else if (setup.access === 'read-only') {
    docs.operatorPolicy = readOnlyOperatorPolicy({ ...conditions, kmsKeyArn: key?.arn });
  }
  if (setup.viewOwnPermissions) {
    docs.viewOwnPermissionsPolicyArn = customerPolicyArn(partition, account, DEFAULTS.viewOwnPermissionsPolicyName);
    docs.viewOwnPermissionsPolicy = viewOwnPermissionsPolicy(partition);
  }
  if (setup.cloudwatch !== undefined) docs.cloudwatchPolicyArn = awsManagedPolicyArn(partition, setup.cloudwatch);
  if (setup.bucket !== undefined) {
    docs.roleS3Policy = roleS3Policy({ partition, bucket: setup.bucket, access: setup.s3Access });
    docs.bucketPolicyStatements = bucketPolicyStatements({
      partition,
      bucket: setup.bucket,
      access: setup.s3Access,
      denyInsecureTransport: setup.denyInsecureTransport,
    });
  }
  if (key !== undefined) {
    docs.kmsKeyArn = key.arn;
    docs.kmsKeyArnIsPlaceholder = key.placeholder;
    docs.roleKmsPolicy = roleKmsPolicy({ keyArn: key.arn });
    docs.keyPolicyStatement = keyPolicyStatement({ roleArn: serviceRoleArn });
  }
  return docs;
}

/**
 * Checks every document against its service's size limit (throws PolicyTooLargeError). Bucket
 * and key statements are measured as documents of their own: the real policies can only be
 * larger, and that is checked again when `plan` reads them.
 */
export function assertDocumentSizes(docs: SetupDocuments, setup: SetupConfig): void {
  if (docs.operatorPolicy) assertPolicySize(docs.operatorPolicy, 'managed', `the operator policy ${setup.policyName}`);
  if (docs.viewOwnPermissionsPolicy) {
    assertPolicySize(docs.viewOwnPermissionsPolicy, 'managed', `the policy ${DEFAULTS.viewOwnPermissionsPolicyName}`);
  }
  assertPolicySize(docs.serviceRoleTrustPolicy, 'trust', `the trust policy of role ${setup.roleName}`);
  // IAM counts all inline policies of a role together.
  const inline = [docs.roleS3Policy, docs.roleKmsPolicy].filter((d): d is PolicyDocument => d !== undefined);
  if (inline.length > 0) {
    assertPolicySize({ Version: '2012-10-17', Statement: inline.flatMap((d) => d.Statement) }, 'inline-role', `the inline policies of role ${setup.roleName}`);
  }
  if (docs.bucketPolicyStatements) {
    assertPolicySize({ Version: '2012-10-17', Statement: docs.bucketPolicyStatements }, 'bucket', `the bucket policy of ${setup.bucket}`);
  }
  if (docs.keyPolicyStatement) {
    assertPolicySize({ Version: '2012-10-17', Statement: [docs.keyPolicyStatement] }, 'key', `the key policy of ${setup.kmsKey}`);
  }
}
