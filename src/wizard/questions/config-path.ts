/** The one rule for a file path typed at a prompt: something must be typed. */
export function validateConfigPath(value: string): string | undefined {
  return value.length > 0 ? undefined : 'type a file path, e.g. personalize-setup.json';
}
