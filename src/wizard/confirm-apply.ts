/** The two questions around the plan: apply it (default no), and keep the answers for next time. */
import { validateConfigPath } from './questions/config-path.js';
import type { Prompter } from './prompter.js';
import { promptRule } from './questions/prompt-rule.js';

export const SAVE_CONFIG_MESSAGE = 'Save these answers to a file (use it later with --config)?';
export const SAVE_PATH_MESSAGE = 'Save the answers to';

/** `Apply these N changes?` — defaults to no: changing an account takes a deliberate yes. */
export function confirmApply(prompter: Prompter, pendingCount: number): Promise<boolean> {
  const message = pendingCount === 1 ? 'Apply this 1 change?' : `Apply these ${pendingCount} changes?`;
  return prompter.confirm({ message, default: false });
}

/** Offers to save the answers; resolves to the chosen path, or `undefined` when declined. */
export async function offerToSaveConfig(prompter: Prompter, defaultPath = 'personalize-setup.json'): Promise<string | undefined> {
  if (!(await prompter.confirm({ message: SAVE_CONFIG_MESSAGE, default: false }))) return undefined;
  const path = await prompter.input({ message: SAVE_PATH_MESSAGE, default: defaultPath, validate: promptRule(validateConfigPath) });
  return path.trim();
}
