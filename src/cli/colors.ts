/**
 * Colours only for people: on a terminal, unless NO_COLOR (https://no-color.org), FORCE_COLOR=0,
 * TERM=dumb or `--no-color` says otherwise. A private Chalk instance, so chalk's own guesses
 * about process.stdout never leak into output written to a test's fake stream.
 */
import { Chalk } from 'chalk';
import type { ChalkInstance } from 'chalk';
import type { CliStream } from './cli-context.js';

export function colorsEnabled(stream: CliStream, env: Record<string, string | undefined>, colorFlag: boolean): boolean {
  if (!colorFlag || !stream.isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' || env.TERM === 'dumb') return false;
  return true;
}

export function createColors(stream: CliStream, env: Record<string, string | undefined>, colorFlag: boolean): ChalkInstance {
  // Level 1 (16 colours) is all we use and what every terminal understands.
  return new Chalk({ level: colorsEnabled(stream, env, colorFlag) ? 1 : 0 });
}
