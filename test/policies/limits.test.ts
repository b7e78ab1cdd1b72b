import { describe, expect, it } from 'vitest';
import { assertPolicySize, POLICY_SIZE_LIMITS, PolicyTooLargeError, policySize } from '../../src/policies/index.js';
import type { PolicyDocument, PolicyKind } from '../../src/policies/index.js';

/** A document whose compact JSON is exactly `size` characters, all ASCII. */
function documentOfSize(size: number): PolicyDocument {
  const empty = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '', Resource: '*' }] }).length;
  const doc: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'x'.repeat(size - empty), Resource: '*' }] };
  expect(JSON.stringify(doc).length).toBe(size);
  return doc;
}

describe('POLICY_SIZE_LIMITS', () => {
  it('holds the service limits', () => {
    expect(POLICY_SIZE_LIMITS).toStrictEqual({ managed: 6144, 'inline-role': 10240, trust: 2048, bucket: 20480, key: 32768 });
  });
});

describe('policySize', () => {
  it('IAM kinds count characters without whitespace, including whitespace inside strings', () => {
    const doc: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'A B', Effect: 'Allow', Action: 'é', Resource: '*' }] };
    const compact = JSON.stringify(doc);
    expect(policySize(doc, 'managed')).toBe(compact.length - 1);
    expect(policySize(doc, 'inline-role')).toBe(compact.length - 1);
    expect(policySize(doc, 'trust')).toBe(compact.length - 1);
  });

  it('bucket and key policies count bytes of the compact JSON', () => {
    const doc: PolicyDocument = { Version: '2012-10-17', Statement: [{ Sid: 'A B', Effect: 'Allow', Action: 'é', Resource: '*' }] };
    const compact = JSON.stringify(doc);
    // "é" is one character but two bytes in UTF-8.
    expect(policySize(doc, 'bucket')).toBe(compact.length + 1);
    expect(policySize(doc, 'key')).toBe(compact.length + 1);
  });
});

describe('assertPolicySize', () => {
  it.each(Object.entries(POLICY_SIZE_LIMITS) as [PolicyKind, number][])('%s: accepts %i, rejects one more', (kind, limit) => {
    expect(() => assertPolicySize(documentOfSize(limit), kind, 'The document')).not.toThrow();
    expect(() => assertPolicySize(documentOfSize(limit + 1), kind, 'The document')).toThrow(PolicyTooLargeError);
  });

  it('names the document, its size and the limit', () => {
    const doc = documentOfSize(21034);
    expect(() => assertPolicySize(doc, 'bucket', 'The bucket policy for my-bucket')).toThrow(
      'The bucket policy for my-bucket would be 21034 bytes; the limit is 20480. Remove unused statements from it and try again.',
    );
    expect(() => assertPolicySize(documentOfSize(6200), 'managed', 'the policy PersonalizeOperatorAccess')).toThrow(
      'The policy PersonalizeOperatorAccess would be 6200 characters; the limit is 6144. Remove unused statements from it and try again.',
    );
  });

  it('carries the numbers for callers', () => {
    try {
      assertPolicySize(documentOfSize(2049), 'trust', 'The trust policy of PersonalizeRole');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyTooLargeError);
      expect((error as PolicyTooLargeError).details).toStrictEqual({ size: 2049, limit: 2048, unit: 'characters' });
    }
  });
});
