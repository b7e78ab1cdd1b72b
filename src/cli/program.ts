/**
 * The command tree. Each action imports its command module only when it runs, so `--help`
 * (and every usage error) loads neither the AWS SDK nor the prompts.
 */
import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import type { CliContext } from './cli-context.js';
import type { InitOptions } from './commands/init.js';
import type { PlanOptions } from './commands/plan.js';
import type { PoliciesOptions } from './commands/policies.js';
import type { RollbackOptions } from './commands/rollback.js';
import { addAwsOptions, addConfigOption, addOutputOptions, addRunOptions, addStepOptions } from './options.js';

/** `onExitCode` receives what the command's `run` returned: the process exit code. */
export function createProgram(ctx: CliContext, onExitCode: (code: number) => void): Command {
  const program = new Command('personalize-setup')
    .description('Set up Amazon Personalize permissions in an AWS account: operator access, service role, S3 and KMS — planned, applied and rolled back safely.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      // runCli prints commander's errors itself, as one line.
      outputError: () => {},
      getOutHelpWidth: () => ctx.stdout.columns ?? 100,
      getErrHelpWidth: () => ctx.stderr.columns ?? 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });
  // Subcommands created below inherit exitOverride and the output configuration.

  const init = program
    .command('init')
    .description('interactive wizard: ask what is open, show the plan, confirm, apply (flags pre-answer questions; --yes asks nothing)');
  addStepOptions(addRunOptions(addAwsOptions(init), { dryRun: true }))
    .option('--no-rollback', 'if a change fails, keep what was done instead of undoing it (default: roll back)')
    .option('--save-config <file>', 'save the answers used as a JSON config file for --config (default: offer to on a terminal)')
    .action(async (options: InitOptions) => {
      const { run } = await import('./commands/init.js');
      onExitCode(await run(ctx, options));
    });

  const plan = program.command('plan').description('show what init would change; changes nothing');
  addStepOptions(addRunOptions(addAwsOptions(plan), { dryRun: false }))
    .option('--detailed-exitcode', 'exit 2 when there are pending changes, 0 when there are none (default: 0 either way)')
    .action(async (options: PlanOptions) => {
      const { run } = await import('./commands/plan.js');
      onExitCode(await run(ctx, options));
    });

  const rollback = program.command('rollback').description('undo the last applied run (or --run ID) from its journal');
  addRunOptions(addAwsOptions(rollback), { dryRun: false })
    .option('--run <id>', 'the run to undo, e.g. 20261123T163512Z-a1b2 (default: the most recent run)')
    .option('--force', 'undo even documents that changed since the run wrote them (default: refuse and show the diff)')
    .action(async (options: RollbackOptions) => {
      const { run } = await import('./commands/rollback.js');
      onExitCode(await run(ctx, options));
    });

  const policies = program
    .command('policies')
    .description('print every document the setup would use, offline: no credentials, no AWS call');
  policies
    .option('--account <id>', 'the 12-digit AWS account id the documents are for (required)')
    .option('--region <region>', 'the region Personalize runs in, e.g. eu-west-1 (required; or "region" in --config)')
    .option('--partition <partition>', 'aws, aws-cn or aws-us-gov (default: from the region)');
  addOutputOptions(policies, 'print one JSON object keyed by document (default: headings and pretty JSON)');
  addStepOptions(addConfigOption(policies)).action(async (options: PoliciesOptions) => {
    const { run } = await import('./commands/policies.js');
    onExitCode(await run(ctx, options));
  });

  return program;
}
