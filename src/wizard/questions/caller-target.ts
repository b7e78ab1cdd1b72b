/**
 * The caller's own identity as an operator target, through the same resolution the plan uses
 * (src/steps/resolve-targets.ts), so the wizard preselects exactly what `--yes` would pick.
 */
import type { CallerIdentity, IamApi } from '../../aws/api.js';
import type { PrincipalRef } from '../../config/setup-config.js';
import { resolveTargets } from '../../steps/resolve-targets.js';

/** Either the caller as a target, or why it cannot take a policy (one line). */
export interface CallerTarget {
  target?: PrincipalRef;
  reason?: string;
}

export async function resolveCallerTarget(iam: IamApi, caller: CallerIdentity): Promise<CallerTarget> {
  const { targets, problem } = await resolveTargets(iam, [], caller);
  const target = targets[0];
  if (target !== undefined) return { target };
  // The plan's wording tells a flag user what to pass; here the user picks from a list instead.
  const reason = (problem ?? `Cannot tell which IAM user or role ${caller.arn} is.`).replace(
    /pass --attach-to user:NAME, group:NAME or role:NAME\.$/,
    'pick who will run Personalize below.',
  );
  return { reason };
}
