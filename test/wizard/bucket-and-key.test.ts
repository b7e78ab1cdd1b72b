import { afterEach, describe, expect, it } from 'vitest';
import type { SetupConfig } from '../../src/config/setup-config.js';
import { personalizeFirst } from '../../src/wizard/questions/bucket.js';
import type { FakeAccount } from '../support/fake-account.js';
import { ENTER } from './scripted-prompter.js';
import { installTeamAccount, startWizard } from './wizard-fixture.js';

/** Only the bucket and key questions stay open. */
const EARLIER: (keyof SetupConfig)[] = ['attachTo', 'access', 'requireMfa', 'allowedCidrs', 'viewOwnPermissions', 'cloudwatch', 'roleName', 's3Access', 'denyInsecureTransport'];

describe('bucket and key', () => {
  let account: FakeAccount;
  afterEach(() => account.uninstall());

  it('lists buckets with "personalize" in the name first, then create and skip', async () => {
    account = installTeamAccount();
    account.addBucket('Personalize-is-not-valid'.toLowerCase());
    const { prompter, result } = await startWizard(
      [
        ['Which S3 bucket', ENTER],
        ['Which KMS key', ENTER],
      ],
      { answered: EARLIER },
    );
    await expect(result).resolves.toMatchObject({ bucket: 'my-personalize-data', kmsKey: undefined });
    expect(prompter.asked[0]?.choices).toEqual([
      'my-personalize-data',
      'personalize-is-not-valid',
      'zz-personalize-exports',
      'analytics-logs',
      'Create a new bucket',
      'Skip S3 for now',
    ]);
  });

  it('offers a search instead of a list when the account has more than 15 buckets', async () => {
    account = installTeamAccount();
    for (let i = 1; i <= 13; i++) account.addBucket(`logs-${String(i).padStart(2, '0')}`);
    const { prompter, result } = await startWizard(
      [
        ['Which S3 bucket', { term: 'zz', value: { kind: 'existing', name: 'zz-personalize-exports' } }],
        ['Which KMS key', ENTER],
      ],
      { answered: EARLIER },
    );
    await expect(result).resolves.toMatchObject({ bucket: 'zz-personalize-exports', createBucket: false });
    expect(prompter.asked[0]).toMatchObject({ kind: 'search', message: 'Which S3 bucket holds your Personalize data? (type to filter)' });
    expect(prompter.asked[0]?.choices?.slice(0, 3)).toEqual(['my-personalize-data', 'zz-personalize-exports', 'analytics-logs']);
    expect(prompter.asked[0]?.choices?.slice(-2)).toEqual(['Create a new bucket', 'Skip S3 for now']);
  });

  it('proposes the customer managed key that encrypts the chosen bucket, and says why', async () => {
    account = installTeamAccount();
    const key = account.addKey({ aliases: ['alias/recs-data'] });
    account.addBucket('encrypted-personalize-data', { encryption: { algorithm: 'aws:kms', kmsKeyId: key.arn } });
    const { prompter, io, result } = await startWizard(
      [
        ['Which S3 bucket', { kind: 'existing', name: 'encrypted-personalize-data' }],
        ['Which KMS key', ENTER],
      ],
      { answered: EARLIER },
    );
    await expect(result).resolves.toMatchObject({ bucket: 'encrypted-personalize-data', kmsKey: 'alias/recs-data' });
    expect(prompter.asked[1]).toMatchObject({ default: 'alias/recs-data' });
    expect(prompter.asked[1]?.choices).toEqual(expect.arrayContaining(['None', 'alias/personalize', 'alias/recs-data']));
    expect(io.lines).toContain(
      'info: Bucket encrypted-personalize-data is encrypted with the customer managed key alias/recs-data: Personalize needs access to it to read your data, so it is proposed below.',
    );
  });

  it('offers the bucket key by ARN when it has no alias', async () => {
    account = installTeamAccount();
    const key = account.addKey({ aliases: [] });
    account.addBucket('personalize-cmk', { encryption: { algorithm: 'aws:kms', kmsKeyId: key.arn } });
    const { prompter, result } = await startWizard(
      [
        ['Which S3 bucket', { kind: 'existing', name: 'personalize-cmk' }],
        ['Which KMS key', ENTER],
      ],
      { answered: EARLIER },
    );
    await expect(result).resolves.toMatchObject({ kmsKey: key.arn });
    expect(prompter.asked[1]?.choices).toEqual(['None', 'alias/personalize', key.arn]);
  });

  it('proposes no key for a bucket encrypted with S3-managed keys', async () => {
    account = installTeamAccount();
    account.addBucket('sse-s3-personalize', { encryption: { algorithm: 'AES256' } });
    const { prompter, result } = await startWizard(
      [
        ['Which S3 bucket', { kind: 'existing', name: 'sse-s3-personalize' }],
        ['Which KMS key', ENTER],
      ],
      { answered: EARLIER },
    );
    await expect(result).resolves.toMatchObject({ kmsKey: undefined });
    expect(prompter.asked[1]).toMatchObject({ default: '' });
  });

  it('skips the key question when the account has no customer managed key', async () => {
    account = installTeamAccount();
    account.uninstall();
    account = (await import('../support/fake-account.js')).FakeAccount.install({ region: 'eu-west-1' });
    const { prompter, io, result } = await startWizard([['Which S3 bucket', { kind: 'skip' }]], { answered: EARLIER });
    await expect(result).resolves.toMatchObject({ bucket: undefined, kmsKey: undefined });
    expect(prompter.messages).toEqual(['Which S3 bucket holds your Personalize data?']);
    expect(io.lines).toContain('info: No customer managed KMS keys found: KMS is skipped (name one later with --kms-key).');
  });
});

describe('personalizeFirst', () => {
  it('moves names containing "personalize" (any case) to the front, keeping the order within each group', () => {
    expect(personalizeFirst(['a', 'b-personalize', 'c', 'PERSONALIZE-d'])).toEqual(['b-personalize', 'PERSONALIZE-d', 'a', 'c']);
  });
});
