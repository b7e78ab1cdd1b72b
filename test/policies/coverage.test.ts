import { describe, expect, it } from 'vitest';
import {
  bucketPolicyStatements,
  findCoveringStatement,
  keyPolicyStatement,
  NotAPolicyError,
  vpcRestrictedStatements,
} from '../../src/policies/index.js';
import type { PolicyDocument, Statement } from '../../src/policies/index.js';

const [readWrite] = bucketPolicyStatements({ partition: 'aws', bucket: 'my-data', access: 'read-write', denyInsecureTransport: false });
const needed = readWrite as Statement;
const [readOnly] = bucketPolicyStatements({ partition: 'aws', bucket: 'my-data', access: 'read', denyInsecureTransport: false });
const ROLE = 'arn:aws:iam::123456789012:role/PersonalizeRole';
const neededKey = keyPolicyStatement({ roleArn: ROLE });

/** The statement the guide tells people to write by hand. */
const GUIDE_STATEMENT: Statement = {
  Sid: 'PersonalizeS3BucketAccessPolicy',
  Effect: 'Allow',
  Principal: { Service: 'personalize.amazonaws.com' },
  Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
  Resource: ['arn:aws:s3:::my-data', 'arn:aws:s3:::my-data/*'],
};

const OTHER: Statement = {
  Sid: 'Analytics',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111122223333:root' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::my-data/*',
};

function doc(...statements: Statement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

describe('findCoveringStatement', () => {
  it('finds the guide\'s hand-written statement, returning the very object', () => {
    const policy = doc(OTHER, GUIDE_STATEMENT);
    expect(findCoveringStatement(policy, needed)).toBe(policy.Statement[1]);
    expect(findCoveringStatement(policy, readOnly as Statement)).toBe(policy.Statement[1]);
  });

  it('accepts wildcards in actions (any case) and resources', () => {
    const wide: Statement = {
      Effect: 'Allow',
      Principal: { Service: ['personalize.amazonaws.com', 'glue.amazonaws.com'] },
      Action: 's3:*',
      Resource: 'arn:aws:s3:::b*',
    };
    expect(findCoveringStatement(doc(wide), { ...needed, Resource: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'] })).toBe(wide);
    const patterns: Statement = {
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['S3:get*', 's3:List?ucket', 's3:Put*'],
      Resource: ['arn:aws:s3:::my-dat?', 'arn:aws:s3:::my-data/*'],
    };
    expect(findCoveringStatement(doc(patterns), needed)).toBe(patterns);
    const everything: Statement = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
    expect(findCoveringStatement(doc(everything), needed)).toBe(everything);
  });

  it('accepts the union of several statements, returning the first contributing one', () => {
    // Every needed action on every needed resource: "Bucket" grants them on the bucket, "Objects" on its objects.
    const objects: Statement = { ...GUIDE_STATEMENT, Sid: 'Objects', Resource: 'arn:aws:s3:::my-data/*' };
    const bucket: Statement = { ...GUIDE_STATEMENT, Sid: 'Bucket', Action: 's3:*', Resource: 'arn:aws:s3:::my-data' };
    expect(findCoveringStatement(doc(OTHER, bucket, objects), needed)).toBe(bucket);
    expect(findCoveringStatement(doc(objects, OTHER, bucket), needed)).toBe(objects);
    // Together they still miss ListBucket on the objects' ARN, which `needed` names too.
    const objectActions: Statement = { ...objects, Action: ['s3:GetObject', 's3:PutObject'] };
    expect(findCoveringStatement(doc(bucket, objectActions), needed)).toBeUndefined();
  });

  it('prefers a statement that covers everything alone over earlier partial ones', () => {
    const partial: Statement = { ...GUIDE_STATEMENT, Sid: 'Partial', Action: 's3:GetObject' };
    const policy = doc(partial, GUIDE_STATEMENT);
    expect(findCoveringStatement(policy, needed)).toBe(GUIDE_STATEMENT);
  });

  it.each<[string, Statement]>([
    ['a missing action', { ...GUIDE_STATEMENT, Action: ['s3:GetObject', 's3:ListBucket'] }],
    ['a narrower action wildcard', { ...GUIDE_STATEMENT, Action: ['s3:Get*', 's3:List*'] }],
    ['a missing resource', { ...GUIDE_STATEMENT, Resource: 'arn:aws:s3:::my-data/*' }],
    ['a prefix of the objects only', { ...GUIDE_STATEMENT, Resource: ['arn:aws:s3:::my-data', 'arn:aws:s3:::my-data/imports/*'] }],
    ['resources in another case', { ...GUIDE_STATEMENT, Resource: ['arn:aws:s3:::MY-DATA', 'arn:aws:s3:::MY-DATA/*'] }],
    ['another partition', { ...GUIDE_STATEMENT, Resource: ['arn:aws-cn:s3:::my-data', 'arn:aws-cn:s3:::my-data/*'] }],
    ['another principal', { ...GUIDE_STATEMENT, Principal: { Service: 'glue.amazonaws.com' } }],
    ['{AWS: "*"} for a service principal', { ...GUIDE_STATEMENT, Principal: { AWS: '*' } }],
    ['a condition', { ...GUIDE_STATEMENT, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }],
    ['NotAction', { Sid: 'X', Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteObject', Resource: '*' }],
    ['NotResource', { Sid: 'X', Effect: 'Allow', Principal: '*', Action: '*', NotResource: 'arn:aws:s3:::other' }],
    ['NotPrincipal', { Sid: 'X', Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: '*', Resource: '*' }],
    ['no principal', { Sid: 'X', Effect: 'Allow', Action: '*', Resource: '*' }],
  ])('is not fooled by %s', (_what, statement) => {
    expect(findCoveringStatement(doc(OTHER, statement), needed)).toBeUndefined();
  });

  it('accepts a condition that is the same as the one needed', () => {
    const condition = { StringEquals: { 'aws:SourceAccount': '123456789012' } };
    const withCondition: Statement = { ...GUIDE_STATEMENT, Condition: { StringEquals: { 'aws:SourceAccount': ['123456789012'] } } };
    expect(findCoveringStatement(doc(withCondition), { ...needed, Condition: condition })).toBe(withCondition);
    expect(findCoveringStatement(doc(GUIDE_STATEMENT), { ...needed, Condition: condition })).toBe(GUIDE_STATEMENT);
  });

  it.each<[string, Statement]>([
    ['denies the service principal', { Effect: 'Deny', Principal: { Service: 'personalize.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' }],
    ['denies everyone with a wildcard action', { Effect: 'Deny', Principal: '*', Action: 's3:Put*', Resource: 'arn:aws:s3:::my-data/private/*' }],
    ['denies {AWS: "*"}', { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*' }],
    [
      'denies outside a VPC endpoint',
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } },
    ],
    ['denies all but one action', { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }],
    ['denies all but someone else', { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: '*', Resource: '*' }],
  ])('answers undefined when a Deny %s', (_what, deny) => {
    expect(findCoveringStatement(doc(GUIDE_STATEMENT, deny), needed)).toBeUndefined();
  });

  it('ignores Denies that cannot apply: other principals, other actions, non-TLS requests', () => {
    const policy = doc(
      { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: '*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Effect: 'Deny', Principal: '*', NotAction: 's3:*', Resource: '*' },
      { Effect: 'Deny', NotPrincipal: { Service: 'personalize.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' },
      GUIDE_STATEMENT,
    );
    expect(findCoveringStatement(policy, needed)).toBe(GUIDE_STATEMENT);
  });

  it('covers a key-policy statement with both an AWS and a Service principal', () => {
    const handWritten: Statement = {
      Sid: 'Allow Personalize',
      Effect: 'Allow',
      Principal: { AWS: [ROLE], Service: 'personalize.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ListGrants'],
      Resource: '*',
    };
    expect(findCoveringStatement(doc(handWritten), neededKey)).toBe(handWritten);
    const roleOnly: Statement = { ...handWritten, Principal: { AWS: ROLE } };
    expect(findCoveringStatement(doc(roleOnly), neededKey)).toBeUndefined();
    const anyAws: Statement = { ...handWritten, Principal: { AWS: '*', Service: 'personalize.amazonaws.com' } };
    expect(findCoveringStatement(doc(anyAws), neededKey)).toBe(anyAws);
    // The default key statement delegates to IAM; it does not let the service itself use the key.
    const keyDefault: Statement = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' };
    expect(findCoveringStatement(doc(keyDefault), neededKey)).toBeUndefined();
  });

  it('answers undefined without a document, and throws for a non-policy', () => {
    expect(findCoveringStatement(undefined, needed)).toBeUndefined();
    expect(findCoveringStatement(doc(), needed)).toBeUndefined();
    expect(() => findCoveringStatement({ Version: '2012-10-17' } as PolicyDocument, needed)).toThrow(NotAPolicyError);
  });
});

describe('vpcRestrictedStatements', () => {
  it('finds statements using aws:SourceVpc or aws:SourceVpce under any operator and in any case', () => {
    const vpce: Statement = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } };
    const vpc: Statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:sourcevpc': ['vpc-111'] } } };
    const mixed: Statement = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' }, 'ForAnyValue:StringNotLike': { 'AWS:SOURCEVPC': 'vpc-*' } },
    };
    const notVpc: Statement = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpcArn': 'x' } } };
    const policy = doc(GUIDE_STATEMENT, vpce, notVpc, vpc, mixed);
    expect(vpcRestrictedStatements(policy)).toEqual([vpce, vpc, mixed]);
    expect(vpcRestrictedStatements(policy)[0]).toBe(vpce);
  });

  it('finds none in an ordinary policy or no policy', () => {
    expect(vpcRestrictedStatements(doc(GUIDE_STATEMENT, OTHER))).toEqual([]);
    expect(vpcRestrictedStatements(undefined)).toEqual([]);
  });
});
