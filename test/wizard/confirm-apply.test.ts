import { describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors.js';
import { confirmApply, offerToSaveConfig } from '../../src/wizard/confirm-apply.js';
import { CTRL_C, ENTER, ScriptedPrompter } from './scripted-prompter.js';

describe('confirmApply', () => {
  it('asks "Apply these N changes?" and says no on Enter', async () => {
    const prompter = new ScriptedPrompter([['Apply', ENTER]]);
    await expect(confirmApply(prompter, 7)).resolves.toBe(false);
    expect(prompter.asked).toEqual([{ kind: 'confirm', message: 'Apply these 7 changes?', default: false }]);
  });

  it('applies only on an explicit yes', async () => {
    const prompter = new ScriptedPrompter([['Apply', true]]);
    await expect(confirmApply(prompter, 1)).resolves.toBe(true);
    expect(prompter.messages).toEqual(['Apply this 1 change?']);
  });

  it('lets Ctrl-C through as an AbortError', async () => {
    await expect(confirmApply(new ScriptedPrompter([['Apply', CTRL_C]]), 2)).rejects.toBeInstanceOf(AbortError);
  });
});

describe('offerToSaveConfig', () => {
  it('returns undefined and asks nothing more when declined (the default)', async () => {
    const prompter = new ScriptedPrompter([['Save these answers', ENTER]]);
    await expect(offerToSaveConfig(prompter, 'personalize-setup.json')).resolves.toBeUndefined();
    expect(prompter.asked).toEqual([
      { kind: 'confirm', message: 'Save these answers to a file (use it later with --config)?', default: false },
    ]);
  });

  it('offers personalize-setup.json as the path', async () => {
    const prompter = new ScriptedPrompter([
      ['Save these answers', true],
      ['Save the answers to', ENTER],
    ]);
    await expect(offerToSaveConfig(prompter, 'personalize-setup.json')).resolves.toBe('personalize-setup.json');
    expect(prompter.asked[1]).toEqual({ kind: 'input', message: 'Save the answers to', default: 'personalize-setup.json' });
  });

  it('takes a typed path, trimmed, and re-asks for a blank one', async () => {
    const prompter = new ScriptedPrompter([
      ['Save these answers', true],
      ['Save the answers to', '   '],
      ['Save the answers to', ' config/prod.json '],
    ]);
    await expect(offerToSaveConfig(prompter, 'personalize-setup.json')).resolves.toBe('config/prod.json');
    expect(prompter.shown).toEqual(['type a file path, e.g. personalize-setup.json']);
  });
});
