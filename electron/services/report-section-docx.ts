/**
 * A report-ready section (common/review.ts) as a Word document: headings by depth, paragraphs,
 * bullet lists and tables. The chain export uses it, so the DOCX and the harmonisation report
 * print the same content.
 */
import { Document, HeadingLevel, PageOrientation, Paragraph, TextRun, type Table } from 'docx';
import type { ReportSection } from '../../common/review.js';
import { docxTable, packDocxSync, widthsFor } from './docx-pack.js';

const HEADINGS = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function render(section: ReportSection, depth: number): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [new Paragraph({ heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)], children: [new TextRun(section.title)] })];
  for (const block of section.blocks) {
    if (block.kind === 'paragraph') out.push(new Paragraph(block.text));
    else if (block.kind === 'list') for (const item of block.items) out.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    else {
      if (block.caption) out.push(new Paragraph({ children: [new TextRun({ text: block.caption, italics: true })] }));
      const widths = widthsFor(block.columns, block.rows);
      out.push(docxTable(block.columns.map((header, k) => ({ header, width: widths[k] ?? 10 })), block.rows));
      out.push(new Paragraph(''));
    }
  }
  for (const sub of section.subsections) out.push(...render(sub, depth + 1));
  return out;
}

export function reportSectionDocx(section: ReportSection, options: { subtitle?: string; landscape?: boolean } = {}): Uint8Array {
  const children = render(section, 0);
  if (options.subtitle) children.splice(1, 0, new Paragraph({ children: [new TextRun({ text: options.subtitle, italics: true })] }));
  const doc = new Document({
    creator: 'Richtsnoer',
    title: section.title,
    sections: [{ properties: options.landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {}, children }],
  });
  return packDocxSync(doc);
}
