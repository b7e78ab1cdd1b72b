/**
 * How the engine and the steps report progress without printing or prompting themselves.
 * The CLI provides a console implementation (stderr, spinners on a TTY), a quiet one for
 * `--json`, and tests use a recording fake.
 */
export interface Io {
  /** A progress or information line for humans (stderr). */
  info(message: string): void;
  /** Something the user should notice but that does not stop the run (stderr). */
  warn(message: string): void;
  /** A unit of work starts (a spinner on a TTY); the handle reports how it ended. */
  begin(label: string): ProgressHandle;
}

export interface ProgressHandle {
  succeed(detail?: string): void;
  fail(detail?: string): void;
}

/** An Io that swallows everything: for `--json` and for callers that only want results. */
export const silentIo: Io = {
  info: () => {},
  warn: () => {},
  begin: () => ({ succeed: () => {}, fail: () => {} }),
};
