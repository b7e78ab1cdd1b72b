import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHelpScreens } from '../../src/cli/render-help-files.js';
import { runCli } from '../../src/cli/run-cli.js';
import { helpScreenFor, HELP_SCREENS, readStaticHelp, STATIC_HELP_WIDTH } from '../../src/cli/static-help.js';
import { fakeContext } from './fake-context.js';

describe('static help screens', () => {
  it('are exactly what commander prints for --help, for every screen', async () => {
    const screens = renderHelpScreens();
    expect(Object.keys(screens).sort()).toEqual([...HELP_SCREENS].sort());
    for (const name of HELP_SCREENS) {
      const recorded = fakeContext();
      recorded.ctx.stdout.columns = STATIC_HELP_WIDTH;
      const argv = name === 'personalize-setup' ? ['--help'] : [name, '--help'];
      expect(await runCli(argv, recorded.ctx)).toBe(0);
      expect(screens[name]).toBe(recorded.stdout());
    }
  });

  it('are used only for a bare help request', () => {
    expect(helpScreenFor(['--help'])).toBe('personalize-setup');
    expect(helpScreenFor(['-h'])).toBe('personalize-setup');
    expect(helpScreenFor(['plan', '--help'])).toBe('plan');
    expect(helpScreenFor(['rollback', '-h'])).toBe('rollback');
    expect(helpScreenFor(['plan', '--bucket', 'x', '--help'])).toBeUndefined();
    expect(helpScreenFor(['nope', '--help'])).toBeUndefined();
    expect(helpScreenFor(['personalize-setup', '--help'])).toBeUndefined();
    expect(helpScreenFor([])).toBeUndefined();
  });

  it('fall back to commander when the file is missing or the terminal is narrower', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'static-help-'));
    try {
      const bundleUrl = pathToFileURL(join(dir, 'cli.js')).href;
      expect(readStaticHelp('plan', bundleUrl, undefined)).toBeUndefined();
      await mkdir(join(dir, 'help'));
      await writeFile(join(dir, 'help', 'plan.txt'), 'Usage: personalize-setup plan\n');
      expect(readStaticHelp('plan', bundleUrl, undefined)).toBe('Usage: personalize-setup plan\n');
      expect(readStaticHelp('plan', bundleUrl, 120)).toBe('Usage: personalize-setup plan\n');
      expect(readStaticHelp('plan', bundleUrl, 80)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
