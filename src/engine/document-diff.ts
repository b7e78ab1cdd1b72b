/**
 * A line diff of two policy documents, for the plan renderer and the rollback refusal. Both sides
 * are normalised first, so key order, single-string-vs-array and URL encoding never show up as
 * differences; only meaning does.
 */
import { normalise } from '../policies/index.js';

/** One line of a diff. `same` lines give context. */
export interface DiffLine {
  kind: 'add' | 'remove' | 'same';
  text: string;
}

/** Pretty JSON lines of the normalised document; no lines for `undefined` (the document does not exist). */
export function documentLines(document: unknown): string[] {
  if (document === undefined) return [];
  return JSON.stringify(normalise(document), null, 2).split('\n');
}

/** The diff from `before` to `after` (either may be `undefined`: created or deleted). */
export function diffDocuments(before: unknown, after: unknown): DiffLine[] {
  return diffLines(documentLines(before), documentLines(after));
}

/** `+`, `-` or ` ` followed by the line, as in a unified diff. */
export function formatDiff(lines: readonly DiffLine[]): string {
  const prefix = { add: '+', remove: '-', same: ' ' } as const;
  return lines.map((line) => `${prefix[line.kind]}${line.text}`).join('\n');
}

/** Longest-common-subsequence line diff; removals come before additions within a changed block. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  // Common head and tail cost nothing and keep the quadratic table small.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < after.length - head &&
    before[before.length - 1 - tail] === after[after.length - 1 - tail]
  ) {
    tail++;
  }
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);

  // lcs[i * width + j] = length of the LCS of a[i..] and b[j..].
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }

  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      middle.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!) {
      middle.push({ kind: 'remove', text: a[i]! });
      i++;
    } else {
      middle.push({ kind: 'add', text: b[j]! });
      j++;
    }
  }
  while (i < a.length) middle.push({ kind: 'remove', text: a[i++]! });
  while (j < b.length) middle.push({ kind: 'add', text: b[j++]! });

  return [
    ...before.slice(0, head).map((text): DiffLine => ({ kind: 'same', text })),
    ...middle,
    ...before.slice(before.length - tail).map((text): DiffLine => ({ kind: 'same', text })),
  ];
}
