import { describe, expect, it } from 'vitest';
import { diffDocuments, diffLines, formatDiff } from '../../src/engine/document-diff.js';
import type { PolicyDocument } from '../../src/policies/types.js';

const read: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'PersonalizeSetupS3Access', Effect: 'Allow', Principal: { Service: 'personalize.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }],
};

describe('document diff', () => {
  it('shows what changed between two documents, line by line', () => {
    const readWrite: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ ...read.Statement[0]!, Action: ['s3:PutObject', 's3:GetObject'] }],
    };
    expect(formatDiff(diffDocuments(read, readWrite))).toBe(
      [
        ' {',
        '   "Statement": [',
        '     {',
        '       "Action": [',
        '-        "s3:GetObject"',
        '+        "s3:GetObject",',
        '+        "s3:PutObject"',
        '       ],',
        '       "Effect": "Allow",',
        '       "Principal": {',
        '         "Service": [',
        '           "personalize.amazonaws.com"',
        '         ]',
        '       },',
        '       "Resource": [',
        '         "arn:aws:s3:::data/*"',
        '       ],',
        '       "Sid": "PersonalizeSetupS3Access"',
        '     }',
        '   ],',
        '   "Version": "2012-10-17"',
        ' }',
      ].join('\n'),
    );
  });

  it('ignores differences without meaning: key order, single strings, URL encoding', () => {
    const reordered = {
      Statement: [{ Resource: ['arn:aws:s3:::data/*'], Action: ['s3:GetObject'], Principal: { Service: 'personalize.amazonaws.com' }, Effect: 'Allow', Sid: 'PersonalizeSetupS3Access' }],
      Version: '2012-10-17',
    };
    expect(diffDocuments(read, reordered).every((line) => line.kind === 'same')).toBe(true);
    expect(diffDocuments(read, encodeURIComponent(JSON.stringify(read))).every((line) => line.kind === 'same')).toBe(true);
  });

  it('shows a created document as all additions and a deleted one as all removals', () => {
    const created = diffDocuments(undefined, read);
    expect(created.length).toBeGreaterThan(5);
    expect(created.every((line) => line.kind === 'add')).toBe(true);
    expect(formatDiff(diffDocuments(read, undefined)).split('\n').every((line) => line.startsWith('-'))).toBe(true);
    expect(diffDocuments(undefined, undefined)).toEqual([]);
  });

  it('finds a longest common subsequence of lines', () => {
    const lines = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    const kept = lines.filter((l) => l.kind === 'same').map((l) => l.text);
    expect(kept).toHaveLength(4); // the LCS of ABCABBA and CBABAC has length 4
    // Applying the diff to the old lines gives the new ones.
    expect(lines.filter((l) => l.kind !== 'remove').map((l) => l.text)).toEqual(['c', 'b', 'a', 'b', 'a', 'c']);
    expect(lines.filter((l) => l.kind !== 'add').map((l) => l.text)).toEqual(['a', 'b', 'c', 'a', 'b', 'b', 'a']);
    expect(formatDiff(diffLines(['x', 'y', 'z'], ['x', 'q', 'z']))).toBe(' x\n-y\n+q\n z');
  });
});
