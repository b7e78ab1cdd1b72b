/**
 * `personalize-setup rollback` after `init`, against the in-memory account: back to the starting
 * state, a refusal with the diff when someone edited a document since, and `--force`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT, dataBucketAccount, FOREIGN, type CliHarness } from './cli-harness.js';
import { ScriptedPrompter } from '../wizard/scripted-prompter.js';

const LATE = { Sid: 'LateAddition', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::data' };
const INIT = ['init', '--yes', '--bucket', 'data'];

let h: CliHarness;
afterEach(() => h.account.uninstall());

/** A fresh account, its snapshot, then `init --yes`; returns the starting snapshot and the run id. */
async function initialised(): Promise<{ start: ReturnType<CliHarness['account']['snapshot']>; runId: string }> {
  h = await dataBucketAccount();
  const start = h.account.snapshot();
  const init = await h.run(INIT);
  expect(init.code).toBe(0);
  return { start, runId: /rollback --run (\S+)/.exec(init.stdout)![1]! };
}

describe('rollback', () => {
  it('undoes the last run and leaves the account exactly as it was before init', async () => {
    const { start, runId } = await initialised();
    const result = await h.run(['rollback']);

    expect(result.code).toBe(0);
    expect(h.account.snapshot()).toEqual(start);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Rolled back run ${runId}:`);
    expect(lines).toContain('  ↶ Create role PersonalizeRole (arn:aws:iam::123456789012:role/PersonalizeRole)');
    expect(lines.filter((line) => line.startsWith('  ↶ '))).toHaveLength(6);
    expect(result.stderr).toContain('✓ Undo: Create role PersonalizeRole (deleted role PersonalizeRole)\n');

    // Nothing is left to undo: rolling back twice is not an error, and writes nothing.
    const writes = h.account.mutatingCalls().length;
    const again = await h.run(['rollback']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Nothing to undo: run ${runId} has no changes in place.\n`);
    expect(h.account.mutatingCalls()).toHaveLength(writes);
  });

  it('refuses, shows the diff and changes nothing when the bucket policy was edited since the run', async () => {
    const { runId } = await initialised();
    await addLateStatement();
    const edited = h.account.snapshot();
    const writes = h.account.mutatingCalls().length;

    const result = await h.run(['rollback']);
    expect(result.code).toBe(1);
    expect(h.account.snapshot()).toEqual(edited);
    expect(h.account.mutatingCalls()).toHaveLength(writes);
    expect(result.stdout).toContain(`Run ${runId} wrote this document, and it has changed since (- what the run wrote, + what is there now):`);
    expect(result.stdout).toContain('  ~ Add PersonalizeSetupS3Access to the bucket policy of data (keeps 1 other statement) (arn:aws:s3:::data)');
    expect(result.stdout).toContain('      +      "Sid": "LateAddition"');
    expect(result.stdout).toContain('Nothing was changed.');
    expect(result.stderr).toBe(
      `error: Refusing to roll back: 1 document changed since run ${runId} wrote it. Re-run with --force to undo anyway (statements others added to bucket and key policies are kept).\n`,
    );

    const json = await h.run(['rollback', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ command: 'rollback', status: 'refused', runId, undone: [], skipped: [], failed: [] });
    expect(report.drift).toEqual([
      { id: 's3-access/bucket-policy', summary: 'Add PersonalizeSetupS3Access to the bucket policy of data (keeps 1 other statement)', resource: 'arn:aws:s3:::data', diff: expect.stringContaining('\n+      "Sid": "LateAddition"\n') },
    ]);
  });

  it('undoes the run with --force and keeps the statement someone else added', async () => {
    const { start } = await initialised();
    await addLateStatement();

    const result = await h.run(['rollback', '--force', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ command: 'rollback', status: 'rolled-back', drift: [expect.objectContaining({ id: 's3-access/bucket-policy' })] });
    expect(JSON.parse(result.stdout).undone).toHaveLength(6);
    expect(h.account.bucketPolicy('data')).toEqual({ Version: '2012-10-17', Statement: [FOREIGN, LATE] });
    expect(h.account.role('PersonalizeRole')).toBeUndefined();
    expect(h.account.snapshot().users).toEqual(start.users);
  });

  it('reports what it could not undo with the command that finishes it by hand, and exits 1', async () => {
    const { runId } = await initialised();
    h.account.failWhen((call) =>
      call.command === 'DeleteRole' ? Object.assign(new Error('not authorized to perform iam:DeleteRole'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }) : undefined,
    );
    const result = await h.run(['rollback']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`Partly rolled back run ${runId}:`);
    expect(result.stdout).toContain('Could not be undone; finish by hand:\n  ✗ Create role PersonalizeRole: ');
    expect(result.stdout).toContain('    To finish by hand, run: aws iam delete-role --role-name PersonalizeRole');
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual([
      `error: the rollback of run ${runId} is incomplete: 1 change could not be undone`,
    ]);
    expect(h.account.role('PersonalizeRole')).toBeDefined();
  });

  it('on a terminal, lists what would be undone and asks first; declining changes nothing (exit 130)', async () => {
    const { start, runId } = await initialised();
    const applied = h.account.snapshot();
    const declined = new ScriptedPrompter([['Undo these 6 changes?', false]]);
    const tty = { tty: true, env: { CI: undefined, NO_COLOR: '1' } };

    const no = await h.run(['rollback'], { ...tty, overrides: { prompter: declined } });
    expect(no.code).toBe(130);
    expect(declined.asked).toEqual([{ kind: 'confirm', message: 'Undo these 6 changes?', default: false }]);
    expect(no.stdout).toContain(`Run ${runId} (started `);
    expect(no.stdout).toContain('made 6 changes that rollback would undo, in this order:\n  ↶ Add inline policy PersonalizeS3Access on role PersonalizeRole');
    expect(no.stderr.trimEnd().split('\n').at(-1)).toBe('Nothing was changed.');
    expect(h.account.snapshot()).toEqual(applied);

    const yes = await h.run(['rollback'], { ...tty, overrides: { prompter: new ScriptedPrompter([['Undo these 6 changes?', true]]) } });
    expect(yes.code).toBe(0);
    expect(h.account.snapshot()).toEqual(start);
  });
});

/** Someone edits the bucket policy after our run (through the API, as the console would). */
async function addLateStatement(): Promise<void> {
  const { createAws } = await import('../../src/aws/create-aws.js');
  const aws = await createAws({ region: 'eu-west-1' });
  const current = (await aws.s3.getBucketPolicy('data', ACCOUNT))!;
  await aws.s3.putBucketPolicy('data', ACCOUNT, { ...current, Statement: [...current.Statement, LATE as never] });
}
