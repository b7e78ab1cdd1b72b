import { afterEach, describe, expect, it } from 'vitest';
import type { SetupConfig } from '../../src/config/setup-config.js';
import { validateBucketName, validateCidr, validateRoleName } from '../../src/config/validators.js';
import type { FakeAccount } from '../support/fake-account.js';
import { ENTER } from './scripted-prompter.js';
import { ACCOUNT, installTeamAccount, REGION, startWizard } from './wizard-fixture.js';

/** Everything but the fields under test, so each test reads as the questions it is about. */
function answeredExcept(...open: (keyof SetupConfig)[]): (keyof SetupConfig)[] {
  const all: (keyof SetupConfig)[] = [
    'attachTo', 'access', 'policyName', 'requireMfa', 'allowedCidrs', 'viewOwnPermissions', 'cloudwatch', 'roleName',
    'rolePath', 'roleAccess', 'bucket', 'createBucket', 's3Access', 'denyInsecureTransport', 'kmsKey', 'tags',
  ];
  return all.filter((field) => !open.includes(field));
}

describe('typed answers obey the same rules as the flags', () => {
  let account: FakeAccount;
  afterEach(() => account.uninstall());

  it('re-asks an invalid role name, showing the rule', async () => {
    account = installTeamAccount();
    const { prompter, result } = await startWizard(
      [
        ['Name of the service role', 'Personalize Role'],
        ['Name of the service role', 'PersonalizeRole!'],
        ['Name of the service role', ' RecsRole '],
      ],
      { answered: answeredExcept('roleName') },
    );
    await expect(result).resolves.toMatchObject({ roleName: 'RecsRole' });
    const rule = 'IAM role names use 1–64 letters, digits and + = , . @ _ -';
    expect(validateRoleName('Personalize Role')).toBe(rule);
    expect(prompter.shown).toEqual([rule, rule]);
  });

  it('re-asks when one of the CIDRs is invalid, showing the rule', async () => {
    account = installTeamAccount();
    const { prompter, result } = await startWizard(
      [
        ['Allowed source IP ranges', '203.0.113.0/24, 10.0.0.0/33'],
        ['Allowed source IP ranges', '203.0.113.0/24,2001:db8::/32'],
      ],
      { answered: answeredExcept('allowedCidrs') },
    );
    await expect(result).resolves.toMatchObject({ allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'] });
    expect(prompter.shown).toEqual([validateCidr('10.0.0.0/33')]);
    expect(prompter.shown[0]).toMatch(/^CIDRs are/);
  });

  it('takes an empty CIDR answer as "any address"', async () => {
    account = installTeamAccount();
    const { result } = await startWizard([['Allowed source IP ranges', '']], { answered: answeredExcept('allowedCidrs') });
    await expect(result).resolves.toMatchObject({ allowedCidrs: [] });
  });

  it('suggests a valid unique name for a new bucket and re-asks an invalid one, showing the rule', async () => {
    account = installTeamAccount();
    const suggested = `personalize-${ACCOUNT}-${REGION}`;
    const { prompter, result } = await startWizard(
      [
        ['Which S3 bucket', { kind: 'create' }],
        ['Name of the new bucket', 'My_Personalize_Bucket'],
        ['Name of the new bucket', 'ab'],
        ['Name of the new bucket', ENTER],
        ['Deny requests', ENTER],
      ],
      { answered: answeredExcept('bucket', 'createBucket', 'denyInsecureTransport') },
    );
    await expect(result).resolves.toMatchObject({ bucket: suggested, createBucket: true, denyInsecureTransport: true });
    expect(validateBucketName(suggested)).toBeUndefined();
    expect(prompter.asked[1]).toMatchObject({ kind: 'input', default: suggested });
    expect(prompter.shown).toEqual(['bucket names use 3–63 lowercase letters, digits, dots and hyphens', validateBucketName('ab')]);
    // A new bucket has no clients to break: denying plain HTTP is the default.
    expect(prompter.asked.at(-1)).toMatchObject({ kind: 'confirm', default: true });
    expect(account.mutatingCalls()).toEqual([]);
  });

  it('uses a typed bucket name that turns out to be one of ours as it is', async () => {
    account = installTeamAccount();
    const { io, result } = await startWizard(
      [
        ['Which S3 bucket', { kind: 'create' }],
        ['Name of the new bucket', 'analytics-logs'],
      ],
      { answered: answeredExcept('bucket', 'createBucket') },
    );
    await expect(result).resolves.toMatchObject({ bucket: 'analytics-logs', createBucket: false });
    expect(io.lines).toContain('info: Bucket analytics-logs already exists in this account: it will be used as it is.');
  });

  it('offers to create a --bucket that does not exist', async () => {
    account = installTeamAccount();
    const { prompter, result } = await startWizard([['does not exist', ENTER]], {
      config: { bucket: 'brand-new-personalize-data' },
      answered: answeredExcept('createBucket'),
    });
    await expect(result).resolves.toMatchObject({ bucket: 'brand-new-personalize-data', createBucket: true });
    expect(prompter.asked).toEqual([
      { kind: 'confirm', message: 'Bucket brand-new-personalize-data does not exist in this account. Create it?', default: true },
    ]);
  });
});
