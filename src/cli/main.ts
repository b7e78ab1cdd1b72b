/**
 * The ES module bundle's entry point (dist/cli.js, imported by dist/start.cjs): the real process
 * as the CLI's context. The only place that touches the exit code.
 */
import { runCli } from './run-cli.js';

// `personalize-setup policies | head` closes the pipe early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// The SDK prints a notice about Node 20's end of support on every client it creates; users of
// this tool cannot act on it mid-run, and it would clutter every plan. An explicit setting wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  env: process.env,
});
