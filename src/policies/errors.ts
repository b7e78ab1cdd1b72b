/**
 * Errors of the pure policy layer. They extend `Error` (not the project's `SetupError`) because
 * this folder imports nothing else of the project; callers translate them where they need to.
 */

/** The input is not an IAM / S3 / KMS policy document; the message says what is wrong. */
export class NotAPolicyError extends Error {
  override readonly name = 'NotAPolicyError';
}

/** What a size check measured, for callers that want more than the message. */
export interface PolicySizeDetails {
  /** Characters (IAM) or bytes (S3, KMS) of the document as it would be sent. */
  size: number;
  limit: number;
  /** `characters` for IAM policies, `bytes` for bucket and key policies. */
  unit: 'characters' | 'bytes';
}

/** A document would exceed its service's size limit; the message names it, its size and the limit. */
export class PolicyTooLargeError extends Error {
  override readonly name = 'PolicyTooLargeError';
  constructor(
    message: string,
    readonly details?: PolicySizeDetails,
  ) {
    super(message);
  }
}
