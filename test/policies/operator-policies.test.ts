import { describe, expect, it } from 'vitest';
import { operatorPolicy, READ_ONLY_ACTIONS, readOnlyOperatorPolicy, viewOwnPermissionsPolicy } from '../../src/policies/index.js';

const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const CN_ROLE = 'arn:aws-cn:iam::123456789012:role/ml/PersonalizeRole';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const NO_CONDITIONS = { requireMfa: false, allowedCidrs: [] };

describe('operatorPolicy', () => {
  it('grants personalize:* and PassRole of the service role to Personalize only', () => {
    expect(operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE, ...NO_CONDITIONS })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PersonalizeAccess', Effect: 'Allow', Action: ['personalize:*'], Resource: '*' },
        {
          Sid: 'PassRoleToPersonalize',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: ROLE,
          Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } },
        },
      ],
    });
  });

  it('uses the role ARN it is given in aws-cn', () => {
    expect(operatorPolicy({ partition: 'aws-cn', serviceRoleArn: CN_ROLE, ...NO_CONDITIONS })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PersonalizeAccess', Effect: 'Allow', Action: ['personalize:*'], Resource: '*' },
        {
          Sid: 'PassRoleToPersonalize',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: CN_ROLE,
          Condition: { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' } },
        },
      ],
    });
  });

  it('adds use of the KMS key when one is configured', () => {
    expect(operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE, kmsKeyArn: KEY, ...NO_CONDITIONS }).Statement[2]).toStrictEqual({
      Sid: 'PersonalizeKmsAccess',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
      Resource: KEY,
    });
  });

  it('adds MFA and source-IP conditions to every statement, next to the existing ones', () => {
    const cidrs = ['203.0.113.0/24', '2001:db8::/32'];
    expect(operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE, kmsKeyArn: KEY, requireMfa: true, allowedCidrs: cidrs })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PersonalizeAccess',
          Effect: 'Allow',
          Action: ['personalize:*'],
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, IpAddress: { 'aws:SourceIp': cidrs } },
        },
        {
          Sid: 'PassRoleToPersonalize',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: ROLE,
          Condition: {
            StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' },
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            IpAddress: { 'aws:SourceIp': cidrs },
          },
        },
        {
          Sid: 'PersonalizeKmsAccess',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          Resource: KEY,
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, IpAddress: { 'aws:SourceIp': cidrs } },
        },
      ],
    });
  });

  it('adds only the condition asked for', () => {
    const mfaOnly = operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE, requireMfa: true, allowedCidrs: [] });
    expect(mfaOnly.Statement.map((s) => s.Condition)).toStrictEqual([
      { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    ]);
    const cidrOnly = operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE, requireMfa: false, allowedCidrs: ['10.0.0.0/8'] });
    expect(cidrOnly.Statement.map((s) => s.Condition)).toStrictEqual([
      { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
      { StringEquals: { 'iam:PassedToService': 'personalize.amazonaws.com' }, IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } },
    ]);
  });

  it('does not share the caller\'s CIDR list', () => {
    const cidrs = ['10.0.0.0/8'];
    const doc = operatorPolicy({ partition: 'aws', serviceRoleArn: ROLE, requireMfa: false, allowedCidrs: cidrs });
    cidrs.push('0.0.0.0/0');
    expect(doc.Statement[0]?.Condition).toStrictEqual({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } });
  });
});

describe('readOnlyOperatorPolicy', () => {
  it('lists the guide\'s read-only actions plus the newer ones, explicitly', () => {
    expect(READ_ONLY_ACTIONS).toStrictEqual([
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
    ]);
    expect(READ_ONLY_ACTIONS.every((a) => /^personalize:(Describe|List)[A-Za-z]+$|^personalize:GetSolutionMetrics$/.test(a))).toBe(true);
  });

  it('grants only those actions on *', () => {
    expect(readOnlyOperatorPolicy(NO_CONDITIONS)).toStrictEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PersonalizeReadOnlyAccess', Effect: 'Allow', Action: [...READ_ONLY_ACTIONS], Resource: '*' }],
    });
  });

  it('takes the same KMS and condition options', () => {
    expect(readOnlyOperatorPolicy({ kmsKeyArn: KEY, requireMfa: true, allowedCidrs: ['198.51.100.7/32'] })).toStrictEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PersonalizeReadOnlyAccess',
          Effect: 'Allow',
          Action: [...READ_ONLY_ACTIONS],
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, IpAddress: { 'aws:SourceIp': ['198.51.100.7/32'] } },
        },
        {
          Sid: 'PersonalizeKmsAccess',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          Resource: KEY,
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, IpAddress: { 'aws:SourceIp': ['198.51.100.7/32'] } },
        },
      ],
    });
  });
});

describe('viewOwnPermissionsPolicy', () => {
  const expected = (partition: string) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ViewOwnUserInfo',
        Effect: 'Allow',
        Action: ['iam:GetUserPolicy', 'iam:ListGroupsForUser', 'iam:ListAttachedUserPolicies', 'iam:ListUserPolicies', 'iam:GetUser'],
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
  });

  it('is the guide\'s policy, with the ${aws:username} variable left for IAM', () => {
    expect(viewOwnPermissionsPolicy('aws')).toStrictEqual(expected('aws'));
    expect(viewOwnPermissionsPolicy('aws').Statement[0]?.Resource).toStrictEqual(['arn:aws:iam::*:user/${aws:username}']);
  });

  it('uses the partition', () => {
    expect(viewOwnPermissionsPolicy('aws-cn')).toStrictEqual(expected('aws-cn'));
    expect(viewOwnPermissionsPolicy('aws-us-gov')).toStrictEqual(expected('aws-us-gov'));
  });
});
