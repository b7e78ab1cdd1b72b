/**
 * Scenario 3: PutBucketPolicy and PutKeyPolicy replace whole documents, so every statement
 * someone else wrote must survive init, rollback and re-init: same content, same order, and the
 * document's Id kept. After rollback both documents are exactly what they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOurSid } from '../../src/policies/index.js';
import type { PolicyDocument, Statement } from '../../src/policies/types.js';
import { ACCOUNT, BUCKET, OPERATOR, Scenario } from './harness.js';

const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

const BUCKET_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Id: 'DataLakePolicy',
  Statement: [
    { Sid: 'AnalyticsRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `${BUCKET_ARN}/*` },
    // No Sid: found again by position and content only.
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/${OPERATOR}` }, Action: ['s3:ListBucket'], Resource: BUCKET_ARN },
  ],
};

const KEY_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
    { Sid: 'AllowAliceToEncrypt', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/${OPERATOR}` }, Action: ['kms:Encrypt', 'kms:GenerateDataKey'], Resource: '*' },
  ],
};

let s: Scenario;
beforeEach(async () => {
  s = await Scenario.start({ bucketPolicy: BUCKET_POLICY, keyPolicy: KEY_POLICY });
});
afterEach(() => s.end());

function foreignStatements(doc: object): Statement[] {
  return (doc as PolicyDocument).Statement.filter((statement) => !isOurSid(statement.Sid));
}

function ourSids(doc: object): (string | undefined)[] {
  return (doc as PolicyDocument).Statement.filter((statement) => isOurSid(statement.Sid)).map((statement) => statement.Sid);
}

/** The foreign statements come first, unchanged and in order; ours follow; the Id is kept. */
function expectMerged(): void {
  const bucketPolicy = s.fake.bucketPolicy(BUCKET)!;
  expect(foreignStatements(bucketPolicy)).toEqual(BUCKET_POLICY.Statement);
  expect((bucketPolicy as PolicyDocument).Statement.slice(0, 2)).toEqual(BUCKET_POLICY.Statement);
  expect((bucketPolicy as PolicyDocument).Id).toBe(BUCKET_POLICY.Id);
  expect(ourSids(bucketPolicy)).toEqual(['PersonalizeSetupS3Access']);

  const keyPolicy = s.fake.keyPolicy(s.key.keyId);
  expect(foreignStatements(keyPolicy)).toEqual(KEY_POLICY.Statement);
  expect((keyPolicy as PolicyDocument).Statement.slice(0, 2)).toEqual(KEY_POLICY.Statement);
  expect((keyPolicy as PolicyDocument).Id).toBe(KEY_POLICY.Id);
  expect(ourSids(keyPolicy)).toEqual(['PersonalizeSetupKeyAccess']);
}

describe('statements written by others', () => {
  it('survive init, rollback and a second init; rollback restores both documents exactly', async () => {
    const init = await s.init();
    expect(init.code, init.stderr).toBe(0);
    expectMerged();

    const rollback = await s.rollback();
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(s.fake.bucketPolicy(BUCKET)).toEqual(BUCKET_POLICY);
    expect(s.fake.keyPolicy(s.key.keyId)).toEqual(KEY_POLICY);

    const again = await s.init();
    expect(again.code, again.stderr).toBe(0);
    expectMerged();
  });

  it('the plan says it keeps them', async () => {
    const run = await s.plan();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('keeps 2 other statements');
  });
});
