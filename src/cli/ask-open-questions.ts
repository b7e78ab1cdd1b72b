/** The wizard as `init` runs it: only what flags and `--config` left open, checked like flags are. */
import type { Aws } from '../aws/api.js';
import { assertCompatibleChoices, type ResolvedConfig } from '../config/resolve-config.js';
import type { SetupConfig } from '../config/setup-config.js';
import type { Io } from '../io.js';
import type { Prompter } from '../wizard/prompter.js';
import { runWizard } from '../wizard/run-wizard.js';

export async function askOpenQuestions(input: { prompter: Prompter; aws: Aws; io: Io; resolved: ResolvedConfig }): Promise<SetupConfig> {
  const { resolved, io } = input;
  const answered = new Set(resolved.answered);
  if (resolved.setup.roleAccess === 'custom' && !(answered.has('requireMfa') && answered.has('allowedCidrs'))) {
    // The role shares the operator policy, and Personalize's own calls could never meet MFA or
    // IP conditions: asking for them would only lead to a refusal.
    io.info('With --role-access custom the service role shares the operator policy, so MFA and IP conditions are not offered.');
    answered.add('requireMfa');
    answered.add('allowedCidrs');
  }
  const setup = await runWizard({ prompter: input.prompter, aws: input.aws, io, config: resolved.setup, answered });
  assertCompatibleChoices(setup);
  return setup;
}
