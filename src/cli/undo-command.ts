import type { AwsOptions } from '../config/setup-config.js';
import { shellQuote } from '../config/to-command-line.js';

/**
 * `npx personalize-setup rollback --run ID --region R …`: the command that undoes a run, with the
 * options that find the same account and journal. The region is always named (journals are kept
 * per region); profile, endpoint and state directory only when they were given.
 */
export function undoCommand(runId: string, where: AwsOptions & { region: string; stateDir?: string | undefined }): string {
  const words = ['npx', 'personalize-setup', 'rollback', '--run', runId, '--region', where.region];
  if (where.profile !== undefined) words.push('--profile', where.profile);
  if (where.endpointUrl !== undefined) words.push('--endpoint-url', where.endpointUrl);
  if (where.stateDir !== undefined) words.push('--state-dir', where.stateDir);
  return words.map(shellQuote).join(' ');
}
