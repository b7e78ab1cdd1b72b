import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, ExitCode } from '../../src/errors.js';
import type { FakeAccount } from '../support/fake-account.js';
import { CTRL_C, ENTER, type ScriptLine } from './scripted-prompter.js';
import { installTeamAccount, startWizard } from './wizard-fixture.js';

const BEFORE_THE_BUCKET: ScriptLine[] = [
  ['Who will run Personalize', ENTER],
  ['What may the operators do', ENTER],
  ['Require MFA', ENTER],
  ['Allowed source IP ranges', ENTER],
  ['CloudWatch access', ENTER],
  ['Name of the service role', ENTER],
];

describe('Ctrl-C at a question', () => {
  let account: FakeAccount;
  afterEach(() => account.uninstall());

  it.each([
    ['the first question', [['Who will run Personalize', CTRL_C]] as ScriptLine[]],
    ['the bucket question', [...BEFORE_THE_BUCKET, ['Which S3 bucket', CTRL_C]] as ScriptLine[]],
    ['the new bucket name', [...BEFORE_THE_BUCKET, ['Which S3 bucket', { kind: 'create' }], ['Name of the new bucket', CTRL_C]] as ScriptLine[]],
  ])('at %s aborts with exit 130 and leaves the account exactly as it was', async (_, script) => {
    account = installTeamAccount();
    const before = account.snapshot();
    const { result } = await startWizard(script);

    const error = await result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'Aborted at a question; nothing was changed.', exitCode: ExitCode.aborted });
    expect(account.snapshot()).toEqual(before);
    expect(account.mutatingCalls()).toEqual([]);
  });
});
