/**
 * Step 3 of the guide: the role Personalize assumes. Saying up front whether it exists tells the
 * user that an existing role is compared, not replaced.
 */
import type { SetupConfig } from '../../config/setup-config.js';
import { validateRoleName } from '../../config/validators.js';
import { promptRule } from './prompt-rule.js';
import { shouldAsk, type SectionContext } from './section.js';

export const ROLE_NAME_MESSAGE = 'Name of the service role Personalize assumes';

export async function askServiceRole(ctx: SectionContext, config: SetupConfig): Promise<SetupConfig> {
  if (!shouldAsk(ctx, 'roleName')) return config;
  const answer = await ctx.prompter.input({
    message: ROLE_NAME_MESSAGE,
    default: config.roleName,
    validate: promptRule(validateRoleName),
  });
  const roleName = answer.trim();
  await describeRole(ctx, roleName);
  return { ...config, roleName };
}

async function describeRole(ctx: SectionContext, roleName: string): Promise<void> {
  try {
    const role = await ctx.aws.iam.getRole(roleName);
    ctx.io.info(
      role
        ? `Role ${roleName} exists: its trust policy and permissions will be checked and updated only if they differ.`
        : `Role ${roleName} does not exist yet: it will be created.`,
    );
  } catch (error) {
    // Only informative: the plan reads the role again and reports any problem properly.
    ctx.io.warn(`Could not check role ${roleName} (${error instanceof Error ? error.message : String(error)}).`);
  }
}
