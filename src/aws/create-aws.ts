/** Wires the adapters over real SDK clients: the `Aws` the engine and the steps receive. */
import { setTimeout as delay } from 'node:timers/promises';
import type { AwsOptions } from '../config/setup-config.js';
import type { Aws } from './api.js';
import { createAwsClients } from './aws-clients.js';
import { createIamApi } from './iam.js';
import { createKmsApi } from './kms.js';
import type { Sleep } from './retry-while-propagating.js';
import { createS3Api } from './s3.js';
import { createStsApi } from './sts.js';

export interface CreateAwsOptions extends AwsOptions {
  /** Waits between propagation retries (PutBucketPolicy, PutKeyPolicy, first calls on a new role). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Upper bound for waiting on a just-created role. Default 60. */
  maxRoleWaitSeconds?: number;
}

const realSleep: Sleep = (ms) => delay(ms).then(() => undefined);

/**
 * Rejects with a `UsageError` (exit 64), before any network call, when no region can be found
 * or the endpoint is not a URL.
 */
export async function createAws(options: CreateAwsOptions): Promise<Aws> {
  const clients = await createAwsClients(options);
  const sleep = options.sleep ?? realSleep;
  const profile = options.profile?.trim() || undefined;
  return {
    region: clients.region,
    iam: createIamApi(clients.iam, { maxRoleWaitSeconds: options.maxRoleWaitSeconds ?? 60, profile, sleep }),
    s3: createS3Api(clients.s3, { sleep, profile }),
    kms: createKmsApi(clients.kms, { sleep, profile }),
    sts: createStsApi(clients.sts, { profile }),
  };
}
