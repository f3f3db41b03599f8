import type { CompareColumn, CompareDiff, CompareMultiResult, CompareTextsResult } from '../../../common/compare';
import type { Change } from '../../../common/diff/types';

/** Columns and, per other column k, the diff of column 0 (the reference) against column k + 1. */
export interface CompareView {
  columns: CompareColumn[];
  diffs: CompareDiff[];
}

export type CompareResult = CompareTextsResult | CompareMultiResult;

export function toView(result: CompareResult): CompareView {
  if ('reference' in result) return { columns: [result.reference, ...result.others.map((o) => o.column)], diffs: result.others.map((o) => o.diff) };
  return { columns: [result.left, result.right], diffs: [result.diff] };
}

/** A short one-line excerpt of a range, for the list of changes. */
export function excerpt(text: string, start: number, end: number, max = 70): string {
  const s = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The section a position falls in, as "4.2 Medicatie" (binary search: lists run to thousands). */
export function sectionAt(column: CompareColumn, at: number): string | null {
  const sections = column.sections;
  let lo = 0;
  let hi = sections.length - 1;
  let found: CompareColumn['sections'][number] | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sections[mid] as CompareColumn['sections'][number];
    if (s.start <= at) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!found) return null;
  return found.number && found.number !== found.heading && !found.heading.startsWith(found.number) ? `${found.number} ${found.heading}` : found.heading || null;
}

/** What a change did, in words, for the list and for screen readers. */
export function describeChange(change: Change, left: CompareColumn, right: CompareColumn): { from: string; to: string; where: string | null } {
  return {
    from: excerpt(left.text, change.left.start, change.left.end),
    to: excerpt(right.text, change.right.start, change.right.end),
    where: sectionAt(right, change.right.start) ?? sectionAt(left, change.left.start),
  };
}
