/**
 * `--help` without loading commander: the help screens are rendered by commander itself at build
 * time (render-help-files.ts writes dist/help/NAME.txt) and printed from there. Start-up is what a
 * user feels most, and commander alone costs more than the rest of a `--help` run.
 */
import { readFileSync } from 'node:fs';

/** The width the files are rendered at; commander's own default when stdout is not a terminal. */
export const STATIC_HELP_WIDTH = 100;

export const HELP_SCREENS = ['personalize-setup', 'init', 'plan', 'rollback', 'policies'] as const;
export type HelpScreen = (typeof HELP_SCREENS)[number];

const HELP_FLAGS = new Set(['--help', '-h']);

/** Which screen `argv` asks for, when it asks for nothing but help. */
export function helpScreenFor(argv: readonly string[]): HelpScreen | undefined {
  if (argv.length === 1 && HELP_FLAGS.has(argv[0]!)) return 'personalize-setup';
  if (argv.length === 2 && HELP_FLAGS.has(argv[1]!)) return HELP_SCREENS.find((name) => name === argv[0] && name !== 'personalize-setup');
  return undefined;
}

/**
 * The pre-rendered screen next to the bundle, or undefined (running from source, or a terminal
 * narrower than the rendering) so the caller falls back to commander.
 */
export function readStaticHelp(screen: HelpScreen, bundleUrl: string, columns: number | undefined): string | undefined {
  if (columns !== undefined && columns < STATIC_HELP_WIDTH) return undefined;
  try {
    return readFileSync(new URL(`help/${screen}.txt`, bundleUrl), 'utf8');
  } catch {
    return undefined;
  }
}
