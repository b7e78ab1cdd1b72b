/**
 * Scenario 10: the journal of a run is a private (0600), valid JSON file under --state-dir, named
 * by its run id, and never holds a credential.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_ID_PATTERN } from '../../src/engine/run-id.js';
import { ACCOUNT, CREDENTIALS, initJson, REGION, Scenario } from './harness.js';

let s: Scenario;
beforeEach(async () => {
  s = await Scenario.start();
});
afterEach(() => s.end());

describe('the journal of a run', () => {
  it('is one 0600 JSON file under the state directory, named by the run id, without secrets', async () => {
    const json = initJson(await s.init('--json'));
    expect(json.status).toBe('applied');
    expect(json.runId).toMatch(RUN_ID_PATTERN);

    const files = await s.journalFiles();
    expect(files).toHaveLength(1);
    const path = files[0]!;
    expect(json.journalPath).toBe(path);
    expect(basename(path)).toBe(`${json.runId}.json`);
    expect(path.startsWith(s.stateDir)).toBe(true);

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    const record = JSON.parse(text) as { runId: string; account: string; region: string; status: string; entries: { state: string }[] };
    expect(record).toMatchObject({ runId: json.runId, account: ACCOUNT, region: REGION, status: 'applied' });
    expect(record.entries.map((entry) => entry.state)).toEqual(new Array(8).fill('done'));

    expect(text).not.toContain(CREDENTIALS.secretAccessKey);
    expect(text).not.toContain(CREDENTIALS.accessKeyId);
  });

  it('is written by a failed run too, and still holds no secret', async () => {
    s.fake.failMutatingCall(4);
    const json = initJson(await s.init('--json'));
    expect(json.status).toBe('rolled-back');

    const files = await s.journalFiles();
    expect(files).toEqual([json.journalPath]);
    expect((await stat(files[0]!)).mode & 0o777).toBe(0o600);
    const text = await readFile(files[0]!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ status: 'rolled-back' });
    expect(text).not.toContain(CREDENTIALS.secretAccessKey);
    expect(text).not.toContain(CREDENTIALS.accessKeyId);
  });
});
