/**
 * One run at a time per account and region: two applies (or an apply and a rollback) interleaving
 * their read-merge-write of the same bucket or key policy would lose statements.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { SetupError } from '../errors.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './atomic-write.js';
import { runsDir } from './state-dir.js';

/** What the lock file holds. */
export interface LockInfo {
  pid: number;
  runId: string;
  /** ISO timestamp. */
  startedAt: string;
  hostname: string;
}

export interface Lock {
  path: string;
  info: LockInfo;
  /** Removes the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

/** A lock file we cannot parse is given this long to be a run still writing it before it counts as stale. */
const UNREADABLE_LOCK_GRACE_MS = 10_000;

export function lockPath(stateDir: string, account: string, region: string): string {
  return join(runsDir(stateDir, account, region), '.lock');
}

/**
 * Takes the lock for an account and region, taking over a stale one (its process is gone).
 * Throws a SetupError naming the pid and the lock path when a live process holds it.
 */
export async function acquireLock(o: {
  stateDir: string;
  account: string;
  region: string;
  runId: string;
  now?: () => Date;
}): Promise<Lock> {
  const path = lockPath(o.stateDir, o.account, o.region);
  await ensurePrivateDir(runsDir(o.stateDir, o.account, o.region));
  const info: LockInfo = {
    pid: process.pid,
    runId: o.runId,
    startedAt: (o.now ?? (() => new Date()))().toISOString(),
    hostname: hostname(),
  };
  const content = `${JSON.stringify(info)}\n`;

  // Two attempts: the second only after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, content, { flag: 'wx', mode: PRIVATE_FILE_MODE });
      return makeLock(path, info);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(path);
    if (holder === 'gone') continue;
    if (!(await isStale(path, holder))) throw heldError(path, holder);
    await removeIfUnchanged(path, holder);
  }
  const holder = await readLock(path);
  throw heldError(path, holder === 'gone' ? undefined : holder);
}

/** Runs `fn` while holding the lock; the lock is released however `fn` ends. */
export async function withLock<T>(o: Parameters<typeof acquireLock>[0], fn: (lock: Lock) => Promise<T>): Promise<T> {
  const lock = await acquireLock(o);
  try {
    return await fn(lock);
  } finally {
    await lock.release();
  }
}

/** Whether a process with this pid exists (on this machine). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function makeLock(path: string, info: LockInfo): Lock {
  let released = false;
  return {
    path,
    info,
    async release() {
      if (released) return;
      released = true;
      const current = await readLock(path);
      // Never remove a lock another run took over (e.g. after ours was deleted by hand).
      if (current !== 'gone' && current !== undefined && current.pid === info.pid && current.runId === info.runId) {
        await unlink(path).catch(() => {});
      }
    },
  };
}

/** The holder, `undefined` when the file is unreadable, `'gone'` when it no longer exists. */
async function readLock(path: string): Promise<LockInfo | undefined | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.runId === 'string') return parsed as LockInfo;
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

async function isStale(path: string, holder: LockInfo | undefined): Promise<boolean> {
  if (holder === undefined) {
    // Possibly a run that created the file an instant ago and is still writing it.
    const age = Date.now() - (await stat(path)).mtimeMs;
    return age > UNREADABLE_LOCK_GRACE_MS;
  }
  // We cannot see processes of another machine (a shared home directory): assume it is alive.
  if (holder.hostname !== undefined && holder.hostname !== hostname()) return false;
  return !isProcessAlive(holder.pid);
}

/** Re-reads just before removing, so we do not delete a lock another run has just taken over. */
async function removeIfUnchanged(path: string, seen: LockInfo | undefined): Promise<void> {
  const now = await readLock(path);
  if (now === 'gone') return;
  if (JSON.stringify(now) !== JSON.stringify(seen)) return;
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

function heldError(path: string, holder: LockInfo | undefined): SetupError {
  const who = holder
    ? `another personalize-setup run (pid ${holder.pid}${holder.hostname && holder.hostname !== hostname() ? ` on ${holder.hostname}` : ''}, run ${holder.runId}, started ${holder.startedAt})`
    : 'another personalize-setup run';
  return new SetupError(
    `${who} holds the lock ${path}`,
    undefined,
    `Wait for it to finish. If no such process is running, delete ${path} and try again.`,
  );
}
