import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { defaultConfig, type SetupConfig } from '../../src/config/setup-config.js';
import type { SetupFlags } from '../../src/config/setup-flags.js';
import { shellQuote, toCommandLine } from '../../src/config/to-command-line.js';

/** Lets a real POSIX shell split the line, so the quoting is judged by what a user's shell does. */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const SWITCHES = new Set(['--yes', '--require-mfa', '--view-own-permissions', '--cloudwatch', '--create-bucket', '--deny-insecure-transport']);
const REPEATABLE = new Set(['attachTo', 'allowedCidr', 'tag']);

/** A tiny stand-in for commander: `--kebab-case VALUE` into SetupFlags. */
function parseInitArgs(words: string[]): SetupFlags {
  expect(words.slice(0, 3)).toEqual(['npx', 'personalize-setup', 'init']);
  const flags: Record<string, unknown> = {};
  const args = words.slice(3);
  while (args.length > 0) {
    const flag = args.shift()!;
    const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (SWITCHES.has(flag)) {
      flags[key] = true;
      continue;
    }
    const value = args.shift();
    if (value === undefined) throw new Error(`${flag} has no value`);
    flags[key] = REPEATABLE.has(key) ? [...((flags[key] as string[] | undefined) ?? []), value] : value;
  }
  return flags as SetupFlags;
}

function roundTrip(config: SetupConfig, aws = { region: 'eu-west-1' }) {
  const line = toCommandLine(config, aws);
  const resolved = resolveConfig({ flags: parseInitArgs(shellWords(line)) });
  return { line, resolved };
}

describe('toCommandLine', () => {
  it('names only the region for an all-defaults setup', () => {
    expect(toCommandLine(defaultConfig(), { region: 'eu-west-1' })).toBe('npx personalize-setup init --yes --region eu-west-1');
  });

  it('writes each non-default answer as its flag', () => {
    const config: SetupConfig = {
      ...defaultConfig(),
      attachTo: [
        { kind: 'user', name: 'alice' },
        { kind: 'group', name: 'ml-team' },
      ],
      requireMfa: true,
      allowedCidrs: ['203.0.113.0/24'],
      cloudwatch: 'CloudWatchFullAccessV2',
      bucket: 'my-personalize-data',
      kmsKey: 'alias/personalize',
    };
    expect(toCommandLine(config, { profile: 'ml', region: 'us-east-1' })).toBe(
      'npx personalize-setup init --yes --profile ml --region us-east-1 --attach-to user:alice --attach-to group:ml-team ' +
        '--require-mfa --allowed-cidr 203.0.113.0/24 --cloudwatch --bucket my-personalize-data --kms-key alias/personalize',
    );
  });

  it('parses back to the same configuration when (almost) every answer differs from its default', () => {
    const config: SetupConfig = {
      attachTo: [
        { kind: 'user', name: 'alice' },
        { kind: 'role', name: 'Data+Science=Ops' },
      ],
      // --role-access custom (round-tripped below) refuses MFA and IP conditions, which this one has.
      access: 'custom',
      policyName: 'TeamPersonalize',
      requireMfa: true,
      allowedCidrs: ['203.0.113.0/24', '2001:db8::/32'],
      viewOwnPermissions: true,
      cloudwatch: 'CloudWatchFullAccess',
      roleName: 'RecsRole',
      rolePath: '/service-role/',
      roleAccess: 'managed',
      bucket: 'new-personalize-bucket',
      createBucket: true,
      s3Access: 'read',
      denyInsecureTransport: true,
      kmsKey: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      tags: { team: 'ML platform', 'cost/centre': '' },
    };
    const aws = { profile: 'ml', region: 'eu-west-1', endpointUrl: 'http://localhost:4566' };
    const { line, resolved } = roundTrip(config, aws);
    expect(line).toContain(`--tag 'team=ML platform' --tag cost/centre=`);
    expect(resolved.setup).toEqual(config);
    expect(resolved.aws).toEqual(aws);
  });

  it('round-trips --role-access custom, which needs custom access and no MFA or IP conditions', () => {
    const config: SetupConfig = { ...defaultConfig(), roleAccess: 'custom', policyName: 'TeamPersonalize' };
    const { line, resolved } = roundTrip(config);
    expect(line).toBe('npx personalize-setup init --yes --region eu-west-1 --policy-name TeamPersonalize --role-access custom');
    expect(resolved.setup).toEqual(config);
  });

  it('leaves out the read-only policy name when it is the read-only default', () => {
    const config: SetupConfig = { ...defaultConfig(), access: 'read-only', policyName: 'PersonalizeReadOnlyAccess' };
    const { line, resolved } = roundTrip(config);
    expect(line).toBe('npx personalize-setup init --yes --region eu-west-1 --access read-only');
    expect(resolved.setup).toEqual(config);
  });

  it('names --cloudwatch alone for the default V2 policy and round-trips it', () => {
    const config: SetupConfig = { ...defaultConfig(), cloudwatch: 'CloudWatchFullAccessV2' };
    const { line, resolved } = roundTrip(config);
    expect(line).toBe('npx personalize-setup init --yes --region eu-west-1 --cloudwatch');
    expect(resolved.setup).toEqual(config);
  });

  it('round-trips the defaults', () => {
    expect(roundTrip(defaultConfig()).resolved.setup).toEqual(defaultConfig());
  });
});

describe('shellQuote', () => {
  it('leaves safe words bare and single-quotes the rest', () => {
    expect(shellQuote('user:alice')).toBe('user:alice');
    expect(shellQuote('team=ML platform')).toBe(`'team=ML platform'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('$HOME;rm')).toBe(`'$HOME;rm'`);
  });
});
