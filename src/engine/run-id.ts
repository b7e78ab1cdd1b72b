import { randomBytes } from 'node:crypto';

/**
 * A run id that sorts by time: `20261123T163512Z-a1b2` (UTC, second precision, plus four random
 * hex digits so two runs in the same second do not collide).
 */
export function newRunId(now: Date, random: () => string = () => randomBytes(2).toString('hex')): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');
  return `${stamp}-${random()}`;
}

/** What `newRunId` produces; anything else is not a run id (and never a path). */
export const RUN_ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{4}$/;
