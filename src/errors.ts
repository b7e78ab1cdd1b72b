/**
 * Typed errors shared by every layer. Only the CLI's main turns them into exit codes
 * (via `process.exitCode`); nothing else calls `process.exit()`.
 */

/** The process exit codes documented in the README. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  pendingChanges: 2,
  usage: 64,
  aborted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure: a one-line message, an optional suggestion, and the exit code it maps to. */
export class SetupError extends Error {
  override readonly name: string = 'SetupError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.failed,
    readonly suggestion?: string,
  ) {
    super(message);
  }
}

/** Invalid usage or input, detected before any AWS call. Exit 64. */
export class UsageError extends SetupError {
  override readonly name = 'UsageError';
  constructor(message: string, suggestion?: string) {
    super(message, ExitCode.usage, suggestion);
  }
}

/** The user declined or pressed Ctrl-C. Exit 130, printed gently. */
export class AbortError extends SetupError {
  override readonly name = 'AbortError';
  constructor(message = 'Aborted; nothing was changed.') {
    super(message, ExitCode.aborted);
  }
}

/**
 * An AWS call failed. `message` is already one sentence that says what to do;
 * `awsCode` is the SDK error name (e.g. `AccessDenied`), kept for reports and tests.
 */
export class AwsError extends SetupError {
  override readonly name = 'AwsError';
  constructor(
    message: string,
    readonly awsCode: string,
    readonly operation: string,
    suggestion?: string,
  ) {
    super(message, ExitCode.failed, suggestion);
  }
}
