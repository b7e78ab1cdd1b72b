import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, type SetupConfig } from '../../src/config/setup-config.js';
import type { FakeAccount } from '../support/fake-account.js';
import { ENTER } from './scripted-prompter.js';
import { installTeamAccount, startWizard } from './wizard-fixture.js';

const ALL_QUESTIONS = [
  'Who will run Personalize? (they get the operator policy)',
  'What may the operators do in Personalize?',
  'Require MFA for their Personalize calls?',
  'Allowed source IP ranges (comma-separated CIDRs; empty = any)',
  'Let the users view their own IAM permissions (the guide’s optional policy)?',
  'Also give the operators CloudWatch access (to see Personalize metrics and logs)?',
  'Which CloudWatch policy?',
  'Name of the service role Personalize assumes',
  'Which S3 bucket holds your Personalize data?',
  'What may Personalize do in the bucket?',
  'Deny requests to the bucket that do not use TLS (aws:SecureTransport)?',
  'Which KMS key encrypts your Personalize data?',
];

describe('runWizard', () => {
  let account: FakeAccount;
  afterEach(() => account.uninstall());

  it('walks the guide in order and returns the completed configuration without writing to AWS', async () => {
    account = installTeamAccount();
    const { prompter, io, result } = await startWizard([
      ['Who will run Personalize', [{ kind: 'role', name: 'Admin' }, { kind: 'user', name: 'alice' }]],
      ['What may the operators do', ENTER],
      ['Require MFA', true],
      ['Allowed source IP ranges', '203.0.113.0/24, 198.51.100.7/32'],
      ['view their own IAM permissions', true],
      ['CloudWatch access', true],
      ['Which CloudWatch policy', ENTER],
      ['Name of the service role', ENTER],
      ['Which S3 bucket', { kind: 'existing', name: 'my-personalize-data' }],
      ['What may Personalize do in the bucket', ENTER],
      ['Deny requests', ENTER],
      ['Which KMS key', 'alias/personalize'],
    ]);

    const expected: SetupConfig = {
      ...defaultConfig(),
      attachTo: [
        { kind: 'role', name: 'Admin' },
        { kind: 'user', name: 'alice' },
      ],
      requireMfa: true,
      allowedCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
      viewOwnPermissions: true,
      cloudwatch: 'CloudWatchFullAccessV2',
      bucket: 'my-personalize-data',
      kmsKey: 'alias/personalize',
    };
    await expect(result).resolves.toEqual(expected);
    expect(prompter.messages).toEqual(ALL_QUESTIONS);
    expect(prompter.unused).toEqual([]);
    expect(account.mutatingCalls()).toEqual([]);

    // The caller's own role comes first and ticked; the defaults offered are the guide's.
    expect(prompter.asked[0]).toMatchObject({
      kind: 'checkbox',
      choices: ['role:Admin', 'user:alice', 'user:bob', 'group:ml-team'],
      checked: ['role:Admin'],
    });
    expect(prompter.asked[1]).toMatchObject({ default: 'custom', choices: ['custom (recommended)', 'managed', 'read-only'] });
    expect(prompter.asked[2]).toMatchObject({ default: false });
    expect(prompter.asked[4]).toMatchObject({ default: false });
    expect(prompter.asked[6]).toMatchObject({
      default: 'CloudWatchFullAccessV2',
      choices: ['CloudWatchFullAccessV2 (recommended)', 'CloudWatchFullAccess (deprecated)'],
    });
    expect(prompter.asked[7]).toMatchObject({ kind: 'input', default: 'PersonalizeRole' });
    expect(prompter.asked[9]).toMatchObject({ default: 'read-write', choices: ['read-write (recommended)', 'read'] });
    expect(prompter.asked[10]).toMatchObject({ default: false });
    expect(prompter.asked[11]).toMatchObject({ default: '', choices: ['None', 'alias/personalize'] });
    expect(io.lines).toContain('info: Role PersonalizeRole does not exist yet: it will be created.');
  });

  it('asks nothing that flags or the config file answered', async () => {
    account = installTeamAccount();
    const answered: (keyof SetupConfig)[] = [
      'attachTo',
      'access',
      'requireMfa',
      'allowedCidrs',
      'viewOwnPermissions',
      'cloudwatch',
      'roleName',
      'kmsKey',
    ];
    const config: Partial<SetupConfig> = { attachTo: [{ kind: 'user', name: 'bob' }], access: 'managed', roleName: 'RecsRole' };
    const { prompter, result } = await startWizard(
      [
        ['Which S3 bucket', { kind: 'existing', name: 'analytics-logs' }],
        ['What may Personalize do in the bucket', 'read'],
        ['Deny requests', true],
      ],
      { config, answered },
    );

    await expect(result).resolves.toEqual({
      ...defaultConfig(),
      ...config,
      bucket: 'analytics-logs',
      s3Access: 'read',
      denyInsecureTransport: true,
    });
    expect(prompter.messages).toEqual([
      'Which S3 bucket holds your Personalize data?',
      'What may Personalize do in the bucket?',
      'Deny requests to the bucket that do not use TLS (aws:SecureTransport)?',
    ]);
    expect(account.mutatingCalls()).toEqual([]);
  });

  it('asks no question at all when everything is answered, and returns the configuration unchanged', async () => {
    account = installTeamAccount();
    const config: SetupConfig = { ...defaultConfig(), attachTo: [{ kind: 'group', name: 'ml-team' }], bucket: 'my-personalize-data' };
    const { prompter, result } = await startWizard([], { config, answered: Object.keys(config) as (keyof SetupConfig)[] });
    await expect(result).resolves.toEqual(config);
    expect(prompter.asked).toEqual([]);
  });

  it('skips "view own permissions" when no user is among the operators, and S3 questions when S3 is skipped', async () => {
    account = installTeamAccount();
    const { prompter, result } = await startWizard([
      ['Who will run Personalize', [{ kind: 'group', name: 'ml-team' }]],
      ['What may the operators do', 'read-only'],
      ['Require MFA', ENTER],
      ['Allowed source IP ranges', ENTER],
      ['CloudWatch access', ENTER],
      ['Name of the service role', ENTER],
      ['Which S3 bucket', { kind: 'skip' }],
      ['Which KMS key', ENTER],
    ]);
    await expect(result).resolves.toEqual({
      ...defaultConfig(),
      attachTo: [{ kind: 'group', name: 'ml-team' }],
      access: 'read-only',
      // As with --access read-only: its own policy name, so it never overwrites a full-access policy.
      policyName: 'PersonalizeReadOnlyAccess',
    });
    expect(prompter.messages).not.toContain('Let the users view their own IAM permissions (the guide’s optional policy)?');
    expect(prompter.messages).not.toContain('What may Personalize do in the bucket?');
    expect(prompter.unused).toEqual([]);
  });

  it('does not offer the service role itself as an operator', async () => {
    account = installTeamAccount();
    account.addRole('PersonalizeRole', { path: '/' });
    const { prompter, result } = await startWizard(
      [['Who will run Personalize', [{ kind: 'user', name: 'alice' }]]],
      { answered: ['access', 'requireMfa', 'allowedCidrs', 'viewOwnPermissions', 'cloudwatch', 'roleName', 'bucket', 'kmsKey'] },
    );
    await result;
    expect(prompter.asked[0]?.choices).toContain('user:alice');
    expect(prompter.asked[0]?.choices).not.toContain('role:PersonalizeRole');
  });

  it('says an existing service role is checked, not replaced', async () => {
    account = installTeamAccount();
    account.addRole('PersonalizeRole', { path: '/' });
    const { io, result } = await startWizard(
      [['Name of the service role', ENTER]],
      { answered: ['attachTo', 'access', 'requireMfa', 'allowedCidrs', 'viewOwnPermissions', 'cloudwatch', 'bucket', 'kmsKey'] },
    );
    await expect(result).resolves.toEqual(defaultConfig());
    expect(io.lines).toContain(
      'info: Role PersonalizeRole exists: its trust policy and permissions will be checked and updated only if they differ.',
    );
  });
});
