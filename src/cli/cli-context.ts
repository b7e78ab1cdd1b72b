/**
 * Everything the CLI touches of the outside world, passed in so that tests can run `runCli`
 * in-process with fake streams and environment.
 */
import type { Aws } from '../aws/api.js';
import type { AwsOptions } from '../config/setup-config.js';
import type { Prompter } from '../wizard/prompter.js';

/** A stream the CLI writes to: `process.stdout` / `process.stderr`, or a test's recorder. */
export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** Terminal width, for wrapping help text. */
  columns?: number;
}

/** Test seams. Production leaves every one undefined and gets the behaviour named in each default. */
export interface CliOverrides {
  /** Default: `createAws` of src/aws/create-aws.js, imported only when a command needs AWS. */
  createAws?: (options: AwsOptions) => Promise<Aws>;
  /** Default: the inquirer prompter (questions on stderr). */
  prompter?: Prompter;
  /** Subscribes to Ctrl-C and returns the unsubscribe function. Default: `process.once('SIGINT')`. */
  onInterrupt?: (listener: () => void) => () => void;
  /** Clock for run ids and journal timestamps. Default `new Date()`. */
  now?: () => Date;
}

/** The process as the CLI sees it; main.ts builds it from `process`, tests from recorders. */
export interface CliContext {
  /** Results: the plan, the documents, the one JSON document of `--json`. */
  stdout: CliStream;
  /** Progress, spinners, warnings and errors. */
  stderr: CliStream;
  stdinIsTTY: boolean;
  env: Record<string, string | undefined>;
  /** Test seams; production leaves them undefined. */
  overrides?: CliOverrides;
}
