/** An Io that keeps every line, so tests can assert what the user was told. */
import type { Io, ProgressHandle } from '../../src/io.js';

export class RecordingIo implements Io {
  readonly lines: string[] = [];

  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }

  begin(label: string): ProgressHandle {
    this.lines.push(`begin: ${label}`);
    return { succeed: () => {}, fail: () => {} };
  }
}
