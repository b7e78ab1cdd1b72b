import { afterEach, describe, expect, it } from 'vitest';
import { planSetup } from '../../src/steps/plan-setup.js';
import { config, hidePolicy, installAccount, outline, stepOf, type Installed } from './setup-fixtures.js';

const V2_ARN = 'arn:aws:iam::aws:policy/CloudWatchFullAccessV2';

let installed: Installed;
afterEach(() => installed.account.uninstall());

describe('cloudwatch', () => {
  it('is not part of the plan unless asked for', async () => {
    installed = await installAccount();

    const plan = await planSetup(installed.aws, config());

    expect(plan.steps.map((step) => step.step)).not.toContain('cloudwatch');
  });

  it('attaches CloudWatchFullAccessV2 to the same targets as the operator policy', async () => {
    installed = await installAccount();
    installed.account.addUser('bob');
    installed.account.addGroup('ml-team');

    const plan = await planSetup(
      installed.aws,
      config({
        cloudwatch: 'CloudWatchFullAccessV2',
        attachTo: [
          { kind: 'user', name: 'bob' },
          { kind: 'group', name: 'ml-team' },
        ],
      }),
    );
    const step = stepOf(plan, 'cloudwatch');

    expect(step.title).toBe('CloudWatch access');
    expect(step.errors).toEqual([]);
    expect(step.warnings).toEqual([]);
    expect(step.changes).toEqual([
      {
        id: 'cloudwatch/attach/user:bob',
        step: 'cloudwatch',
        action: 'attach',
        resource: V2_ARN,
        summary: 'Attach CloudWatchFullAccessV2 to user bob',
        operation: { kind: 'attachPolicy', principal: { kind: 'user', name: 'bob' }, policyArn: V2_ARN },
      },
      {
        id: 'cloudwatch/attach/group:ml-team',
        step: 'cloudwatch',
        action: 'attach',
        resource: V2_ARN,
        summary: 'Attach CloudWatchFullAccessV2 to group ml-team',
        operation: { kind: 'attachPolicy', principal: { kind: 'group', name: 'ml-team' }, policyArn: V2_ARN },
      },
    ]);
    expect(installed.account.mutatingCalls()).toEqual([]);
  });

  it('is a noop for a target that already has it', async () => {
    installed = await installAccount();
    installed.account.attach('user', 'alice', V2_ARN);

    const step = stepOf(await planSetup(installed.aws, config({ cloudwatch: 'CloudWatchFullAccessV2' })), 'cloudwatch');

    expect(step.changes).toEqual([
      {
        id: 'cloudwatch/attach/user:alice',
        step: 'cloudwatch',
        action: 'noop',
        resource: V2_ARN,
        summary: 'CloudWatchFullAccessV2 is already attached to user alice',
      },
    ]);
  });

  it('can attach the deprecated CloudWatchFullAccess, with a warning', async () => {
    installed = await installAccount();

    const step = stepOf(await planSetup(installed.aws, config({ cloudwatch: 'CloudWatchFullAccess' })), 'cloudwatch');

    expect(outline(step)).toEqual([['cloudwatch/attach/user:alice', 'attach']]);
    expect(step.changes[0]?.resource).toBe('arn:aws:iam::aws:policy/CloudWatchFullAccess');
    expect(step.warnings).toEqual(['AWS is deprecating CloudWatchFullAccess: CloudWatchFullAccessV2 is its successor.']);
  });

  it('uses the caller partition in the policy ARN', async () => {
    installed = await installAccount({ region: 'cn-north-1', partition: 'aws-cn' });

    const step = stepOf(await planSetup(installed.aws, config({ cloudwatch: 'CloudWatchFullAccessV2' })), 'cloudwatch');

    expect(step.changes[0]).toMatchObject({
      resource: 'arn:aws-cn:iam::aws:policy/CloudWatchFullAccessV2',
      operation: { kind: 'attachPolicy', policyArn: 'arn:aws-cn:iam::aws:policy/CloudWatchFullAccessV2' },
    });
  });

  it('is an error naming the other policy when the chosen one does not exist in the partition', async () => {
    installed = await installAccount();
    hidePolicy(installed.account, V2_ARN);

    const step = stepOf(await planSetup(installed.aws, config({ cloudwatch: 'CloudWatchFullAccessV2' })), 'cloudwatch');

    expect(step.errors).toEqual([`AWS managed policy ${V2_ARN} does not exist in this partition: choose CloudWatchFullAccess with --cloudwatch-policy.`]);
    expect(step.changes).toEqual([]);
  });
});
