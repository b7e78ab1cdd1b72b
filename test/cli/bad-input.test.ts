/**
 * Bad input gets a clear error and changes nothing: every validated input, given a bad value as a
 * flag or a config-file key, exits 64 with one line on stderr that names the input, and prints
 * nothing on stdout — before any AWS call could be made.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './fake-context.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'personalize-setup-bad-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A config file with `text` as content, in the temporary directory. */
async function config(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const POLICIES = ['policies', '--account', '123456789012', '--region', 'eu-west-1'];

interface BadInput {
  what: string;
  argv: string[] | (() => Promise<string[]>);
  /** Text the one error line must contain: the input's name. */
  names: string;
  env?: Record<string, string>;
}

const table: BadInput[] = [
  // Flags, one per validated input.
  { what: 'bucket with capitals and underscore', argv: ['plan', '--bucket', 'My_Bucket'], names: 'invalid --bucket "My_Bucket": bucket names use 3–63' },
  { what: 'bucket too short', argv: ['init', '--bucket', 'ab'], names: '--bucket "ab"' },
  { what: 'bucket that looks like an IP', argv: ['plan', '--bucket', '192.168.1.1'], names: '--bucket "192.168.1.1"' },
  { what: 'bucket with reserved prefix', argv: ['plan', '--bucket', 'xn--data'], names: '--bucket "xn--data"' },
  { what: 'bucket with reserved suffix', argv: [...POLICIES, '--bucket', 'data--ol-s3'], names: '--bucket "data--ol-s3"' },
  { what: '--attach-to without kind', argv: ['plan', '--attach-to', 'alice'], names: '--attach-to "alice"' },
  { what: '--attach-to with unknown kind', argv: ['plan', '--attach-to', 'team:ml'], names: '--attach-to "team:ml"' },
  { what: '--attach-to with invalid user name', argv: ['init', '--attach-to', 'user:bad name'], names: '--attach-to "user:bad name"' },
  { what: 'unknown --access', argv: ['plan', '--access', 'full'], names: 'invalid --access "full": choose one of custom, managed, read-only' },
  { what: 'unknown --role-access', argv: ['plan', '--role-access', 'owner'], names: '--role-access "owner"' },
  { what: 'unknown --s3-access', argv: [...POLICIES, '--s3-access', 'write'], names: '--s3-access "write"' },
  { what: 'unknown --cloudwatch-policy', argv: ['plan', '--cloudwatch-policy', 'CloudWatchReadOnlyAccess'], names: '--cloudwatch-policy "CloudWatchReadOnlyAccess"' },
  { what: 'policy name with a space', argv: ['plan', '--policy-name', 'my policy'], names: '--policy-name "my policy"' },
  { what: 'role name too long', argv: ['plan', '--role-name', 'r'.repeat(65)], names: '--role-name' },
  { what: 'role path without slashes', argv: ['plan', '--role-path', 'service-role'], names: '--role-path "service-role"' },
  { what: 'CIDR prefix out of range', argv: ['plan', '--allowed-cidr', '10.0.0.0/33'], names: '--allowed-cidr "10.0.0.0/33"' },
  { what: 'CIDR with a bad address', argv: [...POLICIES, '--allowed-cidr', '203.0.113.0/24', '--allowed-cidr', '300.1.1.1/8'], names: '--allowed-cidr "300.1.1.1/8"' },
  { what: 'AWS managed key alias', argv: ['plan', '--kms-key', 'alias/aws/s3'], names: '--kms-key "alias/aws/s3"' },
  { what: 'KMS key that is none of the forms', argv: ['plan', '--kms-key', 'personalize'], names: '--kms-key "personalize"' },
  { what: 'tag without =', argv: ['plan', '--tag', 'team'], names: '--tag "team"' },
  { what: 'tag key with aws: prefix', argv: ['plan', '--tag', 'aws:owner=me'], names: '--tag "aws:owner=me"' },
  { what: 'reserved tag key managed-by', argv: ['init', '--tag', 'managed-by=me'], names: '--tag "managed-by=me"' },
  { what: 'tag value too long', argv: ['plan', '--tag', `team=${'v'.repeat(257)}`], names: '--tag' },
  { what: 'more than 49 tags', argv: ['plan', ...Array.from({ length: 50 }, (_, i) => ['--tag', `k${i}=v`]).flat()], names: 'too many tags from --tag' },
  { what: 'region without hyphens', argv: ['plan', '--region', 'useast1'], names: '--region "useast1"' },
  { what: 'region in capitals', argv: ['rollback', '--region', 'EU-WEST-1'], names: '--region "EU-WEST-1"' },
  { what: 'endpoint URL with another scheme', argv: ['plan', '--endpoint-url', 'ftp://localhost'], names: '--endpoint-url "ftp://localhost"' },
  { what: 'AWS_ENDPOINT_URL that is not a URL', argv: ['plan'], names: 'AWS_ENDPOINT_URL "localhost:4566"', env: { AWS_ENDPOINT_URL: 'localhost:4566' } },
  { what: 'profile with a space', argv: ['plan', '--profile', 'my profile'], names: '--profile "my profile"' },
  { what: '--create-bucket without --bucket', argv: ['init', '--create-bucket'], names: '--create-bucket' },
  { what: '--role-access custom with --access read-only', argv: ['plan', '--role-access', 'custom', '--access', 'read-only'], names: '--role-access custom' },
  { what: '--role-access custom with --require-mfa', argv: ['plan', '--role-access', 'custom', '--require-mfa'], names: '--role-access custom cannot be combined with --require-mfa' },
  { what: '--role-access custom with --allowed-cidr', argv: ['init', '--yes', '--role-access', 'custom', '--allowed-cidr', '10.0.0.0/8'], names: '--role-access custom cannot be combined with --allowed-cidr' },
  { what: 'rollback --run that is no run id', argv: ['rollback', '--run', 'latest'], names: '--run "latest"' },
  { what: 'empty --state-dir', argv: ['plan', '--state-dir', ''], names: '--state-dir' },
  { what: 'empty --save-config', argv: ['init', '--save-config', ''], names: '--save-config' },
  { what: 'policies: account too short', argv: ['policies', '--account', '12', '--region', 'eu-west-1'], names: 'invalid --account "12"' },
  { what: 'policies: account missing', argv: ['policies', '--region', 'eu-west-1'], names: 'missing --account' },
  { what: 'policies: region missing', argv: ['policies', '--account', '123456789012'], names: 'missing --region' },
  { what: 'policies: bad region', argv: ['policies', '--account', '123456789012', '--region', 'moon-1'], names: '--region "moon-1"' },
  { what: 'policies: unknown partition', argv: [...POLICIES, '--partition', 'aws-mars'], names: '--partition "aws-mars"' },

  // Config-file keys.
  { what: 'config: invalid bucket', argv: async () => ['plan', '--config', await config('bucket.json', '{"bucket": "My_Bucket"}')], names: '"bucket" in' },
  { what: 'config: invalid attachTo entry', argv: async () => ['plan', '--config', await config('attach.json', '{"attachTo": ["user:alice", "bob"]}')], names: '"attachTo[1]" in' },
  { what: 'config: unknown access', argv: async () => [...POLICIES, '--config', await config('access.json', '{"access": "admin"}')], names: '"access" in' },
  { what: 'config: invalid CIDR', argv: async () => ['plan', '--config', await config('cidr.json', '{"allowedCidrs": ["10.0.0.0/8", "10.0.0.1"]}')], names: '"allowedCidrs[1]" in' },
  { what: 'config: invalid role path', argv: async () => ['plan', '--config', await config('path.json', '{"rolePath": "/no-end"}')], names: '"rolePath" in' },
  { what: 'config: invalid KMS key', argv: async () => ['plan', '--config', await config('kms.json', '{"kmsKey": "alias/aws/ebs"}')], names: '"kmsKey" in' },
  { what: 'config: reserved tag key', argv: async () => ['plan', '--config', await config('tags.json', '{"tags": {"aws:x": "1"}}')], names: '"tags.aws:x" in' },
  { what: 'config: invalid region', argv: async () => ['rollback', '--config', await config('region.json', '{"region": "europe"}')], names: '"region" in' },
  { what: 'config: invalid endpoint', argv: async () => ['plan', '--config', await config('endpoint.json', '{"endpointUrl": "localhost"}')], names: '"endpointUrl" in' },
  { what: 'config: unknown CloudWatch policy', argv: async () => ['plan', '--config', await config('cw.json', '{"cloudwatch": "CloudWatchLogsFullAccess"}')], names: '"cloudwatch" in' },
  { what: 'config: wrong type', argv: async () => ['plan', '--config', await config('type.json', '{"requireMfa": "yes"}')], names: 'invalid "requireMfa" in' },
  { what: 'config: unknown key', argv: async () => ['plan', '--config', await config('unknown.json', '{"bukcet": "data"}')], names: 'unknown key "bukcet"' },
  { what: 'config: malformed JSON', argv: async () => ['plan', '--config', await config('malformed.json', '{"bucket": "data",}')], names: 'malformed.json is not valid JSON' },
  { what: 'config: not an object', argv: async () => ['plan', '--config', await config('array.json', '[]')], names: 'array.json must hold a JSON object' },
  { what: 'config: missing file', argv: ['plan', '--config', '/nonexistent/personalize.json'], names: 'cannot read config file /nonexistent/personalize.json' },

  // Commander's own usage errors.
  { what: 'unknown option', argv: ['plan', '--bukcet', 'data'], names: "unknown option '--bukcet'" },
  { what: 'option value missing', argv: ['plan', '--bucket'], names: "option '--bucket <name>' argument missing" },
  { what: 'unknown command', argv: ['deploy'], names: "unknown command 'deploy'" },
  { what: 'unexpected argument', argv: ['plan', 'my-bucket'], names: "too many arguments for 'plan'" },
  { what: 'option of another command', argv: ['policies', '--account', '123456789012', '--region', 'eu-west-1', '--profile', 'prod'], names: "unknown option '--profile'" },
];

describe('bad input exits 64 with one line naming the input and nothing on stdout', () => {
  it.each(table)('$what', async ({ argv, names, env }) => {
    const args = typeof argv === 'function' ? await argv() : argv;
    const result = await run(args, { env });
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: [^\n]+\n$/);
    expect(result.stderr).toContain(names);
    expect(result.code).toBe(64);
  });

  it('covers at least 30 inputs', () => {
    expect(table.length).toBeGreaterThanOrEqual(30);
  });

  it('lets valid values of the same inputs through (so the table tests validation)', async () => {
    const file = await config('valid.json', '{"attachTo": ["user:alice"], "allowedCidrs": ["10.0.0.0/8"], "tags": {"team": "ml"}}');
    const result = await run([...POLICIES, '--config', file, '--bucket', 'my-personalize-data', '--kms-key', 'alias/personalize', '--tag', 'env=prod', '--role-path', '/service-role/']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('arn:aws:iam::123456789012:role/service-role/PersonalizeRole');
  });
});
