/**
 * Keeping the answers for next time: `--save-config FILE` writes them; an interactive run without
 * `--config` offers to. The file is what `--config` reads (mode 0600).
 */
import { writeConfigFile } from '../config/config-file.js';
import type { AwsOptions, SetupConfig } from '../config/setup-config.js';
import { SetupError } from '../errors.js';
import type { Io } from '../io.js';
import { offerToSaveConfig } from '../wizard/confirm-apply.js';
import type { Prompter } from '../wizard/prompter.js';
import { shellQuote } from '../config/to-command-line.js';

export interface SaveAnswersInput {
  setup: SetupConfig;
  aws: AwsOptions;
  io: Io;
  /** `--save-config FILE`. */
  path: string | undefined;
  /** Present when the run is interactive: then, without `--config` or `--save-config`, we ask. */
  prompter: Prompter | undefined;
  /** `--config`: the answers already live in a file. */
  configPath: string | undefined;
}

export async function saveAnswers(input: SaveAnswersInput): Promise<void> {
  const path = input.path ?? (input.prompter && input.configPath === undefined ? await offerToSaveConfig(input.prompter) : undefined);
  if (path === undefined) return;
  try {
    await writeConfigFile(path, { setup: input.setup, aws: input.aws });
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    // Exit 1 for a file the user asked for, but say plainly that the run itself went through.
    throw new SetupError(`the run is complete, but the answers were not saved: ${error.message}`, error.exitCode, error.suggestion);
  }
  input.io.info(`Saved the answers to ${path}; reuse them with: npx personalize-setup init --config ${shellQuote(path)}`);
}
