/**
 * The report as a Word document (the `docx` package) that a working group edits further: real
 * Heading 1–4 styles (the navigation pane and the table of contents use them), a table-of-contents
 * field that Word updates, tables with a header row repeated on every page, landscape sections
 * for wide tables, page numbers in the footer, Dutch as the proofing language, and differences as
 * tracked changes, so "accept all" in Word turns the reference text into the other one.
 */
import {
  AlignmentType,
  BorderStyle,
  DeletedTextRun,
  Document,
  Footer,
  HeadingLevel,
  InsertedTextRun,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { chapterLabel, type BadgeTone, type DiffRun, type ReportBlock, type ReportCell, type ReportChapter, type ReportModel, type ReportPart } from '../../../common/report.js';
import { docxTable } from '../docx-pack.js';

const ACCENT = '17365D';
const MUTED = '5B6675';
const FONT = 'Calibri';

const TONE: Record<BadgeTone, { fill: string; color: string }> = {
  gelijk: { fill: 'E3F1E6', color: '1E5B2E' },
  aanvullend: { fill: 'E2EEFA', color: '1D4A7A' },
  verschillend: { fill: 'FDF0D7', color: '7A4B00' },
  tegenstrijdig: { fill: 'FBE0DF', color: '8A1C1C' },
  alleen_hier: { fill: 'EFE6F7', color: '5A2D7A' },
  ontbreekt: { fill: 'ECEEF1', color: '424B57' },
  besluit: { fill: ACCENT, color: 'FFFFFF' },
  open: { fill: 'FFFFFF', color: '8A1C1C' },
  voorstel: { fill: 'FFFFFF', color: MUTED },
};

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

/** Revision ids must be unique in the document; one counter per render. */
interface Ctx {
  revision: number;
  author: string;
  date: string;
}

/** Text runs with Word line breaks for the line breaks in the text. */
function textRuns(text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return text.split('\n').map((line, k) => new TextRun({ text: line, ...options, ...(k > 0 ? { break: 1 } : {}) }));
}

const paragraphsOf = (text: string, options: { italics?: boolean; color?: string } = {}): Paragraph[] =>
  text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => new Paragraph({ children: textRuns(p, options), spacing: { after: 120 } }));

function badgeRun(label: string, tone: BadgeTone): TextRun {
  const t = TONE[tone];
  return new TextRun({ text: ` ${label} `, bold: true, size: 16, color: t.color, shading: { type: ShadingType.CLEAR, color: 'auto', fill: t.fill } });
}

/** A cell's paragraphs; `small` for wide tables on landscape pages, where many columns share the width. */
function cellParagraphs(c: ReportCell, small = false): Paragraph[] {
  const size = small ? { size: 16 } : {};
  if (typeof c === 'string') return c.split(/\n\s*\n/).map((p) => new Paragraph({ children: textRuns(p, size) }));
  const out: Paragraph[] = [];
  if (c.badge) out.push(new Paragraph({ children: [badgeRun(c.badge.label, c.badge.tone)], spacing: { after: 40 } }));
  if (c.title) out.push(new Paragraph({ children: textRuns(c.title, { bold: true, ...size }) }));
  if (c.text) out.push(new Paragraph({ children: textRuns(c.text, size) }));
  if (c.note) out.push(new Paragraph({ children: textRuns(c.note, { italics: true, color: MUTED, ...size }) }));
  return out.length ? out : [new Paragraph('')];
}

function unifiedRuns(ctx: Ctx, runs: readonly DiffRun[]): Array<TextRun | InsertedTextRun | DeletedTextRun> {
  return runs.map((r) => {
    if (r.kind === 'deleted') return new DeletedTextRun({ id: ctx.revision++, author: ctx.author, date: ctx.date, text: r.text });
    if (r.kind === 'inserted') return new InsertedTextRun({ id: ctx.revision++, author: ctx.author, date: ctx.date, text: r.text });
    return new TextRun(r.text);
  });
}

/** Paragraphs of a run list split at blank lines (a passage of several paragraphs stays readable). */
function splitRuns(runs: readonly DiffRun[]): DiffRun[][] {
  const out: DiffRun[][] = [[]];
  for (const r of runs) {
    const pieces = r.text.split(/\n\s*\n/);
    pieces.forEach((piece, k) => {
      if (k > 0) out.push([]);
      if (piece) (out[out.length - 1] as DiffRun[]).push({ kind: r.kind, text: piece.replace(/\n/g, ' ') });
    });
  }
  return out.filter((p) => p.length > 0);
}

function comparison(ctx: Ctx, b: Extract<ReportBlock, { kind: 'comparison' }>): Array<Paragraph | Table> {
  // Left: the reference as it stands. Right: the same text with the changes to the other one as
  // tracked changes, so the working group can accept or reject them one by one.
  const left = splitRuns(b.left.runs.map((r) => ({ kind: 'equal' as const, text: r.text }))).map((p) => new Paragraph({ children: p.map((r) => new TextRun(r.text)), spacing: { after: 80 } }));
  const right = splitRuns(b.unified).map((p) => new Paragraph({ children: unifiedRuns(ctx, p), spacing: { after: 80 } }));
  const table = docxTable(
    [
      { header: b.left.label, width: 50 },
      { header: `${b.right.label}\n(wijzigingen ten opzichte van links)`, width: 50 },
    ],
    [[left, right]],
  );
  return [
    table,
    new Paragraph({
      spacing: { before: 60, after: 200 },
      children: textRuns(`${b.deletedWords} ${b.deletedWords === 1 ? 'woord' : 'woorden'} alleen links, ${b.insertedWords} alleen rechts${b.truncated ? '; de teksten zijn ingekort' : ''}.`, { italics: true, color: MUTED, size: 18 }),
    }),
  ];
}

function table(b: Extract<ReportBlock, { kind: 'table' }>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  if (b.caption) out.push(new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: textRuns(b.caption, { bold: true, color: '2B4C7E' }) }));
  out.push(
    docxTable(
      b.columns.map((header, k) => ({ header, width: b.widths[k] ?? 100 / b.columns.length })),
      b.rows.map((r) => b.columns.map((_, k) => cellParagraphs(r[k] ?? '', b.wide === true))),
    ),
  );
  out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  return out;
}

function block(ctx: Ctx, b: ReportBlock): Array<Paragraph | Table> {
  switch (b.kind) {
    case 'paragraph':
      return paragraphsOf(b.text, b.style === 'muted' ? { italics: true, color: MUTED } : {});
    case 'list':
      return b.items.map((i) => new Paragraph({ children: textRuns(i), bullet: { level: 0 } }));
    case 'fields':
      return b.items.map((f) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${f.label}: `, bold: true, color: '2B4C7E' }), ...textRuns(f.value)] }));
    case 'figures':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              children: b.items.map(
                (f) =>
                  new TableCell({
                    width: { size: 100 / b.items.length, type: WidthType.PERCENTAGE },
                    borders: { top: { style: BorderStyle.SINGLE, size: 18, color: ACCENT }, bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B9C5D4' }, left: { style: BorderStyle.SINGLE, size: 4, color: 'B9C5D4' }, right: { style: BorderStyle.SINGLE, size: 4, color: 'B9C5D4' } },
                    children: [new Paragraph({ children: [new TextRun({ text: f.value, bold: true, size: 40, color: ACCENT })] }), new Paragraph({ children: [new TextRun({ text: f.label, color: MUTED, size: 18 })] })],
                  }),
              ),
            }),
          ],
        }),
        new Paragraph({ spacing: { after: 160 }, children: [] }),
      ];
    case 'callout':
      return [
        new Paragraph({
          keepNext: true,
          border: { left: { style: BorderStyle.SINGLE, size: 24, color: b.tone === 'dissent' ? 'B45309' : '2B4C7E', space: 8 } },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: b.tone === 'dissent' ? 'FDF4E7' : 'F1F5FA' },
          children: [new TextRun({ text: b.title, bold: true })],
        }),
        ...b.text.split('\n').map(
          (line) =>
            new Paragraph({
              border: { left: { style: BorderStyle.SINGLE, size: 24, color: b.tone === 'dissent' ? 'B45309' : '2B4C7E', space: 8 } },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: b.tone === 'dissent' ? 'FDF4E7' : 'F1F5FA' },
              spacing: { after: 0 },
              children: [new TextRun(line)],
            }),
        ),
        new Paragraph({ spacing: { after: 120 }, children: [] }),
      ];
    case 'passage':
      return [
        new Paragraph({
          indent: { left: 284 },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'C7D0DC', space: 8 } },
          children: [
            ...(b.before ? [new TextRun({ text: `…${b.before} `, color: MUTED })] : []),
            new TextRun({ text: b.quote, highlight: 'yellow' }),
            ...(b.after ? [new TextRun({ text: ` ${b.after}…`, color: MUTED })] : []),
          ],
        }),
        new Paragraph({
          indent: { left: 284 },
          spacing: { after: 160 },
          children: [new TextRun({ text: `${b.source}${b.tags.length ? ` · ${b.tags.join(', ')}` : ''}`, color: MUTED, size: 18 }), ...(b.note ? [new TextRun({ text: `Notitie: ${b.note}`, color: MUTED, size: 18, break: 1 })] : [])],
        }),
      ];
    case 'table':
      return table(b);
    case 'comparison':
      return comparison(ctx, b);
  }
}

function heading(level: number, text: string, pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: HEADINGS[Math.min(level, HEADINGS.length) - 1], pageBreakBefore, children: [new TextRun(text)] });
}

function partChildren(ctx: Ctx, p: ReportPart, level: number): Array<Paragraph | Table> {
  return [heading(level, `${p.number} ${p.title}`), ...p.blocks.flatMap((b) => block(ctx, b)), ...p.parts.flatMap((x) => partChildren(ctx, x, level + 1))];
}

function chapterChildren(ctx: Ctx, c: ReportChapter, pageBreakBefore: boolean): Array<Paragraph | Table> {
  return [heading(1, `${chapterLabel(c)} ${c.title}`, pageBreakBefore), ...c.blocks.flatMap((b) => block(ctx, b)), ...c.parts.flatMap((p) => partChildren(ctx, p, 2))];
}

const isWide = (c: ReportChapter) => c.blocks.some((b) => b.kind === 'table' && b.wide);

function footer(m: ReportModel): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `${m.title} ${m.subtitle} · pagina `, color: MUTED, size: 16 }), new TextRun({ children: [PageNumber.CURRENT], color: MUTED, size: 16 })],
      }),
    ],
  });
}

function titlePage(m: ReportModel): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2400, after: 240 }, children: [new TextRun({ text: 'KWALITEIT EN BLIJVEND LEREN · HARMONISEREN VAN KWALITEITSSTANDAARDEN', color: MUTED, size: 18 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.title)] }),
    new Paragraph({ spacing: { after: 1200 }, children: [new TextRun({ text: m.subtitle, size: 40, color: ACCENT })] }),
    ...m.titleLines.map((l) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: l, size: 24 })] })),
    new Paragraph({ spacing: { before: 2400 }, children: [new TextRun({ text: m.dateLabel, size: 24, color: MUTED })] }),
    new Paragraph({ children: [new TextRun({ text: `Fase: ${m.pilot.phase}`, size: 24, color: MUTED })] }),
  ];
}

/** Colophon and contents: plain bold paragraphs, not headings, so they stay out of the contents. */
function frontMatter(m: ReportModel): Array<Paragraph | TableOfContents> {
  const label = (text: string) => new Paragraph({ spacing: { before: 200, after: 100 }, children: [new TextRun({ text, bold: true, size: 32, color: ACCENT })] });
  const field = (name: string, value: string) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${name}: `, bold: true, color: '2B4C7E' }), ...textRuns(value)] });
  const out: Array<Paragraph | TableOfContents> = [
    label('Colofon'),
    field('Pilot', m.pilot.title),
    field('Rapport voor', m.audienceLabel),
    field('Datum', m.dateLabel),
    field('Standaarden', m.colophon.standards.join('\n') || 'Geen'),
    new Paragraph({ spacing: { before: 200, after: 100 }, children: [new TextRun({ text: 'Leden van de werkgroep per perspectief', bold: true, color: ACCENT })] }),
  ];
  if (m.colophon.members.length === 0) out.push(new Paragraph({ children: [new TextRun({ text: 'Er zijn geen leden vastgelegd.', italics: true })] }));
  for (const g of m.colophon.members) out.push(field(g.perspective, g.members.map((x) => `${x.name}${x.organisation ? `, ${x.organisation}` : ''} (${x.role.toLowerCase()})`).join('\n')));
  for (const line of m.colophon.lines) out.push(new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: line, italics: true, color: MUTED, size: 18 })] }));
  if (m.chapters.length) {
    out.push(new Paragraph({ pageBreakBefore: true, spacing: { after: 200 }, children: [new TextRun({ text: 'Inhoud', bold: true, size: 32, color: ACCENT })] }));
    out.push(new TableOfContents('Inhoud', { hyperlink: true, headingStyleRange: '1-2' }));
  }
  return out;
}

export function renderReportDocx(m: ReportModel): Document {
  const ctx: Ctx = { revision: 1, author: 'Richtsnoer (vergelijking)', date: `${m.date}T00:00:00Z` };
  const portrait = { page: { size: { orientation: PageOrientation.PORTRAIT }, margin: { top: 1247, bottom: 1134, left: 1247, right: 1134 } } };
  const landscape = { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 1020, bottom: 1020, left: 1020, right: 1020 } } };
  const sections: ISectionOptions[] = [{ properties: portrait, children: titlePage(m) }];
  const foot = { default: footer(m) };
  sections.push({ properties: portrait, footers: foot, children: frontMatter(m) });
  // Consecutive chapters of one orientation share a section; a new section starts a new page.
  for (const c of m.chapters) {
    const wide = isWide(c);
    const last = sections[sections.length - 1] as ISectionOptions & { wide?: boolean; children: Array<Paragraph | Table | TableOfContents> };
    if (sections.length > 2 && last.wide === wide) {
      last.children.push(...chapterChildren(ctx, c, true));
    } else {
      sections.push({ properties: wide ? landscape : portrait, footers: foot, children: chapterChildren(ctx, c, false), wide } as ISectionOptions);
    }
  }
  return new Document({
    creator: `Richtsnoer ${m.appVersion}`,
    title: `${m.title} – ${m.subtitle}`,
    description: `Harmonisatierapport voor ${m.audienceLabel.toLowerCase()}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, language: { value: 'nl-NL' } }, paragraph: { spacing: { after: 100, line: 276 } } },
        title: { run: { font: FONT, size: 64, bold: true, color: ACCENT } },
        heading1: { run: { font: FONT, size: 36, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 200 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: ACCENT }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 24, bold: true, color: '2B4C7E' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        heading4: { run: { font: FONT, size: 22, bold: true, color: '2B4C7E' }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
      },
    },
    sections: sections.map(({ wide: _wide, ...s }: ISectionOptions & { wide?: boolean }) => s),
  });
}
