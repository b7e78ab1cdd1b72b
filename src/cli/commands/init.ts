/** `personalize-setup init`: the wizard, then plan, confirm and apply. */
import type { AwsOptions } from '../../config/setup-config.js';
import type { SetupFlags } from '../../config/setup-flags.js';
import { toCommandLine } from '../../config/to-command-line.js';
import type { ApplyReport } from '../../engine/apply-plan.js';
import { defaultStateDir } from '../../engine/state-dir.js';
import { AbortError, ExitCode, UsageError } from '../../errors.js';
import { confirmApply } from '../../wizard/confirm-apply.js';
import { createInquirerPrompter } from '../../wizard/prompter.js';
import { applyWithInterrupt } from '../apply-with-interrupt.js';
import { askOpenQuestions } from '../ask-open-questions.js';
import { createAwsSession } from '../aws-session.js';
import type { CliContext } from '../cli-context.js';
import { createColors } from '../colors.js';
import { createConsoleIo } from '../console-io.js';
import { isInteractive } from '../interactive.js';
import { loadConfig } from '../load-config.js';
import { countPlan } from '../plan-counts.js';
import { jsonDocument } from '../plan-json.js';
import { planErrorsError, readPlan } from '../read-plan.js';
import { renderPlan } from '../render-plan.js';
import { applyOutcomeError, initJson, renderApplyReport, type InitJson } from '../render-report.js';
import { saveAnswers } from '../save-answers.js';
import { undoCommand } from '../undo-command.js';

export interface InitOptions extends SetupFlags {
  /** False with `--no-rollback`: keep what was done when a change fails. */
  rollback?: boolean;
  /** `--save-config FILE`: write the answers used as a config file. */
  saveConfig?: string;
}

export async function run(ctx: CliContext, options: InitOptions): Promise<number> {
  const resolved = await loadConfig(ctx, options);
  if (options.saveConfig !== undefined && options.saveConfig.trim() === '') {
    throw new UsageError('invalid --save-config "": give a file path (example: personalize.json)');
  }
  const flags = resolved.options;
  // --json promises one document on stdout and nothing else: no questions either.
  const interactive = isInteractive(ctx) && !flags.yes && !flags.json;
  if (!interactive && !flags.yes && !flags.dryRun) throw cannotAsk(ctx, flags.json);

  const io = createConsoleIo(ctx, flags);
  const aws = await createAwsSession(ctx, resolved.aws);
  const prompter = interactive ? (ctx.overrides?.prompter ?? createInquirerPrompter()) : undefined;
  const setup = prompter ? await askOpenQuestions({ prompter, aws, io, resolved }) : resolved.setup;

  const plan = await readPlan(aws, setup, io);
  // Name the region actually used, so the printed commands work from any shell.
  const awsUsed: AwsOptions = { ...resolved.aws, region: aws.region };
  const commandLine = toCommandLine(setup, awsUsed);
  const c = createColors(ctx.stdout, ctx.env, flags.color);
  const print = (text: string): void => {
    ctx.stdout.write(text);
  };
  const printJson = (status: InitJson['status'], report?: ApplyReport): void =>
    print(jsonDocument(initJson({ status, plan, commandLine, ...(report ? { report } : {}) })));
  const save = () => saveAnswers({ setup, aws: awsUsed, io, path: options.saveConfig, prompter, configPath: flags.configPath });
  if (!flags.json) print(renderPlan(plan, c));

  const { pending, errors } = countPlan(plan);
  if (errors.length > 0) {
    if (flags.json) printJson('plan-errors');
    throw planErrorsError(errors.length, flags.json);
  }
  if (pending === 0 || flags.dryRun) {
    if (flags.json) printJson(flags.dryRun ? 'dry-run' : 'nothing-to-do');
    else if (pending > 0) print(`\nDry run: nothing was changed. To apply:\n  ${commandLine}\n`);
    else if (interactive) print(`\nRepeat this setup without questions:\n  ${commandLine}\n`);
    await save();
    return ExitCode.ok;
  }
  if (prompter && !(await confirmApply(prompter, pending))) throw new AbortError('Nothing was changed.');

  const report = await applyWithInterrupt(ctx, plan, {
    aws,
    io,
    stateDir: flags.stateDir ?? defaultStateDir(ctx.env),
    rollbackOnFailure: options.rollback !== false,
    json: flags.json,
  });
  const commands = {
    undo: report.runId === '' ? undefined : undoCommand(report.runId, { ...awsUsed, region: aws.region, stateDir: flags.stateDir }),
    repeat: commandLine,
  };
  if (flags.json) printJson(report.status, report);
  else print(`\n${renderApplyReport(report, plan, commands, c, setup.bucket)}`);
  const failure = applyOutcomeError(report, commands);
  if (failure) throw failure;
  await save();
  return ExitCode.ok;
}

function cannotAsk(ctx: CliContext, json: boolean): UsageError {
  const terminal = ctx.stdinIsTTY && ctx.stdout.isTTY;
  const why = json
    ? 'init --json asks nothing'
    : `init needs answers and a confirmation, but ${terminal ? 'CI is set, so nothing is asked' : 'there is no terminal'}`;
  return new UsageError(`${why}: pass --yes (answer with flags or --config) to apply, or --dry-run to see the plan`);
}
