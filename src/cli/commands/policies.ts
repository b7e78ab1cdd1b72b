/**
 * `personalize-setup policies`: every document the setup would use, built offline from the
 * flags and `--config` — no credentials, no AWS SDK, no network.
 */
import { validateAccountId, validateChoice } from '../../config/validators.js';
import type { SetupFlags } from '../../config/setup-flags.js';
import { UsageError } from '../../errors.js';
import { partitionForRegion, PolicyTooLargeError } from '../../policies/index.js';
import type { Partition } from '../../policies/types.js';
import type { CliContext } from '../cli-context.js';
import { createColors } from '../colors.js';
import { loadConfig } from '../load-config.js';
import { renderDocuments } from '../render-documents.js';
import { assertDocumentSizes, buildSetupDocuments } from '../setup-documents.js';

export interface PoliciesOptions extends SetupFlags {
  /** `--account ID` (required): 12 digits. */
  account?: string;
  /** `--partition`: default from the region. */
  partition?: string;
}

const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

export async function run(ctx: CliContext, options: PoliciesOptions): Promise<number> {
  const account = required(options.account, '--account', '123456789012');
  const accountProblem = validateAccountId(account);
  if (accountProblem) throw new UsageError(`invalid --account ${JSON.stringify(account)}: ${accountProblem} (example: 123456789012)`);

  const { setup, aws } = await loadConfig(ctx, options);
  // --region was validated by loadConfig when given; "region" in --config may stand in for it.
  const region = required(aws.region, '--region', 'eu-west-1');
  const partition = options.partition ?? partitionForRegion(region);
  const partitionProblem = validateChoice(partition, PARTITIONS);
  if (partitionProblem) throw new UsageError(`invalid --partition ${JSON.stringify(partition)}: ${partitionProblem}`);

  const docs = buildSetupDocuments(setup, { partition: partition as Partition, account, region });
  try {
    assertDocumentSizes(docs, setup);
  } catch (error) {
    // Only the input (e.g. many --allowed-cidr) can make our documents too large.
    if (error instanceof PolicyTooLargeError) throw new UsageError(error.message);
    throw error;
  }

  if (docs.kmsKeyArnIsPlaceholder) {
    ctx.stderr.write(
      `note: ${setup.kmsKey} is an alias; its key ARN cannot be known offline, so the documents use ${docs.kmsKeyArn}. init and plan resolve it with kms:DescribeKey.\n`,
    );
  }
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(docs, null, 2)}\n`);
  } else {
    ctx.stdout.write(renderDocuments(docs, setup, createColors(ctx.stdout, ctx.env, options.color !== false)));
  }
  return 0;
}

function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined) throw new UsageError(`missing ${flag}: policies needs it to build the ARNs (example: ${flag} ${example})`);
  return value;
}
