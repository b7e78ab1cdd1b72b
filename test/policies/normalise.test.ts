import { describe, expect, it } from 'vitest';
import { canonicalJson, documentsEqual, normalise, NotAPolicyError, parsePolicy } from '../../src/policies/index.js';

const BUCKET_POLICY = {
  Version: '2012-10-17',
  Id: 'BucketPolicy',
  Statement: [
    {
      Sid: 'PersonalizeS3BucketAccessPolicy',
      Effect: 'Allow',
      Principal: { Service: 'personalize.amazonaws.com' },
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::my-data', 'arn:aws:s3:::my-data/*'],
    },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: 'arn:aws:s3:::my-data/*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

describe('parsePolicy', () => {
  it('accepts an object, a JSON string and the URL-encoded JSON IAM returns', () => {
    const json = JSON.stringify(BUCKET_POLICY, null, 2);
    expect(parsePolicy(BUCKET_POLICY)).toStrictEqual(BUCKET_POLICY);
    expect(parsePolicy(json)).toStrictEqual(BUCKET_POLICY);
    expect(parsePolicy(encodeURIComponent(json))).toStrictEqual(BUCKET_POLICY);
  });

  it('decodes the exact form IAM sends', () => {
    const fromIam =
      '%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C' +
      '%20%22Principal%22%3A%20%7B%22Service%22%3A%20%22personalize.amazonaws.com%22%7D%2C%20%22Action%22%3A%20%22sts%3AAssumeRole%22%7D%5D%0A%7D';
    expect(parsePolicy(fromIam)).toStrictEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
  });

  it('keeps a literal % in a plain JSON string', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%' }] };
    expect(parsePolicy(JSON.stringify(doc))).toStrictEqual(doc);
  });

  it('reads a single Statement object as a one-element list', () => {
    const doc = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    expect(parsePolicy(doc)).toStrictEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
  });

  it('reads a missing Version as 2008-10-17, as IAM does', () => {
    expect(parsePolicy({ Statement: [{ Effect: 'Allow', Action: '*' }] })).toStrictEqual({
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Action: '*' }],
    });
  });

  it('returns a copy that shares nothing with its input', () => {
    const input = structuredClone(BUCKET_POLICY);
    const parsed = parsePolicy(input);
    (parsed.Statement[0]?.Action as string[]).push('s3:PutObject');
    expect(input).toStrictEqual(BUCKET_POLICY);
  });

  it.each([
    [undefined, 'A policy must be a JSON object, not nothing.'],
    [null, 'A policy must be a JSON object, not null.'],
    [42, 'A policy must be a JSON object, not number 42.'],
    [[], 'A policy must be a JSON object, not a list.'],
    ['', 'The policy is an empty string.'],
    ['{"Version": ', /^The policy is not valid JSON \(/],
    ['%E0%A4%A', 'The policy is neither JSON nor URL-encoded JSON.'],
    ['not a policy', /^The policy is not valid JSON \(/],
    [{ Version: '2012-10-17' }, 'The policy has no Statement.'],
    [{ Version: '2010-01-01', Statement: [] }, 'The policy Version must be "2012-10-17" or "2008-10-17", not "2010-01-01".'],
    [{ Version: '2012-10-17', Id: 7, Statement: [] }, 'The policy Id must be a string, not number 7.'],
    [{ Version: '2012-10-17', Statement: 'Allow' }, 'Statement 1 must be an object, not string "Allow".'],
    [{ Version: '2012-10-17', Statement: [{ Action: '*' }] }, 'Statement 1 must have Effect "Allow" or "Deny", not nothing.'],
    [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*' }, { Sid: 'X', Effect: 'allow', Action: '*' }] },
      'Statement 2 (Sid X) must have Effect "Allow" or "Deny", not "allow".',
    ],
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'Statement 1 has neither Action nor NotAction.'],
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', NotAction: 's3:*' }] }, 'Statement 1 has both Action and NotAction.'],
    [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [1] }] }, 'Statement 1 has an invalid Action: it must be a string or a list of strings.'],
    [{ Version: '2012-10-17', Statement: [{ Sid: 3, Effect: 'Allow', Action: '*' }] }, 'Statement 1 has a Sid that is not a string.'],
    [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Principal: 'personalize.amazonaws.com' }] },
      'Statement 1 has an invalid Principal: it must be "*" or an object of strings.',
    ],
    [
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Condition: { Bool: 'true' } }] },
      'Statement 1 has an invalid Condition: it must map operators to keys to values.',
    ],
  ])('rejects %j with a message that says what is wrong', (input, message) => {
    expect(() => parsePolicy(input)).toThrow(NotAPolicyError);
    expect(() => parsePolicy(input)).toThrow(message);
  });

  it('accepts JSON booleans and numbers as Condition values', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': false } } }],
    };
    expect(parsePolicy(doc)).toStrictEqual(doc);
  });
});

describe('normalise', () => {
  it('produces the canonical form', () => {
    const doc = {
      Statement: [
        {
          Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', 'arn:aws:s3:::b'],
          Action: 's3:GetObject',
          Principal: { Service: 'personalize.amazonaws.com', AWS: ['arn:aws:iam::1:role/B', 'arn:aws:iam::1:role/A'] },
          Effect: 'Allow',
          Sid: 'Z',
          Condition: { StringEquals: { 'aws:SourceAccount': '1' }, Bool: { 'aws:SecureTransport': true } },
        },
        { Sid: 'A', Effect: 'Deny', NotAction: ['s3:Get*'], NotResource: 'arn:aws:s3:::b', Principal: '*' },
      ],
      Id: 'x',
      Version: '2012-10-17',
    };
    const result = normalise(doc);
    expect(result).toStrictEqual({
      Id: 'x',
      Statement: [
        {
          Action: ['s3:GetObject'],
          Condition: { Bool: { 'aws:SecureTransport': ['true'] }, StringEquals: { 'aws:SourceAccount': ['1'] } },
          Effect: 'Allow',
          Principal: { AWS: ['arn:aws:iam::1:role/A', 'arn:aws:iam::1:role/B'], Service: ['personalize.amazonaws.com'] },
          Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
          Sid: 'Z',
        },
        { Effect: 'Deny', NotAction: ['s3:Get*'], NotResource: ['arn:aws:s3:::b'], Principal: '*', Sid: 'A' },
      ],
      Version: '2012-10-17',
    });
    // Key order is part of the canonical form, not only the values.
    expect(Object.keys(result)).toEqual(['Id', 'Statement', 'Version']);
    expect(Object.keys(result.Statement[0] ?? {})).toEqual(['Action', 'Condition', 'Effect', 'Principal', 'Resource', 'Sid']);
  });

  it('is idempotent', () => {
    expect(normalise(normalise(BUCKET_POLICY))).toStrictEqual(normalise(BUCKET_POLICY));
  });
});

describe('documentsEqual', () => {
  const reordered = {
    Statement: [
      {
        Condition: { Bool: { 'aws:SecureTransport': false } },
        Resource: ['arn:aws:s3:::my-data/*'],
        Action: ['s3:*'],
        Principal: '*',
        Effect: 'Deny',
      },
      {
        Resource: ['arn:aws:s3:::my-data/*', 'arn:aws:s3:::my-data'],
        Action: ['s3:ListBucket', 's3:GetObject', 's3:GetObject'],
        Principal: { Service: ['personalize.amazonaws.com'] },
        Effect: 'Allow',
        Sid: 'PersonalizeS3BucketAccessPolicy',
      },
    ],
    Id: 'BucketPolicy',
    Version: '2012-10-17',
  };

  it('ignores single string vs list, duplicates, key order and statement order', () => {
    expect(documentsEqual(BUCKET_POLICY, reordered)).toBe(true);
  });

  it('compares an object with its JSON and URL-encoded forms', () => {
    expect(documentsEqual(BUCKET_POLICY, JSON.stringify(reordered))).toBe(true);
    expect(documentsEqual(encodeURIComponent(JSON.stringify(BUCKET_POLICY)), reordered)).toBe(true);
    expect(canonicalJson(BUCKET_POLICY)).toBe(canonicalJson(encodeURIComponent(JSON.stringify(reordered, null, 4))));
  });

  it('treats a single Statement object like a one-element list', () => {
    const statement = { Effect: 'Allow', Action: 'personalize:*', Resource: '*' };
    expect(documentsEqual({ Version: '2012-10-17', Statement: statement }, { Version: '2012-10-17', Statement: [statement] })).toBe(true);
  });

  it.each([
    ['an action', { Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'] }],
    ['a resource', { Resource: ['arn:aws:s3:::my-data'] }],
    ['the case of an action', { Action: ['s3:getobject', 's3:ListBucket'] }],
    ['the effect', { Effect: 'Deny' }],
    ['the Sid', { Sid: 'Other' }],
    ['no Sid', { Sid: undefined }],
    ['a principal', { Principal: { AWS: 'arn:aws:iam::1:root' } }],
    ['"*" vs {AWS: "*"}', { Principal: { AWS: '*' } }],
    ['a condition', { Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }],
  ])('sees a different %s', (_what, patch) => {
    const first = BUCKET_POLICY.Statement[0];
    const changed = { ...BUCKET_POLICY, Statement: [{ ...first, ...patch }, BUCKET_POLICY.Statement[1]] };
    expect(documentsEqual(BUCKET_POLICY, changed)).toBe(false);
  });

  it('sees a different Version or Id, and a missing statement', () => {
    expect(documentsEqual(BUCKET_POLICY, { ...BUCKET_POLICY, Version: '2008-10-17' })).toBe(false);
    expect(documentsEqual(BUCKET_POLICY, { ...BUCKET_POLICY, Id: 'Other' })).toBe(false);
    expect(documentsEqual(BUCKET_POLICY, { ...BUCKET_POLICY, Statement: BUCKET_POLICY.Statement.slice(1) })).toBe(false);
  });

  it('treats no document as equal only to no document', () => {
    expect(documentsEqual(undefined, undefined)).toBe(true);
    expect(documentsEqual(undefined, null)).toBe(true);
    expect(documentsEqual(undefined, BUCKET_POLICY)).toBe(false);
    expect(documentsEqual(BUCKET_POLICY, null)).toBe(false);
  });

  it('throws NotAPolicyError for something that is not a policy', () => {
    expect(() => documentsEqual(BUCKET_POLICY, { Version: '2012-10-17' })).toThrow(NotAPolicyError);
  });
});
