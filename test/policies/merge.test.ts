import { describe, expect, it } from 'vitest';
import {
  bucketPolicyStatements,
  keyPolicyStatement,
  mergeStatements,
  NotAPolicyError,
  removeStatements,
  SIDS,
} from '../../src/policies/index.js';
import type { PolicyDocument, Statement } from '../../src/policies/index.js';

const ours = bucketPolicyStatements({ partition: 'aws', bucket: 'my-data', access: 'read-write', denyInsecureTransport: true });
const OUR_SIDS = [SIDS.bucketAccess, SIDS.denyInsecureTransport];

/** A bucket policy someone else wrote: statements with and without Sid, and an Id. */
function foreignPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Id: 'CompanyBucketPolicy',
    Statement: [
      {
        Sid: 'AllowAnalytics',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/Analytics' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-data/reports/*',
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:DeleteBucket',
        Resource: 'arn:aws:s3:::my-data',
      },
      {
        Resource: ['arn:aws:s3:::my-data/*'],
        Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        Action: ['s3:PutObject'],
        Principal: '*',
        Effect: 'Deny',
        Sid: 'RequireKms',
      },
    ],
  };
}

describe('mergeStatements', () => {
  it('creates a document holding only ours when there is none', () => {
    expect(mergeStatements(undefined, ours)).toStrictEqual({ Version: '2012-10-17', Statement: ours });
  });

  it('appends ours and keeps every foreign statement, the Id and the Version exactly', () => {
    const existing = foreignPolicy();
    const merged = mergeStatements(existing, ours);
    expect(merged).toStrictEqual({ ...foreignPolicy(), Statement: [...foreignPolicy().Statement, ...ours] });
    // Key order of a foreign statement is kept too, not only its content.
    expect(Object.keys(merged.Statement[2] ?? {})).toEqual(['Resource', 'Condition', 'Action', 'Principal', 'Effect', 'Sid']);
    expect(Object.keys(merged)).toEqual(['Version', 'Id', 'Statement']);
    expect(existing).toStrictEqual(foreignPolicy());
  });

  it('replaces ours in place', () => {
    const stale: Statement = { ...ours[0], Action: ['s3:GetObject'] } as Statement;
    const existing = foreignPolicy();
    existing.Statement.splice(1, 0, stale);
    const merged = mergeStatements(existing, ours);
    expect(merged.Statement).toStrictEqual([
      foreignPolicy().Statement[0],
      ours[0],
      foreignPolicy().Statement[1],
      foreignPolicy().Statement[2],
      ours[1],
    ]);
  });

  it('keeps only one copy when our Sid appears twice', () => {
    const existing = { Version: '2012-10-17', Statement: [ours[0], ours[0]] } as PolicyDocument;
    expect(mergeStatements(existing, [ours[0] as Statement]).Statement).toStrictEqual([ours[0]]);
  });

  it('is idempotent: merging twice equals merging once', () => {
    const once = mergeStatements(foreignPolicy(), ours);
    expect(mergeStatements(once, ours)).toStrictEqual(once);
    const fresh = mergeStatements(undefined, ours);
    expect(mergeStatements(fresh, ours)).toStrictEqual(fresh);
  });

  it('leaves other PersonalizeSetup statements alone (removing them is removeStatements\' job)', () => {
    const once = mergeStatements(foreignPolicy(), ours);
    const readOnly = bucketPolicyStatements({ partition: 'aws', bucket: 'my-data', access: 'read', denyInsecureTransport: false });
    const merged = mergeStatements(once, readOnly);
    expect(merged.Statement.map((s) => s.Sid)).toEqual(['AllowAnalytics', undefined, 'RequireKms', SIDS.bucketAccess, SIDS.denyInsecureTransport]);
    expect(merged.Statement[3]).toStrictEqual(readOnly[0]);
  });

  it('accepts the URL-encoded or single-statement forms a service may return', () => {
    const single = { Version: '2012-10-17', Statement: foreignPolicy().Statement[0] } as unknown as PolicyDocument;
    expect(mergeStatements(single, ours).Statement).toStrictEqual([foreignPolicy().Statement[0], ...ours]);
    const encoded = encodeURIComponent(JSON.stringify(foreignPolicy())) as unknown as PolicyDocument;
    expect(mergeStatements(encoded, ours)).toStrictEqual(mergeStatements(foreignPolicy(), ours));
  });

  it('does not share statements with its inputs', () => {
    const merged = mergeStatements(undefined, ours);
    (merged.Statement[0]?.Action as string[]).push('s3:DeleteObject');
    expect(ours[0]?.Action).toEqual(['s3:GetObject', 's3:ListBucket', 's3:PutObject']);
  });

  it('throws NotAPolicyError for an existing document that is not a policy', () => {
    expect(() => mergeStatements({ Version: '2012-10-17' } as PolicyDocument, ours)).toThrow(NotAPolicyError);
    expect(() => mergeStatements('garbage' as unknown as PolicyDocument, ours)).toThrow(NotAPolicyError);
    expect(() => mergeStatements(null as unknown as PolicyDocument, ours)).toThrow(NotAPolicyError);
  });

  it('refuses statements of ours without a Sid or with a repeated one', () => {
    expect(() => mergeStatements(undefined, [{ Effect: 'Allow', Action: '*' }])).toThrow('needs a Sid');
    expect(() => mergeStatements(undefined, [ours[0] as Statement, ours[0] as Statement])).toThrow('given twice');
  });
});

describe('removeStatements', () => {
  it('drops ours and keeps the rest exactly', () => {
    const merged = mergeStatements(foreignPolicy(), ours);
    expect(removeStatements(merged, OUR_SIDS)).toStrictEqual(foreignPolicy());
  });

  it('undoes a merge into a policy that had none of our statements', () => {
    const key: PolicyDocument = {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123456789012:root' },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    };
    const ourKey = keyPolicyStatement({ roleArn: 'arn:aws:iam::123456789012:role/PersonalizeRole' });
    expect(removeStatements(mergeStatements(key, [ourKey]), [SIDS.keyAccess])).toStrictEqual(key);
    expect(removeStatements(foreignPolicy(), OUR_SIDS)).toStrictEqual(foreignPolicy());
  });

  it('may leave no statement', () => {
    expect(removeStatements(mergeStatements(undefined, ours), OUR_SIDS)).toStrictEqual({ Version: '2012-10-17', Statement: [] });
  });

  it('throws NotAPolicyError for a document that is not a policy', () => {
    expect(() => removeStatements({ Statement: 'x' } as unknown as PolicyDocument, OUR_SIDS)).toThrow(NotAPolicyError);
  });
});
