import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/report-error.js';
import { AbortError, AwsError, ExitCode, SetupError, UsageError } from '../../src/errors.js';
import packageJson from '../../package.json' with { type: 'json' };
import { fakeContext, run } from './fake-context.js';

describe('runCli', () => {
  it('prints help on stdout and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const command of ['init', 'plan', 'rollback', 'policies']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each(['init', 'plan', 'rollback', 'policies'])('describes every option of %s with its default', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    // One entry per option: its first line plus the wrapped continuation lines.
    const options = result.stdout
      .split('Options:\n')[1]!
      .split(/\n(?= {2}-)/)
      .map((entry) => entry.replace(/\s+/g, ' ').trim())
      .filter((entry) => !entry.startsWith('-h, --help'));
    expect(options.length).toBeGreaterThan(5);
    for (const option of options) expect(option).toMatch(/\((default: [^)]+|required[^)]*)\)$/);
  });

  it('prints the version of package.json', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it('shows help on stderr and exits 64 without a command', async () => {
    const result = await run([]);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Usage: personalize-setup [options] [command]');
  });
});

describe('reportError', () => {
  function report(error: unknown, env: Record<string, string> = {}): { code: number; stderr: string } {
    const recorded = fakeContext({ env });
    const code = reportError(error, recorded.ctx);
    return { code, stderr: recorded.stderr() };
  }

  it('prints a SetupError as one line, its suggestion on a second, and uses its exit code', () => {
    expect(report(new SetupError('the bucket is not yours', ExitCode.failed, 'pick another --bucket'))).toEqual({
      code: 1,
      stderr: 'error: the bucket is not yours\n  → pick another --bucket\n',
    });
    expect(report(new UsageError('invalid --bucket "x"'))).toEqual({ code: 64, stderr: 'error: invalid --bucket "x"\n' });
    expect(report(new AwsError('Your credentials expired: run aws sso login.', 'ExpiredToken', 'GetCallerIdentity'))).toEqual({
      code: 1,
      stderr: 'error: Your credentials expired: run aws sso login.\n',
    });
  });

  it('prints an abort gently and exits 130', () => {
    expect(report(new AbortError())).toEqual({ code: 130, stderr: 'Aborted; nothing was changed.\n' });
    const ctrlC = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    expect(report(ctrlC)).toEqual({ code: 130, stderr: 'Aborted; nothing was changed.\n' });
  });

  it('exits 1 for unexpected errors, with the stack only when PERSONALIZE_SETUP_DEBUG=1', () => {
    const error = new TypeError('cannot read properties of undefined');
    const quiet = report(error);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr.split('\n')[0]).toBe('error: cannot read properties of undefined');
    expect(quiet.stderr).not.toContain(' at ');
    const debug = report(error, { PERSONALIZE_SETUP_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('TypeError: cannot read properties of undefined\n    at ');
    expect(report('a string').stderr.split('\n')[0]).toBe('error: a string');
  });

  it('joins a multi-line message into one line', () => {
    expect(report(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--bukcet'\n(Did you mean --bucket?)"))).toEqual({
      code: 64,
      stderr: "error: unknown option '--bukcet' (Did you mean --bucket?)\n",
    });
  });

  it('colours "error:" only on a terminal without NO_COLOR', () => {
    const tty = fakeContext({ tty: true });
    reportError(new UsageError('bad'), tty.ctx);
    expect(tty.stderr()).toBe('\u001b[31merror:\u001b[39m bad\n');
    const noColor = fakeContext({ tty: true, env: { NO_COLOR: '1' } });
    reportError(new UsageError('bad'), noColor.ctx);
    expect(noColor.stderr()).toBe('error: bad\n');
    const flag = fakeContext({ tty: true });
    reportError(new UsageError('bad'), flag.ctx, false);
    expect(flag.stderr()).toBe('error: bad\n');
  });
});
