/**
 * The run journal: one JSON file per apply, rewritten atomically before and after every mutating
 * call, so that a failed, interrupted or regretted run can always be undone from what it recorded.
 * Entries hold names and documents only (the operations), never credentials.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SetupError } from '../errors.js';
import type { Partition } from '../policies/types.js';
import type { Operation, OperationResult, StepId } from '../steps/types.js';
import { writeFileAtomic } from './atomic-write.js';
import { newRunId, RUN_ID_PATTERN } from './run-id.js';
import { runsDir } from './state-dir.js';

/**
 * - `pending`: about to call AWS (if the process dies here, the call may or may not have happened);
 * - `done`: the call succeeded and the change is in place;
 * - `failed`: the call failed (operations leave nothing behind when they fail);
 * - `undone` / `undo-failed` / `skipped`: what rollback did with a `done` entry.
 */
export type EntryState = 'pending' | 'done' | 'failed' | 'undone' | 'undo-failed' | 'skipped';

/**
 * `applying` and `rolling-back` are only seen on disk when a process died mid-way.
 * The others are final outcomes of apply or of the `rollback` command.
 */
export type RunStatus =
  | 'applying'
  | 'applied'
  | 'rolling-back'
  | 'rolled-back'
  | 'rollback-incomplete'
  | 'failed-no-rollback'
  | 'aborted';

/** One change of the plan, as recorded in the journal. */
export interface JournalEntry {
  changeId: string;
  step: StepId;
  summary: string;
  resource: string;
  /** The call and the "before" image undo needs. */
  operation: Operation;
  undoWarning?: string;
  state: EntryState;
  /** What the call returned (e.g. a new policy version id); set once `done`. */
  result?: OperationResult;
  /** Why the call or its undo failed. */
  error?: string;
  /** What the undo did or why it was skipped. */
  undoDetail?: string;
}

/** The content of one journal file. */
export interface RunRecord {
  version: 1;
  runId: string;
  account: string;
  region: string;
  partition: Partition;
  roleArn: string;
  /** ISO timestamps. */
  startedAt: string;
  finishedAt?: string;
  /** Set by the `rollback` command. */
  rolledBackAt?: string;
  status: RunStatus;
  entries: JournalEntry[];
}

/** Entries whose change is (or may still be) in place and can be undone. */
export function isUndoable(entry: JournalEntry): boolean {
  return entry.state === 'done' || entry.state === 'undo-failed';
}

/** An open journal file; mutate `record`, then `save()`. */
export class RunJournal {
  private constructor(
    readonly path: string,
    readonly record: RunRecord,
  ) {}

  /** Creates and writes the journal of a new run. */
  static async start(o: {
    stateDir: string;
    account: string;
    region: string;
    partition: Partition;
    roleArn: string;
    runId?: string;
    now?: () => Date;
  }): Promise<RunJournal> {
    const now = (o.now ?? (() => new Date()))();
    const runId = o.runId ?? newRunId(now);
    const record: RunRecord = {
      version: 1,
      runId,
      account: o.account,
      region: o.region,
      partition: o.partition,
      roleArn: o.roleArn,
      startedAt: now.toISOString(),
      status: 'applying',
      entries: [],
    };
    const journal = new RunJournal(journalPath(o.stateDir, o.account, o.region, runId), record);
    await journal.save();
    return journal;
  }

  /** Reads an existing journal file. */
  static async open(path: string): Promise<RunJournal> {
    return new RunJournal(path, await readRecord(path));
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(this.record, null, 2)}\n`);
  }
}

export function journalPath(stateDir: string, account: string, region: string, runId: string): string {
  return join(runsDir(stateDir, account, region), `${runId}.json`);
}

/** Every run recorded for an account and region, newest first. */
export async function listRuns(stateDir: string, account: string, region: string): Promise<RunJournal[]> {
  const dir = runsDir(stateDir, account, region);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const runIds = names
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => RUN_ID_PATTERN.test(id))
    .sort()
    .reverse();
  // A journal that cannot be read is an error, not something to skip: skipping it could make an
  // older run look like "the latest" and roll back the wrong changes.
  return Promise.all(runIds.map((id) => RunJournal.open(join(dir, `${id}.json`))));
}

/**
 * The run `runId`, or else the newest run that still has changes in place (or, when none has,
 * the newest run). Throws a SetupError naming the account, region and directory when there is none.
 */
export async function loadRun(
  stateDir: string,
  account: string,
  region: string,
  runId?: string,
): Promise<RunJournal> {
  if (runId !== undefined) {
    if (!RUN_ID_PATTERN.test(runId)) {
      throw new SetupError(`"${runId}" is not a run id`, undefined, `Run ids look like 20261123T163512Z-a1b2: the journal file names under ${runsDir(stateDir, account, region)}.`);
    }
    const runs = await listRuns(stateDir, account, region);
    const run = runs.find((r) => r.record.runId === runId);
    if (!run) throw new SetupError(`no run ${runId} found for ${account} in ${region} under ${stateDir}`);
    return run;
  }
  const runs = await listRuns(stateDir, account, region);
  // With nothing left to undo, the newest run answers "nothing to undo": rolling back twice is
  // not an error. Only no run at all is (most likely the wrong --state-dir or --region).
  const latest = runs.find((r) => r.record.entries.some(isUndoable)) ?? runs[0];
  if (!latest) {
    throw new SetupError(
      `no applied run found for ${account} in ${region} under ${stateDir}`,
      undefined,
      'Pass --state-dir if the run was made with a different state directory, or --region for another region.',
    );
  }
  return latest;
}

async function readRecord(path: string): Promise<RunRecord> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SetupError(`the journal ${path} cannot be read: ${(error as Error).message}`, undefined, 'Move the file aside, or pass --run with another run id.');
  }
  const record = parsed as Partial<RunRecord> | null;
  if (!record || record.version !== 1 || typeof record.runId !== 'string' || !Array.isArray(record.entries)) {
    throw new SetupError(`the journal ${path} is not a personalize-setup journal (version 1)`, undefined, 'Move the file aside, or pass --run with another run id.');
  }
  return record as RunRecord;
}
