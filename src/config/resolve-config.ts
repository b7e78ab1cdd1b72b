/**
 * Builds the one typed configuration from defaults < config file < flags, validating every input
 * on the way. The first problem throws a UsageError whose one-line message names the input, says
 * what is wrong and gives a valid example — before anything talks to AWS.
 */
import { UsageError } from '../errors.js';
import { cloudwatchFromFile, parseConfigFile } from './config-file.js';
import type { ConfigFileValues } from './config-file.js';
import { DEFAULTS, defaultConfig } from './setup-config.js';
import type { AwsOptions, CloudWatchPolicy, OperatorAccess, PrincipalKind, PrincipalRef, RoleAccess, S3Access, SetupConfig } from './setup-config.js';
import type { SetupFlags } from './setup-flags.js';
import {
  validateAttachTo,
  validateBucketName,
  validateChoice,
  validateCidr,
  validateEndpointUrl,
  validateIamPath,
  validateKmsKey,
  validatePolicyName,
  validateProfileName,
  validateRegion,
  validateRoleName,
  validateTagCount,
  validateTagKey,
  validateTagValue,
} from './validators.js';
import type { ValidationResult } from './validators.js';

export const ACCESS_CHOICES: readonly OperatorAccess[] = ['custom', 'managed', 'read-only'];
export const ROLE_ACCESS_CHOICES: readonly RoleAccess[] = ['managed', 'custom'];
export const S3_ACCESS_CHOICES: readonly S3Access[] = ['read', 'read-write'];
export const CLOUDWATCH_CHOICES: readonly CloudWatchPolicy[] = ['CloudWatchFullAccessV2', 'CloudWatchFullAccess'];

/** How the run behaves; these come from flags only (a config file holds answers, not behaviour). */
export interface RunOptions {
  /** `--yes`: accept the defaults and the plan without asking. Default false. */
  yes: boolean;
  /** `--dry-run` (init): plan, show, change nothing. Default false. */
  dryRun: boolean;
  /** `--json`: exactly one JSON document on stdout. Default false. */
  json: boolean;
  /** False with `--no-color`; the CLI also honours NO_COLOR and non-TTY streams. Default true. */
  color: boolean;
  /** `--state-dir`: where run journals live; undefined means the user's config directory. */
  stateDir: string | undefined;
  /** `--config`: the file the answers came from, if any. */
  configPath: string | undefined;
}

/** The validated configuration every command starts from. */
export interface ResolvedConfig {
  setup: SetupConfig;
  aws: AwsOptions;
  options: RunOptions;
  /** SetupConfig fields the config file or a flag set: the wizard does not ask about these. */
  answered: ReadonlySet<keyof SetupConfig>;
}

/** What resolveConfig merges: the flags over the config file over the defaults. */
export interface ResolveInput {
  flags: SetupFlags;
  /** Parsed JSON of the `--config` file (shape-checked again here). */
  file?: unknown;
  /** How to name the file in messages; defaults to `flags.config`. */
  filePath?: string;
  /** For `AWS_ENDPOINT_URL`. */
  env?: Record<string, string | undefined>;
}

/** Where a value came from, to name it in the message. */
type Where = { flag: string } | { key: string; file: string } | { envVar: string };

/** How to check one kind of value, and a valid example for the message. */
interface Rule {
  validate: (value: string) => ValidationResult;
  example?: string;
}

const RULES = {
  attachTo: { validate: validateAttachTo, example: 'user:alice' },
  access: { validate: (v: string) => validateChoice(v, ACCESS_CHOICES) },
  policyName: { validate: validatePolicyName, example: DEFAULTS.policyName },
  cidr: { validate: validateCidr, example: '203.0.113.0/24' },
  cloudwatch: { validate: (v: string) => validateChoice(v, CLOUDWATCH_CHOICES) },
  roleName: { validate: validateRoleName, example: DEFAULTS.roleName },
  rolePath: { validate: validateIamPath, example: '/service-role/' },
  roleAccess: { validate: (v: string) => validateChoice(v, ROLE_ACCESS_CHOICES) },
  bucket: { validate: validateBucketName, example: 'my-personalize-data' },
  s3Access: { validate: (v: string) => validateChoice(v, S3_ACCESS_CHOICES) },
  kmsKey: { validate: validateKmsKey, example: 'alias/personalize' },
  profile: { validate: validateProfileName, example: 'default' },
  region: { validate: validateRegion, example: 'eu-west-1' },
  endpointUrl: { validate: validateEndpointUrl, example: 'http://localhost:4566' },
} satisfies Record<string, Rule>;

function describe(where: Where): string {
  if ('flag' in where) return where.flag;
  if ('envVar' in where) return where.envVar;
  return `"${where.key}" in ${where.file}`;
}

function invalid(where: Where, value: string, rule: string, example?: string): UsageError {
  const shown = 'key' in where ? describe(where) : `${describe(where)} ${JSON.stringify(value)}`;
  return new UsageError(`invalid ${shown}: ${rule}${example ? ` (example: ${example})` : ''}`);
}

/** Returns the value when the rule accepts it; throws the one-line UsageError otherwise. */
function check(value: string, rule: Rule, where: Where): string {
  const problem = rule.validate(value);
  if (problem !== undefined) throw invalid(where, value, problem, rule.example);
  return value;
}

function toPrincipal(value: string, where: Where): PrincipalRef {
  check(value, RULES.attachTo, where);
  const colon = value.indexOf(':');
  return { kind: value.slice(0, colon) as PrincipalKind, name: value.slice(colon + 1) };
}

function checkTag(key: string, value: string, where: Where, shown: string): void {
  const problem = validateTagKey(key) ?? validateTagValue(value);
  if (problem !== undefined) throw invalid(where, shown, problem, 'team=ml');
}

/** `--tag KEY=VALUE`; the value may be empty, the key may not. */
function parseTagFlag(text: string): [string, string] {
  const where = { flag: '--tag' };
  const equals = text.indexOf('=');
  if (equals < 0) throw invalid(where, text, 'tags are KEY=VALUE', 'team=ml');
  const key = text.slice(0, equals);
  const value = text.slice(equals + 1);
  checkTag(key, value, where, text);
  return [key, value];
}

/** The step answers so far (file, then flags, over the defaults) and which fields were set. */
class Answers {
  readonly setup = defaultConfig();
  readonly answered = new Set<keyof SetupConfig>();
  readonly tags = new Map<string, string>();
  tagsFrom: Where | undefined;

  set<K extends keyof SetupConfig>(key: K, value: SetupConfig[K] | undefined): void {
    if (value === undefined) return;
    this.setup[key] = value;
    this.answered.add(key);
  }

  /** For the "skip this step" fields, where a config file's `null` is an answer too. */
  setOptional<K extends 'bucket' | 'kmsKey' | 'cloudwatch'>(key: K, present: boolean, value: SetupConfig[K]): void {
    if (!present) return;
    this.setup[key] = value;
    this.answered.add(key);
  }
}

function applyFile(answers: Answers, values: ConfigFileValues, file: string): void {
  const at = (key: string): Where => ({ key, file });
  const str = (key: keyof typeof RULES, value: string | undefined): string | undefined =>
    value === undefined ? undefined : check(value, RULES[key], at(key));

  answers.set('attachTo', values.attachTo?.map((v, i) => toPrincipal(v, at(`attachTo[${i}]`))));
  answers.set('access', str('access', values.access) as OperatorAccess | undefined);
  answers.set('policyName', str('policyName', values.policyName));
  answers.set('requireMfa', values.requireMfa);
  answers.set('allowedCidrs', values.allowedCidrs?.map((v, i) => check(v, RULES.cidr, at(`allowedCidrs[${i}]`))));
  answers.set('viewOwnPermissions', values.viewOwnPermissions);
  if (values.cloudwatch !== undefined) {
    const policy = cloudwatchFromFile(values.cloudwatch);
    answers.setOptional('cloudwatch', true, policy === undefined ? undefined : (check(policy, RULES.cloudwatch, at('cloudwatch')) as CloudWatchPolicy));
  }
  answers.set('roleName', str('roleName', values.roleName));
  answers.set('rolePath', str('rolePath', values.rolePath));
  answers.set('roleAccess', str('roleAccess', values.roleAccess) as RoleAccess | undefined);
  answers.setOptional('bucket', values.bucket !== undefined, str('bucket', values.bucket ?? undefined));
  answers.set('createBucket', values.createBucket);
  answers.set('s3Access', str('s3Access', values.s3Access) as S3Access | undefined);
  answers.set('denyInsecureTransport', values.denyInsecureTransport);
  answers.setOptional('kmsKey', values.kmsKey !== undefined, str('kmsKey', values.kmsKey ?? undefined));
  if (values.tags !== undefined) {
    for (const [key, value] of Object.entries(values.tags)) {
      checkTag(key, value, at(`tags.${key}`), key);
      answers.tags.set(key, value);
    }
    answers.tagsFrom = at('tags');
  }
}

function applyFlags(answers: Answers, flags: SetupFlags): void {
  const str = (key: keyof typeof RULES, flag: string, value: string | undefined): string | undefined =>
    value === undefined ? undefined : check(value, RULES[key], { flag });

  answers.set('attachTo', flags.attachTo?.map((v) => toPrincipal(v, { flag: '--attach-to' })));
  answers.set('access', str('access', '--access', flags.access) as OperatorAccess | undefined);
  answers.set('policyName', str('policyName', '--policy-name', flags.policyName));
  answers.set('requireMfa', flags.requireMfa);
  answers.set('allowedCidrs', flags.allowedCidr?.map((v) => check(v, RULES.cidr, { flag: '--allowed-cidr' })));
  answers.set('viewOwnPermissions', flags.viewOwnPermissions);
  // --cloudwatch-policy implies --cloudwatch.
  const cloudwatch = str('cloudwatch', '--cloudwatch-policy', flags.cloudwatchPolicy) ?? (flags.cloudwatch ? DEFAULTS.cloudwatchPolicy : undefined);
  answers.set('cloudwatch', cloudwatch as CloudWatchPolicy | undefined);
  answers.set('roleName', str('roleName', '--role-name', flags.roleName));
  answers.set('rolePath', str('rolePath', '--role-path', flags.rolePath));
  answers.set('roleAccess', str('roleAccess', '--role-access', flags.roleAccess) as RoleAccess | undefined);
  answers.set('bucket', str('bucket', '--bucket', flags.bucket));
  answers.set('createBucket', flags.createBucket);
  answers.set('s3Access', str('s3Access', '--s3-access', flags.s3Access) as S3Access | undefined);
  answers.set('denyInsecureTransport', flags.denyInsecureTransport);
  answers.set('kmsKey', str('kmsKey', '--kms-key', flags.kmsKey));
  if (flags.tag !== undefined) {
    // Per key, flags override the file's tags; other file tags stay.
    for (const [key, value] of flags.tag.map(parseTagFlag)) answers.tags.set(key, value);
    answers.tagsFrom = { flag: '--tag' };
  }
}

function finishTags(answers: Answers): void {
  if (answers.tagsFrom === undefined) return;
  const problem = validateTagCount(answers.tags.size);
  if (problem !== undefined) throw new UsageError(`too many tags from ${describe(answers.tagsFrom)}: ${problem}`);
  // fromEntries defines own properties, so a key like "__proto__" stays a plain tag.
  answers.set('tags', Object.fromEntries(answers.tags));
}

function resolveAws(flags: SetupFlags, file: ConfigFileValues | undefined, label: string, env: Record<string, string | undefined>): AwsOptions {
  const aws: AwsOptions = {};
  const pick = (key: 'profile' | 'region' | 'endpointUrl', flag: string): string | undefined => {
    if (flags[key] !== undefined) return check(flags[key], RULES[key], { flag });
    if (file?.[key] !== undefined) return check(file[key], RULES[key], { key, file: label });
    return undefined;
  };
  const profile = pick('profile', '--profile');
  const region = pick('region', '--region');
  // What was given to this tool wins over the ambient environment.
  const envEndpoint = env.AWS_ENDPOINT_URL === '' ? undefined : env.AWS_ENDPOINT_URL;
  const endpointUrl = pick('endpointUrl', '--endpoint-url') ?? (envEndpoint === undefined ? undefined : check(envEndpoint, RULES.endpointUrl, { envVar: 'AWS_ENDPOINT_URL' }));
  if (profile !== undefined) aws.profile = profile;
  if (region !== undefined) aws.region = region;
  if (endpointUrl !== undefined) aws.endpointUrl = endpointUrl;
  return aws;
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`invalid ${flag} "": give a path`);
  return value;
}

/**
 * Choices that are valid alone but not together; the wizard's answers are checked again with it.
 * Throws UsageError (exit 64).
 */
export function assertCompatibleChoices(setup: SetupConfig): void {
  if (setup.roleAccess !== 'custom') return;
  if (setup.access !== 'custom') {
    throw new UsageError(
      `--role-access custom attaches the custom operator policy, which --access ${setup.access} does not create: use --access custom or --role-access managed`,
    );
  }
  // The role would carry the operators' conditions, and Personalize's own calls have no MFA and
  // come from no listed network: every import job would be denied.
  const condition = setup.requireMfa ? '--require-mfa' : setup.allowedCidrs.length > 0 ? '--allowed-cidr' : undefined;
  if (condition !== undefined) {
    throw new UsageError(
      `--role-access custom cannot be combined with ${condition}: the service role would get the same MFA/IP conditions and Personalize's own calls would be denied; use --role-access managed`,
    );
  }
}

/**
 * Merges defaults < config file < flags into the typed configuration, validating every value
 * (file first, then flags). Throws UsageError (exit 64) on the first problem.
 */
export function resolveConfig(input: ResolveInput): ResolvedConfig {
  const { flags } = input;
  const label = input.filePath ?? flags.config ?? 'the config file';
  const file = input.file === undefined ? undefined : parseConfigFile(input.file, label);

  const answers = new Answers();
  if (file) applyFile(answers, file, label);
  applyFlags(answers, flags);
  finishTags(answers);
  const { setup, answered } = answers;

  if (setup.createBucket && setup.bucket === undefined) {
    throw new UsageError('--create-bucket needs a bucket name: add --bucket NAME (example: --bucket my-personalize-data)');
  }
  assertCompatibleChoices(setup);
  // The read-only policy gets its own default name so it never overwrites a full-access one.
  if (setup.access === 'read-only' && !answered.has('policyName')) setup.policyName = DEFAULTS.readOnlyPolicyName;

  const aws = resolveAws(flags, file, label, input.env ?? {});
  const options: RunOptions = {
    yes: flags.yes ?? false,
    dryRun: flags.dryRun ?? false,
    json: flags.json ?? false,
    color: flags.color !== false,
    stateDir: nonEmpty(flags.stateDir, '--state-dir'),
    configPath: nonEmpty(flags.config, '--config'),
  };
  return { setup, aws, options, answered };
}
