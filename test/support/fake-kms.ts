/** KMS keys (regional), their aliases and key policies. */
import type {
  DescribeKeyCommandInput,
  GetKeyPolicyCommandInput,
  ListAliasesCommandInput,
  PutKeyPolicyCommandInput,
} from '@aws-sdk/client-kms';
import type { AccountState, KeyState } from './account-state.js';
import { newKeyId, tick } from './account-state.js';
import { kmsError } from './fake-errors.js';
import type { CallContext, HandlerTable } from './handler-types.js';
import { paginate } from './pagination.js';
import { keyPolicyProblem, locksOutCaller } from './policy-validation.js';

export const kmsHandlers: HandlerTable = {
  DescribeKey: (input: DescribeKeyCommandInput, ctx: CallContext) => {
    const key = resolveKey(ctx, input.KeyId, true);
    return {
      KeyMetadata: {
        AWSAccountId: ctx.state.account,
        KeyId: key.keyId,
        Arn: key.arn,
        CreationDate: key.createDate,
        Enabled: true,
        Description: key.description,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeyState: 'Enabled',
        Origin: 'AWS_KMS',
        KeyManager: key.keyManager,
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        MultiRegion: false,
      },
    };
  },

  GetKeyPolicy: (input: GetKeyPolicyCommandInput, ctx: CallContext) => {
    const key = resolveKey(ctx, input.KeyId, false);
    checkPolicyName(input.PolicyName);
    return { Policy: key.policy, PolicyName: 'default' };
  },

  /** Replaces the whole key policy. */
  PutKeyPolicy: (input: PutKeyPolicyCommandInput, ctx: CallContext) => {
    const key = resolveKey(ctx, input.KeyId, false);
    checkPolicyName(input.PolicyName);
    if (key.keyManager === 'AWS') {
      // AWS managed keys' policies deny kms:PutKeyPolicy to everyone.
      throw kmsError.accessDenied(`User: ${ctx.state.callerArn} is not authorized to perform: kms:PutKeyPolicy on resource: ${key.arn}`);
    }
    const text = input.Policy ?? '';
    const problem = keyPolicyProblem(ctx.state, text, { callIndex: ctx.callIndex, propagationCalls: ctx.propagationCalls });
    if (problem) throw kmsError.malformedPolicyDocument(problem);
    if (!input.BypassPolicyLockoutSafetyCheck && locksOutCaller(ctx.state, text)) {
      throw kmsError.malformedPolicyDocument('The new key policy will not allow you to update the key policy in the future.');
    }
    key.policy = text;
    return {};
  },

  ListAliases: (input: ListAliasesCommandInput, ctx: CallContext) => {
    const target = input.KeyId === undefined ? undefined : resolveKey(ctx, input.KeyId, false).keyId;
    const aliases = [...ctx.state.aliases.values()]
      .filter((a) => a.region === ctx.region && (target === undefined || a.targetKeyId === target))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((a) => ({
        AliasName: a.name,
        AliasArn: `arn:${ctx.state.partition}:kms:${a.region}:${ctx.state.account}:${a.name}`,
        TargetKeyId: a.targetKeyId,
        CreationDate: a.createDate,
        LastUpdatedDate: a.createDate,
      }));
    const page = paginate(aliases, { marker: input.Marker, size: input.Limit }, { defaultSize: 50, maxSize: 100, invalid: kmsError.invalidMarker });
    return { Aliases: page.items, Truncated: page.nextMarker !== undefined, ...(page.nextMarker ? { NextMarker: page.nextMarker } : {}) };
  },
};

/** The policy KMS gives a key created without one: the account (hence IAM) controls the key. */
export function defaultKeyPolicy(state: AccountState): object {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:${state.partition}:iam::${state.account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

export function insertKey(
  state: AccountState,
  input: { keyId?: string | undefined; region: string; keyManager: 'CUSTOMER' | 'AWS'; policy: string; aliases: string[] },
): KeyState {
  const keyId = input.keyId ?? newKeyId(state);
  if (state.keys.has(keyId)) throw new Error(`FakeAccount: key ${keyId} already exists`);
  const createDate = tick(state);
  const key: KeyState = {
    keyId,
    arn: `arn:${state.partition}:kms:${input.region}:${state.account}:key/${keyId}`,
    region: input.region,
    keyManager: input.keyManager,
    policy: input.policy,
    description: input.keyManager === 'AWS' ? 'Default key that protects my data when no other key is defined' : '',
    createDate,
  };
  state.keys.set(keyId, key);
  for (const name of input.aliases) {
    if (!/^alias\/[\w/-]+$/.test(name)) throw new Error(`FakeAccount: alias must look like alias/NAME, got ${name}`);
    if (state.aliases.has(`${input.region}/${name}`)) throw new Error(`FakeAccount: alias ${name} already exists`);
    state.aliases.set(`${input.region}/${name}`, { name, region: input.region, targetKeyId: keyId, createDate });
  }
  return key;
}

/**
 * A key by id, key ARN, or (where the API allows it) alias name or alias ARN, in the client's
 * region. GetKeyPolicy / PutKeyPolicy / ListAliases accept only key ids and key ARNs.
 */
function resolveKey(ctx: CallContext, keyIdInput: string | undefined, allowAlias: boolean): KeyState {
  const { state, region } = ctx;
  const value = keyIdInput ?? '';
  const arn = /^arn:([a-z-]+):kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(value);
  const isAlias = value.startsWith('alias/') || arn?.[4] === 'alias';
  if (isAlias && !allowAlias) throw kmsError.notFound(`Invalid keyId '${value}'`);

  if (isAlias) {
    const name = arn ? `alias/${arn[5]}` : value;
    const alias = arnMatchesHere(ctx, arn) ? state.aliases.get(`${region}/${name}`) : undefined;
    const key = alias ? state.keys.get(alias.targetKeyId) : undefined;
    if (!key) throw kmsError.notFound(`Alias arn:${state.partition}:kms:${region}:${state.account}:${name} is not found.`);
    return key;
  }
  const keyId = arn ? (arn[5] ?? '') : value;
  if (keyId === '' || keyId.includes(':')) throw kmsError.notFound(`Invalid keyId '${value}'`);
  const key = arnMatchesHere(ctx, arn) ? state.keys.get(keyId) : undefined;
  if (!key || key.region !== region) {
    throw kmsError.notFound(`Key '${arn ? value : `arn:${state.partition}:kms:${region}:${state.account}:key/${keyId}`}' does not exist`);
  }
  return key;
}

function arnMatchesHere(ctx: CallContext, arn: RegExpExecArray | null): boolean {
  return !arn || (arn[1] === ctx.state.partition && arn[2] === ctx.region && arn[3] === ctx.state.account);
}

function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== 'default') throw kmsError.notFound(`No such policy exists: ${name}`);
}
