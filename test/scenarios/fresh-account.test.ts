/**
 * Scenario 1: a fresh account. One `init --yes` leaves exactly the documents DESIGN.md specifies,
 * built here by the pure builders (the product's contract) and compared after normalisation.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  awsManagedPolicyArn,
  bucketPolicyStatements,
  customerPolicyArn,
  documentsEqual,
  keyPolicyStatement,
  mergeStatements,
  operatorPolicy,
  PERSONALIZE_FULL_ACCESS,
  roleArn,
  roleKmsPolicy,
  roleS3Policy,
  serviceRoleTrustPolicy,
} from '../../src/policies/index.js';
import type { PolicyDocument } from '../../src/policies/types.js';
import { RUN_ID_PATTERN } from '../../src/engine/run-id.js';
import { ACCOUNT, answers, BUCKET, CREDENTIALS, errorLines, initJson, MANAGED_BY, OPERATOR, OPERATOR_POLICY, pendingChangesOf, REGION, ROLE_NAME, Scenario } from './harness.js';

const ROLE_ARN = roleArn('aws', ACCOUNT, '/', ROLE_NAME);
const OPERATOR_POLICY_ARN = customerPolicyArn('aws', ACCOUNT, OPERATOR_POLICY);
const PERSONALIZE_FULL_ACCESS_ARN = awsManagedPolicyArn('aws', PERSONALIZE_FULL_ACCESS);

let s: Scenario;
beforeEach(async () => {
  s = await Scenario.start();
});
afterEach(() => s.end());

/** Asserts two documents mean the same, showing both when they do not. */
function expectSameDocument(actual: unknown, expected: PolicyDocument): void {
  expect(documentsEqual(actual, expected), `expected ${JSON.stringify(expected)}\n     got ${JSON.stringify(actual)}`).toBe(true);
}

describe('init on a fresh account', () => {
  it('creates exactly the documents of the guide, tags what it creates, and prints the role ARN', async () => {
    const keyPolicyBefore = s.fake.keyPolicy(s.key.keyId);
    const run = await s.init();

    expect(run.code, run.stderr).toBe(0);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stdout).toContain(ROLE_ARN);

    // Step 1: the custom operator policy, attached to alice, with PassRole scoped to the role and the key.
    const policy = s.fake.policy(OPERATOR_POLICY_ARN);
    expect(policy).toBeDefined();
    expect(policy!.versions).toHaveLength(1);
    expectSameDocument(
      policy!.versions.find((v) => v.isDefault)!.document,
      operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE_ARN, kmsKeyArn: s.key.arn, requireMfa: false, allowedCidrs: [] }),
    );
    expect(policy!.tags).toEqual(MANAGED_BY);
    expect(s.fake.attachedPolicies('user', OPERATOR)).toEqual([OPERATOR_POLICY_ARN]);

    // Step 3: the service role, trusting Personalize only for this account and region.
    const role = s.fake.role(ROLE_NAME);
    expect(role).toBeDefined();
    expect(role!.arn).toBe(ROLE_ARN);
    expect(role!.path).toBe('/');
    expectSameDocument(role!.trustPolicy, serviceRoleTrustPolicy({ partition: 'aws', account: ACCOUNT, region: REGION }));
    expect(role!.attached).toEqual([PERSONALIZE_FULL_ACCESS_ARN]);
    expect(PERSONALIZE_FULL_ACCESS_ARN).toBe('arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess');
    expect(role!.tags).toEqual(MANAGED_BY);

    // Steps 4 and 5: the role's two inline policies.
    expect(Object.keys(role!.inline).sort()).toEqual(['PersonalizeKmsAccess', 'PersonalizeS3Access']);
    expectSameDocument(role!.inline['PersonalizeS3Access'], roleS3Policy({ partition: 'aws', bucket: BUCKET, access: 'read-write' }));
    expectSameDocument(role!.inline['PersonalizeKmsAccess'], roleKmsPolicy({ keyArn: s.key.arn }));

    // The shared documents: our statements only, merged into what was there.
    expectSameDocument(
      s.fake.bucketPolicy(BUCKET),
      mergeStatements(undefined, bucketPolicyStatements({ partition: 'aws', bucket: BUCKET, access: 'read-write', denyInsecureTransport: false })),
    );
    expectSameDocument(s.fake.keyPolicy(s.key.keyId), mergeStatements(keyPolicyBefore as PolicyDocument, [keyPolicyStatement({ roleArn: ROLE_ARN })]));
    // The key's own statement stays first, exactly as it was.
    expect((s.fake.keyPolicy(s.key.keyId) as PolicyDocument).Statement[0]).toEqual((keyPolicyBefore as PolicyDocument).Statement[0]);
  });

  it('changes nothing else in the account', async () => {
    const start = s.fake.snapshot();
    const run = await s.init();
    expect(run.code, run.stderr).toBe(0);

    const end = s.fake.snapshot();
    // Apart from what the previous test checks in detail, everything is as it was.
    expect(Object.keys(end.roles).sort()).toEqual([...Object.keys(start.roles), ROLE_NAME].sort());
    expect(Object.keys(end.policies)).toEqual([...Object.keys(start.policies), OPERATOR_POLICY_ARN]);
    expect(Object.keys(end.buckets)).toEqual(Object.keys(start.buckets));
    expect({ ...end.users, [OPERATOR]: undefined }).toEqual({ ...start.users, [OPERATOR]: undefined });
    expect(end.groups).toEqual(start.groups);
    expect({ ...end.buckets[BUCKET], policy: undefined }).toEqual({ ...start.buckets[BUCKET], policy: undefined });
  });
});

describe('init --json on a fresh account', () => {
  it('reports every change applied, the run and the role, and prints no credential', async () => {
    const run = await s.init('--json');
    expect(run.code, run.stderr).toBe(0);
    const json = initJson(run);
    expect(json).toMatchObject({ status: 'applied', roleArn: ROLE_ARN, failed: null, undone: [], skipped: [], notUndone: [] });
    expect(json.runId).toMatch(RUN_ID_PATTERN);
    expect(json.applied.map((change) => change.summary)).toEqual(pendingChangesOf(json.plan).map((change) => change.summary));
    expect(json.applied).toHaveLength(8);
    expect(json.commandLine).toMatch(/^npx personalize-setup init --yes /);
    expect(json.commandLine).toContain(`--bucket ${BUCKET}`);

    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(CREDENTIALS.secretAccessKey);
      expect(text).not.toContain(CREDENTIALS.accessKeyId);
    }
  });
});

describe('init --create-bucket on an account without the bucket', () => {
  it('creates it private, encrypted and tagged, then grants Personalize access to it', async () => {
    // Not the standard account: this one has no bucket yet.
    await s.end();
    s = await Scenario.start({ bucket: false });
    const run = await s.run(['init', '--yes', ...answers(), '--create-bucket']);
    expect(run.code, run.stderr).toBe(0);
    expect(s.fake.bucket(BUCKET)).toMatchObject({
      region: REGION,
      ownerAccount: ACCOUNT,
      tags: MANAGED_BY,
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      encryption: { algorithm: 'AES256' },
      aclReset: false,
    });
    expectSameDocument(
      s.fake.bucketPolicy(BUCKET),
      mergeStatements(undefined, bucketPolicyStatements({ partition: 'aws', bucket: BUCKET, access: 'read-write', denyInsecureTransport: false })),
    );
  });
});
