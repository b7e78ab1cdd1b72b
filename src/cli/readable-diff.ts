/**
 * A line diff of two documents, arranged for reading. A longest-common-subsequence diff may place
 * an inserted block anywhere among equal lines (a new statement can show up as "the end of one
 * statement plus the start of the next"); sliding each pure block of additions or removals to
 * where its first line is least indented makes it show as whole statements, as `git diff`'s
 * indent heuristic does. Sliding only relabels equal lines, so the diff stays exact.
 */
import { diffDocuments, formatDiff, type DiffLine } from '../engine/document-diff.js';

export function readableDiff(before: unknown, after: unknown): DiffLine[] {
  return slideBlocks(diffDocuments(before, after));
}

/** `readableDiff` as `+`/`-`/` ` text, one line per diff line. */
export function readableDiffText(before: unknown, after: unknown): string {
  return formatDiff(readableDiff(before, after));
}

export function slideBlocks(diff: readonly DiffLine[]): DiffLine[] {
  const lines = diff.map((line) => ({ ...line }));
  let start = 0;
  while (start < lines.length) {
    const kind = lines[start]!.kind;
    let end = start + 1;
    while (end < lines.length && lines[end]!.kind === kind) end++;
    // Only a block with equal lines on both sides may move: next to another change it is part of a replacement.
    if (kind !== 'same' && isSame(lines, start - 1) && isSame(lines, end)) [start, end] = slide(lines, start, end);
    start = end;
  }
  return lines;
}

/** Moves the block [start, end) to its best position; returns where it ended up. */
function slide(lines: DiffLine[], start: number, end: number): [number, number] {
  const kind = lines[start]!.kind;
  // Up as far as it goes: the line above equals the block's last line.
  while (isSame(lines, start - 1) && lines[start - 1]!.text === lines[end - 1]!.text) {
    lines[start - 1]!.kind = kind;
    lines[end - 1]!.kind = 'same';
    start--;
    end--;
  }
  // Then every position downwards, keeping the one whose first line is least indented (the first such).
  let best = { start, end, indent: indentOf(lines[start]!.text) };
  while (isSame(lines, end) && lines[end]!.text === lines[start]!.text) {
    lines[start]!.kind = 'same';
    lines[end]!.kind = kind;
    start++;
    end++;
    const indent = indentOf(lines[start]!.text);
    if (indent < best.indent) best = { start, end, indent };
  }
  // Back up to the best position.
  while (start > best.start) {
    lines[start - 1]!.kind = kind;
    lines[end - 1]!.kind = 'same';
    start--;
    end--;
  }
  return [start, end];
}

function isSame(lines: readonly DiffLine[], index: number): boolean {
  return index >= 0 && index < lines.length && lines[index]!.kind === 'same';
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}
