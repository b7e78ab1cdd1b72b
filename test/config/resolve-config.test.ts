import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { defaultConfig } from '../../src/config/setup-config.js';
import { UsageError } from '../../src/errors.js';

function problem(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('expected a UsageError');
}

describe('resolveConfig', () => {
  it('gives the documented defaults when nothing is set', () => {
    const resolved = resolveConfig({ flags: {} });
    expect(resolved.setup).toEqual(defaultConfig());
    expect(resolved.setup).toMatchObject({ access: 'custom', policyName: 'PersonalizeOperatorAccess', roleName: 'PersonalizeRole', rolePath: '/', roleAccess: 'managed', s3Access: 'read-write' });
    expect(resolved.aws).toEqual({});
    expect(resolved.options).toEqual({ yes: false, dryRun: false, json: false, color: true, stateDir: undefined, configPath: undefined });
    expect([...resolved.answered]).toEqual([]);
  });

  it('merges defaults < config file < flags', () => {
    const resolved = resolveConfig({
      flags: { bucket: 'flag-bucket', roleName: 'FlagRole', tag: ['team=flags', 'env=prod'], region: 'eu-west-1', config: 'personalize.json' },
      file: { bucket: 'file-bucket', s3Access: 'read', roleName: 'FileRole', tags: { team: 'file', owner: 'alice' }, region: 'us-east-1', profile: 'prod' },
    });
    expect(resolved.setup).toEqual({
      ...defaultConfig(),
      bucket: 'flag-bucket',
      s3Access: 'read',
      roleName: 'FlagRole',
      tags: { team: 'flags', owner: 'alice', env: 'prod' },
    });
    expect(resolved.aws).toEqual({ region: 'eu-west-1', profile: 'prod' });
    expect([...resolved.answered].sort()).toEqual(['bucket', 'roleName', 's3Access', 'tags']);
    expect(resolved.options.configPath).toBe('personalize.json');
  });

  it('lets a config file skip a step with null, and counts that as an answer', () => {
    const resolved = resolveConfig({ flags: {}, file: { bucket: null, kmsKey: null, cloudwatch: false } });
    expect(resolved.setup.bucket).toBeUndefined();
    expect(resolved.setup.cloudwatch).toBeUndefined();
    expect([...resolved.answered].sort()).toEqual(['bucket', 'cloudwatch', 'kmsKey']);
  });

  it('parses principals, CIDRs and the CloudWatch choice', () => {
    const resolved = resolveConfig({
      flags: { attachTo: ['user:alice', 'group:ml-team', 'role:Admin'], allowedCidr: ['203.0.113.0/24', '2001:db8::/32'], cloudwatchPolicy: 'CloudWatchFullAccess' },
    });
    expect(resolved.setup.attachTo).toEqual([
      { kind: 'user', name: 'alice' },
      { kind: 'group', name: 'ml-team' },
      { kind: 'role', name: 'Admin' },
    ]);
    expect(resolved.setup.allowedCidrs).toEqual(['203.0.113.0/24', '2001:db8::/32']);
    expect(resolved.setup.cloudwatch).toBe('CloudWatchFullAccess');
    expect(resolveConfig({ flags: { cloudwatch: true } }).setup.cloudwatch).toBe('CloudWatchFullAccessV2');
    expect(resolveConfig({ flags: {}, file: { cloudwatch: true } }).setup.cloudwatch).toBe('CloudWatchFullAccessV2');
  });

  it('names the read-only policy PersonalizeReadOnlyAccess unless a name was given', () => {
    expect(resolveConfig({ flags: { access: 'read-only' } }).setup.policyName).toBe('PersonalizeReadOnlyAccess');
    expect(resolveConfig({ flags: { access: 'read-only', policyName: 'Mine' } }).setup.policyName).toBe('Mine');
    expect(resolveConfig({ flags: { access: 'read-only' }, file: { policyName: 'FromFile' } }).setup.policyName).toBe('FromFile');
  });

  it('takes the endpoint from the flag, then the file, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL: 'http://localhost:4566' };
    expect(resolveConfig({ flags: {}, env }).aws.endpointUrl).toBe('http://localhost:4566');
    expect(resolveConfig({ flags: {}, file: { endpointUrl: 'http://file:1' }, env }).aws.endpointUrl).toBe('http://file:1');
    expect(resolveConfig({ flags: { endpointUrl: 'https://flag:2' }, file: { endpointUrl: 'http://file:1' }, env }).aws.endpointUrl).toBe('https://flag:2');
    expect(resolveConfig({ flags: {}, env: { AWS_ENDPOINT_URL: '' } }).aws.endpointUrl).toBeUndefined();
  });

  it('keeps a tag named __proto__ as a plain tag', () => {
    const tags = resolveConfig({ flags: { tag: ['__proto__=x'] } }).setup.tags;
    expect(Object.keys(tags)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(tags)).toBe(Object.prototype);
  });

  it('accepts an empty tag value and a value containing "="', () => {
    expect(resolveConfig({ flags: { tag: ['empty=', 'expr=a=b'] } }).setup.tags).toEqual({ empty: '', expr: 'a=b' });
  });

  it('reports the first problem in one line naming the input and an example', () => {
    expect(problem(() => resolveConfig({ flags: { bucket: 'My_Bucket' } }))).toBe(
      'invalid --bucket "My_Bucket": bucket names use 3–63 lowercase letters, digits, dots and hyphens (example: my-personalize-data)',
    );
    expect(problem(() => resolveConfig({ flags: {}, file: { bucket: 'My_Bucket' }, filePath: 'personalize.json' }))).toBe(
      'invalid "bucket" in personalize.json: bucket names use 3–63 lowercase letters, digits, dots and hyphens (example: my-personalize-data)',
    );
    expect(problem(() => resolveConfig({ flags: {}, file: { attachTo: ['user:alice', 'bob'] }, filePath: 'p.json' }))).toBe(
      'invalid "attachTo[1]" in p.json: targets are user:NAME, group:NAME or role:NAME (example: user:alice)',
    );
    expect(problem(() => resolveConfig({ flags: {}, env: { AWS_ENDPOINT_URL: 'localhost:4566' } }))).toBe(
      'invalid AWS_ENDPOINT_URL "localhost:4566": endpoint URLs are http:// or https:// URLs with a host (example: http://localhost:4566)',
    );
  });

  it('checks the file before the flags', () => {
    expect(problem(() => resolveConfig({ flags: { bucket: 'BAD' }, file: { roleName: 'bad name' }, filePath: 'f.json' }))).toMatch(/^invalid "roleName" in f\.json/);
  });

  it('rejects combinations that cannot work', () => {
    expect(problem(() => resolveConfig({ flags: { createBucket: true } }))).toBe(
      '--create-bucket needs a bucket name: add --bucket NAME (example: --bucket my-personalize-data)',
    );
    expect(problem(() => resolveConfig({ flags: { roleAccess: 'custom', access: 'read-only' } }))).toMatch(/^--role-access custom attaches the custom operator policy/);
  });

  it('counts tags from the file and the flags together', () => {
    const file = { tags: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'x'])) };
    const tag = Array.from({ length: 10 }, (_, i) => `t${i}=y`);
    expect(problem(() => resolveConfig({ flags: { tag }, file }))).toBe('too many tags from --tag: at most 49 tags (AWS allows 50; one is managed-by)');
    expect(Object.keys(resolveConfig({ flags: { tag: tag.slice(1) }, file }).setup.tags)).toHaveLength(49);
  });
});
