import type { Change, Plan } from '../steps/types.js';

/** How the plan adds up, as the footer, `--json` and the exit codes see it. */
export interface PlanCounts {
  /** Changes apply would make (every action but `noop`). */
  pending: number;
  /** `noop` changes: things already set up as wanted. */
  inPlace: number;
  errors: string[];
  warnings: string[];
}

export function countPlan(plan: Plan): PlanCounts {
  const changes: Change[] = plan.steps.flatMap((step) => step.changes);
  const pending = changes.filter((change) => change.action !== 'noop').length;
  return {
    pending,
    inPlace: changes.length - pending,
    errors: plan.steps.flatMap((step) => step.errors),
    warnings: plan.steps.flatMap((step) => step.warnings),
  };
}

/** `1 change`, `3 changes`: counted nouns read better than `change(s)`. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
