/**
 * Errors shaped exactly as the real SDK v3 deserialisers build them (checked against a local HTTP
 * server answering with AWS's wire format): the modelled class where one exists, otherwise the
 * service's base exception with `name` = AWS error code; `$metadata.httpStatusCode` as AWS sends
 * it; and the wire `Code` kept as a property, as the SDK does.
 */
import {
  DeleteConflictException,
  EntityAlreadyExistsException,
  IAMServiceException,
  LimitExceededException,
  MalformedPolicyDocumentException as IamMalformedPolicyDocumentException,
  InvalidInputException,
  NoSuchEntityException,
  UnmodifiableEntityException,
} from '@aws-sdk/client-iam';
import {
  InvalidMarkerException,
  KMSServiceException,
  MalformedPolicyDocumentException as KmsMalformedPolicyDocumentException,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { AccessDenied, BucketAlreadyExists, BucketAlreadyOwnedByYou, NoSuchBucket, NotFound, S3ServiceException } from '@aws-sdk/client-s3';
import { STSServiceException } from '@aws-sdk/client-sts';
import type { ServiceName } from './call-log.js';


let requestCounter = 0;

function metadata(httpStatusCode: number) {
  requestCounter += 1;
  return { httpStatusCode, requestId: `fake-request-${requestCounter}`, attempts: 1, totalRetryDelay: 0 };
}

/** `$metadata` for successful responses. */
export function okMetadata(httpStatusCode = 200) {
  return metadata(httpStatusCode);
}

type ModelledCtor<E> = new (options: { message: string; $metadata: ReturnType<typeof metadata> }) => E;

function modelled<E extends Error>(Ctor: ModelledCtor<E>, code: string, status: number, message: string): E {
  return Object.assign(new Ctor({ message, $metadata: metadata(status) }), { Code: code });
}

// ---- IAM (query protocol: every client error is 4xx, wire codes without the "Exception" suffix)

export const iamError = {
  noSuchEntity: (message: string) => modelled(NoSuchEntityException, 'NoSuchEntity', 404, message),
  entityAlreadyExists: (message: string) => modelled(EntityAlreadyExistsException, 'EntityAlreadyExists', 409, message),
  limitExceeded: (message: string) => modelled(LimitExceededException, 'LimitExceeded', 409, message),
  deleteConflict: (message: string) => modelled(DeleteConflictException, 'DeleteConflict', 409, message),
  malformedPolicyDocument: (message: string) =>
    modelled(IamMalformedPolicyDocumentException, 'MalformedPolicyDocument', 400, message),
  unmodifiableEntity: (message: string) => modelled(UnmodifiableEntityException, 'UnmodifiableEntity', 400, message),
  invalidInput: (message: string) => modelled(InvalidInputException, 'InvalidInput', 400, message),
  validation: (message: string) => generic(IAMServiceException, 'ValidationError', 400, message),
  accessDenied: (message: string) => generic(IAMServiceException, 'AccessDenied', 403, message),
};

// ---- S3 (REST-XML: unmodelled codes arrive as S3ServiceException with name = code)

export const s3Error = {
  /** HeadBucket has no body, so the SDK can only say NotFound / Unknown from the status. */
  headNotFound: () => new NotFound({ message: 'UnknownError', $metadata: metadata(404) }),
  headForbidden: () => generic(S3ServiceException, 'Unknown', 403, 'UnknownError', false),
  headMovedPermanently: () => generic(S3ServiceException, 'Unknown', 301, 'UnknownError', false),
  noSuchBucket: (bucket: string) =>
    Object.assign(modelled(NoSuchBucket, 'NoSuchBucket', 404, 'The specified bucket does not exist'), { BucketName: bucket }),
  accessDenied: () => modelled(AccessDenied, 'AccessDenied', 403, 'Access Denied'),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    Object.assign(
      modelled(
        BucketAlreadyOwnedByYou,
        'BucketAlreadyOwnedByYou',
        409,
        'Your previous request to create the named bucket succeeded and you already own it.',
      ),
      { BucketName: bucket },
    ),
  bucketAlreadyExists: (bucket: string) =>
    Object.assign(
      modelled(
        BucketAlreadyExists,
        'BucketAlreadyExists',
        409,
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      ),
      { BucketName: bucket },
    ),
  /** Any other S3 error code (NoSuchBucketPolicy, MalformedPolicy, BucketNotEmpty, …). */
  coded: (code: string, status: number, message: string, extra: Record<string, string> = {}) =>
    Object.assign(generic(S3ServiceException, code, status, message), extra),
};

// ---- KMS (JSON protocol: every client error is 400)

export const kmsError = {
  notFound: (message: string) => modelled(NotFoundException, 'NotFoundException', 400, message),
  malformedPolicyDocument: (message: string) =>
    modelled(KmsMalformedPolicyDocumentException, 'MalformedPolicyDocumentException', 400, message),
  invalidMarker: (message: string) => modelled(InvalidMarkerException, 'InvalidMarkerException', 400, message),
  accessDenied: (message: string) => generic(KMSServiceException, 'AccessDeniedException', 400, message),
  validation: (message: string) => generic(KMSServiceException, 'ValidationException', 400, message),
};

/** What `failMutatingCall` throws by default: a 503 the SDK would call a server fault. */
export function serviceUnavailable(service: ServiceName, message: string): Error {
  const Base = { iam: IAMServiceException, s3: S3ServiceException, kms: KMSServiceException, sts: STSServiceException }[service];
  const error = new Base({ name: 'ServiceUnavailable', $fault: 'server', $metadata: metadata(503), message });
  return Object.assign(error, { Code: 'ServiceUnavailable' });
}

type BaseCtor = typeof IAMServiceException | typeof S3ServiceException | typeof KMSServiceException;

function generic(Base: BaseCtor, code: string, status: number, message: string, withCode = true): Error {
  const error = new Base({ name: code, $fault: status >= 500 ? 'server' : 'client', $metadata: metadata(status), message });
  return withCode ? Object.assign(error, { Code: code }) : error;
}
