import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  ListAliasesCommand,
  MalformedPolicyDocumentException,
  NotFoundException,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAccount } from '../support/fake-account.js';

const ACCOUNT = '123456789012';
const kms = new KMSClient({ region: 'eu-west-1' });
const iam = new IAMClient({ region: 'eu-west-1' });

const rootStatement = {
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'kms:*',
  Resource: '*',
};
const grant = (roleArn: string) => ({
  Sid: 'PersonalizeSetupKeyAccess',
  Effect: 'Allow',
  Principal: { AWS: roleArn, Service: 'personalize.amazonaws.com' },
  Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
  Resource: '*',
});
const keyPolicy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Id: 'key-default-1', Statement: statements });
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let aws: FakeAccount;
afterEach(() => aws.uninstall());

describe('DescribeKey', () => {
  it('finds a key by id, key ARN, alias name and alias ARN', async () => {
    aws = FakeAccount.install();
    const { keyId, arn } = aws.addKey({ aliases: ['alias/personalize'] });
    expect(arn).toBe(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/${keyId}`);

    for (const id of [keyId, arn, 'alias/personalize', `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/personalize`]) {
      const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: id }));
      expect(KeyMetadata).toMatchObject({ KeyId: keyId, Arn: arn, KeyManager: 'CUSTOMER', KeyState: 'Enabled', AWSAccountId: ACCOUNT });
    }
  });

  it('an unknown alias or key, or a key of another region, is NotFoundException', async () => {
    aws = FakeAccount.install();
    aws.addKey({ keyId: 'aaaaaaaa-0000-4000-8000-000000000001', region: 'us-west-2' });
    const alias = kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' }));
    await expect(alias).rejects.toBeInstanceOf(NotFoundException);
    await expect(alias).rejects.toThrow(`Alias arn:aws:kms:eu-west-1:${ACCOUNT}:alias/missing is not found.`);
    await expect(kms.send(new DescribeKeyCommand({ KeyId: 'aaaaaaaa-0000-4000-8000-000000000001' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('key policies', () => {
  it('a new key has the KMS default key policy; GetKeyPolicy returns it as a JSON string', async () => {
    aws = FakeAccount.install();
    const { keyId } = aws.addKey();
    const { Policy, PolicyName } = await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }));
    expect(PolicyName).toBe('default');
    expect(JSON.parse(Policy!)).toEqual({ Version: '2012-10-17', Id: 'key-default-1', Statement: [rootStatement] });
  });

  it('PutKeyPolicy replaces the whole policy', async () => {
    aws = FakeAccount.install();
    const { keyId } = aws.addKey();
    const roleArn = aws.addRole('PersonalizeRole');
    const extra = { ...rootStatement, Sid: 'Extra', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/admin` } };
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: keyPolicy(extra, grant(roleArn)) }));
    expect(aws.keyPolicy(keyId)).toEqual(JSON.parse(keyPolicy(extra, grant(roleArn))));
  });

  it('a principal that does not exist is refused as an invalid principal', async () => {
    aws = FakeAccount.install();
    const { keyId } = aws.addKey();
    const put = kms.send(
      new PutKeyPolicyCommand({ KeyId: keyId, Policy: keyPolicy(rootStatement, grant(`arn:aws:iam::${ACCOUNT}:role/Ghost`)) }),
    );
    await expect(put).rejects.toBeInstanceOf(MalformedPolicyDocumentException);
    await expect(put).rejects.toThrow('Policy contains a statement with one or more invalid principals.');
    expect(aws.keyPolicy(keyId)).toEqual(JSON.parse(keyPolicy(rootStatement)));
  });

  it('with a propagation delay, a just-created role is invalid until enough calls have passed', async () => {
    aws = FakeAccount.install({ principalPropagationCalls: 3 });
    const { keyId } = aws.addKey();
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'PersonalizeRole', AssumeRolePolicyDocument: trust }));
    const put = () => kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: keyPolicy(rootStatement, grant(Role!.Arn!)) }));

    await expect(put()).rejects.toBeInstanceOf(MalformedPolicyDocumentException); // 1 call after CreateRole
    await expect(put()).rejects.toBeInstanceOf(MalformedPolicyDocumentException); // 2
    await expect(put()).resolves.toBeDefined(); // 3
    expect(aws.keyPolicy(keyId)).toEqual(JSON.parse(keyPolicy(rootStatement, grant(Role!.Arn!))));
  });

  it('refuses a policy that would lock the caller out, and aliases in place of a key id', async () => {
    aws = FakeAccount.install();
    const { keyId } = aws.addKey({ aliases: ['alias/data'] });
    const roleArn = aws.addRole('PersonalizeRole');
    await expect(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: keyPolicy(grant(roleArn)) }))).rejects.toThrow(
      'The new key policy will not allow you to update the key policy in the future.',
    );
    await expect(kms.send(new GetKeyPolicyCommand({ KeyId: 'alias/data' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('AWS managed keys cannot take a new policy', async () => {
    aws = FakeAccount.install();
    const { keyId } = aws.addKey({ keyManager: 'AWS', aliases: ['alias/aws/s3'] });
    await expect(kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: keyPolicy(rootStatement) }))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('ListAliases', () => {
  it('pages with Limit / Marker / Truncated', async () => {
    aws = FakeAccount.install();
    const { keyId } = aws.addKey({ aliases: ['alias/c', 'alias/a'] });
    aws.addKey({ aliases: ['alias/b'] });

    const first = await kms.send(new ListAliasesCommand({ Limit: 2 }));
    expect(first.Aliases?.map((a) => a.AliasName)).toEqual(['alias/a', 'alias/b']);
    expect(first.Truncated).toBe(true);
    const second = await kms.send(new ListAliasesCommand({ Limit: 2, Marker: first.NextMarker! }));
    expect(second.Aliases?.map((a) => [a.AliasName, a.TargetKeyId, a.AliasArn])).toEqual([
      ['alias/c', keyId, `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/c`],
    ]);
    expect(second.Truncated).toBe(false);
    expect(second.NextMarker).toBeUndefined();
  });
});
