import { describe, expect, it } from 'vitest';
import { howToFinish } from '../../src/engine/manual-undo.js';
import type { PolicyDocument } from '../../src/policies/types.js';

const doc: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: "Bob's", Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const arn = 'arn:aws:iam::123456789012:policy/PersonalizeOperatorAccess';

describe('howToFinish', () => {
  it('gives the exact AWS CLI command, documents included and safely quoted', () => {
    expect(howToFinish({ kind: 'createPolicy', name: 'PersonalizeOperatorAccess', path: '/', description: 'd', document: doc, tags: {} }, { arn }, 'eu-west-1')).toBe(
      `To finish by hand, run: aws iam delete-policy --policy-arn ${arn} (first detach it from every user, group and role and delete its non-default versions).`,
    );
    expect(howToFinish({ kind: 'createPolicyVersion', policyArn: arn, document: doc, previousDefaultVersionId: 'v2' }, { versionId: 'v3' }, 'eu-west-1')).toBe(
      `To finish by hand, run: aws iam set-default-policy-version --policy-arn ${arn} --version-id v2 && aws iam delete-policy-version --policy-arn ${arn} --version-id v3.`,
    );
    expect(howToFinish({ kind: 'attachPolicy', principal: { kind: 'group', name: 'ml-team' }, policyArn: arn }, {}, 'eu-west-1')).toBe(
      `To finish by hand, run: aws iam detach-group-policy --group-name ml-team --policy-arn ${arn}.`,
    );
    expect(howToFinish({ kind: 'putBucketPolicy', bucket: 'data', expectedOwner: '123456789012', document: doc, before: doc }, {}, 'eu-west-1')).toBe(
      `To finish by hand, run: aws s3api put-bucket-policy --bucket data --expected-bucket-owner 123456789012 --region eu-west-1 --policy ` +
        `'{"Version":"2012-10-17","Statement":[{"Sid":"Bob'\\''s","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'.`,
    );
    expect(howToFinish({ kind: 'putBucketPolicy', bucket: 'data', expectedOwner: '123456789012', document: doc, before: undefined }, {}, 'eu-west-1')).toBe(
      'To finish by hand, run: aws s3api delete-bucket-policy --bucket data --expected-bucket-owner 123456789012 --region eu-west-1.',
    );
    expect(howToFinish({ kind: 'createBucket', bucket: 'data', region: 'eu-west-1', tags: {} }, {}, 'eu-west-1')).toBe(
      'To finish by hand, run: aws s3api delete-bucket --bucket data --region eu-west-1 once you are sure bucket data holds nothing you need.',
    );
  });
});
