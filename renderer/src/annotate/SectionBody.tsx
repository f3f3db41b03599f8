import { useLayoutEffect, useRef } from 'react';
import { safeHtml } from '../sanitize';
import { applyHighlights, type Highlight } from './text-map';

/**
 * One section's text with its annotations highlighted. The HTML is set and highlighted in one
 * layout effect, so the marks are rebuilt from scratch whenever the text or the annotations change.
 */
export function SectionBody({ sectionId, html, text, highlights }: { sectionId: number; html: string; text: string; highlights: Highlight[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.innerHTML = safeHtml(html);
    applyHighlights(el, text, highlights);
  }, [html, text, highlights]);
  return <div ref={ref} className="section-body" data-section-id={sectionId} />;
}
