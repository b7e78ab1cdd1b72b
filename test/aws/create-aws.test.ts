import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetRoleCommand, IAMClient, NoSuchEntityException } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsClients } from '../../src/aws/aws-clients.js';
import type { AwsClients } from '../../src/aws/aws-clients.js';
import { createAws } from '../../src/aws/create-aws.js';
import { UsageError } from '../../src/errors.js';

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const kms = mockClient(KMSClient);
const sts = mockClient(STSClient);

/**
 * An empty AWS environment: no region, no endpoint, no credentials, config files that do not
 * exist (or hold what a test writes), and no instance-metadata lookups.
 */
function isolatedAwsEnvironment(files: { config?: string; credentials?: string } = {}): void {
  const dir = mkdtempSync(join(tmpdir(), 'aws-env-'));
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  if (files.config !== undefined) writeFileSync(config, files.config);
  if (files.credentials !== undefined) writeFileSync(credentials, files.credentials);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    vi.stubEnv(name, undefined);
  }
}

const allClients = (clients: AwsClients) => [clients.iam, clients.s3, clients.kms, clients.sts];

beforeEach(() => {
  for (const mock of [iam, s3, kms, sts]) mock.reset();
});
afterEach(() => vi.unstubAllEnvs());

describe('region', () => {
  it('is a usage error (exit 64) when none can be found, before any AWS call', async () => {
    isolatedAwsEnvironment();

    const error = await createAws({}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ exitCode: 64, message: 'no AWS region: pass --region or set AWS_REGION (or set region in your AWS profile)' });
    for (const mock of [iam, s3, kms, sts]) expect(mock.calls()).toHaveLength(0);
  });

  it('comes from --region first', async () => {
    isolatedAwsEnvironment();
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const aws = await createAws({ region: 'ap-southeast-2' });
    expect(aws.region).toBe('ap-southeast-2');
  });

  it('else from AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    isolatedAwsEnvironment();
    vi.stubEnv('AWS_DEFAULT_REGION', 'eu-central-1');
    expect((await createAws({})).region).toBe('eu-central-1');
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    expect((await createAws({})).region).toBe('eu-west-1');
  });

  it('else from the profile in the AWS config file', async () => {
    isolatedAwsEnvironment({ config: '[default]\nregion = us-west-2\n\n[profile ml]\nregion = eu-north-1\n' });
    expect((await createAws({})).region).toBe('us-west-2');
    expect((await createAws({ profile: 'ml' })).region).toBe('eu-north-1');
  });

  it('is used by every client', async () => {
    isolatedAwsEnvironment();
    const clients = await createAwsClients({ region: 'cn-north-1' });
    for (const client of allClients(clients)) expect(await client.config.region()).toBe('cn-north-1');
  });

  it('rejects something that is not a region name', async () => {
    isolatedAwsEnvironment();
    await expect(createAws({ region: 'EU West 1' })).rejects.toMatchObject({ name: 'UsageError', exitCode: 64 });
  });
});

describe('endpoint', () => {
  it('--endpoint-url applies to all four clients, and S3 uses path-style addressing', async () => {
    isolatedAwsEnvironment();
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: 'http://localhost:4566' });

    for (const client of allClients(clients)) {
      expect(await client.config.endpoint?.()).toMatchObject({ protocol: 'http:', hostname: 'localhost', port: 4566, path: '/' });
    }
    expect(clients.s3.config.forcePathStyle).toBe(true);
    expect(clients.endpointUrl).toBe('http://localhost:4566');
  });

  it('AWS_ENDPOINT_URL is honoured when no flag is given', async () => {
    isolatedAwsEnvironment();
    vi.stubEnv('AWS_ENDPOINT_URL', 'https://aws.internal.example:8443');
    const clients = await createAwsClients({ region: 'eu-west-1' });
    for (const client of allClients(clients)) {
      expect(await client.config.endpoint?.()).toMatchObject({ protocol: 'https:', hostname: 'aws.internal.example', port: 8443 });
    }
  });

  it('without one, the SDK picks AWS endpoints and S3 keeps virtual-hosted addressing', async () => {
    isolatedAwsEnvironment();
    const clients = await createAwsClients({ region: 'eu-west-1' });
    for (const client of allClients(clients)) expect(client.config.isCustomEndpoint).toBe(false);
    expect(clients.s3.config.forcePathStyle).toBe(false);
  });

  it('rejects an endpoint that is not an http(s) URL', async () => {
    isolatedAwsEnvironment();
    await expect(createAws({ region: 'eu-west-1', endpointUrl: 'localhost:4566' })).rejects.toMatchObject({ name: 'UsageError', exitCode: 64 });
    await expect(createAws({ region: 'eu-west-1', endpointUrl: 'not a url' })).rejects.toMatchObject({ name: 'UsageError', exitCode: 64 });
  });
});

describe('clients', () => {
  it('retry adaptively, up to 5 attempts', async () => {
    isolatedAwsEnvironment();
    const clients = await createAwsClients({ region: 'eu-west-1' });
    for (const client of allClients(clients)) {
      expect(client.config.retryMode).toBe('adaptive');
      expect(await client.config.maxAttempts()).toBe(5);
    }
  });

  it('resolve credentials lazily: a profile without any is no error until a call is made', async () => {
    isolatedAwsEnvironment();
    const clients = await createAwsClients({ region: 'eu-west-1', profile: 'absent' });
    await expect(clients.iam.config.credentials()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
  });

  it('all use the credentials of the chosen profile', async () => {
    isolatedAwsEnvironment({
      credentials: '[default]\naws_access_key_id = AKIADEFAULTDEFAULT00\naws_secret_access_key = default\n\n[ml]\naws_access_key_id = AKIAMLPROFILEEXAMPLE\naws_secret_access_key = secret\n',
    });
    const clients = await createAwsClients({ region: 'eu-west-1', profile: 'ml' });
    for (const client of allClients(clients)) {
      expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'AKIAMLPROFILEEXAMPLE' });
    }
  });
});

describe('createAws', () => {
  it('wires every adapter to its client', async () => {
    isolatedAwsEnvironment();
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice', UserId: 'AIDA' });
    iam.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'no', $metadata: {} }));
    s3.on(HeadBucketCommand).resolves({ BucketRegion: 'eu-west-1' });

    const aws = await createAws({ region: 'eu-west-1', sleep: async () => {} });

    expect(aws.region).toBe('eu-west-1');
    expect((await aws.sts.getCallerIdentity()).partition).toBe('aws');
    expect(await aws.iam.getRole('PersonalizeRole')).toBeUndefined();
    expect(await aws.s3.headBucket('data', '123456789012')).toEqual({ region: 'eu-west-1' });
    expect(typeof aws.kms.listAliases).toBe('function');
  });
});
