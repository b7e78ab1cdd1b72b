/** The KMS calls this tool makes, over the real SDK client. */
import { DescribeKeyCommand, GetKeyPolicyCommand, ListAliasesCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { KmsApi } from './api.js';
import { NOT_FOUND, createCaller } from './call.js';
import { parsePolicyDocument, serializePolicyDocument } from './documents.js';
import { collectPages } from './paginate.js';
import { isInvalidPrincipal, retryWhilePropagating } from './retry-while-propagating.js';
import type { Sleep } from './retry-while-propagating.js';

export interface KmsApiOptions {
  /** Waits between PutKeyPolicy retries; injected so tests never wait. */
  sleep: Sleep;
  profile?: string;
}

/** A key has exactly one key policy, and it is always called `default`. */
const POLICY_NAME = 'default';

export function createKmsApi(client: KMSClient, options: KmsApiOptions): KmsApi {
  const aws = createCaller('kms', options.profile);
  const where = (keyId: string) => `key ${keyId}`;

  return {
    async describeKey(keyIdOrAlias) {
      const out = await aws.find('DescribeKey', where(keyIdOrAlias), NOT_FOUND.kms, () => client.send(new DescribeKeyCommand({ KeyId: keyIdOrAlias })));
      const key = out?.KeyMetadata;
      if (!key?.KeyId) return undefined;
      return { keyId: key.KeyId, arn: key.Arn ?? '', keyManager: key.KeyManager ?? '', keyState: key.KeyState ?? '' };
    },

    async getKeyPolicy(keyId) {
      const out = await aws.find('GetKeyPolicy', where(keyId), NOT_FOUND.kms, () => client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: POLICY_NAME })));
      return out?.Policy === undefined ? undefined : parsePolicyDocument(out.Policy);
    },

    async putKeyPolicy(keyId, document) {
      // Never BypassPolicyLockoutSafetyCheck: KMS's check is what stops a policy that locks
      // everyone (including us) out of the key.
      const put = () => client.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: POLICY_NAME, Policy: serializePolicyDocument(document) }));
      await aws.run('PutKeyPolicy', where(keyId), () =>
        retryWhilePropagating(put, (error) => isInvalidPrincipal(error, ['MalformedPolicyDocumentException']), options.sleep),
      );
    },

    listAliases: () =>
      aws.run('ListAliases', undefined, () =>
        collectPages(async (Marker) => {
          const out = await client.send(new ListAliasesCommand({ Marker }));
          const items = (out.Aliases ?? []).flatMap((a) =>
            a.AliasName ? [{ aliasName: a.AliasName, ...(a.TargetKeyId ? { targetKeyId: a.TargetKeyId } : {}) }] : [],
          );
          return { items, nextMarker: out.Truncated ? out.NextMarker : undefined };
        }),
      ),
  };
}
