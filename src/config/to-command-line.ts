/**
 * The non-interactive command line equivalent to a finished configuration, printed after the
 * wizard so the same setup can be repeated in CI or documented. Only values that differ from the
 * defaults become flags, so the line stays as short as the choices were.
 */
import { DEFAULTS, defaultConfig } from './setup-config.js';
import type { AwsOptions, SetupConfig } from './setup-config.js';

/** `npx personalize-setup init --yes …` with every non-default answer as a flag, shell-quoted. */
export function toCommandLine(config: SetupConfig, aws: AwsOptions): string {
  return ['npx', 'personalize-setup', 'init', '--yes', ...awsFlags(aws), ...setupFlags(config)].map(shellQuote).join(' ');
}

function awsFlags(aws: AwsOptions): string[] {
  return [
    ...valueFlag('--profile', aws.profile),
    ...valueFlag('--region', aws.region),
    ...valueFlag('--endpoint-url', aws.endpointUrl),
  ];
}

function setupFlags(config: SetupConfig): string[] {
  const defaults = defaultConfig();
  // resolveConfig gives read-only access its own policy name unless one is named.
  const defaultPolicyName = config.access === 'read-only' ? DEFAULTS.readOnlyPolicyName : DEFAULTS.policyName;
  const differs = <K extends keyof SetupConfig>(key: K, fallback: SetupConfig[K] = defaults[key]) =>
    config[key] !== fallback ? config[key] : undefined;

  return [
    ...config.attachTo.flatMap((ref) => ['--attach-to', `${ref.kind}:${ref.name}`]),
    ...valueFlag('--access', differs('access')),
    ...valueFlag('--policy-name', differs('policyName', defaultPolicyName)),
    ...switchFlag('--require-mfa', config.requireMfa),
    ...config.allowedCidrs.flatMap((cidr) => ['--allowed-cidr', cidr]),
    ...switchFlag('--view-own-permissions', config.viewOwnPermissions),
    ...cloudwatchFlags(config),
    ...valueFlag('--role-name', differs('roleName')),
    ...valueFlag('--role-path', differs('rolePath')),
    ...valueFlag('--role-access', differs('roleAccess')),
    ...valueFlag('--bucket', config.bucket),
    // resolveConfig refuses --create-bucket without --bucket.
    ...switchFlag('--create-bucket', config.createBucket && config.bucket !== undefined),
    ...valueFlag('--s3-access', differs('s3Access')),
    ...switchFlag('--deny-insecure-transport', config.denyInsecureTransport),
    ...valueFlag('--kms-key', config.kmsKey),
    ...Object.entries(config.tags).flatMap(([key, value]) => ['--tag', `${key}=${value}`]),
  ];
}

function cloudwatchFlags(config: SetupConfig): string[] {
  if (config.cloudwatch === undefined) return [];
  // --cloudwatch-policy implies --cloudwatch; name it only for the non-default (deprecated) policy.
  return config.cloudwatch === DEFAULTS.cloudwatchPolicy ? ['--cloudwatch'] : ['--cloudwatch-policy', config.cloudwatch];
}

function valueFlag(flag: string, value: string | undefined): string[] {
  return value === undefined ? [] : [flag, value];
}

function switchFlag(flag: string, on: boolean): string[] {
  return on ? [flag] : [];
}

/** POSIX shell quoting: bare when every character is safe, else single quotes (' as '\''). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-.,:/@%+=]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
