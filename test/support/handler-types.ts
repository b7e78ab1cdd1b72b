import type { AccountState } from './account-state.js';

/** What a command handler knows about the call it serves. */
export interface CallContext {
  state: AccountState;
  /** Region of the client that sent the command. */
  region: string;
  /** The S3 client follows 301 redirects to the bucket's region (SDK option `followRegionRedirects`). */
  followRegionRedirects: boolean;
  /** Position of this call in the call log (0-based). */
  callIndex: number;
  /** KMS: a role created fewer than this many calls ago is an invalid principal. 0 = none. */
  propagationCalls: number;
}

/**
 * Serves one command: reads `input`, changes `ctx.state`, returns the response without
 * `$metadata` (the wrapper adds it) or throws the AWS error. Inputs are typed per handler with the
 * SDK's own `…CommandInput` types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (input: any, ctx: CallContext) => object;

/** Command name without the `Command` suffix (e.g. `GetRole`) → handler. */
export type HandlerTable = Record<string, Handler>;
