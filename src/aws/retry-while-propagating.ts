/**
 * IAM is eventually consistent: S3 and KMS can reject a principal created seconds ago as
 * "invalid". Such a call succeeds once IAM has propagated, so we retry it for about a minute.
 */

/** Waits between attempts: 1+2+4+8+15+15+15 s ≈ one minute in total, 8 attempts. */
export const PROPAGATION_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000];

export type Sleep = (ms: number) => Promise<void>;

/** Runs `call`; while it fails with an error `isPropagating` recognises, sleeps and tries again. */
export async function retryWhilePropagating<T>(
  call: () => Promise<T>,
  isPropagating: (error: unknown) => boolean,
  sleep: Sleep,
  delaysMs: readonly number[] = PROPAGATION_DELAYS_MS,
): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await call();
    } catch (error) {
      if (!isPropagating(error)) throw error;
      await sleep(delay);
    }
  }
  return call();
}

/** S3 and KMS both say "invalid principal" for a principal IAM has not propagated yet. */
export function isInvalidPrincipal(error: unknown, errorNames: readonly string[]): boolean {
  return error instanceof Error && errorNames.includes(error.name) && /invalid principal/i.test(error.message);
}
