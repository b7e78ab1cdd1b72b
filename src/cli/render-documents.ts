/**
 * The human view of `policies`: each document under a heading that says where it goes, then the
 * document as pretty JSON (or the ARN, for policies AWS owns).
 */
import type { ChalkInstance } from 'chalk';
import type { SetupConfig } from '../config/setup-config.js';
import { DEFAULTS } from '../config/setup-config.js';
import type { SetupDocuments } from './setup-documents.js';

interface Section {
  heading: string;
  body: unknown;
}

export function renderDocuments(docs: SetupDocuments, setup: SetupConfig, c: ChalkInstance): string {
  const operators =
    setup.attachTo.length === 0
      ? 'the operators (default: the identity that runs init)'
      : setup.attachTo.map((p) => `${p.kind}:${p.name}`).join(', ');
  const role = `role ${setup.roleName}`;
  const sections: Section[] = [];

  if (docs.operatorPolicy) {
    const kind = setup.access === 'read-only' ? 'Operator policy (read-only)' : 'Operator policy';
    sections.push({ heading: `${kind} → customer managed policy ${setup.policyName}, attached to ${operators}`, body: docs.operatorPolicy });
  } else {
    sections.push({ heading: `Operator policy → AWS managed policy AmazonPersonalizeFullAccess, attached to ${operators}`, body: docs.operatorPolicyArn });
  }
  if (docs.viewOwnPermissionsPolicy) {
    sections.push({
      heading: `View-own-permissions policy → customer managed policy ${DEFAULTS.viewOwnPermissionsPolicyName}, attached to the operators that are IAM users`,
      body: docs.viewOwnPermissionsPolicy,
    });
  }
  if (docs.cloudwatchPolicyArn) {
    sections.push({ heading: `CloudWatch → AWS managed policy ${setup.cloudwatch}, attached to ${operators}`, body: docs.cloudwatchPolicyArn });
  }
  sections.push({ heading: `Service role trust policy → trust policy of ${role}`, body: docs.serviceRoleTrustPolicy });
  sections.push({
    heading:
      setup.roleAccess === 'managed'
        ? `Service role permissions → AWS managed policy AmazonPersonalizeFullAccess, attached to ${role}`
        : `Service role permissions → the operator policy ${setup.policyName} (above), attached to ${role}`,
    body: docs.serviceRolePolicyArn,
  });
  if (docs.roleS3Policy && docs.bucketPolicyStatements) {
    sections.push({ heading: `Role S3 policy → inline policy ${DEFAULTS.s3PolicyName} of ${role}`, body: docs.roleS3Policy });
    sections.push({
      heading: `Bucket policy statements → merged by Sid into the bucket policy of ${setup.bucket} (its other statements are kept)`,
      body: docs.bucketPolicyStatements,
    });
  }
  if (docs.roleKmsPolicy && docs.keyPolicyStatement) {
    sections.push({ heading: `Role KMS policy → inline policy ${DEFAULTS.kmsPolicyName} of ${role}`, body: docs.roleKmsPolicy });
    sections.push({
      heading: `Key policy statement → merged by Sid into the key policy of ${setup.kmsKey} (its other statements are kept)`,
      body: docs.keyPolicyStatement,
    });
  }

  const intro = [
    `Documents for account ${docs.account} in ${docs.region} (partition ${docs.partition})`,
    `Service role ARN: ${docs.serviceRoleArn}`,
  ];
  const blocks = sections.map(
    ({ heading, body }) => `${c.bold(heading)}\n${typeof body === 'string' ? body : JSON.stringify(body, null, 2)}`,
  );
  return `${[intro.join('\n'), ...blocks].join('\n\n')}\n`;
}
