/**
 * Fault injection. A faulted call is decided when it starts (so "the k-th mutating call" follows
 * the call log's order), rejects after the simulated latency, and changes nothing.
 */
import type { ServiceName } from './call-log.js';
import { serviceUnavailable } from './fake-errors.js';

export interface CallDescription {
  service: ServiceName;
  command: string;
  input: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export type FaultPredicate = (call: CallDescription) => Error | undefined;

interface CountdownFault {
  remaining: number;
  k: number;
  error?: Error;
}

export class Faults {
  private countdowns: CountdownFault[] = [];
  private predicates: FaultPredicate[] = [];

  /** The k-th mutating call from now (1-based) fails. */
  failMutatingCall(k: number, error?: Error): void {
    if (!Number.isInteger(k) || k < 1) throw new Error(`failMutatingCall: k must be a positive integer, got ${k}`);
    this.countdowns.push({ remaining: k, k, ...(error ? { error } : {}) });
  }

  /** Every call for which the predicate returns an error fails with it (until `clear`). */
  failWhen(predicate: FaultPredicate): void {
    this.predicates.push(predicate);
  }

  clear(): void {
    this.countdowns = [];
    this.predicates = [];
  }

  /** The error this call must fail with, if any. Call exactly once per call, when it starts. */
  decide(call: CallDescription, mutating: boolean): Error | undefined {
    let fault: Error | undefined;
    if (mutating) {
      for (const countdown of this.countdowns) {
        countdown.remaining -= 1;
        if (countdown.remaining === 0) {
          fault ??= countdown.error ?? serviceUnavailable(call.service, `Service Unavailable (injected by FakeAccount at mutating call ${countdown.k})`);
        }
      }
      this.countdowns = this.countdowns.filter((c) => c.remaining > 0);
    }
    for (const predicate of this.predicates) fault ??= predicate(call);
    return fault;
  }
}
