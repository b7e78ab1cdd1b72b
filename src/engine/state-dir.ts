/**
 * Where journals and locks live. One directory per account and region keeps runs of different
 * accounts apart and makes "the latest run" a simple sort of file names.
 */
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

/** Name of the tool's folder inside the user's configuration directory. */
const APP_DIR = 'personalize-setup';

/**
 * The default state directory: `$XDG_CONFIG_HOME/personalize-setup`, else
 * `~/.config/personalize-setup`; on Windows `%APPDATA%\personalize-setup`.
 * `--state-dir` overrides it in the CLI.
 */
export function defaultStateDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env['APPDATA'] || win32.join(home, 'AppData', 'Roaming'), APP_DIR);
  }
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg && xdg.startsWith('/')) return join(xdg, APP_DIR);
  return join(home, '.config', APP_DIR);
}

/** `${stateDir}/runs/${account}-${region}`: the journals and the lock of one account and region. */
export function runsDir(stateDir: string, account: string, region: string): string {
  return join(stateDir, 'runs', `${account}-${region}`);
}
