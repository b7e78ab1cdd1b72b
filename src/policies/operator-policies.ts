/**
 * Policies for the people who run Personalize (step 1): the custom full-access policy, the
 * read-only policy, and the guide's "view own permissions" policy.
 */
import { PERSONALIZE_SERVICE_PRINCIPAL } from './arns.js';
import type { Partition, PolicyDocument, Statement } from './types.js';

/** The guide's best-practice conditions, added to every statement of an operator policy. */
export interface OperatorConditions {
  /** Adds `Bool aws:MultiFactorAuthPresent "true"`. */
  requireMfa: boolean;
  /** Adds `IpAddress aws:SourceIp [...]` when not empty. */
  allowedCidrs: string[];
}

/**
 * The guide's read-only example (newest revision) plus the newer read actions it does not list
 * yet: metric attributions, data deletion jobs and tags. Listed explicitly rather than as
 * `Describe*` / `List*` so that an action AWS adds later is not granted silently.
 */
export const READ_ONLY_ACTIONS: readonly string[] = [
  'personalize:DescribeAlgorithm',
  'personalize:DescribeBatchInferenceJob',
  'personalize:DescribeBatchSegmentJob',
  'personalize:DescribeCampaign',
  'personalize:DescribeDataDeletionJob',
  'personalize:DescribeDataset',
  'personalize:DescribeDatasetExportJob',
  'personalize:DescribeDatasetGroup',
  'personalize:DescribeDatasetImportJob',
  'personalize:DescribeEventTracker',
  'personalize:DescribeFeatureTransformation',
  'personalize:DescribeFilter',
  'personalize:DescribeMetricAttribution',
  'personalize:DescribeRecipe',
  'personalize:DescribeRecommender',
  'personalize:DescribeSchema',
  'personalize:DescribeSolution',
  'personalize:DescribeSolutionVersion',
  'personalize:GetSolutionMetrics',
  'personalize:ListBatchInferenceJobs',
  'personalize:ListBatchSegmentJobs',
  'personalize:ListCampaigns',
  'personalize:ListDataDeletionJobs',
  'personalize:ListDatasetExportJobs',
  'personalize:ListDatasetGroups',
  'personalize:ListDatasetImportJobs',
  'personalize:ListDatasets',
  'personalize:ListEventTrackers',
  'personalize:ListFilters',
  'personalize:ListMetricAttributionMetrics',
  'personalize:ListMetricAttributions',
  'personalize:ListRecipes',
  'personalize:ListRecommenders',
  'personalize:ListSchemas',
  'personalize:ListSolutions',
  'personalize:ListSolutionVersions',
  'personalize:ListTagsForResource',
];

/** What an operator needs to read data encrypted with the configured key. */
const OPERATOR_KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'];

/**
 * The custom operator policy (`--access custom`): `personalize:*`, and `iam:PassRole` on the
 * service role only, and only to Personalize. With a KMS key, also use of that key.
 */
export function operatorPolicy(
  o: { partition: Partition; serviceRoleArn: string; kmsKeyArn?: string } & OperatorConditions,
): PolicyDocument {
  const statements: Statement[] = [
    { Sid: 'PersonalizeAccess', Effect: 'Allow', Action: ['personalize:*'], Resource: '*' },
    {
      Sid: 'PassRoleToPersonalize',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: o.serviceRoleArn,
      Condition: { StringEquals: { 'iam:PassedToService': PERSONALIZE_SERVICE_PRINCIPAL } },
    },
    ...kmsStatements(o.kmsKeyArn),
  ];
  return withConditions(statements, o);
}

/** The read-only operator policy (`--access read-only`). */
export function readOnlyOperatorPolicy(o: { kmsKeyArn?: string } & OperatorConditions): PolicyDocument {
  const statements: Statement[] = [
    { Sid: 'PersonalizeReadOnlyAccess', Effect: 'Allow', Action: [...READ_ONLY_ACTIONS], Resource: '*' },
    ...kmsStatements(o.kmsKeyArn),
  ];
  return withConditions(statements, o);
}

/**
 * The guide's "allow users to view their own permissions" policy, for IAM users only: the
 * `${aws:username}` variable is why it needs Version 2012-10-17 and means nothing for roles.
 */
export function viewOwnPermissionsPolicy(partition: Partition): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ViewOwnUserInfo',
        Effect: 'Allow',
        Action: [
          'iam:GetUserPolicy',
          'iam:ListGroupsForUser',
          'iam:ListAttachedUserPolicies',
          'iam:ListUserPolicies',
          'iam:GetUser',
        ],
        Resource: [`arn:${partition}:iam::*:user/\${aws:username}`],
      },
      {
        Sid: 'NavigateInConsole',
        Effect: 'Allow',
        Action: [
          'iam:GetGroupPolicy',
          'iam:GetPolicyVersion',
          'iam:GetPolicy',
          'iam:ListAttachedGroupPolicies',
          'iam:ListGroupPolicies',
          'iam:ListPolicyVersions',
          'iam:ListPolicies',
          'iam:ListUsers',
        ],
        Resource: '*',
      },
    ],
  };
}

function kmsStatements(kmsKeyArn: string | undefined): Statement[] {
  if (kmsKeyArn === undefined) return [];
  return [{ Sid: 'PersonalizeKmsAccess', Effect: 'Allow', Action: [...OPERATOR_KMS_ACTIONS], Resource: kmsKeyArn }];
}

/** Adds the MFA / source-IP conditions to every statement, next to any operator already there. */
function withConditions(statements: Statement[], c: OperatorConditions): PolicyDocument {
  const extra: NonNullable<Statement['Condition']> = {};
  if (c.requireMfa) extra['Bool'] = { 'aws:MultiFactorAuthPresent': 'true' };
  if (c.allowedCidrs.length > 0) extra['IpAddress'] = { 'aws:SourceIp': [...c.allowedCidrs] };
  const conditioned =
    Object.keys(extra).length === 0
      ? statements
      : statements.map((statement) => {
          const condition = { ...statement.Condition };
          for (const [operator, keys] of Object.entries(extra)) {
            condition[operator] = { ...condition[operator], ...keys };
          }
          return { ...statement, Condition: condition };
        });
  return { Version: '2012-10-17', Statement: conditioned };
}
