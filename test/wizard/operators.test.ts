import { afterEach, describe, expect, it } from 'vitest';
import type { PrincipalRef, SetupConfig } from '../../src/config/setup-config.js';
import type { TargetSearchPick } from '../../src/wizard/questions/operator-targets.js';
import type { FakeAccount } from '../support/fake-account.js';
import { iamError } from '../support/fake-errors.js';
import { ENTER } from './scripted-prompter.js';
import { ACCOUNT, installTeamAccount, startWizard } from './wizard-fixture.js';

/** Only the operator questions stay open. */
const LATER: (keyof SetupConfig)[] = ['cloudwatch', 'roleName', 'bucket', 'kmsKey', 'access', 'requireMfa', 'allowedCidrs'];

const alice: PrincipalRef = { kind: 'user', name: 'alice' };

describe('who operates Personalize', () => {
  let account: FakeAccount;
  afterEach(() => account.uninstall());

  it('makes the root user pick, saying why, with nothing preselected', async () => {
    account = installTeamAccount(`arn:aws:iam::${ACCOUNT}:root`);
    const { prompter, io, result } = await startWizard(
      [
        ['Who will run Personalize', []],
        ['Who will run Personalize', [alice]],
        ['view their own IAM permissions', ENTER],
      ],
      { answered: LATER },
    );
    await expect(result).resolves.toMatchObject({ attachTo: [alice], viewOwnPermissions: false });
    expect(io.lines).toContain('info: The account root user cannot take an IAM policy: pick who will run Personalize below.');
    expect(prompter.asked[0]).toMatchObject({ choices: ['user:alice', 'user:bob', 'group:ml-team', 'role:Admin'], checked: [] });
    expect(prompter.shown).toEqual(['Pick at least one user, group or role.']);
  });

  it('preselects a signed-in IAM user', async () => {
    account = installTeamAccount(`arn:aws:iam::${ACCOUNT}:user/bob`);
    const { prompter, result } = await startWizard(
      [
        ['Who will run Personalize', ENTER],
        ['view their own IAM permissions', true],
      ],
      { answered: LATER },
    );
    await expect(result).resolves.toMatchObject({ attachTo: [{ kind: 'user', name: 'bob' }], viewOwnPermissions: true });
    expect(prompter.asked[0]).toMatchObject({ choices: ['user:bob', 'user:alice', 'group:ml-team', 'role:Admin'], checked: ['user:bob'] });
  });

  it('never offers or preselects an IAM Identity Center role, and says why', async () => {
    account = installTeamAccount(
      `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_AdminAccess_0123456789abcdef/alice`,
      '/aws-reserved/sso.amazonaws.com/eu-west-1/',
    );
    const { prompter, io, result } = await startWizard([['Who will run Personalize', [{ kind: 'group', name: 'ml-team' }]]], {
      answered: [...LATER, 'viewOwnPermissions'],
    });
    await expect(result).resolves.toMatchObject({ attachTo: [{ kind: 'group', name: 'ml-team' }] });
    expect(io.lines.filter((line) => line.includes('IAM Identity Center'))).toHaveLength(1);
    expect(prompter.asked[0]).toMatchObject({ choices: ['user:alice', 'user:bob', 'group:ml-team', 'role:Admin'], checked: [] });
  });

  it('asks "view own permissions" when the caller (preset by an empty --attach-to answer) is a user', async () => {
    account = installTeamAccount(`arn:aws:iam::${ACCOUNT}:user/alice`);
    const { prompter, result } = await startWizard([['view their own IAM permissions', true]], { answered: [...LATER, 'attachTo'] });
    await expect(result).resolves.toMatchObject({ attachTo: [], viewOwnPermissions: true });
    expect(prompter.messages).toEqual(['Let the users view their own IAM permissions (the guide’s optional policy)?']);
  });

  it('uses a search, one target at a time, when there are more than 15 candidates', async () => {
    account = installTeamAccount();
    for (let i = 1; i <= 14; i++) account.addUser(`analyst-${String(i).padStart(2, '0')}`);
    const done: TargetSearchPick = { action: 'done' };
    const { prompter, result } = await startWizard(
      [
        // Admin (the caller) starts selected: take it out, add two analysts found by typing.
        ['Who will run Personalize', { action: 'remove', target: { kind: 'role', name: 'Admin' } }],
        ['Who will run Personalize', { term: 'analyst-0', value: { action: 'add', target: { kind: 'user', name: 'analyst-07' } } }],
        ['Who will run Personalize', { action: 'add', target: { kind: 'group', name: 'ml-team' } }],
        ['Who will run Personalize', done],
        ['view their own IAM permissions', ENTER],
      ],
      { answered: LATER },
    );
    await expect(result).resolves.toMatchObject({
      attachTo: [
        { kind: 'user', name: 'analyst-07' },
        { kind: 'group', name: 'ml-team' },
      ],
    });
    expect(prompter.asked.slice(0, 4).map((q) => q.kind)).toEqual(['search', 'search', 'search', 'search']);
    expect(prompter.asked[0]?.message).toBe('Who will run Personalize? (they get the operator policy) — type to filter; selected: role:Admin');
    expect(prompter.asked[0]?.choices?.slice(0, 3)).toEqual(['Done (1 selected)', '✓ role:Admin', '  user:alice']);
    // With nothing selected there is no way out but to pick someone.
    expect(prompter.asked[1]?.choices?.[0]).toBe('  user:alice');
    expect(prompter.asked[3]?.message).toMatch(/selected: user:analyst-07, group:ml-team$/);
  });

  it('leaves out a list the caller may not read, with a warning, and still offers the rest', async () => {
    account = installTeamAccount();
    account.failWhen(({ command }) =>
      command === 'ListUsers' ? iamError.accessDenied('User: arn:aws:sts::123456789012:assumed-role/Admin/alice is not authorized to perform: iam:ListUsers') : undefined,
    );
    const { prompter, io, result } = await startWizard([['Who will run Personalize', ENTER]], { answered: [...LATER, 'viewOwnPermissions'] });
    await expect(result).resolves.toMatchObject({ attachTo: [{ kind: 'role', name: 'Admin' }] });
    expect(prompter.asked[0]).toMatchObject({ choices: ['role:Admin', 'group:ml-team'], checked: ['role:Admin'] });
    expect(io.lines.filter((line) => line.startsWith('warn: Could not list IAM users'))).toHaveLength(1);
  });

  it('asks for typed targets, validated like --attach-to, when nothing can be listed', async () => {
    account = installTeamAccount(`arn:aws:iam::${ACCOUNT}:root`);
    account.failWhen(({ command }) => (command.startsWith('List') && command !== 'ListAliases' ? iamError.accessDenied('not authorized') : undefined));
    const { prompter, result } = await startWizard(
      [
        ['Who will run Personalize', ''],
        ['Who will run Personalize', 'user:alice, admins'],
        ['Who will run Personalize', 'user:alice, group:ml-team, user:alice'],
        ['view their own IAM permissions', ENTER],
      ],
      { answered: LATER },
    );
    await expect(result).resolves.toMatchObject({
      attachTo: [alice, { kind: 'group', name: 'ml-team' }],
    });
    expect(prompter.asked[0]).toMatchObject({ kind: 'input' });
    expect(prompter.shown).toEqual(['Pick at least one user, group or role.', 'targets are user:NAME, group:NAME or role:NAME']);
  });
});
