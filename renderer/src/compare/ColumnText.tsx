import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CompareColumn } from '../../../common/compare';
import type { PlacedSection } from '../../../common/diff/sections';
import { SIGNIFICANCE_LABEL, type Change, type Segment } from '../../../common/diff/types';
import { SECTION_KIND_LABEL, type SectionKind } from '../../../common/document';

/** A zero-width mark at a text position: a scroll anchor, or where text went on the other side. */
export interface Point {
  at: number;
  anchor?: string;
  caret?: number;
}

const KIND_TITLE = { deleted: 'Verwijderd', inserted: 'Toegevoegd', moved: 'Verplaatst; wijs aan of klik om de andere kant te zien' } as const;

/** Sections are rendered in chunks of about this many characters, one chunk per frame. */
const CHUNK_CHARS = 12_000;

interface ColumnProps {
  column: CompareColumn;
  segments: readonly Segment[];
  points: readonly Point[];
  changes: readonly Change[];
}

/** Index of the first item whose key is above `value` (items sorted by key). */
function firstAbove<T>(items: readonly T[], value: number, key: (t: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid] as T) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * One column of the comparison: its sections (heading line, then body) with the diff's segments
 * as <del>, <ins> or move spans, and points for synchronised scrolling. Long texts are rendered
 * chunk by chunk, a frame each, so a 100-page version never freezes the screen; chunks already
 * shown are not rendered again, and the current change is marked by class, not by re-rendering.
 */
export const ColumnText = memo(function ColumnText(props: ColumnProps) {
  const { column } = props;
  const chunks = useMemo(() => {
    const out: Array<[number, number]> = [];
    let first = 0;
    column.sections.forEach((s, i) => {
      const from = column.sections[first] as PlacedSection;
      if (s.end - from.start >= CHUNK_CHARS || i === column.sections.length - 1) {
        out.push([first, i + 1]);
        first = i + 1;
      }
    });
    return out;
  }, [column]);
  // How many chunks are on screen; a new text starts again from one.
  const [progress, setProgress] = useState({ chunks, shown: 1 });
  const shown = progress.chunks === chunks ? progress.shown : 1;
  useEffect(() => {
    if (shown >= chunks.length) return;
    const frame = requestAnimationFrame(() => setProgress({ chunks, shown: shown + 1 }));
    return () => cancelAnimationFrame(frame);
  }, [shown, chunks]);
  if (!column.sections.length) return <p className="muted">Deze kolom heeft geen tekst.</p>;
  return (
    <div className="cmp-text" aria-busy={shown < chunks.length}>
      {chunks.slice(0, shown).map(([first, last]) => (
        <Chunk key={`${first}-${last}`} {...props} first={first} last={last} />
      ))}
    </div>
  );
});

const Chunk = memo(function Chunk({ column, segments, points, changes, first, last }: ColumnProps & { first: number; last: number }) {
  const text = column.text;
  const sectionsHere = column.sections.slice(first, last);
  const begin = (sectionsHere[0] as PlacedSection).start;
  // Points in the separator before this chunk belong to it; the last chunk takes all that remain.
  const previousEnd = first > 0 ? (column.sections[first - 1] as PlacedSection).end : -1;
  let si = firstAbove(segments, begin, (s) => s.end);
  let pi = firstAbove(points, previousEnd - 1, (p) => p.at);
  const isLast = last === column.sections.length;
  const pointNodes = (upTo: number, out: ReactNode[]) => {
    for (; pi < points.length && (points[pi] as Point).at <= upTo; pi++) {
      const p = points[pi] as Point;
      if (p.anchor !== undefined) out.push(<span key={`a${p.anchor}`} className="cmp-anchor" data-anchor={p.anchor} />);
      else if (p.caret !== undefined) {
        const c = changes[p.caret];
        out.push(<span key={`c${pi}`} className={`cmp-caret sig-${c?.significance ?? 'herformulering'}`} data-change={p.caret} title={c?.kind === 'toegevoegd' ? 'Hier is aan de andere kant tekst toegevoegd' : 'Hier is tekst verwijderd'} aria-hidden="true" />);
      }
    }
  };

  const range = (from: number, to: number): ReactNode[] => {
    const out: ReactNode[] = [];
    let pos = from;
    while (pos < to) {
      pointNodes(pos, out);
      while (si < segments.length && (segments[si] as Segment).end <= pos) si++;
      const seg = segments[si];
      const nextPoint = pi < points.length ? (points[pi] as Point).at : Infinity;
      const end = Math.min(seg ? seg.end : to, to, nextPoint > pos ? nextPoint : to);
      const piece = text.slice(pos, end);
      if (!seg || seg.kind === 'equal') out.push(piece);
      else {
        const c = seg.change === undefined ? undefined : changes[seg.change];
        const className = `cmp-${seg.kind} sig-${c?.significance ?? 'herformulering'}`;
        const title = c && c.kind !== 'verplaatst' && c.significance !== 'herformulering' ? `${KIND_TITLE[seg.kind]}: ${SIGNIFICANCE_LABEL[c.significance].toLowerCase()}` : KIND_TITLE[seg.kind];
        if (seg.kind === 'deleted') out.push(<del key={pos} className={className} data-change={seg.change} title={title}>{piece}</del>);
        else if (seg.kind === 'inserted') out.push(<ins key={pos} className={className} data-change={seg.change} title={title}>{piece}</ins>);
        else out.push(<span key={pos} className={className} data-change={seg.change} data-move={seg.move} title={title}>{piece}</span>);
      }
      pos = end;
    }
    return out;
  };

  const sections = sectionsHere.map((s, index) => {
    // The blank line between heading and body is layout, not text to show.
    const headingEnd = s.bodyStart - s.start >= 2 && text.slice(s.bodyStart - 2, s.bodyStart) === '\n\n' ? s.bodyStart - 2 : s.bodyStart;
    const headingNodes = range(s.start, headingEnd);
    const body = range(s.bodyStart, s.end);
    const tail: ReactNode[] = [];
    if (isLast && index === sectionsHere.length - 1) pointNodes(Infinity, tail);
    const kind = s.kind as SectionKind;
    return (
      <section key={s.id} className={`cmp-section level-${Math.min(s.level, 4)} kind-${s.kind}`} data-section-id={s.id}>
        {s.bodyStart > s.start && (
          <div className="cmp-heading" role="heading" aria-level={Math.min(6, s.level + 2)}>
            {headingNodes}
            {kind === 'recommendation' || kind === 'rationale' ? <span className="badge kind-badge">{SECTION_KIND_LABEL[kind]}</span> : null}
          </div>
        )}
        <div className="cmp-body">
          {body}
          {tail}
        </div>
      </section>
    );
  });
  return <>{sections}</>;
});
