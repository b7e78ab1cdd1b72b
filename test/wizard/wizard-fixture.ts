/**
 * Runs the wizard as `init` does — real adapters over the SDK clients, answered by a script —
 * against the in-memory FakeAccount, so tests observe questions, lines told and AWS calls.
 */
import { createAws } from '../../src/aws/create-aws.js';
import { defaultConfig, type SetupConfig } from '../../src/config/setup-config.js';
import { runWizard } from '../../src/wizard/run-wizard.js';
import { FakeAccount } from '../support/fake-account.js';
import { RecordingIo } from './recording-io.js';
import { ScriptedPrompter, type ScriptLine } from './scripted-prompter.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const ADMIN_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`;

export interface WizardRun {
  prompter: ScriptedPrompter;
  io: RecordingIo;
  result: Promise<SetupConfig>;
}

/** Starts the wizard; await `result`. `config`/`answered` play the flags' part. */
export async function startWizard(
  script: ScriptLine[],
  options: { config?: Partial<SetupConfig>; answered?: (keyof SetupConfig)[] } = {},
): Promise<WizardRun> {
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKEFAKE';
  process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
  const aws = await createAws({ region: REGION, sleep: async () => {} });
  const prompter = new ScriptedPrompter(script);
  const io = new RecordingIo();
  const result = runWizard({
    prompter,
    aws,
    io,
    config: { ...defaultConfig(), ...options.config },
    answered: new Set(options.answered ?? []),
  });
  return { prompter, io, result };
}

/**
 * A small team account: users alice and bob, group ml-team, role Admin, three buckets and a key
 * aliased alias/personalize. The caller (default: a session of role Admin) is one of them or root.
 */
export function installTeamAccount(callerArn = ADMIN_SESSION, callerPath?: string): FakeAccount {
  // FakeAccount creates a user or assumed-role caller itself.
  const account = FakeAccount.install({ region: REGION, callerArn, ...(callerPath ? { callerPath } : {}) });
  const isCaller = (kind: 'user' | 'assumed-role', name: string) => callerArn.includes(`:${kind}/${name}`);
  for (const user of ['alice', 'bob']) if (!isCaller('user', user)) account.addUser(user);
  account.addGroup('ml-team');
  if (!isCaller('assumed-role', 'Admin')) account.addRole('Admin', { path: '/' });
  account.addBucket('analytics-logs');
  account.addBucket('my-personalize-data');
  account.addBucket('zz-personalize-exports');
  account.addKey({ aliases: ['alias/personalize'] });
  return account;
}
