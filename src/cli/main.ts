/**
 * The bundle's entry point (dist/cli.js): the real process as the CLI's context. The only place
 * that touches the exit code.
 */
import { helpScreenFor, readStaticHelp } from './static-help.js';

// `personalize-setup policies | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// The SDK prints a notice about Node 20's end of support on every client it creates; users of
// this tool cannot act on it mid-run, and it would clutter every plan. An explicit setting wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const argv = process.argv.slice(2);
const screen = helpScreenFor(argv);
const staticHelp = screen === undefined ? undefined : readStaticHelp(screen, import.meta.url, process.stdout.isTTY ? process.stdout.columns : undefined);
if (staticHelp !== undefined) {
  process.stdout.write(staticHelp);
} else {
  // Loaded only now, so that the help screens above never pay for commander.
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
  });
}
