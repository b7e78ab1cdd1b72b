/** IAM's wildcards: `*` matches any run of characters (including none), `?` exactly one. */

/**
 * Whether `value` matches `pattern`. Actions are case-insensitive in IAM, resources are not.
 * A wildcard in `value` only matches a wildcard (or a `*`) in the pattern, which is the cautious
 * answer: `s3:Get*` does not grant everything `s3:*` asks for.
 */
export function wildcardMatch(pattern: string, value: string, options: { ignoreCase: boolean }): boolean {
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '[\\s\\S]*' : char === '?' ? '[\\s\\S]' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, options.ignoreCase ? 'i' : '').test(value);
}

export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, { ignoreCase: true });
}

export function resourceMatches(pattern: string, resource: string): boolean {
  return wildcardMatch(pattern, resource, { ignoreCase: false });
}
