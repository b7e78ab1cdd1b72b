/**
 * After CreateRole, IAM may not return the role for a few seconds, and S3/KMS reject it as a
 * principal until it does. We wait (waitUntilRoleExists, explicit maxWaitTime). If the role never
 * shows up, the create is reported as failed — so we delete the role again first: a failed change
 * must leave nothing behind that the engine's rollback would not know about.
 */
import { AwsError } from '../errors.js';
import type { SetupError } from '../errors.js';
import { translateAwsError } from './translate-error.js';

export interface WaitForCreatedRoleInput {
  roleName: string;
  maxWaitSeconds: number;
  /** Runs the SDK waiter with this `maxWaitTime` (seconds); rejects when it gives up. */
  wait: (maxWaitTime: number) => Promise<unknown>;
  /** Deletes the just-created role (best effort). */
  removeRole: () => Promise<void>;
  profile?: string | undefined;
}

/** The waiter requires maxWaitTime > minDelay (1 s). */
const MIN_WAIT_SECONDS = 2;

export async function waitForCreatedRole(input: WaitForCreatedRoleInput): Promise<void> {
  const maxWaitTime = Math.max(MIN_WAIT_SECONDS, input.maxWaitSeconds);
  try {
    await input.wait(maxWaitTime);
  } catch (waiterError) {
    const removed = await input.removeRole().then(
      () => true,
      () => false,
    );
    throw explain(waiterError, input, maxWaitTime, removed);
  }
}

function explain(waiterError: unknown, input: WaitForCreatedRoleInput, maxWaitTime: number, removed: boolean): SetupError {
  const message = waiterError instanceof Error ? waiterError.message : String(waiterError);
  // The waiter's error message is JSON listing the responses it saw; a 403 among them means we
  // lack iam:GetRole, which waiting longer will not fix.
  const denied = /"(403: [^"]*not authorized[^"]*)"/.exec(message)?.[1];
  if (denied) {
    return translateAwsError(Object.assign(new Error(denied.replace(/^403: /, '')), { name: 'AccessDenied' }), {
      service: 'iam',
      operation: 'GetRole',
      resource: `role ${input.roleName}`,
      profile: input.profile,
    });
  }
  const aftermath = removed ? 'it was deleted again so nothing is left half-done' : `delete role ${input.roleName} by hand`;
  return new AwsError(
    `IAM did not return the new role ${input.roleName} within ${maxWaitTime} s of creating it (${aftermath}): wait a minute and run again.`,
    waiterError instanceof Error ? waiterError.name : 'TimeoutError',
    'iam:CreateRole',
  );
}
