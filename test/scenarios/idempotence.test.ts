/**
 * Scenarios 2 and 9: applying twice makes no write the second time, and `plan` / `init --dry-run`
 * never write at all. Exit codes follow `plan --detailed-exitcode` (2 pending, 0 none).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roleArn } from '../../src/policies/index.js';
import { ACCOUNT, errorLines, initJson, pendingChangesOf, planJson, REGION, ROLE_NAME, Scenario } from './harness.js';

let s: Scenario;
beforeEach(async () => {
  s = await Scenario.start();
});
afterEach(() => s.end());

describe('plan and dry-run', () => {
  it('plan --json reports the pending changes of a fresh account and writes nothing', async () => {
    const run = await s.plan('--json');
    expect(run.code, run.stderr).toBe(0);
    const plan = planJson(run);
    expect(plan).toMatchObject({
      command: 'plan',
      account: ACCOUNT,
      region: REGION,
      partition: 'aws',
      callerArn: `arn:aws:iam::${ACCOUNT}:user/admin`,
      roleArn: roleArn('aws', ACCOUNT, '/', ROLE_NAME),
      errors: [],
    });
    // Operator policy + attach, role + attach, bucket policy + S3 inline policy, key policy + KMS inline policy.
    expect(plan.pendingChanges).toBe(8);
    expect(pendingChangesOf(plan)).toHaveLength(8);
    expect(plan.steps.map((step) => step.step)).toEqual(['operator-access', 'service-role', 's3-access', 'kms-access']);
    expect(s.writes()).toBe(0);
  });

  it('plan --detailed-exitcode exits 2 while changes are pending; plain plan exits 0', async () => {
    const detailed = await s.plan('--detailed-exitcode');
    expect(detailed.code, detailed.stderr).toBe(2);
    expect(detailed.stdout).toContain('Attach PersonalizeOperatorAccess to user alice');
    const plain = await s.plan();
    expect(plain.code, plain.stderr).toBe(0);
    expect(s.writes()).toBe(0);
  });

  it('init --dry-run shows the plan, exits 0 and writes nothing, not even a journal', async () => {
    const start = s.fake.snapshot();
    const human = await s.init('--dry-run');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Create role PersonalizeRole');

    const json = initJson(await s.init('--dry-run', '--json'));
    expect(json).toMatchObject({ status: 'dry-run', runId: null, journalPath: null, applied: [], failed: null });
    expect(json.plan.pendingChanges).toBe(8);

    expect(s.writes()).toBe(0);
    expect(s.fake.snapshot()).toEqual(start);
    expect(await s.journalFiles()).toEqual([]);
  });
});

describe('applying twice', () => {
  it('the second init sends no write, says there is nothing to change, and plan agrees', async () => {
    const first = await s.init();
    expect(first.code, first.stderr).toBe(0);
    const writes = s.writes();
    expect(writes).toBeGreaterThan(0);
    const afterFirst = s.fake.snapshot();

    const second = await s.init();
    expect(second.code, second.stderr).toBe(0);
    expect(s.writes()).toBe(writes);
    expect(`${second.stdout}\n${second.stderr}`).toMatch(/no changes/i);
    expect(errorLines(second.stderr)).toEqual([]);

    const secondJson = initJson(await s.init('--json'));
    expect(secondJson).toMatchObject({ status: 'nothing-to-do', runId: null, applied: [], failed: null });
    expect(secondJson.plan.pendingChanges).toBe(0);

    const plan = planJson(await s.plan('--json'));
    expect(plan.pendingChanges).toBe(0);
    expect(pendingChangesOf(plan)).toEqual([]);
    expect(plan.errors).toEqual([]);

    const detailed = await s.plan('--detailed-exitcode');
    expect(detailed.code, detailed.stderr).toBe(0);
    expect(detailed.stdout).toMatch(/no changes/i);

    expect(s.writes()).toBe(writes);
    expect(s.fake.snapshot()).toEqual(afterFirst);
  });
});
