import { describe, expect, it } from 'vitest';
import {
  validateAccountId,
  validateAttachTo,
  validateBucketName,
  validateChoice,
  validateCidr,
  validateEndpointUrl,
  validateGroupName,
  validateIamPath,
  validateKmsKey,
  validatePolicyName,
  validateProfileName,
  validateRegion,
  validateRoleName,
  validateTagCount,
  validateTagKey,
  validateTagValue,
  validateUserName,
} from '../../src/config/validators.js';
import type { ValidationResult } from '../../src/config/validators.js';

/** Each validator: values it must accept, and values it must reject with the rule text shown. */
interface Case {
  name: string;
  validate: (value: string) => ValidationResult;
  valid: string[];
  invalid: [value: string, rule: string | RegExp][];
}

const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = 'mrk-1234abcd12ab34cd56ef1234567890ab';

const cases: Case[] = [
  {
    name: 'IAM user name',
    validate: validateUserName,
    valid: ['alice', 'a', 'first.last@example.com', 'svc_user+ci=1,x-y', 'x'.repeat(64)],
    invalid: [
      ['', 'IAM user names use 1–64 letters, digits and + = , . @ _ -'],
      ['x'.repeat(65), /1–64/],
      ['bad name', /1–64/],
      ['alice/admin', /1–64/],
      ['ålice', /1–64/],
    ],
  },
  {
    name: 'IAM group name',
    validate: validateGroupName,
    valid: ['ml-team', 'g'.repeat(128)],
    invalid: [
      ['', 'IAM group names use 1–128 letters, digits and + = , . @ _ -'],
      ['g'.repeat(129), /1–128/],
      ['ml team', /1–128/],
    ],
  },
  {
    name: 'IAM role name',
    validate: validateRoleName,
    valid: ['PersonalizeRole', 'r'.repeat(64)],
    invalid: [
      ['r'.repeat(65), 'IAM role names use 1–64 letters, digits and + = , . @ _ -'],
      ['role:x', /1–64/],
    ],
  },
  {
    name: 'IAM policy name',
    validate: validatePolicyName,
    valid: ['PersonalizeOperatorAccess', 'p'.repeat(128)],
    invalid: [
      ['p'.repeat(129), 'IAM policy names use 1–128 letters, digits and + = , . @ _ -'],
      ['my policy', /1–128/],
      ['', /1–128/],
    ],
  },
  {
    name: 'IAM path',
    validate: validateIamPath,
    valid: ['/', '/service-role/', '/a/b/c/', `/${'p'.repeat(510)}/`],
    invalid: [
      ['service-role', 'IAM paths are "/" or start and end with "/" (printable ASCII, no spaces)'],
      ['/service-role', /start and end/],
      ['service-role/', /start and end/],
      ['/with space/', /start and end/],
      ['/tëst/', /start and end/],
      ['', /start and end/],
      [`/${'p'.repeat(511)}/`, 'IAM paths are at most 512 characters'],
    ],
  },
  {
    name: 'bucket name',
    validate: validateBucketName,
    valid: ['my-personalize-data', 'abc', 'a'.repeat(63), 'data.example.com', '1bucket9', 'my-s3alias-data', 'ab-xn--c'],
    invalid: [
      ['My_Bucket', 'bucket names use 3–63 lowercase letters, digits, dots and hyphens'],
      ['ab', /3–63/],
      ['a'.repeat(64), /3–63/],
      ['under_score', /3–63/],
      ['-data', 'bucket names begin and end with a letter or digit'],
      ['data-', /begin and end/],
      ['.data', /begin and end/],
      ['my..data', 'bucket names must not contain two adjacent dots'],
      ['192.168.5.4', 'bucket names must not look like an IP address'],
      ['xn--data', 'bucket names must not start with "xn--" (reserved by S3)'],
      ['sthree-data', /start with "sthree-"/],
      ['amzn-s3-demo-bucket', /start with "amzn-s3-demo-"/],
      ['data-s3alias', 'bucket names must not end with "-s3alias" (reserved by S3)'],
      ['data--ol-s3', /end with "--ol-s3"/],
      ['data.mrap', /end with ".mrap"/],
      ['data--x-s3', /end with "--x-s3"/],
      ['data--table-s3', /end with "--table-s3"/],
    ],
  },
  {
    name: 'KMS key',
    validate: validateKmsKey,
    valid: [
      KEY_ID,
      MRK,
      `arn:aws:kms:eu-west-1:123456789012:key/${KEY_ID}`,
      `arn:aws-cn:kms:cn-north-1:123456789012:key/${MRK}`,
      `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${KEY_ID}`,
      'alias/personalize',
      'alias/team/personalize_data-1',
      'arn:aws:kms:eu-west-1:123456789012:alias/personalize',
    ],
    invalid: [
      ['alias/aws/s3', /AWS managed keys, whose key policy cannot be changed/],
      ['arn:aws:kms:eu-west-1:123456789012:alias/aws/s3', /AWS managed keys/],
      ['personalize', 'KMS keys are a key id (UUID or mrk-…), a key ARN, alias/NAME or an alias ARN'],
      ['1234abcd-12ab-34cd-56ef-1234567890', /key id/],
      [KEY_ID.toUpperCase(), /key id/],
      ['mrk-1234', /key id/],
      ['alias/', /key id/],
      ['alias/has space', /key id/],
      ['alias/dollar$', /key id/],
      [`arn:aws:kms:eu-west-1:12345:key/${KEY_ID}`, /key id/],
      [`arn:aws:s3:eu-west-1:123456789012:key/${KEY_ID}`, /key id/],
      [`alias/${'a'.repeat(251)}`, /up to 250/],
    ],
  },
  {
    name: 'CIDR',
    validate: validateCidr,
    valid: ['203.0.113.0/24', '10.0.0.0/8', '0.0.0.0/0', '192.0.2.1/32', '2001:db8::/32', '::/0', '2001:db8:1234:5678::1/128', '::ffff:192.0.2.0/120'],
    invalid: [
      ['203.0.113.0', /prefix length/],
      ['10.0.0.0/33', /0–32 for IPv4/],
      ['2001:db8::/129', /0–128 for IPv6/],
      ['300.1.1.1/8', /IPv4 or IPv6 address/],
      ['10.0.0/8', /IPv4 or IPv6 address/],
      ['010.0.0.0/8', /IPv4 or IPv6 address/],
      ['10.0.0.0/08', /prefix length/],
      ['2001:db8:::/48', /IPv6/],
      ['fe80::1%eth0/64', /IPv6/],
      ['10.0.0.0/-1', /prefix/],
      ['10.0.0.0/', /prefix/],
      ['any', /CIDRs are/],
    ],
  },
  {
    name: 'region',
    validate: validateRegion,
    valid: ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-5', 'il-central-1', 'us-isob-east-1'],
    invalid: [
      ['useast1', /regions look like us-east-1/],
      ['US-EAST-1', /regions look like/],
      ['us-east', /regions look like/],
      ['eu-west-1a', /regions look like/],
      ['', /regions look like/],
    ],
  },
  {
    name: 'account id',
    validate: validateAccountId,
    valid: ['123456789012', '000000000000'],
    invalid: [
      ['12', 'AWS account ids are exactly 12 digits'],
      ['1234567890123', /12 digits/],
      ['12345678901a', /12 digits/],
    ],
  },
  {
    name: 'tag key',
    validate: validateTagKey,
    valid: ['team', 'cost center', 'app/component:name', 'Kostenstelle_ä', 'k'.repeat(128)],
    invalid: [
      ['', 'tag keys use 1–128 letters, digits, spaces and _ . : / = + - @'],
      ['k'.repeat(129), /1–128/],
      ['team#1', /1–128/],
      ['aws:createdBy', 'tag keys must not start with "aws:" (reserved by AWS)'],
      ['AWS:x', /aws:/],
      ['managed-by', 'the tag key "managed-by" is reserved: the tool sets it on everything it creates'],
    ],
  },
  {
    name: 'tag value',
    validate: validateTagValue,
    valid: ['', 'ml', 'v'.repeat(256), 'a b:c/d=e+f-g@h_i.j'],
    invalid: [
      ['v'.repeat(257), 'tag values use 0–256 letters, digits, spaces and _ . : / = + - @'],
      ['semi;colon', /0–256/],
      ['quote"', /0–256/],
    ],
  },
  {
    name: '--attach-to',
    validate: validateAttachTo,
    valid: ['user:alice', 'group:ml-team', 'role:Admin', `role:${'r'.repeat(64)}`, `group:${'g'.repeat(128)}`],
    invalid: [
      ['alice', 'targets are user:NAME, group:NAME or role:NAME'],
      ['team:ml', /targets are/],
      ['User:alice', /targets are/],
      ['user:', /IAM user names use 1–64/],
      ['user:bad name', /IAM user names/],
      [`role:${'r'.repeat(65)}`, /IAM role names use 1–64/],
      [`group:${'g'.repeat(129)}`, /IAM group names use 1–128/],
    ],
  },
  {
    name: 'endpoint URL',
    validate: validateEndpointUrl,
    valid: ['http://localhost:4566', 'https://iam.example.com', 'http://127.0.0.1:9000/'],
    invalid: [
      ['localhost:4566', /http:\/\/ or https:\/\//],
      ['ftp://example.com', /http:\/\/ or https:\/\//],
      ['not a url', /endpoint URLs/],
      ['', /endpoint URLs/],
    ],
  },
  {
    name: 'profile name',
    validate: validateProfileName,
    valid: ['default', 'prod-admin', 'org/account.role', 'p'.repeat(128)],
    invalid: [
      ['', 'profile names are 1–128 characters without spaces, brackets, # or ;'],
      ['my profile', /without spaces/],
      ['[prod]', /brackets/],
      ['p'.repeat(129), /1–128/],
    ],
  },
];

describe.each(cases)('$name', ({ validate, valid, invalid }) => {
  it.each(valid)('accepts %j', (value) => {
    expect(validate(value)).toBeUndefined();
  });
  it.each(invalid)('rejects %j', (value, rule) => {
    const result = validate(value);
    if (typeof rule === 'string') expect(result).toBe(rule);
    else expect(result).toMatch(rule);
  });
});

describe('tag count and choices', () => {
  it('allows 49 user tags, the 50th being managed-by', () => {
    expect(validateTagCount(49)).toBeUndefined();
    expect(validateTagCount(50)).toBe('at most 49 tags (AWS allows 50; one is managed-by)');
  });

  it('lists the choices', () => {
    expect(validateChoice('custom', ['custom', 'managed'])).toBeUndefined();
    expect(validateChoice('full', ['custom', 'managed'])).toBe('choose one of custom, managed');
  });
});
