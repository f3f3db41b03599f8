/**
 * Synchronous DOCX packing and table helpers for the review and chain exports, built with the
 * `docx` package. The API is synchronous end to end and docx's Packer only offers promises, so the
 * parts come from docx's compiler and are zipped with zip.ts (as list-docx.ts does; the export
 * tests catch a docx release that moves the compiler).
 */
import { Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type Document } from 'docx';
import { zipSync } from './zip.js';

type Part = string | Uint8Array | ArrayBuffer;
interface DocxCompiler {
  compile(file: Document, prettify?: string, overrides?: unknown[]): Map<string, Part>;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function packDocxSync(doc: Document): Uint8Array {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  if (!compiler || typeof compiler.compile !== 'function') throw new Error('docx: Packer.compiler.compile not found');
  const files = [...compiler.compile(doc)].map(([path, data]) => ({
    path,
    data: typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data),
  }));
  return zipSync(files);
}

/** Cell text with line breaks kept as Word line breaks (a reply of several paragraphs stays readable). */
export function cellParagraphs(text: string, options: { bold?: boolean } = {}): Paragraph[] {
  const paragraphs = text.split(/\r?\n\r?\n/);
  return paragraphs.map(
    (p) =>
      new Paragraph({
        children: p.split(/\r?\n/).map((line, k) => new TextRun({ text: line, bold: options.bold ?? false, ...(k > 0 ? { break: 1 } : {}) })),
      }),
  );
}

export interface DocxColumn {
  header: string;
  /** Share of the table width, in percent. */
  width: number;
}

/**
 * A full-width table with a bold, shaded header row that Word repeats on every page; rows do not
 * break across pages. A cell is text, or paragraphs for mixed formatting.
 */
export function docxTable(columns: readonly DocxColumn[], rows: ReadonlyArray<ReadonlyArray<string | Paragraph[]>>): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c) =>
        new TableCell({
          width: { size: c.width, type: WidthType.PERCENTAGE },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' },
          children: cellParagraphs(c.header, { bold: true }),
        }),
    ),
  });
  const body = rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.map(
          (cell, k) =>
            new TableCell({
              width: { size: columns[k]?.width ?? 10, type: WidthType.PERCENTAGE },
              children: typeof cell === 'string' ? cellParagraphs(cell) : cell.length ? cell : [new Paragraph('')],
            }),
        ),
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...body] });
}

/**
 * Column widths from the content: longer columns get more room, within bounds, summing to 100.
 * Good enough for report tables whose columns range from "Aantal" to a quoted passage.
 */
export function widthsFor(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): number[] {
  const weights = columns.map((c, k) => {
    const lengths = rows.slice(0, 200).map((r) => Math.min(400, (r[k] ?? '').length));
    const average = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 0;
    return Math.max(c.length, average, 4);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => Math.min(45, Math.max(6, (w / total) * 100)));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => Math.round((w / sum) * 1000) / 10);
}
