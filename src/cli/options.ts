/**
 * Option definitions shared by the commands, written once. Commander sets no defaults here: a
 * value is present only when the user typed it, so the config file and the built-in defaults can
 * fill the rest (resolveConfig). The defaults are stated in each description instead.
 * Values are validated by resolveConfig, not here, so flags and config-file keys get the same
 * messages.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { DEFAULTS } from '../config/setup-config.js';

/** Collects a repeatable option's values in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function repeatable(flags: string, description: string): Option {
  return new Option(flags, description).argParser(collect);
}

/** `--profile`, `--region`, `--endpoint-url`: where and as whom to call AWS. */
export function addAwsOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile to use (default: the SDK chain: AWS_PROFILE, then "default")')
    .option('--region <region>', 'AWS region, e.g. eu-west-1 (default: AWS_REGION or the profile\'s region)')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (default: AWS_ENDPOINT_URL, else the AWS endpoints)');
}

/** `--yes`, `--json`, `--no-color`, `--config`, `--state-dir` (and `--dry-run` for init). */
export function addRunOptions(command: Command, { dryRun }: { dryRun: boolean }): Command {
  command.option('--yes', 'ask nothing: use flags, --config and defaults, apply without confirming (default: ask on a terminal)');
  if (dryRun) command.option('--dry-run', 'plan and show the changes, then stop without changing anything (default: off)');
  addOutputOptions(command, 'print exactly one JSON document on stdout and no progress (default: human-readable)');
  addConfigOption(command);
  return command.option(
    '--state-dir <dir>',
    'where run journals are kept (default: $XDG_CONFIG_HOME/personalize-setup or ~/.config/personalize-setup; %APPDATA%\\personalize-setup on Windows)',
  );
}

/** `--json` (described per command: what the one document holds) and `--no-color`. */
export function addOutputOptions(command: Command, jsonDescription: string): Command {
  return command.option('--json', jsonDescription).option('--no-color', 'no colours, like NO_COLOR=1 (default: colours on a terminal)');
}

/** `--config FILE`: answers as JSON, the same keys as SetupConfig. */
export function addConfigOption(command: Command): Command {
  return command.option('--config <file>', 'read answers from a JSON file; flags override it (default: none)');
}

/** The answers of the five steps: `init`, `plan` and `policies` accept them. */
export function addStepOptions(command: Command): Command {
  return (
    command
      // Step 1: operator access.
      .addOption(repeatable('--attach-to <kind:name>', 'give operator access to user:NAME, group:NAME or role:NAME; repeatable (default: your own identity)'))
      .option('--access <level>', 'operator access: custom, managed (AmazonPersonalizeFullAccess) or read-only (default: custom)')
      .option('--policy-name <name>', `name of the customer managed operator policy (default: ${DEFAULTS.policyName}; ${DEFAULTS.readOnlyPolicyName} with --access read-only)`)
      .option('--require-mfa', 'operators must have signed in with MFA (default: off)')
      .addOption(repeatable('--allowed-cidr <cidr>', 'operators must call from this IPv4/IPv6 network; repeatable (default: any address)'))
      .option('--view-own-permissions', `also attach ${DEFAULTS.viewOwnPermissionsPolicyName}, so IAM users can view their own permissions (default: off)`)
      // Step 2: CloudWatch.
      .option('--cloudwatch', `also attach ${DEFAULTS.cloudwatchPolicy} to the operators (default: off)`)
      .option('--cloudwatch-policy <name>', 'CloudWatchFullAccessV2 or the deprecated CloudWatchFullAccess; implies --cloudwatch (default: CloudWatchFullAccessV2)')
      // Step 3: service role.
      .option('--role-name <name>', `service role name (default: ${DEFAULTS.roleName})`)
      .option('--role-path <path>', `service role path, e.g. /service-role/ (default: ${DEFAULTS.rolePath})`)
      .option('--role-access <level>', 'service role permissions: managed (AmazonPersonalizeFullAccess) or custom (the operator policy) (default: managed)')
      // Step 4: S3.
      .option('--bucket <name>', 'S3 bucket with your data; Personalize gets access to it (default: none, S3 step skipped)')
      .option('--create-bucket', 'create the bucket if it does not exist, with Block Public Access and encryption (default: off)')
      .option('--s3-access <level>', 'read (imports) or read-write (also exports, batch and segment jobs) (default: read-write)')
      .option('--deny-insecure-transport', 'add a bucket-policy Deny for requests without TLS (default: off)')
      // Step 5: KMS.
      .option('--kms-key <key>', 'customer managed KMS key (key id, key ARN, alias/NAME or alias ARN) for your data (default: none, KMS step skipped)')
      .addOption(repeatable('--tag <key=value>', 'tag every resource created, besides managed-by=personalize-setup; repeatable (default: none)'))
  );
}
