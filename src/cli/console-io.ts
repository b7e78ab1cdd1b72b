/**
 * The Io the engine and steps report through when run from the command line. Everything goes to
 * stderr (stdout is for results). On a terminal a unit of work shows an ora spinner; elsewhere
 * it prints one plain line when it ends. With `--json` only warnings are written.
 */
import ora from 'ora';
import type { Ora } from 'ora';
import type { Io, ProgressHandle } from '../io.js';
import type { CliContext, CliStream } from './cli-context.js';
import { createColors } from './colors.js';

/** From the resolved run options. */
export interface ConsoleIoOptions {
  json: boolean;
  /** False with `--no-color`. */
  color: boolean;
}

export function createConsoleIo(ctx: CliContext, options: ConsoleIoOptions): Io {
  const { stderr } = ctx;
  const c = createColors(stderr, ctx.env, options.color);
  const spinners = canSpin(stderr) && !options.json;
  let active: Ora | undefined;

  /** Writes a line without tearing a running spinner apart. */
  const writeLine = (line: string): void => {
    if (active?.isSpinning) {
      active.clear();
      stderr.write(`${line}\n`);
      active.render();
    } else {
      stderr.write(`${line}\n`);
    }
  };

  const plainHandle = (label: string): ProgressHandle => ({
    succeed: (detail) => writeLine(`${c.green('✓')} ${label}${detail ? ` (${detail})` : ''}`),
    fail: (detail) => writeLine(`${c.red('✗')} ${label}${detail ? `: ${detail}` : ''}`),
  });

  const spinnerHandle = (label: string): ProgressHandle => {
    const spinner = ora({
      text: label,
      // ora's stream type is a full WriteStream; on a TTY ctx.stderr is process.stderr.
      stream: stderr as NodeJS.WriteStream,
      isEnabled: true,
      color: c.level > 0 ? 'cyan' : false,
      // Leave stdin alone: prompts and our own Ctrl-C handling own it.
      discardStdin: false,
    }).start();
    active = spinner;
    const end = (symbol: string, text: string): void => {
      spinner.stopAndPersist({ symbol, text });
      if (active === spinner) active = undefined;
    };
    return {
      succeed: (detail) => end(c.green('✓'), `${label}${detail ? ` (${detail})` : ''}`),
      fail: (detail) => end(c.red('✗'), `${label}${detail ? `: ${detail}` : ''}`),
    };
  };

  return {
    info: (message) => {
      if (!options.json) writeLine(message);
    },
    warn: (message) => writeLine(`${c.yellow('warning:')} ${message}`),
    begin: (label) => {
      if (options.json) return { succeed: () => {}, fail: () => {} };
      return spinners ? spinnerHandle(label) : plainHandle(label);
    },
  };
}

/**
 * ora moves the cursor, so it needs a real terminal stream (process.stderr on a TTY), not just
 * one that says `isTTY`; anything else gets the plain line per unit of work.
 */
function canSpin(stream: CliStream): boolean {
  return Boolean(stream.isTTY) && typeof (stream as Partial<NodeJS.WriteStream>).cursorTo === 'function';
}
