/** Runs npm: the one that started the benchmark (`npm run bench`), else the one on PATH. */
import { spawnSync } from 'node:child_process';

/** Resolves to stdout; throws with npm's stderr when it fails. */
export function npm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  const [command, commandArgs] = execPath?.endsWith('.js') ? [process.execPath, [execPath, ...args]] : ['npm', args];
  const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8', timeout: 300_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}
