/**
 * What an importer returned, made safe to store. The importers are ours, but they read arbitrary
 * files; the storage layer should not depend on every one of them getting every edge right. So
 * shapes are checked, text is cleaned (NFC, no control characters), levels become whole numbers
 * ≥ 1, page ranges are made consistent, and empty sections without a heading are dropped.
 */
import { cleanBlock, cleanText } from '../../common/blocks.js';
import { IMPORT_FORMATS, SECTION_KINDS, type Block, type ImportFormat, type ParsedDocument, type ParsedSection, type SectionKind } from '../../common/document.js';

export const MAX_HEADING_CHARS = 500;
export const MAX_NUMBER_CHARS = 40;

const isString = (v: unknown): v is string => typeof v === 'string';
const page = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null);

function block(value: unknown): Block | null {
  const b = value as Partial<Record<string, unknown>> | null;
  if (typeof b !== 'object' || b === null) return null;
  if (b.type === 'paragraph' && isString(b.text)) return cleanBlock({ type: 'paragraph', text: b.text });
  if (b.type === 'list' && Array.isArray(b.items)) return cleanBlock({ type: 'list', ordered: b.ordered === true, items: b.items.filter(isString) });
  if (b.type === 'table' && Array.isArray(b.rows)) {
    return cleanBlock({ type: 'table', rows: b.rows.filter(Array.isArray).map((row: unknown[]) => row.map((c) => (isString(c) ? c : ''))) });
  }
  return null;
}

const isEmpty = (b: Block) =>
  b.type === 'paragraph' ? b.text.trim() === '' : b.type === 'list' ? b.items.length === 0 : b.rows.length === 0;

function section(value: unknown): ParsedSection | null {
  const s = value as Partial<Record<string, unknown>> | null;
  if (typeof s !== 'object' || s === null) return null;
  const blocks = (Array.isArray(s.blocks) ? s.blocks : []).map(block).filter((b): b is Block => b !== null && !isEmpty(b));
  const heading = isString(s.heading) ? cleanText(s.heading).replace(/\s+/g, ' ').trim().slice(0, MAX_HEADING_CHARS) : '';
  if (heading === '' && blocks.length === 0) return null;
  const number = isString(s.number) ? cleanText(s.number).trim().slice(0, MAX_NUMBER_CHARS) || null : null;
  const level = typeof s.level === 'number' && Number.isFinite(s.level) ? Math.max(1, Math.trunc(s.level)) : 1;
  const kind: SectionKind = (SECTION_KINDS as readonly unknown[]).includes(s.kind) ? (s.kind as SectionKind) : 'other';
  const pageStart = page(s.pageStart);
  const pageEnd = page(s.pageEnd);
  return {
    level,
    number,
    heading: heading || '(zonder kop)',
    kind,
    blocks,
    pageStart,
    pageEnd: pageEnd !== null && pageStart !== null && pageEnd < pageStart ? pageStart : pageEnd,
  };
}

export function normaliseParsed(doc: ParsedDocument): ParsedDocument {
  const format: ImportFormat = (IMPORT_FORMATS as readonly unknown[]).includes(doc.format) ? doc.format : 'text';
  const sections = (Array.isArray(doc.sections) ? doc.sections : []).map(section).filter((s): s is ParsedSection => s !== null);
  return {
    format,
    title: isString(doc.title) ? cleanText(doc.title).trim() || null : null,
    pageCount: typeof doc.pageCount === 'number' && Number.isInteger(doc.pageCount) && doc.pageCount >= 0 ? doc.pageCount : null,
    sections,
    warnings: (Array.isArray(doc.warnings) ? doc.warnings : []).filter(isString).map((w) => cleanText(w).slice(0, 1000)),
    wordCount: typeof doc.wordCount === 'number' && Number.isInteger(doc.wordCount) && doc.wordCount >= 0 ? doc.wordCount : 0,
  };
}
