/**
 * Black-box runs of the built binary (`npm test` builds dist/ first), as CI and users run
 * it: CI=true, FORCE_COLOR=0, no terminal. Nothing here talks to AWS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'personalize-setup.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    // A clean environment: no AWS credentials or endpoints of the machine running the tests.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true', FORCE_COLOR: '0', ...env },
    timeout: 15_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cli(...args: string[]): Run {
  return node([bin, ...args]);
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does) first');
});

describe('the built binary', () => {
  it('--help lists the four commands', () => {
    const result = cli('--help');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: personalize-setup \[options\] \[command\]/);
    for (const command of ['init', 'plan', 'rollback', 'policies']) expect(result.stdout).toMatch(new RegExp(`^  ${command} \\[options\\]`, 'm'));
  });

  it('policies --json prints the documents DESIGN.md specifies', () => {
    const result = cli('policies', '--account', '123456789012', '--region', 'eu-west-1', '--bucket', 'my-personalize-data', '--kms-key', 'alias/personalize', '--json');
    expect(result.code).toBe(0);
    const docs = JSON.parse(result.stdout);
    const roleArn = 'arn:aws:iam::123456789012:role/PersonalizeRole';
    const keyArn = 'arn:aws:kms:eu-west-1:123456789012:key/KEY_ID_OF_alias/personalize';

    expect(docs).toMatchObject({ partition: 'aws', account: '123456789012', region: 'eu-west-1', serviceRoleArn: roleArn });
    // Step 3: the trust policy with the confused-deputy conditions, exactly as in DESIGN.md.
    expect(docs.serviceRoleTrustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'personalize.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '123456789012' },
            ArnLike: { 'aws:SourceArn': 'arn:aws:personalize:eu-west-1:123456789012:*' },
          },
        },
      ],
    });
    expect(docs.serviceRolePolicyArn).toBe('arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');

    // Step 1 (custom, the default): personalize:*, PassRole scoped to the role and to Personalize, and the key.
    const operator = docs.operatorPolicy.Statement as { Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown }[];
    expect(operator).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: ['personalize:*'], Resource: '*' }));
    expect(operator).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: roleArn,
        Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } },
      }),
    );
    expect(operator).toContainEqual(expect.objectContaining({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'], Resource: keyArn }));
    expect(docs.operatorPolicyArn).toBe('arn:aws:iam::123456789012:policy/PersonalizeOperatorAccess');

    // Step 4 (read-write, the default): the same actions and resources in both documents.
    const s3Actions = ['s3:GetObject', 's3:ListBucket', 's3:PutObject'];
    const bucketResources = ['arn:aws:s3:::my-personalize-data', 'arn:aws:s3:::my-personalize-data/*'];
    expect(docs.bucketPolicyStatements).toEqual([
      { Sid: 'PersonalizeSetupS3Access', Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: s3Actions, Resource: bucketResources },
    ]);
    expect(docs.roleS3Policy.Statement).toEqual([expect.objectContaining({ Effect: 'Allow', Action: s3Actions, Resource: bucketResources })]);

    // Step 5: both halves of key access.
    expect(docs.keyPolicyStatement).toEqual({
      Sid: 'PersonalizeSetupKeyAccess',
      Effect: 'Allow',
      Principal: { AWS: roleArn, Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
      Resource: '*',
    });
    expect(docs.roleKmsPolicy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ListGrants'], Resource: keyArn }),
    ]);

    // The alias cannot be resolved offline: a note on stderr, not on stdout.
    expect(result.stderr).toContain('alias/personalize is an alias');
  });

  it('policies with a bad --account exits 64, names the flag on stderr and prints nothing on stdout', () => {
    const result = cli('policies', '--account', '12', '--region', 'eu-west-1');
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: invalid --account "12": AWS account ids are exactly 12 digits (example: 123456789012)\n');
  });

  it('prints no colour codes with FORCE_COLOR=0 and no terminal', () => {
    const result = cli('policies', '--account', '123456789012', '--region', 'eu-west-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Operator policy → customer managed policy PersonalizeOperatorAccess');
    expect(result.stdout + result.stderr).not.toContain('\u001b[');
  });
});
