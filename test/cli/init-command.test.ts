/**
 * `personalize-setup init` without questions (`--yes`, `--dry-run`, `--json`) against the
 * in-memory account: the account state afterwards, what the user reads, the journal, and that a
 * failure or Ctrl-C at any point leaves the account exactly as it was.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RUN_ID_PATTERN } from '../../src/engine/run-id.js';
import { ACCOUNT, dataBucketAccount, FOREIGN, REGION, ROLE_ARN, SUMMARIES, type CliHarness } from './cli-harness.js';

const OPERATOR_ARN = `arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess`;
const FULL_ACCESS = 'arn:aws:iam::aws:policy/service-role/AmazonPersonalizeFullAccess';
const INIT = ['init', '--yes', '--bucket', 'data'];

let h: CliHarness;
afterEach(() => h.account.uninstall());

async function freshAccount(): Promise<CliHarness> {
  h = await dataBucketAccount();
  return h;
}

/** The run id the summary's undo command names. */
function runIdIn(stdout: string): string {
  const match = /rollback --run (\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no rollback command in:\n${stdout}`);
  return match[1];
}

describe('init --yes', () => {
  it('applies the plan, then prints what changed, the role ARN, the undo command and the command line', async () => {
    await freshAccount();
    const result = await h.run(INIT);

    expect(result.code).toBe(0);
    expect(h.account.role('PersonalizeRole')).toMatchObject({ arn: ROLE_ARN, attached: [FULL_ACCESS], tags: { 'managed-by': 'personalize-setup' } });
    expect(Object.keys(h.account.role('PersonalizeRole')!.inline)).toEqual(['PersonalizeS3Access']);
    expect(h.account.attachedPolicies('user', 'alice')).toEqual([OPERATOR_ARN]);
    expect(h.account.bucketPolicy('data')).toMatchObject({ Statement: [FOREIGN, expect.objectContaining({ Sid: 'PersonalizeSetupS3Access' })] });

    const lines = result.stdout.split('\n');
    const runId = runIdIn(result.stdout);
    expect(runId).toMatch(RUN_ID_PATTERN);
    expect(lines).toContain(`Applied 6 changes (run ${runId}):`);
    // The role ARN alone on its line, ready to copy.
    expect(lines).toContain(ROLE_ARN);
    expect(lines).toContain(`  npx personalize-setup rollback --run ${runId} --region ${REGION} --state-dir ${h.stateDir}`);
    expect(lines).toContain(`  npx personalize-setup init --yes --region ${REGION} --bucket data`);
    expect(result.stdout).toContain('aws personalize create-dataset-group');
    expect(result.stdout).toContain(`--data-source dataLocation=s3://data/YOUR-DATA.csv --role-arn ${ROLE_ARN}`);
    // Progress on stderr, one line per change.
    for (const summary of SUMMARIES) expect(result.stderr).toContain(`✓ ${summary}\n`);
    expect(await h.journals()).toEqual([`${runId}.json`]);
  });

  it('makes no write and no journal the second time, and says there is nothing to change', async () => {
    await freshAccount();
    expect((await h.run(INIT)).code).toBe(0);
    const writes = h.account.mutatingCalls().length;
    const journals = await h.journals();

    const again = await h.run(INIT);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes: everything is already set up.\n');
    expect(again.stdout).not.toContain('Applied');
    expect(h.account.mutatingCalls()).toHaveLength(writes);
    expect(await h.journals()).toEqual(journals);
  });

  it.each([1, 2, 3, 4, 5, 6])('rolls back to the exact starting state when the write of change %i of 6 fails', async (k) => {
    await freshAccount();
    const start = h.account.snapshot();
    h.account.failMutatingCall(k);
    const result = await h.run(INIT);

    expect(result.code).toBe(1);
    expect(h.account.snapshot()).toEqual(start);
    const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errorLines).toHaveLength(1);
    const undone = k === 1 ? 'it was the first change, so nothing was changed' : `undid the ${k - 1} completed change${k === 2 ? '' : 's'}`;
    expect(errorLines[0]).toMatch(new RegExp(`^error: change ${k} of 6 \\(${escape(SUMMARIES[k - 1]!)}\\) failed: .*ServiceUnavailable.*; ${undone}$`));
    expect(result.stdout).toContain(`Change ${k} of 6 failed: ${SUMMARIES[k - 1]}`);
  });

  it('keeps what was done with --no-rollback, and names the command that undoes it', async () => {
    await freshAccount();
    const start = h.account.snapshot();
    h.account.failMutatingCall(3);
    const result = await h.run([...INIT, '--no-rollback']);

    expect(result.code).toBe(1);
    expect(h.account.attachedPolicies('user', 'alice')).toEqual([OPERATOR_ARN]);
    const stderr = result.stderr.split('\n');
    expect(stderr).toContain(`error: change 3 of 6 (Create role PersonalizeRole) failed: ${stderr.find((l) => l.startsWith('✗ Create role'))!.slice('✗ Create role PersonalizeRole: '.length).replace(/\.$/, '')}; kept the 2 completed changes (--no-rollback)`);
    const undo = stderr.find((line) => line.startsWith('  → undo them with: '))!.slice('  → undo them with: '.length);
    expect(undo).toMatch(/^npx personalize-setup rollback --run \S+ --region eu-west-1 --state-dir /);

    const rollback = await h.run(['rollback', '--run', runIdIn(undo)]);
    expect(rollback.code).toBe(0);
    expect(h.account.snapshot()).toEqual(start);
  });

  it('stops after the change in flight on Ctrl-C, rolls back and exits 130', async () => {
    await freshAccount();
    const start = h.account.snapshot();
    let press: (() => void) | undefined;
    let unsubscribed = false;
    // Ctrl-C arrives while the third write (CreateRole) is in flight.
    let writes = 0;
    h.account.failWhen((call) => {
      if (!/^(Get|List|Head|Describe)/.test(call.command) && ++writes === 3) press?.();
      return undefined;
    });
    const result = await h.run(INIT, {
      overrides: {
        onInterrupt: (listener) => {
          press = listener;
          return () => {
            unsubscribed = true;
          };
        },
      },
    });

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopping after the current change, then rolling back…\n');
    expect(result.stderr).toContain('✓ Create role PersonalizeRole\n');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('Aborted: undid the 3 completed changes.');
    expect(result.stdout).toContain('Stopped by Ctrl-C after 3 completed changes.');
    expect(h.account.snapshot()).toEqual(start);
    expect(unsubscribed).toBe(true);
  });
});

describe('init without --yes', () => {
  it('refuses with exit 64 and calls nothing when there is no terminal to ask on', async () => {
    await freshAccount();
    let created = 0;
    const result = await h.run(['init', '--bucket', 'data'], {
      overrides: {
        createAws: async () => {
          created++;
          throw new Error('must not be called');
        },
      },
    });
    expect(result).toEqual({
      code: 64,
      stdout: '',
      stderr:
        'error: init needs answers and a confirmation, but there is no terminal: pass --yes (answer with flags or --config) to apply, or --dry-run to see the plan\n',
    });
    expect(created).toBe(0);
    expect(h.account.calls).toEqual([]);
  });

  it('shows the plan and changes nothing with --dry-run', async () => {
    await freshAccount();
    const result = await h.run(['init', '--dry-run', '--bucket', 'data']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan: 6 changes (0 already in place).\n');
    expect(result.stdout).toContain(`Dry run: nothing was changed. To apply:\n  npx personalize-setup init --yes --region ${REGION} --bucket data\n`);
    expect(h.account.mutatingCalls()).toEqual([]);
    expect(await h.journals()).toEqual([]);
  });
});

describe('init --json', () => {
  it('prints one document with the plan, the run and the command line', async () => {
    await freshAccount();
    const result = await h.run([...INIT, '--json']);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['command', 'status', 'runId', 'journalPath', 'roleArn', 'plan', 'applied', 'undone', 'skipped', 'failed', 'notUndone', 'commandLine']);
    expect(json).toMatchObject({ command: 'init', status: 'applied', roleArn: ROLE_ARN, undone: [], skipped: [], failed: null, notUndone: [] });
    expect(json.runId).toMatch(RUN_ID_PATTERN);
    expect(json.journalPath).toBe(join(h.stateDir, 'runs', `${ACCOUNT}-${REGION}`, `${json.runId}.json`));
    expect(JSON.parse(await readFile(json.journalPath, 'utf8'))).toMatchObject({ runId: json.runId, status: 'applied' });
    expect(json.plan).toMatchObject({ command: 'plan', account: ACCOUNT, pendingChanges: 6, errors: [] });
    expect(json.applied).toEqual(
      json.plan.steps.flatMap((s: { changes: { id: string; summary: string; resource: string }[] }) => s.changes.map(({ id, summary, resource }) => ({ id, summary, resource }))),
    );
    expect(json.commandLine).toBe(`npx personalize-setup init --yes --region ${REGION} --bucket data`);
  });

  it('reports a failed run with the failed change, what was undone, and exit 1', async () => {
    await freshAccount();
    h.account.failMutatingCall(4);
    const result = await h.run([...INIT, '--json']);

    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.status).toBe('rolled-back');
    expect(json.failed).toMatchObject({ id: 'service-role/attach/role:PersonalizeRole', summary: SUMMARIES[3], index: 4, total: 6, awsCode: 'ServiceUnavailable' });
    expect(json.undone.map((c: { summary: string }) => c.summary)).toEqual(SUMMARIES.slice(0, 3).reverse());
    expect(json.applied).toEqual([]);
    expect(result.stderr).toMatch(/^error: change 4 of 6 \(Attach AmazonPersonalizeFullAccess to role PersonalizeRole\) failed: .*; undid the 3 completed changes$/m);
  });

  it('says nothing-to-do, dry-run and plan-errors in the status', async () => {
    await freshAccount();
    const dry = JSON.parse((await h.run(['init', '--dry-run', '--json', '--bucket', 'data'])).stdout);
    expect(dry).toMatchObject({ status: 'dry-run', runId: null, journalPath: null, applied: [], failed: null });
    const bad = await h.run(['init', '--yes', '--json', '--attach-to', 'user:ghost']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'plan-errors', runId: null, plan: { errors: [expect.stringContaining('User ghost does not exist')] } });
    await h.run(INIT);
    expect(JSON.parse((await h.run([...INIT, '--json'])).stdout)).toMatchObject({ status: 'nothing-to-do', runId: null, applied: [] });
    expect((await h.run(['init', '--json', '--bucket', 'data'])).code).toBe(64);
  });
});

describe('init --save-config', () => {
  it('writes the answers used (mode 0600) as a file that --config reads back', async () => {
    await freshAccount();
    const file = join(h.stateDir, 'answers.json');
    const result = await h.run([...INIT, '--s3-access', 'read', '--save-config', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Saved the answers to ${file}; reuse them with: npx personalize-setup init --config ${file}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ bucket: 'data', s3Access: 'read', attachTo: [], region: REGION });

    const again = await h.run(['init', '--yes', '--config', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes: everything is already set up.');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
