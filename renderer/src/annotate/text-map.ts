/**
 * Maps between a section's plain text (what annotation offsets count in: blocks joined by blank
 * lines, list items by newlines, table cells by tabs) and the DOM that shows it. Every text node of
 * the rendered section holds a verbatim piece of that text, in order, so each node's offset is found
 * by searching forward from the previous one. Works the same after highlights split text nodes.
 */
export interface MappedNode {
  node: Text;
  start: number;
}

export function mapTextNodes(root: HTMLElement, text: string): MappedNode[] {
  const mapped: MappedNode[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let cursor = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const value = node.data;
    if (value.length === 0) continue;
    const at = text.indexOf(value, cursor);
    // Whitespace-only nodes between elements are not part of the text.
    if (at < 0) continue;
    mapped.push({ node, start: at });
    cursor = at + value.length;
  }
  return mapped;
}

/** A DOM boundary (as in a Selection) as an offset into the section text, or null if outside. */
export function offsetOf(mapped: MappedNode[], container: Node, offset: number, edge: 'start' | 'end'): number | null {
  if (container.nodeType === Node.TEXT_NODE) {
    const hit = mapped.find((m) => m.node === container);
    return hit ? hit.start + Math.min(offset, hit.node.data.length) : null;
  }
  // An element boundary: the first text node at or after it (start), or the end of the last one
  // before it (end).
  const boundary = document.createRange();
  boundary.setStart(container, offset);
  boundary.collapse(true);
  if (edge === 'start') {
    const first = mapped.find((m) => boundary.comparePoint(m.node, 0) >= 0);
    return first ? first.start : null;
  }
  const before = mapped.filter((m) => boundary.comparePoint(m.node, 0) < 0);
  const last = before[before.length - 1];
  return last ? last.start + last.node.data.length : null;
}

export interface Highlight {
  id: string;
  start: number;
  end: number;
  color: string;
}

/**
 * Wraps the highlighted ranges in <mark> elements: each text node is cut at every highlight
 * boundary inside it, and each piece covered by a highlight gets one mark listing all the
 * annotations that cover it (so overlapping annotations stay clickable).
 */
export function applyHighlights(root: HTMLElement, text: string, highlights: Highlight[]): void {
  if (highlights.length === 0) return;
  for (const { node, start } of mapTextNodes(root, text)) {
    const end = start + node.data.length;
    const inside = highlights.filter((h) => h.start < end && h.end > start);
    if (inside.length === 0) continue;
    const cuts = new Set<number>([start, end]);
    for (const h of inside) {
      if (h.start > start) cuts.add(h.start);
      if (h.end < end) cuts.add(h.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < points.length - 1; i++) {
      const from = points[i] ?? start;
      const to = points[i + 1] ?? end;
      const piece = node.data.slice(from - start, to - start);
      const covering = inside.filter((h) => h.start <= from && h.end >= to);
      if (covering.length === 0) {
        fragment.append(document.createTextNode(piece));
        continue;
      }
      const mark = document.createElement('mark');
      mark.className = covering.length > 1 ? 'annotation overlap' : 'annotation';
      mark.dataset.annotationIds = covering.map((h) => h.id).join(' ');
      // Set through the CSSOM: allowed under the app's CSP (no inline style attributes).
      mark.style.backgroundColor = `${covering[0]?.color ?? '#edc948'}40`;
      mark.style.borderBottomColor = covering[0]?.color ?? '#edc948';
      mark.textContent = piece;
      fragment.append(mark);
    }
    node.replaceWith(fragment);
  }
}
