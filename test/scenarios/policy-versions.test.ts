/**
 * Scenario 8: the operator policy already exists with IAM's maximum of 5 versions and another
 * default. init frees a slot by deleting the oldest non-default version and publishes ours as the
 * new default; a failure afterwards puts the old default back and recreates the deleted version.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerPolicyArn, documentsEqual, operatorPolicy, roleArn } from '../../src/policies/index.js';
import type { PolicyDocument } from '../../src/policies/types.js';
import { serviceUnavailable } from '../support/fake-errors.js';
import { ACCOUNT, errorLines, initJson, MANAGED_BY, OPERATOR, OPERATOR_POLICY, ROLE_NAME, Scenario } from './harness.js';

const POLICY_ARN = customerPolicyArn('aws', ACCOUNT, OPERATOR_POLICY);

/** An earlier revision of the operator policy, as a previous run or a person left it. */
function revision(n: number): PolicyDocument {
  return { Version: '2012-10-17', Statement: [{ Sid: `OldRevision${n}`, Effect: 'Allow', Action: 'personalize:Describe*', Resource: '*' }] };
}

let s: Scenario;
beforeEach(async () => {
  s = await Scenario.start();
  // v1 is the default and also the oldest: the slot to free is v2, the oldest NON-default one.
  s.fake.addManagedPolicy(OPERATOR_POLICY, revision(1), { tags: MANAGED_BY });
  s.fake.addPolicyVersions(POLICY_ARN, [revision(2), revision(3), revision(4), revision(5)]);
});
afterEach(() => s.end());

function ours(): PolicyDocument {
  return operatorPolicy({ partition: 'aws', serviceRoleArn: roleArn('aws', ACCOUNT, '/', ROLE_NAME), kmsKeyArn: s.key.arn, requireMfa: false, allowedCidrs: [] });
}

/** The first call of `command` fails with a 503; every other call goes through. */
function failFirst(command: string): void {
  let fired = false;
  s.fake.failWhen((call) => {
    if (fired || call.command !== command) return undefined;
    fired = true;
    return serviceUnavailable('iam', `Service Unavailable (injected at ${command})`);
  });
}

describe('a policy already at 5 versions', () => {
  it('init deletes the oldest non-default version and makes ours the new default', async () => {
    const run = await s.init();
    expect(run.code, run.stderr).toBe(0);

    const policy = s.fake.policy(POLICY_ARN)!;
    expect(policy.versions).toHaveLength(5);
    const defaultVersion = policy.versions.find((version) => version.isDefault)!;
    expect(documentsEqual(defaultVersion.document, ours())).toBe(true);
    const others = policy.versions.filter((version) => !version.isDefault).map((version) => version.document);
    expect(others).toEqual([revision(1), revision(3), revision(4), revision(5)]);
    expect(s.fake.attachedPolicies('user', OPERATOR)).toEqual([POLICY_ARN]);
  });

  it.each([
    ['the new version itself', 'CreatePolicyVersion'],
    ['a later change', 'AttachUserPolicy'],
  ])('a failure at %s (%s) restores the old default and the deleted version', async (_, command) => {
    const start = s.fake.snapshot();
    failFirst(command);

    const run = await s.init('--json');
    expect(run.code, run.stderr).toBe(1);
    const json = initJson(run);
    expect(json.status).toBe('rolled-back');
    expect(json.failed!.summary).toBe(command === 'CreatePolicyVersion' ? `Update customer managed policy ${OPERATOR_POLICY} (new default version)` : `Attach ${OPERATOR_POLICY} to user ${OPERATOR}`);
    expect(errorLines(run.stderr)).toHaveLength(1);

    const policy = s.fake.policy(POLICY_ARN)!;
    expect(policy.defaultVersionId).toBe('v1');
    expect(policy.versions.map((version) => version.document)).toContainEqual(revision(2));
    expect(policy.versions).toHaveLength(5);
    // Version ids are never reused, so v2's document comes back under a new id; nothing else differs.
    expect(s.fake.snapshot()).toEqual(start);
  });
});
