/**
 * Scenario 5: `rollback` undoes the last run and returns the account to where it started; a bucket
 * policy edited by someone since is drift — refused with a diff and nothing changed — until
 * `--force`, which removes our statements and keeps theirs.
 */
import { PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PolicyDocument, Statement } from '../../src/policies/types.js';
import { ACCOUNT, BUCKET, errorLines, OPERATOR, REGION, rollbackJson, ROLE_NAME, Scenario } from './harness.js';

const LATE_ADDITION: Statement = {
  Sid: 'LateAddition',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/${OPERATOR}` },
  Action: 's3:ListBucket',
  Resource: `arn:aws:s3:::${BUCKET}`,
};

let s: Scenario;
beforeEach(async () => {
  s = await Scenario.start();
});
afterEach(() => s.end());

/** Someone adds a statement to the bucket policy through the S3 API after our run. */
async function addStatementFromOutside(): Promise<void> {
  const current = s.fake.bucketPolicy(BUCKET) as PolicyDocument;
  const client = new S3Client({ region: REGION });
  await client.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: JSON.stringify({ ...current, Statement: [...current.Statement, LATE_ADDITION] }) }));
}

describe('rollback', () => {
  it('undoes the last run: the whole account is as it was before init', async () => {
    const start = s.fake.snapshot();
    expect((await s.init()).code).toBe(0);

    const run = await s.rollback();
    expect(run.code, run.stderr).toBe(0);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(s.fake.snapshot()).toEqual(start);
  });

  it('reports what it undid as JSON', async () => {
    const init = await s.init('--json');
    expect(init.code).toBe(0);
    const { runId } = init.json as { runId: string };

    const json = rollbackJson(await s.rollback('--json'));
    expect(json).toMatchObject({ command: 'rollback', status: 'rolled-back', runId, skipped: [], drift: [], failed: [] });
    expect(json.undone).toHaveLength(8);
    expect(json.undone.map((change) => change.summary)).toContain(`Create role ${ROLE_NAME}`);
  });

  it('refuses, shows the diff and changes nothing when the bucket policy was edited since; --force keeps the edit', async () => {
    const start = s.fake.snapshot();
    expect((await s.init()).code).toBe(0);
    await addStatementFromOutside();
    const edited = s.fake.snapshot();
    const writes = s.writes();

    const refused = await s.rollback();
    expect(refused.code).toBe(1);
    expect(`${refused.stdout}\n${refused.stderr}`).toMatch(/^\s*\+.*"LateAddition"/m);
    expect(`${refused.stdout}\n${refused.stderr}`).toContain('--force');
    expect(errorLines(refused.stderr)).toHaveLength(1);
    expect(s.writes()).toBe(writes);
    expect(s.fake.snapshot()).toEqual(edited);

    const json = rollbackJson(await s.rollback('--json'));
    expect(json.status).toBe('refused');
    expect(json.drift).toHaveLength(1);
    expect(json.drift[0]!.diff).toMatch(/^\+.*"LateAddition"/m);
    expect(json.undone).toEqual([]);
    expect(s.writes()).toBe(writes);

    const forced = await s.rollback('--force');
    expect(forced.code, forced.stderr).toBe(0);
    // Our statements are gone, theirs is kept; everything else is as before init.
    expect(s.fake.bucketPolicy(BUCKET)).toEqual({ Version: '2012-10-17', Statement: [LATE_ADDITION] });
    expect(s.fake.snapshot()).toEqual({
      ...start,
      buckets: { ...start.buckets, [BUCKET]: { ...start.buckets[BUCKET]!, policy: { Version: '2012-10-17', Statement: [LATE_ADDITION] } } },
    });
  });
});
