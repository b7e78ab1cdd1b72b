/** A CliContext that records what the CLI writes, for in-process runs of `runCli`. */
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';

export interface Recorded {
  ctx: CliContext;
  stdout: () => string;
  stderr: () => string;
}

export function fakeContext(options: { tty?: boolean; env?: Record<string, string | undefined> } = {}): Recorded {
  const out: string[] = [];
  const err: string[] = [];
  const tty = options.tty ?? false;
  const ctx: CliContext = {
    stdout: { write: (chunk: string) => out.push(chunk), isTTY: tty },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: tty },
    stdinIsTTY: tty,
    // CI=true as on a build machine: nothing may ever wait for an answer.
    env: { CI: 'true', ...options.env },
  };
  return { ctx, stdout: () => out.join(''), stderr: () => err.join('') };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(argv: string[], options: { env?: Record<string, string | undefined> } = {}): Promise<RunResult> {
  const recorded = fakeContext(options);
  const code = await runCli(argv, recorded.ctx);
  return { code, stdout: recorded.stdout(), stderr: recorded.stderr() };
}
