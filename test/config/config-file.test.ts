import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile, writeConfigFile } from '../../src/config/config-file.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { defaultConfig } from '../../src/config/setup-config.js';
import type { SetupConfig } from '../../src/config/setup-config.js';
import { ExitCode, UsageError } from '../../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'personalize-setup-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function usageError(promise: Promise<unknown>): Promise<UsageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(ExitCode.usage);
  return error as UsageError;
}

describe('readConfigFile', () => {
  it('returns the values of a valid file', async () => {
    const path = await fileWith(
      'valid.json',
      JSON.stringify({ bucket: 'my-personalize-data', attachTo: ['user:alice'], tags: { team: 'ml' }, cloudwatch: true, kmsKey: null }),
    );
    expect(await readConfigFile(path)).toEqual({
      bucket: 'my-personalize-data',
      attachTo: ['user:alice'],
      tags: { team: 'ml' },
      cloudwatch: true,
      kmsKey: null,
    });
  });

  it('names a missing file', async () => {
    const path = join(dir, 'nope.json');
    expect((await usageError(readConfigFile(path))).message).toBe(`cannot read config file ${path}: no such file`);
  });

  it('gives line and column of a JSON syntax error', async () => {
    const path = await fileWith('bad.json', '{\n  "bucket": "x",\n  "roleName" "r"\n}\n');
    const { message } = await usageError(readConfigFile(path));
    expect(message).toMatch(new RegExp(`^config file ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: .+ at line 3, column 14$`));
  });

  it('names an unknown key and suggests the close one', async () => {
    const path = await fileWith('typo.json', '{"buckett": "my-personalize-data"}');
    expect((await usageError(readConfigFile(path))).message).toBe(`unknown key "buckett" in ${path} (did you mean "bucket"?)`);
  });

  it('names an unknown key without a guess when nothing is close', async () => {
    const path = await fileWith('unknown.json', '{"stateDir": "/tmp"}');
    expect((await usageError(readConfigFile(path))).message).toBe(`unknown key "stateDir" in ${path}`);
  });

  it.each([
    ['requireMfa', '"yes"', 'expected true or false'],
    ['attachTo', '"user:alice"', 'expected an array of strings'],
    ['allowedCidrs', '[10]', 'expected an array of strings'],
    ['tags', '["team=ml"]', 'expected an object of string values, e.g. {"team": "ml"}'],
    ['tags', '{"n": 1}', 'expected an object of string values, e.g. {"team": "ml"}'],
    ['bucket', '42', 'expected a string or null'],
    ['roleName', 'null', 'expected a string'],
    ['cloudwatch', '1', 'expected "CloudWatchFullAccessV2", "CloudWatchFullAccess", true or false'],
  ])('rejects %s = %s with the expected type', async (key, json, expected) => {
    const path = await fileWith(`type-${key}.json`, `{"${key}": ${json}}`);
    expect((await usageError(readConfigFile(path))).message).toBe(`invalid "${key}" in ${path}: ${expected}`);
  });

  it('rejects a file that is not an object', async () => {
    const path = await fileWith('array.json', '["bucket"]');
    expect((await usageError(readConfigFile(path))).message).toMatch(/must hold a JSON object/);
  });
});

describe('writeConfigFile', () => {
  const answers: SetupConfig = {
    ...defaultConfig(),
    attachTo: [
      { kind: 'user', name: 'alice' },
      { kind: 'group', name: 'ml-team' },
    ],
    allowedCidrs: ['203.0.113.0/24'],
    cloudwatch: 'CloudWatchFullAccess',
    bucket: 'my-personalize-data',
    kmsKey: 'alias/personalize',
    tags: { team: 'ml' },
  };

  it('writes mode 0600 and leaves no temporary file behind', async () => {
    const path = join(dir, 'saved.json');
    await writeConfigFile(path, { setup: answers, aws: { region: 'eu-west-1' } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((name) => name.startsWith('saved.json'))).toEqual(['saved.json']);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({
      attachTo: ['user:alice', 'group:ml-team'],
      cloudwatch: 'CloudWatchFullAccess',
      bucket: 'my-personalize-data',
      region: 'eu-west-1',
    });
  });

  it('round-trips: --config of the saved file gives back the same answers', async () => {
    const path = join(dir, 'round-trip.json');
    const skipped: SetupConfig = { ...answers, bucket: undefined, kmsKey: undefined, cloudwatch: undefined };
    for (const setup of [answers, skipped]) {
      await writeConfigFile(path, { setup, aws: { profile: 'prod', region: 'eu-west-1', endpointUrl: 'http://localhost:4566' } });
      const resolved = resolveConfig({ flags: {}, file: await readConfigFile(path), filePath: path });
      expect(resolved.setup).toEqual(setup);
      expect(resolved.aws).toEqual({ profile: 'prod', region: 'eu-west-1', endpointUrl: 'http://localhost:4566' });
    }
  });

  it('replaces an existing file', async () => {
    const path = await fileWith('existing.json', 'old');
    await writeConfigFile(path, { setup: defaultConfig() });
    expect(JSON.parse(await readFile(path, 'utf8')).roleName).toBe('PersonalizeRole');
  });

  it('fails with a clear message when the directory does not exist', async () => {
    const path = join(dir, 'missing-dir', 'x.json');
    await expect(writeConfigFile(path, { setup: defaultConfig() })).rejects.toThrow(`cannot write config file ${path}: ENOENT`);
  });
});
