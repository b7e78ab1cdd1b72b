/**
 * Who will run Personalize (`--attach-to`). The caller's own identity comes preselected when it
 * can take a policy; otherwise the wizard says why in one line and the user must pick. Short
 * lists are a checkbox; long ones (more than PICK_LIST_LIMIT) a search, one target at a time.
 */
import type { PrincipalRef } from '../../config/setup-config.js';
import { validateAttachTo } from '../../config/validators.js';
import type { Choice } from '../prompter.js';
import type { CallerTarget } from './caller-target.js';
import { formatPrincipal, samePrincipal } from './operator-candidates.js';
import { listRule, splitList } from './prompt-rule.js';
import type { SectionContext } from './section.js';

/** Above this many candidates a checkbox becomes unwieldy and the wizard offers a search. */
export const PICK_LIST_LIMIT = 15;

export const TARGETS_MESSAGE = 'Who will run Personalize? (they get the operator policy)';
export const AT_LEAST_ONE_TARGET = 'Pick at least one user, group or role.';
const YOU = 'you: the identity running this tool';

export async function askOperatorTargets(
  ctx: SectionContext,
  candidates: PrincipalRef[],
  caller: CallerTarget,
): Promise<PrincipalRef[]> {
  if (caller.reason !== undefined) ctx.io.info(caller.reason);
  const preselected = caller.target;
  // The caller may be missing from the lists (capped or unreadable); it still belongs on top.
  const all = preselected && !candidates.some((c) => samePrincipal(c, preselected)) ? [preselected, ...candidates] : candidates;

  if (all.length === 0) return typeTargets(ctx);
  if (all.length > PICK_LIST_LIMIT) return searchTargets(ctx, all, preselected);

  const choices: Choice<PrincipalRef>[] = orderCallerFirst(all, preselected).map((ref) => ({
    name: formatPrincipal(ref),
    value: ref,
    ...(preselected && samePrincipal(ref, preselected) ? { checked: true, description: YOU } : {}),
  }));
  return ctx.prompter.checkbox({
    message: TARGETS_MESSAGE,
    choices,
    validate: (picked) => (picked.length > 0 ? true : AT_LEAST_ONE_TARGET),
  });
}

function orderCallerFirst(all: PrincipalRef[], caller: PrincipalRef | undefined): PrincipalRef[] {
  if (!caller) return all;
  return [...all.filter((ref) => samePrincipal(ref, caller)), ...all.filter((ref) => !samePrincipal(ref, caller))];
}

/** One entry of the search list: finish, add a candidate, or take a picked one back out. */
export type TargetSearchPick = { action: 'done' } | { action: 'add' | 'remove'; target: PrincipalRef };

async function searchTargets(
  ctx: SectionContext,
  all: PrincipalRef[],
  preselected: PrincipalRef | undefined,
): Promise<PrincipalRef[]> {
  let picked: PrincipalRef[] = preselected ? [preselected] : [];
  for (;;) {
    const current = picked;
    const pick = await ctx.prompter.search<TargetSearchPick>({
      message: `${TARGETS_MESSAGE} — type to filter; selected: ${current.map(formatPrincipal).join(', ') || 'none'}`,
      source: (term) => searchChoices(all, current, term),
    });
    if (pick.action === 'done') return current;
    picked = pick.action === 'add' ? [...current, pick.target] : current.filter((ref) => !samePrincipal(ref, pick.target));
  }
}

function searchChoices(all: PrincipalRef[], picked: PrincipalRef[], term: string | undefined): Choice<TargetSearchPick>[] {
  const needle = (term ?? '').trim().toLowerCase();
  const matches = (ref: PrincipalRef) => formatPrincipal(ref).toLowerCase().includes(needle);
  // "Done" only once something is picked: that is the "at least one" rule of the checkbox.
  const done: Choice<TargetSearchPick>[] =
    picked.length > 0 ? [{ name: `Done (${picked.length} selected)`, value: { action: 'done' } }] : [];
  const removals = picked.filter(matches).map((target): Choice<TargetSearchPick> => ({
    name: `✓ ${formatPrincipal(target)}`,
    value: { action: 'remove', target },
    description: 'Selected; choose to remove it',
  }));
  const additions = all
    .filter((ref) => matches(ref) && !picked.some((p) => samePrincipal(p, ref)))
    .map((target): Choice<TargetSearchPick> => ({ name: `  ${formatPrincipal(target)}`, value: { action: 'add', target } }));
  return [...done, ...removals, ...additions];
}

/** Nothing to pick from (lists unreadable or empty): type the targets, validated like `--attach-to`. */
async function typeTargets(ctx: SectionContext): Promise<PrincipalRef[]> {
  const answer = await ctx.prompter.input({
    message: `${TARGETS_MESSAGE} — comma-separated user:NAME, group:NAME or role:NAME`,
    validate: (value) => (splitList(value).length === 0 ? AT_LEAST_ONE_TARGET : listRule(validateAttachTo)(value)),
  });
  // Deduplicated: naming someone twice must not attach the policy twice.
  return [...new Set(splitList(answer))].map((part) => {
    const separator = part.indexOf(':');
    return { kind: part.slice(0, separator) as PrincipalRef['kind'], name: part.slice(separator + 1) };
  });
}
