import { CommanderError } from 'commander';
import { AbortError, ExitCode, SetupError } from '../errors.js';
import type { CliContext } from './cli-context.js';
import { createColors } from './colors.js';

/**
 * Prints an error the way users see every failure — one line `error: …`, optionally a second
 * line `  → suggestion` — and returns its exit code: SetupError's own, 64 for commander's usage
 * errors, 130 (printed gently) for an abort, 1 for anything unexpected (stack trace only with
 * PERSONALIZE_SETUP_DEBUG=1).
 */
export function reportError(error: unknown, ctx: CliContext, colorFlag = true): number {
  const c = createColors(ctx.stderr, ctx.env, colorFlag);
  const line = (text: string): void => {
    ctx.stderr.write(`${text}\n`);
  };

  if (error instanceof CommanderError) {
    // --help and --version end this way too; commander already printed them.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    // No command given: commander printed the help on stderr.
    if (error.code === 'commander.help') return ExitCode.usage;
    line(`${c.red('error:')} ${oneLine(error.message.replace(/^error:\s*/, ''))}`);
    return ExitCode.usage;
  }
  // Ctrl-C in an @inquirer prompt, if a caller did not translate it into AbortError.
  if (error instanceof AbortError || (error instanceof Error && error.name === 'ExitPromptError')) {
    line(error instanceof AbortError ? error.message : new AbortError().message);
    return ExitCode.aborted;
  }
  if (error instanceof SetupError) {
    line(`${c.red('error:')} ${oneLine(error.message)}`);
    if (error.suggestion) line(`  ${c.dim('→')} ${oneLine(error.suggestion)}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  line(`${c.red('error:')} ${oneLine(message) || 'unexpected failure'}`);
  if (ctx.env.PERSONALIZE_SETUP_DEBUG === '1' && error instanceof Error && error.stack) {
    line(error.stack);
  } else {
    line(`  ${c.dim('→')} this is a bug or an unexpected condition; PERSONALIZE_SETUP_DEBUG=1 shows the stack trace`);
  }
  return ExitCode.failed;
}

/** Messages are printed as one line: commander appends "(Did you mean …?)" on a new line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
