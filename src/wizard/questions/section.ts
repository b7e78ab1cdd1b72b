/**
 * What every question section receives. Sections are small functions that take the config so far
 * and return it with their answers filled in; they never ask a field that is in `answered`.
 */
import type { Aws, CallerIdentity } from '../../aws/api.js';
import type { SetupConfig } from '../../config/setup-config.js';
import type { Io } from '../../io.js';
import type { Prompter } from '../prompter.js';

export interface SectionContext {
  prompter: Prompter;
  aws: Aws;
  io: Io;
  /** Fields set by flags or `--config`: never asked. */
  answered: ReadonlySet<keyof SetupConfig>;
  /** Read once, before the first question. */
  caller: CallerIdentity;
}

/** True when the wizard should ask for `field`. */
export function shouldAsk(ctx: SectionContext, field: keyof SetupConfig): boolean {
  return !ctx.answered.has(field);
}
