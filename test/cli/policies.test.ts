import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bucketPolicyStatements,
  keyPolicyStatement,
  operatorPolicy,
  readOnlyOperatorPolicy,
  roleKmsPolicy,
  roleS3Policy,
  serviceRoleTrustPolicy,
  viewOwnPermissionsPolicy,
} from '../../src/policies/index.js';
import type { Partition } from '../../src/policies/types.js';
import { run } from './fake-context.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'personalize-setup-policies-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function policiesJson(args: string[], env?: Record<string, string>): Promise<Record<string, unknown>> {
  const result = await run(['policies', ...args, '--json'], { env });
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe.each([
  { partition: 'aws' as Partition, region: 'eu-west-1' },
  { partition: 'aws-cn' as Partition, region: 'cn-north-1' },
])('policies --json in $partition', ({ partition, region }) => {
  const account = '123456789012';
  const roleArn = `arn:${partition}:iam::${account}:role/PersonalizeRole`;
  const keyArn = `arn:${partition}:kms:${region}:${account}:key/${KEY_ID}`;

  it('prints every document the builders make for these flags, and nothing else', async () => {
    const docs = await policiesJson([
      '--account', account, '--region', region,
      '--bucket', 'my-personalize-data', '--kms-key', KEY_ID,
      '--require-mfa', '--allowed-cidr', '203.0.113.0/24',
      '--view-own-permissions', '--cloudwatch', '--deny-insecure-transport',
    ]);
    expect(docs).toEqual({
      partition,
      account,
      region,
      serviceRoleArn: roleArn,
      operatorPolicyArn: `arn:${partition}:iam::${account}:policy/PersonalizeOperatorAccess`,
      operatorPolicy: operatorPolicy({ partition, serviceRoleArn: roleArn, kmsKeyArn: keyArn, requireMfa: true, allowedCidrs: ['203.0.113.0/24'] }),
      viewOwnPermissionsPolicyArn: `arn:${partition}:iam::${account}:policy/PersonalizeViewOwnPermissions`,
      viewOwnPermissionsPolicy: viewOwnPermissionsPolicy(partition),
      cloudwatchPolicyArn: `arn:${partition}:iam::aws:policy/CloudWatchFullAccessV2`,
      serviceRoleTrustPolicy: serviceRoleTrustPolicy({ partition, account, region }),
      serviceRolePolicyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonPersonalizeFullAccess`,
      roleS3Policy: roleS3Policy({ partition, bucket: 'my-personalize-data', access: 'read-write' }),
      bucketPolicyStatements: bucketPolicyStatements({ partition, bucket: 'my-personalize-data', access: 'read-write', denyInsecureTransport: true }),
      kmsKeyArn: keyArn,
      kmsKeyArnIsPlaceholder: false,
      roleKmsPolicy: roleKmsPolicy({ keyArn }),
      keyPolicyStatement: keyPolicyStatement({ roleArn }),
    });
  });

  it('builds every ARN in the partition of the region', async () => {
    const result = await run(['policies', '--account', account, '--region', region, '--bucket', 'my-personalize-data', '--kms-key', KEY_ID, '--json']);
    const arns = result.stdout.match(/arn:[a-z-]+:/g) ?? [];
    expect(arns.length).toBeGreaterThan(5);
    expect(new Set(arns)).toEqual(new Set([`arn:${partition}:`]));
  });
});

describe('policies', () => {
  const base = ['--account', '123456789012', '--region', 'eu-west-1'];

  it('prints only the documents of the steps that run: no bucket, no key, no extras', async () => {
    const docs = await policiesJson(base);
    expect(Object.keys(docs).sort()).toEqual(
      ['account', 'operatorPolicy', 'operatorPolicyArn', 'partition', 'region', 'serviceRoleArn', 'serviceRolePolicyArn', 'serviceRoleTrustPolicy'].sort(),
    );
  });

  it('attaches the AWS managed policy with --access managed (no document of ours)', async () => {
    const docs = await policiesJson([...base, '--access', 'managed']);
    expect(docs.operatorPolicy).toBeUndefined();
    expect(docs.operatorPolicyArn).toBe('arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');
  });

  it('uses the read-only policy and its own default name with --access read-only', async () => {
    const docs = await policiesJson([...base, '--access', 'read-only']);
    expect(docs.operatorPolicy).toEqual(readOnlyOperatorPolicy({ requireMfa: false, allowedCidrs: [] }));
    expect(docs.operatorPolicyArn).toBe('arn:aws:iam::123456789012:policy/PersonalizeReadOnlyAccess');
  });

  it('gives the role the operator policy with --role-access custom', async () => {
    const docs = await policiesJson([...base, '--role-access', 'custom', '--policy-name', 'TeamPersonalize']);
    expect(docs.serviceRolePolicyArn).toBe('arn:aws:iam::123456789012:policy/TeamPersonalize');
    expect(docs.operatorPolicyArn).toBe(docs.serviceRolePolicyArn);
  });

  it('puts the role path into every role ARN, and --partition overrides the region', async () => {
    const docs = await policiesJson([...base, '--role-name', 'P13n', '--role-path', '/service-role/', '--partition', 'aws-us-gov', '--kms-key', 'alias/personalize']);
    const roleArn = 'arn:aws-us-gov:iam::123456789012:role/service-role/P13n';
    expect(docs.serviceRoleArn).toBe(roleArn);
    expect(docs.keyPolicyStatement).toEqual(keyPolicyStatement({ roleArn }));
    expect(JSON.stringify(docs.operatorPolicy)).toContain(`"Resource":"${roleArn}"`);
  });

  it('uses a visible placeholder for an alias and says so on stderr', async () => {
    const result = await run(['policies', ...base, '--kms-key', 'alias/personalize', '--json']);
    const placeholder = 'arn:aws:kms:eu-west-1:123456789012:key/KEY_ID_OF_alias/personalize';
    expect(JSON.parse(result.stdout)).toMatchObject({ kmsKeyArn: placeholder, kmsKeyArnIsPlaceholder: true, roleKmsPolicy: roleKmsPolicy({ keyArn: placeholder }) });
    expect(result.stderr).toBe(
      `note: alias/personalize is an alias; its key ARN cannot be known offline, so the documents use ${placeholder}. init and plan resolve it with kms:DescribeKey.\n`,
    );
  });

  it('takes an alias ARN\'s own region and account for the placeholder, and a key ARN as given', async () => {
    const aliasArn = await policiesJson([...base, '--kms-key', 'arn:aws:kms:us-east-1:210987654321:alias/data']);
    expect(aliasArn.kmsKeyArn).toBe('arn:aws:kms:us-east-1:210987654321:key/KEY_ID_OF_alias/data');
    const keyArn = `arn:aws:kms:eu-west-1:123456789012:key/${KEY_ID}`;
    const result = await run(['policies', ...base, '--kms-key', keyArn, '--json']);
    expect(JSON.parse(result.stdout).kmsKeyArn).toBe(keyArn);
    expect(result.stderr).toBe('');
  });

  it('merges defaults < config file < flags', async () => {
    const file = join(dir, 'personalize.json');
    await writeFile(file, JSON.stringify({ bucket: 'file-bucket', s3Access: 'read', roleName: 'FileRole', region: 'us-east-1', policyName: 'FilePolicy' }));
    const docs = await policiesJson(['--account', '123456789012', '--config', file, '--bucket', 'flag-bucket', '--policy-name', 'FlagPolicy']);
    // region from the file (no flag), bucket and policy name from the flags, s3Access and roleName from the file, the rest defaults.
    expect(docs.region).toBe('us-east-1');
    expect(docs.serviceRoleArn).toBe('arn:aws:iam::123456789012:role/FileRole');
    expect(docs.operatorPolicyArn).toBe('arn:aws:iam::123456789012:policy/FlagPolicy');
    expect(docs.roleS3Policy).toEqual(roleS3Policy({ partition: 'aws', bucket: 'flag-bucket', access: 'read' }));
    expect(docs.serviceRolePolicyArn).toBe('arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');
    const flagRegion = await policiesJson(['--account', '123456789012', '--config', file, '--region', 'eu-central-2']);
    expect(flagRegion.region).toBe('eu-central-2');
  });

  it('labels each document with where it goes, then shows it as pretty JSON', async () => {
    const result = await run([
      'policies', ...base, '--attach-to', 'user:alice', '--attach-to', 'group:ml-team', '--bucket', 'my-personalize-data',
      '--kms-key', 'alias/personalize', '--cloudwatch', '--view-own-permissions',
    ]);
    expect(result.code).toBe(0);
    const headings = result.stdout.split('\n').filter((line) => line.includes(' → '));
    expect(headings).toEqual([
      'Operator policy → customer managed policy PersonalizeOperatorAccess, attached to user:alice, group:ml-team',
      'View-own-permissions policy → customer managed policy PersonalizeViewOwnPermissions, attached to the operators that are IAM users',
      'CloudWatch → AWS managed policy CloudWatchFullAccessV2, attached to user:alice, group:ml-team',
      'Service role trust policy → trust policy of role PersonalizeRole',
      'Service role permissions → AWS managed policy AmazonPersonalizeFullAccess, attached to role PersonalizeRole',
      'Role S3 policy → inline policy PersonalizeS3Access of role PersonalizeRole',
      'Bucket policy statements → merged by Sid into the bucket policy of my-personalize-data (its other statements are kept)',
      'Role KMS policy → inline policy PersonalizeKmsAccess of role PersonalizeRole',
      'Key policy statement → merged by Sid into the key policy of alias/personalize (its other statements are kept)',
    ]);
    expect(result.stdout).toMatch(/^Documents for account 123456789012 in eu-west-1 \(partition aws\)\nService role ARN: arn:aws:iam::123456789012:role\/PersonalizeRole\n\n/);
    // The trust policy block is the builder's document, pretty-printed.
    const trust = JSON.stringify(serviceRoleTrustPolicy({ partition: 'aws', account: '123456789012', region: 'eu-west-1' }), null, 2);
    expect(result.stdout).toContain(`Service role trust policy → trust policy of role PersonalizeRole\n${trust}\n\n`);
    expect(result.stdout).toContain('CloudWatch → AWS managed policy CloudWatchFullAccessV2, attached to user:alice, group:ml-team\narn:aws:iam::aws:policy/CloudWatchFullAccessV2\n');
    // Not a terminal: no escape codes.
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('says who the operators are by default, and names the AWS managed policy with --access managed', async () => {
    const result = await run(['policies', ...base, '--access', 'managed']);
    expect(result.stdout).toContain(
      'Operator policy → AWS managed policy AmazonPersonalizeFullAccess, attached to the operators (default: the identity that runs init)\narn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess\n',
    );
  });

  it('refuses input that makes a document larger than IAM allows', async () => {
    const cidrs = Array.from({ length: 250 }, (_, i) => ['--allowed-cidr', `10.${i}.0.0/16`]).flat();
    const result = await run(['policies', ...base, ...cidrs]);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: The operator policy PersonalizeOperatorAccess would be \d+ characters; the limit is 6144\. .+\n$/);
  });
});
