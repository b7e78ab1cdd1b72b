/**
 * The one module that touches inquirer. The wizard talks to the `Prompter` interface so
 * tests can script answers; inquirer itself is imported lazily, inside each call, so that
 * `--help`, `policies` and every non-interactive run never load it.
 */
import { AbortError } from '../errors.js';

/** One entry of a pick list. */
export interface Choice<T> {
  /** What the user reads. */
  name: string;
  value: T;
  /** One line shown under the list while the entry is highlighted. */
  description?: string;
  /** Pre-ticked in a checkbox. Default false. */
  checked?: boolean;
}

/**
 * The questions the wizard can ask. A `validate` returning a string rejects the answer and shows
 * that string (the rule the value breaks); the question is then asked again.
 */
export interface Prompter {
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(q: { message: string; choices: Choice<T>[]; validate?: (v: T[]) => true | string }): Promise<T[]>;
  search<T>(q: { message: string; source: (term: string | undefined) => Choice<T>[] | Promise<Choice<T>[]> }): Promise<T>;
  input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
}

/** Shown when the user presses Ctrl-C at a question: nothing has been written to AWS yet. */
export const ABORTED_AT_QUESTION = 'Aborted at a question; nothing was changed.';

type PromptStreams = { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream };

/**
 * A Prompter over inquirer's prompts. Questions go to `output` (default stderr) so stdout stays
 * for results; Ctrl-C becomes an `AbortError` (exit 130).
 */
export function createInquirerPrompter(streams: PromptStreams = {}): Prompter {
  const context = { input: streams.input ?? process.stdin, output: streams.output ?? process.stderr };
  const inquirer = () => import('./inquirer-prompts.js');

  return {
    select: (q) =>
      ask(async () => (await inquirer()).select({ message: q.message, choices: q.choices, default: q.default }, context)),
    checkbox: <T>(q: { message: string; choices: Choice<T>[]; validate?: (v: T[]) => true | string }) =>
      ask(async () => {
        const { checkbox } = await inquirer();
        const validate = q.validate;
        return checkbox<T>(
          {
            message: q.message,
            choices: q.choices,
            ...(validate ? { validate: (picked: readonly { value: T }[]) => validate(picked.map((c) => c.value)) } : {}),
          },
          context,
        );
      }),
    search: (q) =>
      ask(async () => (await inquirer()).search({ message: q.message, source: (term) => q.source(term) }, context)),
    input: (q) =>
      ask(async () =>
        (await inquirer()).input(
          { message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) },
          context,
        ),
      ),
    confirm: (q) =>
      ask(async () =>
        (await inquirer()).confirm(
          { message: q.message, ...(q.default !== undefined ? { default: q.default } : {}) },
          context,
        ),
      ),
  };
}

/** Runs one prompt, turning inquirer's Ctrl-C error into our AbortError. */
async function ask<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (error) {
    // Matched by name: ExitPromptError lives in @inquirer/core, which we do not import directly.
    if (error instanceof Error && error.name === 'ExitPromptError') throw new AbortError(ABORTED_AT_QUESTION);
    throw error;
  }
}
