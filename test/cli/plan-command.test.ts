/**
 * `personalize-setup plan` run in-process against the in-memory account: what the user reads on
 * stdout and stderr, the `--json` contract and the exit codes. Planning never writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { serviceRoleTrustPolicy } from '../../src/policies/index.js';
import { ACCOUNT, dataBucketAccount, REGION, ROLE_ARN, SUMMARIES, type CliHarness } from './cli-harness.js';


let h: CliHarness;
afterEach(() => h.account.uninstall());

async function freshAccount(): Promise<CliHarness> {
  h = await dataBucketAccount();
  return h;
}

describe('plan', () => {
  it('shows every change of a fresh account, the documents, the footer and the role ARN, and writes nothing', async () => {
    await freshAccount();
    const result = await h.run(['plan', '--bucket', 'data']);

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Plan for account ${ACCOUNT} in ${REGION} (as arn:aws:iam::${ACCOUNT}:user/alice)`);
    expect(lines.filter((line) => ['Operator access', 'Service role', 'S3 access'].includes(line))).toEqual(['Operator access', 'Service role', 'S3 access']);
    // One line per change, with its symbol and resource.
    expect(lines).toContain(`  + Create role PersonalizeRole (${ROLE_ARN})`);
    expect(lines).toContain(`  → Attach PersonalizeOperatorAccess to user alice (arn:aws:iam::${ACCOUNT}:policy/PersonalizeOperatorAccess)`);
    expect(lines).toContain('  ± Add PersonalizeSetupS3Access to the bucket policy of data (keeps 1 other statement) (arn:aws:s3:::data)');
    for (const summary of SUMMARIES) expect(result.stdout).toContain(`${summary} (`);
    // The created role's trust policy, in full, under its change.
    const trust = JSON.stringify(serviceRoleTrustPolicy({ partition: 'aws', account: ACCOUNT, region: REGION }), null, 2);
    expect(result.stdout).toContain(trust.split('\n').map((line) => `      ${line}`).join('\n'));
    expect(lines.slice(-3)).toEqual(['Plan: 6 changes (0 already in place).', `Service role: ${ROLE_ARN}`, '']);

    expect(result.stderr).toBe(`✓ Reading account in ${REGION} (${ACCOUNT})\n`);
    expect(h.account.mutatingCalls()).toEqual([]);
    expect(await h.journals()).toEqual([]);
  });

  it('shows a changed bucket policy as a diff in which our statement is added whole and the others are kept', async () => {
    await freshAccount();
    const { stdout } = await h.run(['plan', '--bucket', 'data']);
    const block = stdout.slice(stdout.indexOf('  ± Add PersonalizeSetupS3Access'), stdout.indexOf('  ± Add inline policy'));
    const added = block.split('\n').filter((line) => line.startsWith('      +'));
    expect(added[0]).toBe('      +    {');
    expect(added.at(-1)).toBe('      +    },');
    expect(added).toContain('      +      "Sid": "PersonalizeSetupS3Access"');
    expect(block).toContain('             "Sid": "AnalyticsRead"');
    expect(block.split('\n').filter((line) => line.startsWith('      -'))).toEqual([]);
  });

  it('prints exactly one JSON document with --json, as the contract says', async () => {
    await freshAccount();
    const result = await h.run(['plan', '--bucket', 'data', '--json']);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['command', 'account', 'region', 'partition', 'callerArn', 'roleArn', 'pendingChanges', 'errors', 'warnings', 'steps']);
    expect(json).toMatchObject({
      command: 'plan',
      account: ACCOUNT,
      region: REGION,
      partition: 'aws',
      callerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      roleArn: ROLE_ARN,
      pendingChanges: 6,
      errors: [],
      warnings: [],
    });
    expect(json.steps.map((s: { step: string }) => s.step)).toEqual(['operator-access', 'service-role', 's3-access']);
    for (const step of json.steps) expect(Object.keys(step)).toEqual(['step', 'title', 'changes', 'notes', 'warnings', 'errors']);
    const changes = json.steps.flatMap((s: { changes: unknown[] }) => s.changes);
    expect(changes.map((c: { summary: string }) => c.summary)).toEqual(SUMMARIES);
    expect(changes.find((c: { id: string }) => c.id === 'service-role/create-role')).toMatchObject({
      step: 'service-role',
      action: 'create',
      resource: ROLE_ARN,
      after: serviceRoleTrustPolicy({ partition: 'aws', account: ACCOUNT, region: REGION }),
      operation: { kind: 'createRole', name: 'PersonalizeRole', path: '/' },
    });
  });

  it('exits 2 with --detailed-exitcode while changes are pending, and 0 once init has applied them', async () => {
    await freshAccount();
    expect((await h.run(['plan', '--bucket', 'data', '--detailed-exitcode'])).code).toBe(2);
    expect((await h.run(['plan', '--bucket', 'data'])).code).toBe(0);
    expect((await h.run(['init', '--yes', '--bucket', 'data'])).code).toBe(0);

    const after = await h.run(['plan', '--bucket', 'data', '--detailed-exitcode']);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('  ✓ Role PersonalizeRole exists and trusts Amazon Personalize');
    expect(after.stdout.split('\n').slice(-3)).toEqual(['No changes: everything is already set up.', `Service role: ${ROLE_ARN}`, '']);
  });

  it('lists the errors, exits 1 and says nothing was changed when the plan has errors', async () => {
    await freshAccount();
    const result = await h.run(['plan', '--attach-to', 'user:ghost', '--detailed-exitcode']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`  ✗ User ghost does not exist in account ${ACCOUNT}: create it or fix --attach-to.`);
    expect(result.stdout).toContain('1 error (above) must be fixed before anything is applied.');
    expect(result.stderr.split('\n').slice(-2)).toEqual(['error: the plan has 1 error (listed above); nothing was changed.', '']);

    const json = await h.run(['plan', '--attach-to', 'user:ghost', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).errors).toEqual([`User ghost does not exist in account ${ACCOUNT}: create it or fix --attach-to.`]);
    expect(json.stderr).toBe('error: the plan has 1 error (see "errors" in the JSON); nothing was changed.\n');
    expect(h.account.mutatingCalls()).toEqual([]);
  });

  it('rejects bad input with exit 64 before creating any AWS client', async () => {
    await freshAccount();
    let created = 0;
    const result = await h.run(['plan', '--bucket', 'Bad_Bucket'], {
      overrides: {
        createAws: async () => {
          created++;
          throw new Error('must not be called');
        },
      },
    });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/^error: invalid --bucket "Bad_Bucket": /);
    expect(created).toBe(0);
    expect(h.account.calls).toEqual([]);
  });
});
