/**
 * Scenarios 6 and 7: every ARN follows the caller's partition (China here), and the operator
 * policy goes to whoever is calling when no --attach-to is given — the role behind an assumed-role
 * session — except for callers that cannot take a policy, which are refused before any write.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { customerPolicyArn, documentsEqual, roleArn, serviceRoleTrustPolicy } from '../../src/policies/index.js';
import { ACCOUNT, answers, arnPartitions, initJson, OPERATOR, OPERATOR_POLICY, planJson, ROLE_NAME, Scenario } from './harness.js';

let s: Scenario;
afterEach(() => s.end());

describe('the aws-cn partition', () => {
  it('puts arn:aws-cn: in every ARN of the plan and of every stored document', async () => {
    s = await Scenario.start({ region: 'cn-north-1', partition: 'aws-cn' });

    const plan = await s.plan('--json');
    expect(plan.code, plan.stderr).toBe(0);
    expect(planJson(plan)).toMatchObject({ partition: 'aws-cn', region: 'cn-north-1', roleArn: roleArn('aws-cn', ACCOUNT, '/', ROLE_NAME), errors: [] });
    expect(arnPartitions(plan.stdout)).toEqual(new Set(['arn:aws-cn:']));

    const init = await s.init('--json');
    expect(init.code, init.stderr).toBe(0);
    expect(initJson(init).status).toBe('applied');
    expect(arnPartitions(init.stdout)).toEqual(new Set(['arn:aws-cn:']));

    const stored = JSON.stringify(s.fake.snapshot());
    expect(stored).not.toContain('arn:aws:');
    expect(arnPartitions(stored)).toEqual(new Set(['arn:aws-cn:']));
    expect(s.fake.role(ROLE_NAME)!.attached).toEqual(['arn:aws-cn:iam::aws:policy/service-role/AmazonPersonalizeFullAccess']);
    expect(documentsEqual(s.fake.role(ROLE_NAME)!.trustPolicy, serviceRoleTrustPolicy({ partition: 'aws-cn', account: ACCOUNT, region: 'cn-north-1' }))).toBe(true);
    expect(s.fake.attachedPolicies('user', OPERATOR)).toEqual([customerPolicyArn('aws-cn', ACCOUNT, OPERATOR_POLICY)]);
  });
});

describe('no --attach-to: the caller operates Personalize', () => {
  it('an assumed-role caller gets the operator policy on its role', async () => {
    s = await Scenario.start({ callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/MLAdmin/alice-session`, callerPath: '/admins/' });

    const run = await s.run(['init', '--yes', ...answers({ attachTo: [] }), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = initJson(run);
    expect(json.plan.callerArn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/MLAdmin/alice-session`);
    expect(json.applied.map((change) => change.summary)).toContain('Attach PersonalizeOperatorAccess to role MLAdmin');

    const mlAdmin = s.fake.role('MLAdmin')!;
    expect(mlAdmin.path).toBe('/admins/');
    expect(mlAdmin.attached).toEqual([customerPolicyArn('aws', ACCOUNT, OPERATOR_POLICY)]);
    expect(s.fake.attachedPolicies('user', OPERATOR)).toEqual([]);
  });

  it('the root user is refused before any write, with a request for --attach-to', async () => {
    s = await Scenario.start({ callerArn: `arn:aws:iam::${ACCOUNT}:root` });
    const start = s.fake.snapshot();

    const run = await s.run(['init', '--yes', ...answers({ attachTo: [] })]);
    expect(run.code).toBe(1);
    // The plan (stdout) says why; the error line (stderr) says nothing was changed.
    expect(run.stdout).toMatch(/root user cannot take an IAM policy.*--attach-to/);
    expect(run.stderr).toMatch(/^error: .*nothing was changed/m);

    const plan = planJson(await s.run(['plan', ...answers({ attachTo: [] }), '--json']));
    expect(plan.errors.join(' ')).toContain('--attach-to');

    expect(s.writes()).toBe(0);
    expect(s.fake.snapshot()).toEqual(start);
  });

  it('an IAM Identity Center role is refused before any write: IAM cannot modify it', async () => {
    s = await Scenario.start({
      callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_DataScientist_0123456789abcdef/alice`,
      callerPath: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
    });

    const run = await s.run(['init', '--yes', ...answers({ attachTo: [] })]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/IAM Identity Center.*--attach-to/);
    expect(run.stderr).toMatch(/^error: .*nothing was changed/m);
    expect(s.writes()).toBe(0);
  });
});
