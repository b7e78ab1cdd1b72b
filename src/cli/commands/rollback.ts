/** `personalize-setup rollback`: undo the last (or `--run ID`) applied run from its journal. */
import type { SetupFlags } from '../../config/setup-flags.js';
import { isUndoable, loadRun } from '../../engine/journal.js';
import { rollbackRun } from '../../engine/rollback-run.js';
import { RUN_ID_PATTERN } from '../../engine/run-id.js';
import { defaultStateDir } from '../../engine/state-dir.js';
import { AbortError, ExitCode, UsageError } from '../../errors.js';
import { createInquirerPrompter } from '../../wizard/prompter.js';
import { createAwsSession } from '../aws-session.js';
import type { CliContext } from '../cli-context.js';
import { createColors } from '../colors.js';
import { createConsoleIo } from '../console-io.js';
import { isInteractive } from '../interactive.js';
import { loadConfig } from '../load-config.js';
import { plural } from '../plan-counts.js';
import { jsonDocument } from '../plan-json.js';
import { renderRollbackReport, renderUndoList, rollbackJson, rollbackOutcomeError } from '../render-rollback-report.js';

export interface RollbackOptions extends SetupFlags {
  /** `--run ID`: a run id as printed by init; default the most recent run. */
  run?: string;
  /** Undo even documents that changed since the run wrote them. */
  force?: boolean;
}

export async function run(ctx: CliContext, options: RollbackOptions): Promise<number> {
  if (options.run !== undefined && !RUN_ID_PATTERN.test(options.run)) {
    throw new UsageError(`invalid --run ${JSON.stringify(options.run)}: run ids are a UTC time and 4 hex digits (example: 20261123T163512Z-a1b2)`);
  }
  const { aws: awsOptions, options: flags } = await loadConfig(ctx, options);
  const io = createConsoleIo(ctx, flags);
  const c = createColors(ctx.stdout, ctx.env, flags.color);
  const aws = await createAwsSession(ctx, awsOptions);
  // Journals are kept per account and region: the credentials say which account.
  const { account } = await aws.sts.getCallerIdentity();
  const stateDir = flags.stateDir ?? defaultStateDir(ctx.env);
  let runId = options.run;

  // Without a terminal the command itself is the intent; the drift check still protects.
  if (isInteractive(ctx) && !flags.yes && !flags.json) {
    const journal = await loadRun(stateDir, account, aws.region, runId);
    const entries = journal.record.entries.filter(isUndoable);
    // Undo exactly the run shown, even if another one finishes meanwhile.
    runId = journal.record.runId;
    if (entries.length > 0) {
      ctx.stdout.write(renderUndoList(journal.record, entries, c));
      const prompter = ctx.overrides?.prompter ?? createInquirerPrompter();
      const message = entries.length === 1 ? 'Undo this 1 change?' : `Undo these ${plural(entries.length, 'change')}?`;
      if (!(await prompter.confirm({ message, default: false }))) throw new AbortError('Nothing was changed.');
    }
  }

  const now = ctx.overrides?.now;
  const report = await rollbackRun({
    aws,
    io,
    stateDir,
    account,
    region: aws.region,
    force: options.force === true,
    ...(runId === undefined ? {} : { runId }),
    ...(now ? { now } : {}),
  });
  ctx.stdout.write(flags.json ? jsonDocument(rollbackJson(report)) : renderRollbackReport(report, c));
  const failure = rollbackOutcomeError(report);
  if (failure) throw failure;
  return ExitCode.ok;
}
