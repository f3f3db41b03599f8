import { useCallback, useEffect, useState } from 'react';
import type { Section } from '../../../common/document';
import { mapTextNodes, offsetOf } from './text-map';

export interface PendingSelection {
  sectionId: number;
  start: number;
  end: number;
  quote: string;
  /** Where to show the "Taggen" button (viewport coordinates). */
  top: number;
  left: number;
}

/**
 * Follows the text selection inside the reading view and turns it into a section id and text
 * offsets. A selection across two sections is reported as an error rather than silently cut.
 */
export function useTextSelection(container: HTMLElement | null, sections: Section[]) {
  const [pending, setPending] = useState<PendingSelection | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const read = useCallback(() => {
    const selection = window.getSelection();
    if (!container || !selection || selection.isCollapsed || selection.rangeCount === 0) {
      setPending(null);
      setProblem(null);
      return;
    }
    const range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) return;
    const bodyOf = (node: Node) => (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('.section-body') ?? null;
    const startBody = bodyOf(range.startContainer);
    const endBody = bodyOf(range.endContainer);
    if (!startBody || !endBody) {
      setPending(null);
      return;
    }
    if (startBody !== endBody) {
      setPending(null);
      setProblem('Selecteer tekst binnen één sectie om te taggen.');
      return;
    }
    const section = sections.find((s) => s.id === Number(startBody.dataset.sectionId));
    if (!section) return;
    const mapped = mapTextNodes(startBody, section.text);
    const start = offsetOf(mapped, range.startContainer, range.startOffset, 'start');
    const end = offsetOf(mapped, range.endContainer, range.endOffset, 'end');
    if (start === null || end === null || end <= start) {
      setPending(null);
      return;
    }
    // Leading and trailing white space is not part of a passage.
    let from = start;
    let to = end;
    while (from < to && /\s/.test(section.text[from] ?? '')) from++;
    while (to > from && /\s/.test(section.text[to - 1] ?? '')) to--;
    if (to <= from) return;
    const rect = range.getBoundingClientRect();
    setProblem(null);
    setPending({ sectionId: section.id, start: from, end: to, quote: section.text.slice(from, to), top: rect.bottom + 6, left: Math.max(8, rect.left) });
  }, [container, sections]);

  useEffect(() => {
    const onChange = () => window.requestAnimationFrame(read);
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [read]);

  const clear = useCallback(() => {
    window.getSelection()?.removeAllRanges();
    setPending(null);
    setProblem(null);
  }, []);

  return { pending, problem, clear };
}
