/**
 * Build step (not part of the bundle): renders every help screen with the real commander program
 * into DIR/NAME.txt, for static-help.ts. Usage: node render-help.mjs dist/help
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliContext } from './cli-context.js';
import { createProgram } from './program.js';
import { HELP_SCREENS, STATIC_HELP_WIDTH } from './static-help.js';

/** Each help screen exactly as `runCli([..., '--help'])` prints it to a non-terminal. */
export function renderHelpScreens(): Record<string, string> {
  const ctx: CliContext = {
    stdout: { write: () => true, columns: STATIC_HELP_WIDTH },
    stderr: { write: () => true, columns: STATIC_HELP_WIDTH },
    stdinIsTTY: false,
    env: {},
  };
  const program = createProgram(ctx, () => {});
  const screens: Record<string, string> = {};
  for (const name of HELP_SCREENS) {
    const command = name === 'personalize-setup' ? program : program.commands.find((c) => c.name() === name);
    if (command === undefined) throw new Error(`no command ${name} in the program`);
    screens[name] = command.helpInformation();
  }
  return screens;
}

// Only when run as the build step, never when a test imports renderHelpScreens.
const dir = process.argv[2];
if (dir !== undefined && process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(renderHelpScreens())) writeFileSync(join(dir, `${name}.txt`), text);
}
