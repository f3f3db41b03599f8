/**
 * A list export as a Word document, built with the `docx` package: title, version and date, then
 * per group a heading and per item its statement and details, sources and recorded dissent.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { ExportItem, ExportModel } from './list-export.js';
import { zipSync } from './zip.js';

/**
 * docx's Packer is promise-only, but its compile step (document → OOXML parts) is synchronous and
 * the API is synchronous end to end, so the parts are taken from the compiler and zipped here.
 * The compiler is docx's private static; the DOCX export test catches a docx release that moves it.
 */
type Part = string | Uint8Array | ArrayBuffer;
interface DocxCompiler { compile(file: Document, prettify?: string, overrides?: unknown[]): Map<string, Part> }

function packSync(doc: Document): Uint8Array {
  const compiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  if (!compiler || typeof compiler.compile !== 'function') throw new Error('docx: Packer.compiler.compile not found');
  const files = [...compiler.compile(doc)].map(([path, data]) => ({
    path,
    data: typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data),
  }));
  return zipSync(files);
}

const label = (name: string, value: string) => new Paragraph({ children: [new TextRun({ text: `${name}: `, bold: true }), new TextRun(value)] });

function itemParagraphs(item: ExportItem, showCategory: boolean): Paragraph[] {
  const out = [new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(`${item.number}. ${item.statement}`)] })];
  if (showCategory) out.push(label('Categorie', item.category));
  if (item.rationale) out.push(label('Onderbouwing', item.rationale));
  if (item.evidence) out.push(label('Soort kennis', item.evidence));
  if (item.targetGroup) out.push(label('Doelgroep', item.targetGroup));
  if (item.setting) out.push(label('Setting', item.setting));
  if (item.useContexts) out.push(label('Gebruikscontext', item.useContexts));
  if (item.status) out.push(label('Status', item.status));
  if (item.knowledgeQuestion) out.push(label('Kennisvraag', item.knowledgeQuestion));
  if (item.sources.length) {
    out.push(new Paragraph({ children: [new TextRun({ text: 'Bronnen', bold: true })] }));
    for (const s of item.sources) out.push(new Paragraph({ text: s, bullet: { level: 0 } }));
  }
  if (item.leerlijnen) out.push(label('Leerlijnen', item.leerlijnen));
  for (const d of item.dissent) out.push(new Paragraph({ children: [new TextRun({ text: d, italics: true })] }));
  return out;
}

export function docxOf(m: ExportModel): Uint8Array {
  const audience = m.audience === 'professionals' ? 'Versie voor professionals' : 'Versie voor cliënten';
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.list.title)] }),
    new Paragraph({ children: [new TextRun({ text: `${m.list.versionLabel} · ${audience} · ${m.date}` })] }),
  ];
  if (m.list.description && m.audience === 'professionals') children.push(new Paragraph(m.list.description));
  for (const group of m.groups) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(group.heading)] }));
    if (group.items.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: 'Geen items.', italics: true })] }));
    for (const item of group.items) children.push(...itemParagraphs(item, m.grouping === 'gebruikscontext'));
  }
  const doc = new Document({ creator: 'Richtsnoer', title: `${m.list.title} – ${m.list.versionLabel}`, sections: [{ children }] });
  return packSync(doc);
}
