/**
 * The single exit point: runs the command line and turns every outcome into an exit code
 * (printed by reportError). Nothing below calls process.exit().
 */
import { ExitCode } from '../errors.js';
import type { CliContext } from './cli-context.js';
import { createProgram } from './program.js';
import { reportError } from './report-error.js';

/** `argv` without node and the script path. Resolves to the exit code; never rejects. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  let exitCode: number = ExitCode.ok;
  try {
    const program = createProgram(ctx, (code) => {
      exitCode = code;
    });
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, ctx, !argv.includes('--no-color'));
  }
}
