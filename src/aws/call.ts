/**
 * The one place where adapters run SDK calls: every failure leaves here translated, and the
 * "not found" answers each method expects become `undefined` instead.
 */
import type { SetupError } from '../errors.js';
import { translateAwsError } from './translate-error.js';
import type { AwsService } from './translate-error.js';

export interface Caller {
  /** Runs `send`; any failure rejects with the translated `AwsError`. */
  run<T>(operation: string, resource: string | undefined, send: () => Promise<T>): Promise<T>;
  /** Like `run`, but an error named in `notFound` resolves to `undefined`. */
  find<T>(operation: string, resource: string | undefined, notFound: readonly string[], send: () => Promise<T>): Promise<T | undefined>;
  /** The translated error, for adapters that inspect a failure before giving up on it. */
  translate(error: unknown, operation: string, resource: string | undefined): SetupError;
}

export function createCaller(service: AwsService, profile?: string): Caller {
  const translate = (error: unknown, operation: string, resource: string | undefined): SetupError =>
    translateAwsError(error, { service, operation, resource, profile });
  return {
    translate,
    async run(operation, resource, send) {
      try {
        return await send();
      } catch (error) {
        throw translate(error, operation, resource);
      }
    },
    async find(operation, resource, notFound, send) {
      try {
        return await send();
      } catch (error) {
        if (isAwsErrorNamed(error, notFound)) return undefined;
        throw translate(error, operation, resource);
      }
    },
  };
}

export function isAwsErrorNamed(error: unknown, names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}

/** Error names that mean "it is not there", per service. */
export const NOT_FOUND = {
  iam: ['NoSuchEntityException', 'NoSuchEntity'],
  kms: ['NotFoundException'],
} as const;
