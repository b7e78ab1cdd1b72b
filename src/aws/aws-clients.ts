/**
 * The one factory for the four SDK clients. Region, endpoint and retries are decided here once,
 * so every client talks to the same place in the same way.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { AwsOptions } from '../config/setup-config.js';
import { UsageError } from '../errors.js';

export interface AwsClients {
  /** The region every client uses (IAM, being global, only signs with it). */
  region: string;
  /** The custom endpoint in use, if any (`--endpoint-url`, else `AWS_ENDPOINT_URL`). */
  endpointUrl: string | undefined;
  iam: IAMClient;
  s3: S3Client;
  kms: KMSClient;
  sts: STSClient;
}

/** Retries: adaptive mode also slows down client-side when AWS starts throttling. */
const RETRY = { retryMode: 'adaptive', maxAttempts: 5 } as const;

/**
 * Builds the clients. Resolves the region now (flag, else AWS_REGION / AWS_DEFAULT_REGION / the
 * profile's config) so a missing one is a usage error before any AWS call; credentials stay
 * lazy (the default provider chain, honouring `profile`) and are shared by all four clients.
 */
export async function createAwsClients(options: AwsOptions, env: NodeJS.ProcessEnv = process.env): Promise<AwsClients> {
  const profile = nonEmpty(options.profile);
  const endpointUrl = checkEndpoint(nonEmpty(options.endpointUrl) ?? nonEmpty(env['AWS_ENDPOINT_URL']));
  // AWS_DEFAULT_REGION is the AWS CLI's name; the JS SDK reads only AWS_REGION, so honour it here.
  const region = checkRegion(
    nonEmpty(options.region) ?? nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']) ?? (await regionFromProfile(profile)),
  );

  const common = { region, ...RETRY, ...(profile ? { profile } : {}), ...(endpointUrl ? { endpoint: endpointUrl } : {}) };
  const sts = new STSClient(common);
  // One credential provider for all clients: SSO, credential_process or assume-role resolve once.
  const shared = { ...common, credentials: sts.config.credentials };
  return {
    region,
    endpointUrl,
    sts,
    iam: new IAMClient(shared),
    kms: new KMSClient(shared),
    s3: new S3Client({
      ...shared,
      // A bucket in another region answers 301; follow it rather than fail.
      followRegionRedirects: true,
      // AWS-compatible endpoints rarely serve virtual-hosted buckets or newer checksum modes.
      ...(endpointUrl ? { forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
    }),
  };
}

/**
 * The SDK's own region resolution: the shared config file for `profile`, then (as the SDK does,
 * with a 1 s timeout) the EC2 instance metadata service, where the tool may be running.
 */
async function regionFromProfile(profile: string | undefined): Promise<string> {
  const probe = new STSClient(profile ? { profile } : {});
  try {
    return await probe.config.region();
  } catch {
    throw new UsageError('no AWS region: pass --region or set AWS_REGION (or set region in your AWS profile)');
  } finally {
    probe.destroy();
  }
}

function checkRegion(region: string): string {
  // Lenient on purpose: new regions appear, emulators accept any name; this catches typos.
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(region)) {
    throw new UsageError(`"${region}" is not an AWS region name (like eu-west-1): check --region / AWS_REGION`);
  }
  return region;
}

function checkEndpoint(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL: --endpoint-url / AWS_ENDPOINT_URL needs something like http://localhost:4566`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`"${url}" is not an http(s) URL: --endpoint-url / AWS_ENDPOINT_URL needs something like http://localhost:4566`);
  }
  return url;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
