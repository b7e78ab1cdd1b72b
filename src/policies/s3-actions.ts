/** The S3 actions Personalize needs, shared by the bucket policy and the role's inline policy. */

/** `read` for dataset imports; `read-write` adds s3:PutObject for exports, batch and segment jobs. */
export type S3AccessLevel = 'read' | 'read-write';

export function s3Actions(access: S3AccessLevel): string[] {
  const read = ['s3:GetObject', 's3:ListBucket'];
  return access === 'read-write' ? [...read, 's3:PutObject'] : read;
}
