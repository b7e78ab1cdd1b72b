/**
 * Adapts the flag validators (undefined = valid, else the rule text) to the prompter's
 * `validate` (true = valid, else the text shown before the question is asked again), so a typed
 * answer obeys exactly the same rules as the flag that would have answered it.
 */
export type Validator = (value: string) => string | undefined;

export function promptRule(validator: Validator): (value: string) => true | string {
  // Answers are trimmed before use, so they are validated trimmed too.
  return (value) => validator(value.trim()) ?? true;
}

/** Splits a comma-separated answer into its trimmed, non-empty parts. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Validates each part of a comma-separated answer; the first broken rule names the part. */
export function listRule(validator: Validator): (value: string) => true | string {
  return (value) => {
    for (const part of splitList(value)) {
      const rule = validator(part);
      if (rule !== undefined) return rule;
    }
    return true;
  };
}
