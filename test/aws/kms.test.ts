import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  MalformedPolicyDocumentException,
  NotFoundException,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createKmsApi } from '../../src/aws/kms.js';
import { PROPAGATION_DELAYS_MS } from '../../src/aws/retry-while-propagating.js';
import { AwsError } from '../../src/errors.js';
import type { PolicyDocument } from '../../src/policies/types.js';

const kms = mockClient(KMSClient);
const sleeps: number[] = [];
const api = createKmsApi(new KMSClient({ region: 'eu-west-1' }), { sleep: async (ms) => void sleeps.push(ms) });

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:eu-west-1:123456789012:key/${KEY_ID}`;
const notFound = () => new NotFoundException({ message: 'Alias arn:aws:kms:eu-west-1:123456789012:alias/missing is not found.', $metadata: {} });
const invalidPrincipal = () => new MalformedPolicyDocumentException({ message: 'Policy contains a statement with one or more invalid principals.', $metadata: {} });

const keyPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [
    { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'PersonalizeSetupKeyAccess',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::123456789012:role/PersonalizeRole', Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
      Resource: '*',
    },
  ],
};

beforeEach(() => {
  kms.reset();
  sleeps.length = 0;
});

describe('kms adapter: reads', () => {
  it('describeKey accepts an alias and returns id, ARN, manager and state', async () => {
    kms.on(DescribeKeyCommand, { KeyId: 'alias/personalize' }).resolves({
      KeyMetadata: { KeyId: KEY_ID, Arn: KEY_ARN, KeyManager: 'CUSTOMER', KeyState: 'Enabled' },
    });
    expect(await api.describeKey('alias/personalize')).toEqual({ keyId: KEY_ID, arn: KEY_ARN, keyManager: 'CUSTOMER', keyState: 'Enabled' });
  });

  it.each([
    ['describeKey', () => api.describeKey('alias/missing'), DescribeKeyCommand],
    ['getKeyPolicy', () => api.getKeyPolicy(KEY_ID), GetKeyPolicyCommand],
  ] as const)('%s resolves to undefined on NotFoundException', async (_name, read, command) => {
    kms.on(command as typeof DescribeKeyCommand).rejects(notFound());
    expect(await read()).toBeUndefined();
  });

  it('getKeyPolicy reads the policy named default and parses it', async () => {
    kms.on(GetKeyPolicyCommand, { KeyId: KEY_ID, PolicyName: 'default' }).resolves({ Policy: JSON.stringify(keyPolicy, null, 2), PolicyName: 'default' });
    expect(await api.getKeyPolicy(KEY_ID)).toEqual(keyPolicy);
    expect(kms.commandCalls(GetKeyPolicyCommand)[0]?.args[0].input).toEqual({ KeyId: KEY_ID, PolicyName: 'default' });
  });

  it('listAliases follows NextMarker while Truncated', async () => {
    kms
      .on(ListAliasesCommand, { Marker: undefined })
      .resolves({ Aliases: [{ AliasName: 'alias/aws/s3', TargetKeyId: 'aws-owned' }, { AliasName: 'alias/unused' }], Truncated: true, NextMarker: 'n1' })
      .on(ListAliasesCommand, { Marker: 'n1' })
      .resolves({ Aliases: [{ AliasName: 'alias/personalize', TargetKeyId: KEY_ID }], Truncated: false });

    expect(await api.listAliases()).toEqual([
      { aliasName: 'alias/aws/s3', targetKeyId: 'aws-owned' },
      { aliasName: 'alias/unused' },
      { aliasName: 'alias/personalize', targetKeyId: KEY_ID },
    ]);
  });
});

describe('kms adapter: putKeyPolicy', () => {
  it('writes the default policy as compact JSON and never bypasses the lockout safety check', async () => {
    kms.on(PutKeyPolicyCommand).resolves({});

    await api.putKeyPolicy(KEY_ID, keyPolicy);

    const input = kms.commandCalls(PutKeyPolicyCommand)[0]?.args[0].input;
    expect(input).toEqual({ KeyId: KEY_ID, PolicyName: 'default', Policy: JSON.stringify(keyPolicy) });
    expect(input).not.toHaveProperty('BypassPolicyLockoutSafetyCheck');
    expect(sleeps).toEqual([]);
  });

  it('retries while KMS does not know a just-created principal, then succeeds', async () => {
    kms.on(PutKeyPolicyCommand).rejectsOnce(invalidPrincipal()).rejectsOnce(invalidPrincipal()).rejectsOnce(invalidPrincipal()).resolves({});

    await api.putKeyPolicy(KEY_ID, keyPolicy);

    const calls = kms.commandCalls(PutKeyPolicyCommand);
    expect(calls).toHaveLength(4);
    expect(calls.every((call) => !('BypassPolicyLockoutSafetyCheck' in call.args[0].input))).toBe(true);
    expect(sleeps).toEqual([1_000, 2_000, 4_000]);
  });

  it('gives up after about a minute with a translated error', async () => {
    kms.on(PutKeyPolicyCommand).rejects(invalidPrincipal());

    const error = await api.putKeyPolicy(KEY_ID, keyPolicy).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({
      awsCode: 'MalformedPolicyDocumentException',
      operation: 'kms:PutKeyPolicy',
      message: `AWS rejected the policy for kms:PutKeyPolicy on key ${KEY_ID} because a principal in it does not exist or is not visible yet: check that the role exists, wait a minute and run again.`,
    });
    expect(kms.commandCalls(PutKeyPolicyCommand)).toHaveLength(PROPAGATION_DELAYS_MS.length + 1);
    const waited = sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThanOrEqual(50_000);
    expect(waited).toBeLessThanOrEqual(70_000);
  });

  it('does not retry a policy KMS rejects for another reason', async () => {
    kms.on(PutKeyPolicyCommand).rejects(
      new MalformedPolicyDocumentException({
        message: 'The new key policy will not allow you to update the key policy in the future.',
        $metadata: {},
      }),
    );
    await expect(api.putKeyPolicy(KEY_ID, keyPolicy)).rejects.toMatchObject({ awsCode: 'MalformedPolicyDocumentException' });
    expect(kms.commandCalls(PutKeyPolicyCommand)).toHaveLength(1);
  });
});
