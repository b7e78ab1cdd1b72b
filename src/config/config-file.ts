/**
 * The `--config FILE` format: a JSON object whose keys are the SetupConfig field names
 * (`attachTo` as ["user:alice"], `tags` as an object) plus `profile`, `region` and `endpointUrl`.
 * This file checks the shape (types, unknown keys); `resolveConfig` checks the values.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { ExitCode, SetupError, UsageError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { DEFAULTS } from './setup-config.js';
import type { AwsOptions, SetupConfig } from './setup-config.js';

/** A config file after its shape was checked. `null` for bucket, kmsKey or cloudwatch means "skip that step". */
export interface ConfigFileValues {
  attachTo?: string[];
  access?: string;
  policyName?: string;
  requireMfa?: boolean;
  allowedCidrs?: string[];
  viewOwnPermissions?: boolean;
  /** A policy name, `true` for the default (CloudWatchFullAccessV2), or `false`/`null` to skip. */
  cloudwatch?: string | boolean | null;
  roleName?: string;
  rolePath?: string;
  roleAccess?: string;
  bucket?: string | null;
  createBucket?: boolean;
  s3Access?: string;
  denyInsecureTransport?: boolean;
  kmsKey?: string | null;
  tags?: Record<string, string>;
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

type Shape = 'string' | 'nullable-string' | 'boolean' | 'string-array' | 'tags' | 'cloudwatch';

const SHAPES: Record<keyof ConfigFileValues, Shape> = {
  attachTo: 'string-array',
  access: 'string',
  policyName: 'string',
  requireMfa: 'boolean',
  allowedCidrs: 'string-array',
  viewOwnPermissions: 'boolean',
  cloudwatch: 'cloudwatch',
  roleName: 'string',
  rolePath: 'string',
  roleAccess: 'string',
  bucket: 'nullable-string',
  createBucket: 'boolean',
  s3Access: 'string',
  denyInsecureTransport: 'boolean',
  kmsKey: 'nullable-string',
  tags: 'tags',
  profile: 'string',
  region: 'string',
  endpointUrl: 'string',
};

/** Every key a config file may hold. */
export const CONFIG_FILE_KEYS = Object.keys(SHAPES) as (keyof ConfigFileValues)[];

const EXPECTED: Record<Shape, string> = {
  string: 'expected a string',
  'nullable-string': 'expected a string or null',
  boolean: 'expected true or false',
  'string-array': 'expected an array of strings',
  tags: 'expected an object of string values, e.g. {"team": "ml"}',
  cloudwatch: 'expected "CloudWatchFullAccessV2", "CloudWatchFullAccess", true or false',
};

function fits(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'string':
      return typeof value === 'string';
    case 'nullable-string':
      return typeof value === 'string' || value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string-array':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'tags':
      return isPlainObject(value) && Object.values(value).every((item) => typeof item === 'string');
    case 'cloudwatch':
      return typeof value === 'string' || typeof value === 'boolean' || value === null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks the shape of parsed JSON; `label` names the file in messages. Throws UsageError on the
 * first problem: not an object, an unknown key (with a suggestion), or a value of the wrong type.
 */
export function parseConfigFile(raw: unknown, label: string): ConfigFileValues {
  if (!isPlainObject(raw)) throw new UsageError(`config file ${label} must hold a JSON object, e.g. {"bucket": "my-personalize-data"}`);
  for (const [key, value] of Object.entries(raw)) {
    if (!Object.hasOwn(SHAPES, key)) {
      const guess = didYouMean(key, CONFIG_FILE_KEYS);
      throw new UsageError(`unknown key "${key}" in ${label}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    const shape = SHAPES[key as keyof ConfigFileValues];
    if (!fits(value, shape)) throw new UsageError(`invalid "${key}" in ${label}: ${EXPECTED[shape]}`);
  }
  return raw as ConfigFileValues;
}

/** Reads and shape-checks a config file. Every failure is a UsageError (exit 64). */
export async function readConfigFile(path: string): Promise<ConfigFileValues> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String(code ?? error);
    throw new UsageError(`cannot read config file ${path}: ${why}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file ${path} is not valid JSON: ${describeJsonError(error, text)}`);
  }
  return parseConfigFile(raw, path);
}

/** V8 says "... in JSON at position 42"; people look for a line and a column. */
function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position) return message.replace(/\s*\n\s*/g, ' ');
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  const reason = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\n\s*/g, ' ');
  return `${reason} at line ${line}, column ${column}`;
}

/** The answers a run used, in the config file's format, so `--config` reproduces them. */
export function toConfigFileValues(setup: SetupConfig, aws: AwsOptions = {}): ConfigFileValues {
  const values: ConfigFileValues = {
    attachTo: setup.attachTo.map((p) => `${p.kind}:${p.name}`),
    access: setup.access,
    policyName: setup.policyName,
    requireMfa: setup.requireMfa,
    allowedCidrs: [...setup.allowedCidrs],
    viewOwnPermissions: setup.viewOwnPermissions,
    cloudwatch: setup.cloudwatch ?? false,
    roleName: setup.roleName,
    rolePath: setup.rolePath,
    roleAccess: setup.roleAccess,
    bucket: setup.bucket ?? null,
    createBucket: setup.createBucket,
    s3Access: setup.s3Access,
    denyInsecureTransport: setup.denyInsecureTransport,
    kmsKey: setup.kmsKey ?? null,
    tags: { ...setup.tags },
  };
  if (aws.profile !== undefined) values.profile = aws.profile;
  if (aws.region !== undefined) values.region = aws.region;
  if (aws.endpointUrl !== undefined) values.endpointUrl = aws.endpointUrl;
  return values;
}

/**
 * Saves answers as a config file: mode 0600 (it names accounts' principals and buckets), written
 * to a temporary file first and renamed, so a crash never leaves half a file behind.
 */
export async function writeConfigFile(path: string, answers: { setup: SetupConfig; aws?: AwsOptions }): Promise<void> {
  const text = `${JSON.stringify(toConfigFileValues(answers.setup, answers.aws), null, 2)}\n`;
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new SetupError(`cannot write config file ${path}: ${code}`, ExitCode.failed, 'check that the directory exists and is writable');
  }
}

/** The CloudWatch policy a config file's `cloudwatch` value asks for (shape already checked). */
export function cloudwatchFromFile(value: string | boolean | null): string | undefined {
  if (value === true) return DEFAULTS.cloudwatchPolicy;
  if (value === false || value === null) return undefined;
  return value;
}
