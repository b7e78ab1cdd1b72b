/** Who is calling, and in which partition: every ARN the tool builds starts from this. */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { STSClient } from '@aws-sdk/client-sts';
import { AwsError } from '../errors.js';
import type { Partition } from '../policies/types.js';
import type { StsApi } from './api.js';
import { createCaller } from './call.js';

export interface StsApiOptions {
  profile?: string;
}

const PARTITIONS: readonly Partition[] = ['aws', 'aws-cn', 'aws-us-gov'];

export function createStsApi(client: STSClient, options: StsApiOptions = {}): StsApi {
  const aws = createCaller('sts', options.profile);
  return {
    async getCallerIdentity() {
      const out = await aws.run('GetCallerIdentity', undefined, () => client.send(new GetCallerIdentityCommand({})));
      const arn = out.Arn ?? '';
      return { account: out.Account ?? '', arn, userId: out.UserId ?? '', partition: partitionOf(arn) };
    },
  };
}

/** `arn:aws-cn:sts::123456789012:assumed-role/Admin/alice` → `aws-cn`. */
export function partitionOf(arn: string): Partition {
  const partition = arn.split(':')[1];
  const known = PARTITIONS.find((p) => p === partition);
  if (known === undefined) {
    throw new AwsError(
      `The caller ARN "${arn}" is in partition "${partition ?? ''}", which personalize-setup does not support: use an account in aws, aws-cn or aws-us-gov.`,
      'UnsupportedPartition',
      'sts:GetCallerIdentity',
    );
  }
  return known;
}
