/**
 * How much the operators may do and under which conditions: access level, MFA, source IP
 * ranges, and the guide's "view own permissions" policy (users only).
 */
import { DEFAULTS } from '../../config/setup-config.js';
import type { OperatorAccess, PrincipalRef, SetupConfig } from '../../config/setup-config.js';
import { validateCidr } from '../../config/validators.js';
import type { Choice } from '../prompter.js';
import { listRule, splitList } from './prompt-rule.js';
import { shouldAsk, type SectionContext } from './section.js';

export const ACCESS_MESSAGE = 'What may the operators do in Personalize?';
export const MFA_MESSAGE = 'Require MFA for their Personalize calls?';
export const CIDR_MESSAGE = 'Allowed source IP ranges (comma-separated CIDRs; empty = any)';
export const VIEW_OWN_MESSAGE = 'Let the users view their own IAM permissions (the guide’s optional policy)?';

const ACCESS_CHOICES: Choice<OperatorAccess>[] = [
  {
    name: 'custom (recommended)',
    value: 'custom',
    description: 'personalize:* plus iam:PassRole to the service role only',
  },
  { name: 'managed', value: 'managed', description: 'the AWS managed policy AmazonPersonalizeFullAccess' },
  { name: 'read-only', value: 'read-only', description: 'Describe*/List* only: can look, cannot change anything' },
];

export async function askOperatorOptions(ctx: SectionContext, config: SetupConfig, targets: PrincipalRef[]): Promise<SetupConfig> {
  const { prompter } = ctx;
  const next = { ...config };
  if (shouldAsk(ctx, 'access') && config.roleAccess === 'custom') {
    // The service role then uses the custom operator policy, so only custom access makes sense.
    ctx.io.info('Operator access is custom: the service role uses the same custom policy (--role-access custom).');
    next.access = 'custom';
  } else if (shouldAsk(ctx, 'access')) {
    next.access = await prompter.select({ message: ACCESS_MESSAGE, choices: ACCESS_CHOICES, default: config.access });
    if (!ctx.answered.has('policyName')) next.policyName = defaultPolicyName(next.access);
  }
  if (shouldAsk(ctx, 'requireMfa')) {
    next.requireMfa = await prompter.confirm({ message: MFA_MESSAGE, default: config.requireMfa });
  }
  if (shouldAsk(ctx, 'allowedCidrs')) {
    const answer = await prompter.input({
      message: CIDR_MESSAGE,
      default: config.allowedCidrs.join(', '),
      validate: listRule(validateCidr),
    });
    next.allowedCidrs = [...new Set(splitList(answer))];
  }
  // The guide's policy is for IAM users looking at themselves; groups and roles have no use for it.
  if (shouldAsk(ctx, 'viewOwnPermissions') && targets.some((target) => target.kind === 'user')) {
    next.viewOwnPermissions = await prompter.confirm({ message: VIEW_OWN_MESSAGE, default: config.viewOwnPermissions });
  }
  return next;
}

/** As resolveConfig does: the read-only policy gets its own name so it never overwrites a full-access one. */
function defaultPolicyName(access: OperatorAccess): string {
  return access === 'read-only' ? DEFAULTS.readOnlyPolicyName : DEFAULTS.policyName;
}
