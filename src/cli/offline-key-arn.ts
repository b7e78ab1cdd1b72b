/**
 * The key ARN for `--kms-key` without asking KMS. A key ARN is used as given and a key id fits
 * directly; an alias names a key only KMS can resolve, so its ARN becomes a visible placeholder
 * (`…:key/KEY_ID_OF_alias/NAME`) that `init` replaces with the real one via kms:DescribeKey.
 */
import type { Partition } from '../policies/types.js';

export interface OfflineKeyArn {
  arn: string;
  /** True when `arn` holds the KEY_ID_OF_ placeholder. */
  placeholder: boolean;
}

export function offlineKeyArn(kmsKey: string, where: { partition: Partition; region: string; account: string }): OfflineKeyArn {
  const prefix = `arn:${where.partition}:kms:${where.region}:${where.account}:`;
  if (kmsKey.startsWith('arn:')) {
    const [arnPrefix, resource] = splitArn(kmsKey);
    if (resource.startsWith('key/')) return { arn: kmsKey, placeholder: false };
    // An alias ARN: its own partition, region and account hold the key.
    return { arn: `${arnPrefix}key/KEY_ID_OF_${resource}`, placeholder: true };
  }
  if (kmsKey.startsWith('alias/')) return { arn: `${prefix}key/KEY_ID_OF_${kmsKey}`, placeholder: true };
  return { arn: `${prefix}key/${kmsKey}`, placeholder: false };
}

/** `arn:p:kms:r:a:alias/x` → [`arn:p:kms:r:a:`, `alias/x`]: the resource is everything after the fifth colon. */
function splitArn(arn: string): [string, string] {
  const parts = arn.split(':');
  return [`${parts.slice(0, 5).join(':')}:`, parts.slice(5).join(':')];
}
