/**
 * Everything the CLI touches of the outside world, passed in so that tests can run `runCli`
 * in-process with fake streams and environment.
 */

/** A stream the CLI writes to: `process.stdout` / `process.stderr`, or a test's recorder. */
export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  /** Terminal width, for wrapping help text. */
  columns?: number;
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
  overrides?: { [key: string]: unknown };
}
