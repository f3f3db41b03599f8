/**
 * The comparison of two passages for the report: the word diff of common/diff turned into runs
 * for a side-by-side view (what only the reference has, what only the other text has) and into
 * one unified run list (reference → other), which Word shows as tracked changes.
 */
import { diffTexts, type Segment } from '../../../common/diff/index.js';
import type { DiffRun, ReportBlock } from '../../../common/report.js';
import { cut, words } from './format.js';

/** Per side: a long recommendation fits, a whole chapter does not (the report points to the source). */
export const MAX_COMPARE_CHARS = 5000;

function push(runs: DiffRun[], kind: DiffRun['kind'], text: string): void {
  if (!text) return;
  const last = runs[runs.length - 1];
  if (last && last.kind === kind) last.text += text;
  else runs.push({ kind, text });
}

function sideRuns(text: string, segments: readonly Segment[]): DiffRun[] {
  const runs: DiffRun[] = [];
  for (const s of segments) push(runs, s.kind, text.slice(s.start, s.end));
  return runs;
}

const wordsOf = (runs: readonly DiffRun[], kind: DiffRun['kind']) => runs.filter((r) => r.kind === kind).reduce((n, r) => n + words(r.text), 0);

export function comparisonBlock(left: { label: string; text: string }, right: { label: string; text: string }): Extract<ReportBlock, { kind: 'comparison' }> {
  const a = cut(left.text, MAX_COMPARE_CHARS);
  const b = cut(right.text, MAX_COMPARE_CHARS);
  const diff = diffTexts(a.text, b.text);
  const unified: DiffRun[] = [];
  let at = 0;
  for (const e of diff.edits) {
    push(unified, 'equal', a.text.slice(at, e.start));
    push(unified, 'deleted', a.text.slice(e.start, e.end));
    push(unified, 'inserted', e.text);
    at = e.end;
  }
  push(unified, 'equal', a.text.slice(at));
  return {
    kind: 'comparison',
    left: { label: left.label, runs: sideRuns(a.text, diff.left) },
    right: { label: right.label, runs: sideRuns(b.text, diff.right) },
    unified,
    truncated: a.cut || b.cut,
    deletedWords: wordsOf(unified, 'deleted'),
    insertedWords: wordsOf(unified, 'inserted'),
  };
}
