/**
 * `personalize-setup init` on a terminal: the wizard's questions answered by a script, then the
 * plan, the confirmation, apply, the summary and the offer to save the answers — in that order.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAVE_CONFIG_MESSAGE, SAVE_PATH_MESSAGE } from '../../src/wizard/confirm-apply.js';
import { ACCOUNT, cliHarness, REGION, ROLE_ARN, type CliHarness, type CliRunOptions } from './cli-harness.js';
import { CTRL_C, ENTER, ScriptedPrompter, type ScriptLine } from '../wizard/scripted-prompter.js';

const ADMIN_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`;
/** A person at a terminal: both ends are TTYs and CI is not set. */
const TERMINAL: CliRunOptions = { tty: true, env: { CI: undefined, NO_COLOR: '1' } };

let h: CliHarness;
afterEach(() => h.account.uninstall());

/** Users alice and bob, group ml-team, the caller's role Admin, three buckets and a key alias/personalize. */
async function teamAccount(): Promise<CliHarness> {
  h = await cliHarness({ callerArn: ADMIN_SESSION });
  h.account.addUser('alice');
  h.account.addUser('bob');
  h.account.addGroup('ml-team');
  h.account.addBucket('analytics-logs');
  h.account.addBucket('my-personalize-data');
  h.account.addKey({ aliases: ['alias/personalize'] });
  return h;
}

/** Records, when the apply confirmation is asked, how many writes had happened and what stdout held. */
class ObservingPrompter extends ScriptedPrompter {
  atConfirm: { writes: number; stdout: string } | undefined;
  output: { stdout: () => string } | undefined;

  override async confirm(q: { message: string; default?: boolean }): Promise<boolean> {
    if (q.message.startsWith('Apply')) this.atConfirm = { writes: h.account.mutatingCalls().length, stdout: this.output?.stdout() ?? '' };
    return super.confirm(q);
  }
}

async function runInit(argv: string[], script: ScriptLine[], options: CliRunOptions = TERMINAL) {
  const prompter = new ObservingPrompter(script);
  const result = await h.run(['init', ...argv], {
    ...options,
    overrides: { prompter },
    live: (output) => {
      prompter.output = output;
    },
  });
  return { ...result, prompter };
}

const OPERATOR_QUESTIONS: ScriptLine[] = [
  ['Who will run Personalize', [{ kind: 'user', name: 'alice' }, { kind: 'group', name: 'ml-team' }]],
  ['What may the operators do', ENTER],
  ['Require MFA', ENTER],
  ['Allowed source IP ranges', ENTER],
  ['view their own IAM permissions', ENTER],
  ['CloudWatch access', true],
  ['Which CloudWatch policy', ENTER],
  ['Name of the service role', ENTER],
  ['Which S3 bucket', { kind: 'existing', name: 'my-personalize-data' }],
  ['What may Personalize do in the bucket', ENTER],
  ['Deny requests', ENTER],
  ['Which KMS key', 'alias/personalize'],
];

describe('init on a terminal', () => {
  it('asks, shows the plan, confirms, applies, sums up and saves the answers (0600)', async () => {
    await teamAccount();
    const file = join(h.stateDir, 'personalize.json');
    const { code, stdout, stderr, prompter } = await runInit([], [
      ...OPERATOR_QUESTIONS,
      [/^Apply these \d+ changes\?$/, true],
      [SAVE_CONFIG_MESSAGE, true],
      [SAVE_PATH_MESSAGE, file],
    ]);

    expect(code).toBe(0);
    expect(prompter.unused).toEqual([]);
    // The plan was on screen, and nothing written, when the confirmation was asked (default: no).
    expect(prompter.atConfirm?.writes).toBe(0);
    expect(prompter.atConfirm?.stdout).toMatch(/Plan: \d+ changes \(0 already in place\)\.\nService role: /);
    const confirm = prompter.asked.find((q) => q.message.startsWith('Apply'))!;
    expect(confirm.default).toBe(false);
    const pending = Number(/Apply these (\d+) changes/.exec(confirm.message)![1]);

    // Applied: the answers, not the defaults.
    expect(h.account.attachedPolicies('user', 'alice')).toEqual([`arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess`, 'arn:aws:iam::aws:policy/CloudWatchFullAccessV2']);
    expect(h.account.attachedPolicies('group', 'ml-team')).toHaveLength(2);
    expect(h.account.attachedPolicies('role', 'Admin')).toEqual([]);
    expect(Object.keys(h.account.role('PersonalizeRole')!.inline).sort()).toEqual(['PersonalizeKmsAccess', 'PersonalizeS3Access']);

    // The summary: what changed, the role ARN alone on its line, the undo command, the command line.
    const lines = stdout.split('\n');
    expect(lines).toContain(lines.find((line) => line.startsWith(`Applied ${pending} changes (run `)));
    expect(lines).toContain(ROLE_ARN);
    expect(stdout).toMatch(new RegExp(`Undo this run:\\n  npx personalize-setup rollback --run \\S+ --region ${REGION} --state-dir ${h.stateDir}\\n`));
    expect(lines).toContain(
      `  npx personalize-setup init --yes --region ${REGION} --attach-to user:alice --attach-to group:ml-team --cloudwatch --bucket my-personalize-data --kms-key alias/personalize`,
    );
    // The offer came after the summary; the file holds the answers and only the user can read it.
    expect(prompter.messages.slice(-3)).toEqual([confirm.message, SAVE_CONFIG_MESSAGE, SAVE_PATH_MESSAGE]);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      attachTo: ['user:alice', 'group:ml-team'],
      cloudwatch: 'CloudWatchFullAccessV2',
      bucket: 'my-personalize-data',
      kmsKey: 'alias/personalize',
      region: REGION,
    });
    expect(stderr).toContain(`Saved the answers to ${file}; reuse them with: npx personalize-setup init --config ${file}\n`);

    // The saved answers reproduce the setup: nothing left to change.
    const again = await h.run(['init', '--yes', '--config', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes: everything is already set up.');
  });

  it('does not ask what flags and --config answered, nor offers to save answers that came from a file', async () => {
    await teamAccount();
    const config = join(h.stateDir, 'given.json');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(config, JSON.stringify({ attachTo: ['user:bob'], cloudwatch: false, kmsKey: null }));
    const { code, prompter } = await runInit(['--config', config, '--bucket', 'analytics-logs', '--access', 'managed'], [
      ['Require MFA', ENTER],
      ['Allowed source IP ranges', ENTER],
      ['view their own IAM permissions', ENTER],
      ['Name of the service role', 'RecsRole'],
      ['What may Personalize do in the bucket', 'read'],
      ['Deny requests', ENTER],
      [/^Apply these \d+ changes\?$/, true],
    ]);

    expect(code).toBe(0);
    expect(prompter.unused).toEqual([]);
    expect(prompter.messages).not.toContain(SAVE_CONFIG_MESSAGE);
    expect(h.account.role('RecsRole')?.inline).toHaveProperty('PersonalizeS3Access');
    expect(h.account.attachedPolicies('user', 'bob')).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess']);
  });

  it('does not offer MFA or IP conditions with --role-access custom', async () => {
    await teamAccount();
    const { code, stderr, prompter } = await runInit(['--role-access', 'custom', '--attach-to', 'group:ml-team', '--bucket', 'analytics-logs', '--kms-key', 'alias/personalize'], [
      ['CloudWatch access', ENTER],
      ['Name of the service role', ENTER],
      ['What may Personalize do in the bucket', ENTER],
      ['Deny requests', ENTER],
      [/^Apply these \d+ changes\?$/, false],
    ]);
    expect(code).toBe(130);
    expect(prompter.unused).toEqual([]);
    expect(stderr).toContain('With --role-access custom the service role shares the operator policy, so MFA and IP conditions are not offered.\n');
  });

  it('changes nothing and exits 130 when the confirmation is declined', async () => {
    await teamAccount();
    const start = h.account.snapshot();
    const { code, stdout, stderr, prompter } = await runInit([], [...OPERATOR_QUESTIONS, [/^Apply these \d+ changes\?$/, ENTER]]);

    expect(code).toBe(130);
    expect(prompter.unused).toEqual([]);
    expect(stdout).toContain('Plan: ');
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('Nothing was changed.');
    expect(h.account.mutatingCalls()).toEqual([]);
    expect(h.account.snapshot()).toEqual(start);
    expect(await h.journals()).toEqual([]);
  });

  it('changes nothing and exits 130 on Ctrl-C at a question', async () => {
    await teamAccount();
    const { code, stdout, stderr } = await runInit([], [...OPERATOR_QUESTIONS.slice(0, 3), ['Allowed source IP ranges', CTRL_C]]);

    expect(code).toBe(130);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('Aborted at a question; nothing was changed.');
    expect(h.account.mutatingCalls()).toEqual([]);
    expect(await h.journals()).toEqual([]);
  });

  it.each([
    ['stdin is not a terminal', { tty: false, env: { CI: undefined } }, 'there is no terminal'],
    ['CI is set', { tty: true, env: { CI: 'true', NO_COLOR: '1' } }, 'CI is set, so nothing is asked'],
  ])('exits 64 instead of waiting for an answer when %s', async (_, options, why) => {
    await teamAccount();
    const { code, stdout, stderr, prompter } = await runInit([], [...OPERATOR_QUESTIONS], options as CliRunOptions);
    expect(code).toBe(64);
    expect(stdout).toBe('');
    expect(stderr).toBe(`error: init needs answers and a confirmation, but ${why}: pass --yes (answer with flags or --config) to apply, or --dry-run to see the plan\n`);
    expect(prompter.asked).toEqual([]);
    expect(h.account.calls).toEqual([]);
  });
});
