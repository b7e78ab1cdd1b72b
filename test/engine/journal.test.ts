import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns, loadRun, RunJournal } from '../../src/engine/journal.js';
import { newRunId } from '../../src/engine/run-id.js';
import { defaultStateDir } from '../../src/engine/state-dir.js';
import { SetupError } from '../../src/errors.js';
import { ACCOUNT, change, REGION, runsDirOf, tempStateDir } from './fixtures.js';

describe('run ids', () => {
  it('sort by time and say when the run started (UTC)', () => {
    expect(newRunId(new Date('2026-11-23T16:35:12.345Z'), () => 'a1b2')).toBe('20261123T163512Z-a1b2');
    expect(newRunId(new Date('2026-11-23T16:35:12Z'))).toMatch(/^20261123T163512Z-[0-9a-f]{4}$/);
    const ids = [new Date('2027-01-01T00:00:00Z'), new Date('2026-12-31T23:59:59Z'), new Date('2026-02-01T00:00:00Z')].map((d) => newRunId(d));
    expect([...ids].sort()).toEqual([ids[2], ids[1], ids[0]]);
  });
});

describe('defaultStateDir', () => {
  it('follows XDG_CONFIG_HOME, else ~/.config, and %APPDATA% on Windows', () => {
    expect(defaultStateDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/alice')).toBe('/xdg/personalize-setup');
    expect(defaultStateDir({}, 'linux', '/home/alice')).toBe('/home/alice/.config/personalize-setup');
    expect(defaultStateDir({}, 'darwin', '/Users/alice')).toBe('/Users/alice/.config/personalize-setup');
    // The XDG spec says relative paths are invalid and must be ignored.
    expect(defaultStateDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/alice')).toBe('/home/alice/.config/personalize-setup');
    expect(defaultStateDir({ APPDATA: 'C:\\Users\\alice\\AppData\\Roaming' }, 'win32', 'C:\\Users\\alice')).toBe('C:\\Users\\alice\\AppData\\Roaming\\personalize-setup');
  });
});

/** Writes a journal whose first entry is `done` (or only `undone` ones when `undoable` is false). */
async function journalAt(stateDir: string, iso: string, undoable: boolean): Promise<RunJournal> {
  const journal = await RunJournal.start({
    stateDir, account: ACCOUNT, region: REGION, partition: 'aws', roleArn: 'arn:aws:iam::123456789012:role/PersonalizeRole', now: () => new Date(iso),
  });
  const c = change(1);
  journal.record.entries.push({ changeId: c.id, step: c.step, summary: c.summary, resource: c.resource, operation: c.operation!, state: undoable ? 'done' : 'undone', result: {} });
  journal.record.status = undoable ? 'applied' : 'rolled-back';
  await journal.save();
  return journal;
}

describe('listing and loading runs', () => {
  it('lists runs newest first and loads the newest one that still has changes in place', async () => {
    const stateDir = await tempStateDir();
    const oldest = await journalAt(stateDir, '2026-01-01T00:00:00Z', true);
    const middle = await journalAt(stateDir, '2026-06-01T00:00:00Z', true);
    const newest = await journalAt(stateDir, '2026-11-01T00:00:00Z', false);

    expect((await listRuns(stateDir, ACCOUNT, REGION)).map((r) => r.record.runId)).toEqual([newest.record.runId, middle.record.runId, oldest.record.runId]);
    expect((await loadRun(stateDir, ACCOUNT, REGION)).record.runId).toBe(middle.record.runId);
    expect((await loadRun(stateDir, ACCOUNT, REGION, oldest.record.runId)).record).toEqual(oldest.record);
  });

  it('says clearly when there is no run to load, and returns an already rolled-back run as the latest', async () => {
    const stateDir = await tempStateDir();
    const dir = stateDir;
    await expect(loadRun(stateDir, ACCOUNT, REGION)).rejects.toThrow(SetupError);
    await expect(loadRun(stateDir, ACCOUNT, REGION)).rejects.toMatchObject({
      message: `no applied run found for ${ACCOUNT} in ${REGION} under ${dir}`,
      suggestion: 'Pass --state-dir if the run was made with a different state directory, or --region for another region.',
    });
    // A run whose changes were all undone already: it is the answer ("nothing to undo"), not an error.
    const undone = await journalAt(stateDir, '2026-11-01T00:00:00Z', false);
    expect((await loadRun(stateDir, ACCOUNT, REGION)).record.runId).toBe(undone.record.runId);
    await expect(loadRun(stateDir, ACCOUNT, REGION, '20250101T000000Z-abcd')).rejects.toThrow(`no run 20250101T000000Z-abcd found for ${ACCOUNT} in ${REGION} under ${dir}`);
    await expect(loadRun(stateDir, ACCOUNT, REGION, '../../etc/passwd')).rejects.toThrow('"../../etc/passwd" is not a run id');
  });

  it('refuses to guess past a journal it cannot read', async () => {
    const stateDir = await tempStateDir();
    await journalAt(stateDir, '2026-01-01T00:00:00Z', true);
    await mkdir(runsDirOf(stateDir), { recursive: true });
    const broken = join(runsDirOf(stateDir), '20261231T000000Z-dead.json');
    await writeFile(broken, '{"version": 1, "runId": ');
    await expect(loadRun(stateDir, ACCOUNT, REGION)).rejects.toThrow(`the journal ${broken} cannot be read`);
  });

  it('rewrites the file in place without leaving temp files', async () => {
    const stateDir = await tempStateDir();
    const journal = await journalAt(stateDir, '2026-01-01T00:00:00Z', true);
    for (let i = 0; i < 5; i++) {
      journal.record.entries[0]!.state = i % 2 === 0 ? 'done' : 'undone';
      await journal.save();
    }
    expect(await readdir(runsDirOf(stateDir))).toEqual([`${journal.record.runId}.json`]);
    expect((await RunJournal.open(journal.path)).record.entries[0]!.state).toBe('done');
  });
});
