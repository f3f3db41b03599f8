/**
 * The pure part of structure corrections: which levels change, and how blocks are divided. The
 * outline is a flat list in reading order; a section's subtree is everything after it with a
 * deeper level, up to the next section at its own level or higher.
 */
import { BLOCK_SEPARATOR, blockText } from '../../common/blocks.js';
import type { Block } from '../../common/document.js';

export interface OutlineEntry {
  id: number;
  level: number;
}

/** Deepest level a correction may create; imported documents rarely go past 6. */
export const MAX_LEVEL = 9;

/** Index just past the subtree of the section at i. */
export function subtreeEnd(outline: readonly OutlineEntry[], i: number): number {
  const level = outline[i]?.level ?? 0;
  let end = i + 1;
  while (end < outline.length && (outline[end]?.level ?? 0) > level) end++;
  return end;
}

/** The section and its subtree shifted by delta levels. */
export function shiftSubtree(outline: readonly OutlineEntry[], i: number, delta: number): OutlineEntry[] {
  const end = subtreeEnd(outline, i);
  return outline.map((e, k) => (k >= i && k < end ? { id: e.id, level: e.level + delta } : e));
}

/**
 * A section can only go one level deeper when the section just before it is at its level or deeper,
 * i.e. it has an earlier sibling to nest under. The first section, and the first child of any
 * section, have none: demoting them would leave a level gap, not a different tree.
 */
export function canDemote(outline: readonly OutlineEntry[], i: number): boolean {
  const current = outline[i];
  const previous = outline[i - 1];
  return current !== undefined && previous !== undefined && previous.level >= current.level;
}

/** Divides blocks before index `at` from the rest; null unless both parts keep at least one block. */
export function splitAtBlock(blocks: readonly Block[], at: number): [Block[], Block[]] | null {
  if (!Number.isInteger(at) || at < 1 || at >= blocks.length) return null;
  return [blocks.slice(0, at), blocks.slice(at)];
}

/** Splits a list's items or a table's rows before index k; a paragraph never gets here. */
function splitParts(block: Extract<Block, { type: 'list' | 'table' }>, k: number): [Block, Block] {
  return block.type === 'list'
    ? [
        { type: 'list', ordered: block.ordered, items: block.items.slice(0, k) },
        { type: 'list', ordered: block.ordered, items: block.items.slice(k) },
      ]
    : [
        { type: 'table', rows: block.rows.slice(0, k) },
        { type: 'table', rows: block.rows.slice(k) },
      ];
}

/**
 * Divides blocks at a character offset of the section's plain text (blocksToText). Inside a
 * paragraph the paragraph is cut there; inside a list or table the cut moves to the start of the
 * item or row the offset falls in, because half a list item is not a meaningful unit. Null when
 * either part would be empty.
 */
export function splitAtOffset(blocks: readonly Block[], offset: number): [Block[], Block[]] | null {
  if (!Number.isInteger(offset) || offset <= 0) return null;
  let blockStart = 0;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const text = blockText(block);
    const blockEnd = blockStart + text.length;
    if (offset <= blockStart) return splitAtBlock(blocks, i);
    if (offset < blockEnd) {
      const rel = offset - blockStart;
      if (block.type === 'paragraph') {
        const left = text.slice(0, rel).trimEnd();
        const right = text.slice(rel).trimStart();
        if (left === '') return splitAtBlock(blocks, i);
        if (right === '') return splitAtBlock(blocks, i + 1);
        return [
          [...blocks.slice(0, i), { type: 'paragraph', text: left }],
          [{ type: 'paragraph', text: right }, ...blocks.slice(i + 1)],
        ];
      }
      // Start offsets of the items (or rows), which are joined by single newlines.
      const parts = block.type === 'list' ? block.items : block.rows.map((row) => row.join('\t'));
      let k = 0;
      for (let pos = 0, j = 0; j < parts.length; pos += (parts[j] as string).length + 1, j++) if (pos <= rel) k = j;
      if (k === 0) return splitAtBlock(blocks, i);
      const [head, tail] = splitParts(block, k);
      return [
        [...blocks.slice(0, i), head],
        [tail, ...blocks.slice(i + 1)],
      ];
    }
    blockStart = blockEnd + BLOCK_SEPARATOR.length;
  }
  return null;
}

/** The smallest page range covering both, ignoring unknown pages. */
export function widenPages(a: { pageStart: number | null; pageEnd: number | null }, b: { pageStart: number | null; pageEnd: number | null }): { pageStart: number | null; pageEnd: number | null } {
  const starts = [a.pageStart, b.pageStart].filter((p): p is number => p !== null);
  const ends = [a.pageEnd, b.pageEnd, a.pageStart, b.pageStart].filter((p): p is number => p !== null);
  return starts.length === 0 ? { pageStart: null, pageEnd: ends.length ? Math.max(...ends) : null } : { pageStart: Math.min(...starts), pageEnd: Math.max(...ends) };
}
