/**
 * What every step's `plan` receives: the account facts read once up front (so no step repeats
 * an STS or KMS call) plus the validated configuration.
 */
import type { Aws, CallerIdentity, KmsKey } from '../aws/api.js';
import type { PrincipalRef, SetupConfig } from '../config/setup-config.js';
import type { Partition } from '../policies/types.js';

export interface StepContext {
  aws: Aws;
  config: SetupConfig;
  caller: CallerIdentity;
  account: string;
  partition: Partition;
  region: string;
  /** ARN the service role has (or will have): built from config.rolePath / config.roleName. */
  roleArn: string;
  /** Whether the service role exists now (read once, shared by the steps that add inline policies). */
  roleExists: boolean;
  /** Operator targets: config.attachTo, or the caller's own identity when none were named. */
  targets: PrincipalRef[];
  /** The resolved `--kms-key`, when one was given and exists. */
  key: KmsKey | undefined;
  /** Tags for everything we create: config.tags plus managed-by=personalize-setup. */
  tags: Record<string, string>;
}
