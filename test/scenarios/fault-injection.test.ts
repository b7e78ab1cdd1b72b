/**
 * Scenarios 4 and 9: a write that fails at any point of a full setup rolls the whole account back
 * to exactly where it started, and says which change failed. `--no-rollback` keeps what was done
 * until `rollback` undoes it; Ctrl-C lets the call in flight finish, then rolls back.
 *
 * A change can make several writes (creating a bucket also blocks public access, turns on
 * encryption and tags it), so write k is mapped to its change through the call log of a clean run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '../../src/steps/types.js';
import { isMutating } from '../support/call-log.js';
import { answers, errorLines, initJson, pendingChangesOf, Scenario } from './harness.js';
import type { ScenarioOptions } from './harness.js';

/** The write calls one change makes, in order: what AWS sees of it. */
function writesOf(change: Change): string[] {
  const op = change.operation!;
  switch (op.kind) {
    case 'createBucket':
      return ['CreateBucket', 'PutPublicAccessBlock', 'PutBucketEncryption', 'PutBucketTagging'];
    case 'attachPolicy':
      return [`Attach${capitalise(op.principal.kind)}Policy`];
    case 'updateTrustPolicy':
      return ['UpdateAssumeRolePolicy'];
    default:
      return [capitalise(op.kind)];
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

interface Variant {
  name: string;
  options: ScenarioOptions;
  argv: string[];
}

const VARIANTS: Variant[] = [
  { name: 'existing bucket', options: {}, argv: ['init', '--yes', ...answers()] },
  { name: 'created bucket', options: { bucket: false }, argv: ['init', '--yes', ...answers(), '--create-bucket'] },
];

interface FaultCase {
  variant: Variant;
  /** The k-th write of the run fails. */
  k: number;
  command: string;
  /** 1-based position of the change that makes write k, among `total` pending changes. */
  index: number;
  total: number;
  summary: string;
}

/** A clean run of the variant: its pending changes and the writes AWS saw. */
async function cleanRun(variant: Variant): Promise<{ pending: Change[]; writes: string[] }> {
  const s = await Scenario.start(variant.options);
  try {
    const run = await s.run([...variant.argv, '--json']);
    if (run.code !== 0) throw new Error(`the clean run of "${variant.name}" failed (exit ${run.code}): ${run.stderr}`);
    return { pending: pendingChangesOf(initJson(run).plan), writes: s.fake.mutatingCalls().map((call) => call.command) };
  } finally {
    await s.end();
  }
}

const clean = new Map<Variant, { pending: Change[]; writes: string[] }>();
for (const variant of VARIANTS) clean.set(variant, await cleanRun(variant));

function faultCases(variant: Variant): FaultCase[] {
  const { pending } = clean.get(variant)!;
  return pending.flatMap((change, i) =>
    writesOf(change).map((command) => ({ variant, command, index: i + 1, total: pending.length, summary: change.summary })),
  ).map((c, i) => ({ ...c, k: i + 1 }));
}

describe.each(VARIANTS)('a full setup with an $name', (variant) => {
  it('makes one known series of writes, in plan order', () => {
    const { pending, writes } = clean.get(variant)!;
    expect(writes).toEqual(pending.flatMap(writesOf));
  });

  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.end();
    s = undefined;
  });

  it.each(faultCases(variant))('write $k ($command) fails: change $index of $total is named and everything is undone', async (c) => {
    s = await Scenario.start(variant.options);
    const start = s.fake.snapshot();
    s.fake.failMutatingCall(c.k);

    const run = await s.run([...variant.argv, '--json']);
    expect(run.code, run.stderr).toBe(1);
    const json = initJson(run);
    expect(json.status).toBe('rolled-back');
    expect(json.failed).toMatchObject({ index: c.index, total: c.total, summary: c.summary, awsCode: 'ServiceUnavailable' });
    expect(json.failed!.error).not.toBe('');
    expect(json.undone).toHaveLength(c.index - 1);
    expect(json.notUndone).toEqual([]);
    expect(json.applied).toEqual([]);

    const errors = errorLines(run.stderr);
    expect(errors, run.stderr).toHaveLength(1);
    expect(errors[0]).toContain(`change ${c.index} of ${c.total} (${c.summary})`);
    // …followed by the AWS error and how many completed changes were undone.
    const after = errors[0]!.slice(errors[0]!.indexOf(`(${c.summary})`) + c.summary.length + 2);
    expect(after).toContain('ServiceUnavailable');
    if (c.index === 1) expect(after).toMatch(/nothing was changed/i);
    else expect(after).toMatch(new RegExp(`\\b${c.index - 1}\\b.*\\bchanges?\\b`));

    // The faulted write and the undo calls are the only writes after the fault; the account is as before.
    expect(s.fake.mutatingCalls()[c.k - 1]).toMatchObject({ command: c.command, error: 'ServiceUnavailable' });
    expect(s.fake.snapshot()).toEqual(start);
  });
});

describe('--no-rollback', () => {
  let s: Scenario;
  afterEach(() => s.end());

  it('keeps what was done when a change fails, and rollback then undoes it', async () => {
    s = await Scenario.start();
    const start = s.fake.snapshot();
    s.fake.failMutatingCall(3);

    const run = await s.init('--no-rollback', '--json');
    expect(run.code, run.stderr).toBe(1);
    const json = initJson(run);
    expect(json.status).toBe('failed-no-rollback');
    expect(json.failed).toMatchObject({ index: 3 });
    expect(json.applied.map((change) => change.summary)).toEqual(pendingChangesOf(json.plan).slice(0, 2).map((change) => change.summary));
    expect(json.undone).toEqual([]);
    expect(errorLines(run.stderr)).toHaveLength(1);
    expect(s.fake.snapshot()).not.toEqual(start);
    expect(s.fake.attachedPolicies('user', 'alice')).toHaveLength(1);

    const rollback = await s.rollback();
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(s.fake.snapshot()).toEqual(start);
  });
});

describe('Ctrl-C during apply', () => {
  let s: Scenario;
  afterEach(() => s.end());

  it('lets the call in flight finish, undoes everything done, and exits 130', async () => {
    s = await Scenario.start();
    const start = s.fake.snapshot();
    let interrupt: (() => void) | undefined;
    const onInterrupt = (listener: () => void): (() => void) => {
      interrupt = listener;
      return () => {
        interrupt = undefined;
      };
    };
    // The user presses Ctrl-C while the third write is on its way.
    let writes = 0;
    s.fake.failWhen((call) => {
      if (isMutating(call.command) && ++writes === 3) interrupt?.();
      return undefined;
    });

    const run = await s.run(['init', '--yes', ...answers(), '--json'], { overrides: { onInterrupt } });
    expect(run.code, run.stderr).toBe(130);
    const json = initJson(run);
    expect(json.status).toBe('aborted');
    expect(json.applied).toEqual([]);
    expect(json.undone).toHaveLength(3);
    expect(json.failed).toBeNull();
    expect(interrupt).toBeUndefined();
    expect(s.fake.snapshot()).toEqual(start);
  });
});
