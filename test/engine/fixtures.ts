/**
 * Shared test fixtures for the engine: plans made of simple changes, an Io that records what the
 * user would see, and an executor that records calls instead of reaching AWS.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../../src/io.js';
import type { OperationExecutor } from '../../src/engine/executor.js';
import type { RunRecord } from '../../src/engine/journal.js';
import { AwsError } from '../../src/errors.js';
import type { Change, Operation, Plan } from '../../src/steps/types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';
export const fixedClock = (): Date => new Date('2026-11-23T16:35:12.345Z');

export async function tempStateDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'personalize-setup-engine-'));
}

export function runsDirOf(stateDir: string): string {
  return join(stateDir, 'runs', `${ACCOUNT}-${REGION}`);
}

/** Change n (1-based) writes inline policy `P<n>` of role R: simple, distinguishable, documented. */
export function change(n: number, extra: Partial<Change> = {}): Change {
  const operation: Operation = {
    kind: 'putRolePolicy',
    roleName: 'PersonalizeRole',
    policyName: `P${n}`,
    document: { Version: '2012-10-17', Statement: [{ Sid: `S${n}`, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    before: undefined,
  };
  return {
    id: `service-role/p${n}`,
    step: 'service-role',
    action: 'put',
    resource: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
    summary: `Put inline policy P${n}`,
    operation,
    ...extra,
  };
}

export function planOf(changes: Change[], errors: string[] = []): Plan {
  return {
    account: ACCOUNT,
    partition: 'aws',
    region: REGION,
    callerArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/PersonalizeRole`,
    steps: [{ step: 'service-role', title: 'Service role', changes, notes: [], warnings: [], errors }],
  };
}

/** Records every Io call as one line, in order, in a log it may share with the executor. */
export function recordingIo(log: string[] = []): Io & { log: string[] } {
  return {
    log,
    info: (message) => log.push(`info: ${message}`),
    warn: (message) => log.push(`warn: ${message}`),
    begin: (label) => {
      log.push(`begin: ${label}`);
      return { succeed: () => log.push(`succeed: ${label}`), fail: (detail) => log.push(`fail: ${label}: ${detail}`) };
    },
  };
}

/** The policy name of a test operation (`P3`), which names the change. */
export function nameOf(op: Operation): string {
  return op.kind === 'putRolePolicy' ? op.policyName : op.kind;
}

export interface RecordingExecutorOptions {
  /** Apply of these names fails with an AwsError AccessDenied. */
  failApply?: string[];
  /** Undo of these names fails. */
  failUndo?: string[];
  /** Undo of these names is skipped with this detail. */
  skipUndo?: Record<string, string>;
  /** Called during apply, before it returns: lets a test look at the journal mid-call or fire an abort. */
  duringApply?: (name: string) => void | Promise<void>;
  /** What check returns per name. */
  check?: OperationExecutor['check'];
}

/** Records `apply P1` / `undo P1` in `log`; never touches AWS (the `aws` argument is unused). */
export function recordingExecutor(log: string[], options: RecordingExecutorOptions = {}): OperationExecutor {
  return {
    async apply(_aws, op) {
      const name = nameOf(op);
      log.push(`apply ${name}`);
      await options.duringApply?.(name);
      if (options.failApply?.includes(name)) {
        throw new AwsError(`You are not allowed to call iam:PutRolePolicy on role PersonalizeRole.`, 'AccessDenied', 'iam:PutRolePolicy');
      }
      return { versionId: `v-${name}` };
    },
    async undo(_aws, op, result, mode) {
      const name = nameOf(op);
      log.push(`undo ${name} ${JSON.stringify(result)} ${JSON.stringify(mode)}`);
      if (options.failUndo?.includes(name)) throw new Error(`could not undo ${name}`);
      const skip = options.skipUndo?.[name];
      if (skip !== undefined) return { status: 'skipped', detail: skip };
      return { status: 'undone', detail: `undid ${name}` };
    },
    ...(options.check === undefined ? {} : { check: options.check }),
  };
}

/** A stand-in for `Aws`: the recording executor never uses it, and anything else must not either. */
export const noAws = new Proxy({} as never, {
  get(_target, property) {
    throw new Error(`the engine touched aws.${String(property)} directly`);
  },
});

/** The journal files of the account/region (names) and the one journal's content. */
export async function journalFiles(stateDir: string): Promise<string[]> {
  try {
    return (await readdir(runsDirOf(stateDir))).sort();
  } catch {
    return [];
  }
}

export async function readOnlyJournal(stateDir: string): Promise<RunRecord> {
  const files = (await journalFiles(stateDir)).filter((f) => f.endsWith('.json'));
  if (files.length !== 1) throw new Error(`expected one journal, found ${files.join(', ') || 'none'}`);
  return JSON.parse(await readFile(join(runsDirOf(stateDir), files[0]!), 'utf8')) as RunRecord;
}
