/**
 * Several steps read the same things while planning (the operator targets' attached policies,
 * AmazonPersonalizeFullAccess, the service role). Sharing one in-flight promise per read keeps
 * the steps independent of each other without multiplying IAM calls, which IAM throttles hard.
 */
import type { Aws, IamApi } from '../aws/api.js';

/**
 * Returns an `Aws` whose IAM `getRole`, `getPolicy` and `listAttachedPolicyArns` are memoised for
 * the life of the returned object. Meant for one planning pass only: every write still goes to
 * the underlying adapter, and a new plan must start from a new cache.
 */
export function withReadCache(aws: Aws): Aws {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let pending = cache.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = read();
      cache.set(key, pending);
    }
    return pending;
  };

  const iam = aws.iam;
  const cached: Pick<IamApi, 'getRole' | 'getPolicy' | 'listAttachedPolicyArns'> = {
    getRole: (name) => once(`role:${name}`, () => iam.getRole(name)),
    getPolicy: (arn) => once(`policy:${arn}`, () => iam.getPolicy(arn)),
    listAttachedPolicyArns: (principal) =>
      once(`attached:${principal.kind}:${principal.name}`, () => iam.listAttachedPolicyArns(principal)),
  };
  // Inheriting from the adapter keeps every other method (and any state it keeps on `this`) reachable.
  const cachedIam = Object.create(iam, Object.getOwnPropertyDescriptors(cached)) as IamApi;

  return { region: aws.region, iam: cachedIam, s3: aws.s3, kms: aws.kms, sts: aws.sts };
}
