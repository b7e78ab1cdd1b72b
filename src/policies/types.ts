/** IAM / S3 / KMS policy documents as plain data. This folder imports nothing else of the project. */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export type OneOrMany<T> = T | T[];

export type Principal = '*' | Record<string, OneOrMany<string>>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  Condition?: Record<string, Record<string, OneOrMany<string>>>;
}

export interface PolicyDocument {
  Version: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: Statement[];
}
