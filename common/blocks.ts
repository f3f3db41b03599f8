/**
 * Plain text and HTML for a section's blocks. Richtsnoer generates the HTML itself, escaping every
 * character of the input, so imported HTML never reaches the page: whatever a document contained,
 * the stored html is made of <p>, <ul>/<ol>/<li> and <table>/<tr>/<td> only.
 */
import type { Block } from './document.js';

/** Between blocks in a section's plain text; split-at-offset relies on this exact separator. */
export const BLOCK_SEPARATOR = '\n\n';

// C0 controls other than tab and newline: \u0002/\u0003 mark search hits in snippets, so a stray
// one in a document would open a highlight that never closes; NUL and friends only cause trouble.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text as stored: NFC (so "ö" is one code point for the tokenizers and offsets) without control characters. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export function cleanBlock(block: Block): Block {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', text: cleanText(block.text) };
    case 'list':
      return { type: 'list', ordered: block.ordered, items: block.items.map(cleanText) };
    case 'table':
      return { type: 'table', rows: block.rows.map((row) => row.map(cleanText)) };
  }
}

/** One block as plain text: list items one per line, table cells tab-separated, rows per line. */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.join('\n');
    case 'table':
      return block.rows.map((row) => row.join('\t')).join('\n');
  }
}

export function blocksToText(blocks: readonly Block[]): string {
  return blocks.map(blockText).join(BLOCK_SEPARATOR);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export function blockToHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return `<table>${block.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</table>`;
  }
}

export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks.map(blockToHtml).join('\n');
}
