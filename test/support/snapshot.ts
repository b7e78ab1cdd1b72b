/**
 * A whole account as comparable data: `expect(after).toEqual(before)` means nothing a user could
 * observe has changed. Deliberately left out, because no undo can ever restore them and they
 * carry no meaning of their own: timestamps, generated unique ids (RoleId, PolicyId, …), policy
 * version ids other than the default one (IAM never reuses ids, so re-creating a deleted version
 * yields a new one), and call logs. Documents are compared parsed, with keys sorted: formatting
 * and key order are not state, statement order and values are.
 */
import type { AccountState, PrincipalState } from './account-state.js';
import { attachmentCount } from './account-state.js';
import type { Json } from './documents.js';
import { parseStored, sortKeysDeep } from './documents.js';

export interface PrincipalSnapshot {
  arn: string;
  path: string;
  /** Sorted: attachments are a set. */
  attached: string[];
  tags: Record<string, string>;
}

export interface RoleSnapshot extends PrincipalSnapshot {
  trustPolicy: Json;
  description?: string;
  maxSessionDuration: number;
  inline: Record<string, Json>;
}

export interface PolicySnapshot {
  name: string;
  path: string;
  description?: string;
  defaultVersionId: string;
  /** The set of version documents, sorted by content. */
  versions: { document: Json; isDefault: boolean }[];
  tags: Record<string, string>;
  attachments: number;
}

export interface BucketSnapshot {
  region: string;
  ownerAccount: string;
  policy?: Json;
  encryption?: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled: boolean };
  tags?: Record<string, string>;
  publicAccessBlock?: { BlockPublicAcls: boolean; IgnorePublicAcls: boolean; BlockPublicPolicy: boolean; RestrictPublicBuckets: boolean };
  objects: number;
  aclReset: boolean;
}

export interface KeySnapshot {
  arn: string;
  keyManager: string;
  policy: Json;
  aliases: string[];
}

export interface AccountSnapshot {
  account: string;
  partition: string;
  users: Record<string, PrincipalSnapshot>;
  groups: Record<string, PrincipalSnapshot>;
  roles: Record<string, RoleSnapshot>;
  /** Customer managed policies by ARN (AWS managed ones cannot change). */
  policies: Record<string, PolicySnapshot>;
  buckets: Record<string, BucketSnapshot>;
  keys: Record<string, KeySnapshot>;
}

export function takeSnapshot(state: AccountState): AccountSnapshot {
  const snapshot: AccountSnapshot = {
    account: state.account,
    partition: state.partition,
    users: byName(state.users, principalSnapshot),
    groups: byName(state.groups, principalSnapshot),
    roles: byName(state.roles, (role) => ({
      ...principalSnapshot(role),
      trustPolicy: parseStored(role.trustPolicy),
      ...(role.description !== undefined ? { description: role.description } : {}),
      maxSessionDuration: role.maxSessionDuration,
      inline: Object.fromEntries([...role.inline].map(([name, text]) => [name, parseStored(text)])),
    })),
    policies: {},
    buckets: {},
    keys: {},
  };
  for (const policy of state.policies.values()) {
    if (policy.awsManaged) continue;
    const versions = policy.versions
      .map((v) => ({ document: sortKeysDeep(parseStored(v.document)), isDefault: v.id === policy.defaultVersionId }))
      .sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
    snapshot.policies[policy.arn] = {
      name: policy.name,
      path: policy.path,
      ...(policy.description !== undefined ? { description: policy.description } : {}),
      defaultVersionId: policy.defaultVersionId,
      versions,
      tags: { ...policy.tags },
      attachments: attachmentCount(state, policy.arn),
    };
  }
  for (const bucket of state.buckets.values()) {
    snapshot.buckets[bucket.name] = {
      region: bucket.region,
      ownerAccount: bucket.ownerAccount,
      ...(bucket.policy !== undefined ? { policy: parseStored(bucket.policy) } : {}),
      ...(bucket.encryption ? { encryption: { ...bucket.encryption } } : {}),
      ...(bucket.tags ? { tags: { ...bucket.tags } } : {}),
      ...(bucket.publicAccessBlock ? { publicAccessBlock: { ...bucket.publicAccessBlock } } : {}),
      objects: bucket.objects,
      aclReset: bucket.aclReset,
    };
  }
  for (const key of state.keys.values()) {
    const aliases = [...state.aliases.values()].filter((a) => a.targetKeyId === key.keyId).map((a) => a.name);
    snapshot.keys[key.keyId] = { arn: key.arn, keyManager: key.keyManager, policy: parseStored(key.policy), aliases: aliases.sort() };
  }
  return sortKeysDeep(snapshot);
}

function principalSnapshot(principal: PrincipalState): PrincipalSnapshot {
  return { arn: principal.arn, path: principal.path, attached: [...principal.attached].sort(), tags: { ...principal.tags } };
}

/** Keyed by the entity's own name (not the lower-cased lookup key). */
function byName<T extends PrincipalState, S>(map: Map<string, T>, shape: (entity: T) => S): Record<string, S> {
  return Object.fromEntries([...map.values()].map((entity) => [entity.name, shape(entity)]));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
