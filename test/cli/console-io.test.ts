import { describe, expect, it } from 'vitest';
import { createConsoleIo } from '../../src/cli/console-io.js';
import { isInteractive } from '../../src/cli/interactive.js';
import type { CliContext } from '../../src/cli/cli-context.js';
import { fakeContext } from './fake-context.js';

describe('createConsoleIo', () => {
  it('writes plain lines to stderr when not on a terminal', () => {
    const { ctx, stdout, stderr } = fakeContext();
    const io = createConsoleIo(ctx, { json: false, color: true });
    io.info('Reading the account');
    io.begin('Create role PersonalizeRole').succeed();
    io.begin('Attach policy').succeed('already attached');
    io.begin('Put bucket policy').fail('AccessDenied');
    io.warn('the bucket uses a customer managed key');
    expect(stdout()).toBe('');
    expect(stderr()).toBe(
      [
        'Reading the account',
        '✓ Create role PersonalizeRole',
        '✓ Attach policy (already attached)',
        '✗ Put bucket policy: AccessDenied',
        'warning: the bucket uses a customer managed key',
        '',
      ].join('\n'),
    );
  });

  it('writes nothing but warnings with --json', () => {
    const { ctx, stdout, stderr } = fakeContext({ tty: true });
    const io = createConsoleIo(ctx, { json: true, color: false });
    io.info('Reading the account');
    io.begin('Create role').succeed();
    io.begin('Put bucket policy').fail('AccessDenied');
    io.warn('careful');
    expect(stdout()).toBe('');
    expect(stderr()).toBe('warning: careful\n');
  });

  it('shows a spinner on a terminal and leaves one line per unit of work', () => {
    const written: string[] = [];
    const stream = {
      isTTY: true,
      columns: 80,
      write: (chunk: string) => written.push(chunk),
      cursorTo: () => true,
      moveCursor: () => true,
      clearLine: () => true,
    };
    const ctx: CliContext = { stdout: { write: () => true, isTTY: true }, stderr: stream, stdinIsTTY: true, env: {} };
    const io = createConsoleIo(ctx, { json: false, color: false });
    const handle = io.begin('Create role PersonalizeRole');
    io.info('a line while spinning');
    handle.succeed();
    const text = written.join('');
    expect(text).toContain('a line while spinning\n');
    expect(text).toContain('✓ Create role PersonalizeRole\n');
    // ora drew at least one frame of the spinner before the result.
    expect(text.indexOf('Create role PersonalizeRole')).toBeLessThan(text.indexOf('✓ Create role PersonalizeRole'));
  });
});

describe('isInteractive', () => {
  const ctx = (stdin: boolean, stdout: boolean, env: Record<string, string> = {}): CliContext => ({
    stdout: { write: () => true, isTTY: stdout },
    stderr: { write: () => true, isTTY: true },
    stdinIsTTY: stdin,
    env,
  });

  it('asks questions only with two terminals and no CI', () => {
    expect(isInteractive(ctx(true, true))).toBe(true);
    expect(isInteractive(ctx(true, true, { CI: 'true' }))).toBe(false);
    expect(isInteractive(ctx(false, true))).toBe(false);
    expect(isInteractive(ctx(true, false))).toBe(false);
  });
});
