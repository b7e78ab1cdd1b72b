import type { CliContext } from './cli-context.js';

/**
 * Calls `listener` on the first Ctrl-C; returns the unsubscribe function. Only the first press is
 * ours: after it the default handler is back, so a second Ctrl-C quits at once (the journal still
 * lets `rollback` finish the job).
 */
export function onInterrupt(ctx: CliContext, listener: () => void): () => void {
  const subscribe = ctx.overrides?.onInterrupt;
  if (subscribe) return subscribe(listener);
  process.once('SIGINT', listener);
  return () => {
    process.off('SIGINT', listener);
  };
}
