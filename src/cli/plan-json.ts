/**
 * The plan as `plan --json` prints it (and as the `plan` member of `init --json`). The changes
 * are the plan's own Change objects: the JSON contract and apply consume the same data.
 */
import type { Partition } from '../policies/types.js';
import type { Change, Plan, StepId } from '../steps/types.js';
import { countPlan } from './plan-counts.js';

export interface PlanJson {
  command: 'plan';
  account: string;
  region: string;
  partition: Partition;
  callerArn: string;
  roleArn: string;
  /** Changes apply would make (noops excluded). */
  pendingChanges: number;
  /** Every step's errors, in step order: any error blocks apply. */
  errors: string[];
  warnings: string[];
  steps: { step: StepId; title: string; changes: Change[]; notes: string[]; warnings: string[]; errors: string[] }[];
}

export function planJson(plan: Plan): PlanJson {
  const counts = countPlan(plan);
  return {
    command: 'plan',
    account: plan.account,
    region: plan.region,
    partition: plan.partition,
    callerArn: plan.callerArn,
    roleArn: plan.roleArn,
    pendingChanges: counts.pending,
    errors: counts.errors,
    warnings: counts.warnings,
    steps: plan.steps.map(({ step, title, changes, notes, warnings, errors }) => ({ step, title, changes, notes, warnings, errors })),
  };
}

/** One JSON document and a newline: the whole of stdout under `--json`. */
export function jsonDocument(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
