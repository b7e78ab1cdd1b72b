import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AbortError, ExitCode } from '../../src/errors.js';
import { createInquirerPrompter } from '../../src/wizard/prompter.js';

/** inquirer over in-memory streams: keys go in through `input`, the rendered question comes out of `output`. */
function terminal() {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  // Strip colours and cursor moves so assertions read the visible text.
  const visible = () => screen.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  /** Types once `text` is on screen: inquirer listens only after it has rendered (and loaded). */
  const typeAfter = async (text: string, keys: string) => {
    for (let waited = 0; !visible().includes(text); waited += 5) {
      if (waited > 5_000) throw new Error(`"${text}" never appeared; screen: ${visible()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    input.write(keys);
  };
  return { prompter: createInquirerPrompter({ input, output }), typeAfter, visible, input };
}

describe('createInquirerPrompter', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('writes the question to its output stream and re-asks with the rule a validator returns', async () => {
    const t = terminal();
    cleanup = () => t.input.end();
    const answer = t.prompter.input({ message: 'Role name', default: 'PersonalizeRole', validate: (v) => (v.includes(' ') ? 'no spaces' : true) });
    await t.typeAfter('Role name', 'my role\r');
    await t.typeAfter('no spaces', `${'\u007f'.repeat('my role'.length)}MyRole\r`); // backspace over the rejected answer
    await expect(answer).resolves.toBe('MyRole');
    expect(t.visible()).toContain('Role name');
    expect(t.visible()).toContain('no spaces');
  });

  it('returns the value of the chosen entry of a select', async () => {
    const t = terminal();
    cleanup = () => t.input.end();
    const answer = t.prompter.select({
      message: 'Access',
      choices: [
        { name: 'custom', value: 'custom' },
        { name: 'managed', value: 'managed' },
      ],
    });
    await t.typeAfter('Access', '\u001b[B'); // arrow down
    await t.typeAfter('❯ managed', '\r');
    await expect(answer).resolves.toBe('managed');
  });

  it('takes the default of a confirm on Enter', async () => {
    const t = terminal();
    cleanup = () => t.input.end();
    const answer = t.prompter.confirm({ message: 'Apply these 3 changes?', default: false });
    await t.typeAfter('Apply these', '\r');
    await expect(answer).resolves.toBe(false);
    expect(t.visible()).toContain('Apply these 3 changes? (y/N)');
  });

  it('turns Ctrl-C into an AbortError (exit 130) with one calm line', async () => {
    const t = terminal();
    cleanup = () => t.input.end();
    const answer = t.prompter.confirm({ message: 'Require MFA?', default: false });
    await t.typeAfter('Require MFA?', '\u0003');
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ message: 'Aborted at a question; nothing was changed.', exitCode: ExitCode.aborted });
  });
});
