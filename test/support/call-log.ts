/** Every call the fake served, in the order the calls started. */

export type ServiceName = 'iam' | 's3' | 'kms' | 'sts';

/** One call as a test observes it. */
export interface FakeCall {
  service: ServiceName;
  /** Command name without the `Command` suffix, e.g. `PutBucketPolicy`. */
  command: string;
  /** A copy of the command input as sent. */
  input: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Milliseconds since the fake was installed. */
  startedAt: number;
  /** `Infinity` while the call is in flight. */
  endedAt: number;
  /** AWS error name (or Error name) when the call failed. */
  error?: string;
}

/** Reads are Get*, List*, Head* and Describe*; everything else may change the account. */
export function isMutating(command: string): boolean {
  return !/^(Get|List|Head|Describe)/.test(command);
}

export class CallLog {
  readonly calls: FakeCall[] = [];
  /**
   * Logical clock ticks of each call's start and end. Wall-clock milliseconds cannot order calls
   * that start and end within the same millisecond; these can.
   */
  private readonly ticks: { start: number; end: number }[] = [];
  private clock = 0;
  private readonly origin = performance.now();

  /** Records the start of a call; the returned function records its end. */
  begin(service: ServiceName, command: string, input: unknown): { index: number; end: (error?: unknown) => void } {
    const call: FakeCall = { service, command, input: copyOf(input), startedAt: this.now(), endedAt: Infinity };
    const index = this.calls.push(call) - 1;
    const ticks = { start: this.clock++, end: Infinity };
    this.ticks.push(ticks);
    return {
      index,
      end: (error?: unknown) => {
        call.endedAt = this.now();
        ticks.end = this.clock++;
        if (error !== undefined) call.error = error instanceof Error ? error.name : String(error);
      },
    };
  }

  /**
   * The longest chain of calls in which each starts after the previous one ended: the number of
   * sequential round trips, however many calls ran in parallel beside them.
   */
  criticalPathLength(): number {
    const depth: number[] = [];
    let longest = 0;
    this.ticks.forEach((call, i) => {
      let before = 0;
      for (let j = 0; j < i; j++) {
        const previous = this.ticks[j];
        if (previous && previous.end < call.start) before = Math.max(before, depth[j] ?? 0);
      }
      depth[i] = before + 1;
      longest = Math.max(longest, before + 1);
    });
    return longest;
  }

  private now(): number {
    return performance.now() - this.origin;
  }
}

function copyOf(input: unknown): unknown {
  try {
    return structuredClone(input);
  } catch {
    return input;
  }
}
