/**
 * The AWS managed policies every account sees from the start (abridged documents: only their
 * existence, ARN and path matter to the product). Note AmazonPersonalizeFullAccess lives under
 * `service-role/`; there is no `arn:…:policy/AmazonPersonalizeFullAccess`.
 */
import type { AccountState } from './account-state.js';
import { insertPolicy } from './iam-model.js';

export function seedAwsManagedPolicies(state: AccountState): void {
  const p = state.partition;
  const policies: { name: string; path: string; statements: object[] }[] = [
    {
      name: 'AmazonPersonalizeFullAccess',
      path: '/service-role/',
      statements: [
        { Effect: 'Allow', Action: ['personalize:*'], Resource: '*' },
        { Effect: 'Allow', Action: ['cloudwatch:PutMetricData', 'cloudwatch:ListMetrics'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
          Resource: [`arn:${p}:s3:::*Personalize*`, `arn:${p}:s3:::*personalize*`],
        },
        {
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: '*',
          Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } },
        },
      ],
    },
    {
      name: 'CloudWatchFullAccessV2',
      path: '/',
      statements: [
        {
          Sid: 'CloudWatchFullAccessPermissions',
          Effect: 'Allow',
          Action: ['application-autoscaling:DescribeScalingPolicies', 'autoscaling:DescribeAutoScalingGroups', 'cloudwatch:*', 'logs:*', 'sns:ListTopics', 'iam:GetPolicy', 'iam:GetRole', 'xray:*'],
          Resource: '*',
        },
      ],
    },
    {
      name: 'CloudWatchFullAccess',
      path: '/',
      statements: [
        { Action: ['autoscaling:Describe*', 'cloudwatch:*', 'logs:*', 'sns:*', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole'], Effect: 'Allow', Resource: '*' },
      ],
    },
  ];
  for (const { name, path, statements } of policies) {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    insertPolicy(state, { name, path, document, tags: {}, awsManaged: true });
  }
}
