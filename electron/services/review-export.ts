/**
 * The commentaartabel of a round in the layout associations expect (nr, organisatie, passage,
 * commentaar, reactie werkgroep, wijziging) as CSV and DOCX, and the round as a section of the
 * harmonisation report. All three read the same comments and counts.
 */
import { Document, HeadingLevel, PageOrientation, Paragraph, TextRun } from 'docx';
import { z } from 'zod';
import { slugFor } from '../../common/naming.js';
import type { BinaryExportFile } from '../../common/lists.js';
import {
  COMMENT_TYPE_LABEL,
  DISPOSITION_LABEL,
  DISPOSITIONS,
  INVITATION_STATUS_LABEL,
  plural,
  ROUND_STATUS_LABEL,
  type ReportSection,
  type ReviewComment,
  type ReviewRound,
} from '../../common/review.js';
import type { ExportFile } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { CSV_MIME, toCsv } from './csv.js';
import { cellParagraphs, DOCX_MIME, docxTable, packDocxSync } from './docx-pack.js';
import { readComments, readRound } from './review-rounds.js';
import { rowId, sectionLabel, shortQuote } from './review-schemas.js';

export const EXPORT_ORDERS = ['nummer', 'passage', 'organisatie'] as const;
export const reviewExportSchema = z
  .object({ roundId: rowId('commentaarronde'), order: z.enum(EXPORT_ORDERS, { error: 'Kies ordenen op nummer, passage of organisatie.' }).default('nummer') })
  .strict();
type ExportArgs = z.output<typeof reviewExportSchema>;

/** The six columns associations expect, then the details a spreadsheet filters on. */
export const COMMENT_TABLE_COLUMNS = ['Nr', 'Organisatie', 'Passage', 'Commentaar', 'Reactie werkgroep', 'Wijziging', 'Type', 'Besluit', 'Motivering', 'Auteur'] as const;

/** "Toegevoegd na regel 3 (§4.2 Medicatie in Concept 2026-06: “…”)" — the change and where it went. */
export function changeLine(c: ReviewComment): string {
  const r = c.response;
  if (!r) return '';
  const where = r.changeSectionId !== null || r.changeSectionNumber || r.changeSectionHeading
    ? `${sectionLabel(r.changeSectionNumber, r.changeSectionHeading)}${r.changeVersionLabel ? ` in ${r.changeVersionLabel}` : ''}${r.changeQuote ? `: “${shortQuote(r.changeQuote, 200)}”` : ''}`
    : '';
  return [r.change, where ? `(${where})` : ''].filter(Boolean).join(' ');
}

function ordered(db: Db, comments: ReviewComment[], order: ExportArgs['order']): ReviewComment[] {
  if (order === 'nummer') return comments;
  if (order === 'organisatie') return [...comments].sort((a, b) => a.organisation.localeCompare(b.organisation, 'nl') || a.nr - b.nr);
  // In reading order of the draft; comments without a passage after those with one.
  const ids = [...new Set(comments.map((c) => c.sectionId).filter((v): v is number => v !== null))];
  const ordinal = new Map<number, number>();
  const select = db.prepare('SELECT ordinal FROM section WHERE id = ?');
  for (const id of ids) ordinal.set(id, (select.get(id) as { ordinal: number } | undefined)?.ordinal ?? Number.MAX_SAFE_INTEGER);
  const key = (c: ReviewComment) => (c.sectionId === null ? Number.MAX_SAFE_INTEGER : (ordinal.get(c.sectionId) ?? Number.MAX_SAFE_INTEGER));
  return [...comments].sort((a, b) => key(a) - key(b) || (a.start ?? 0) - (b.start ?? 0) || a.nr - b.nr);
}

interface TableModel {
  round: ReviewRound;
  comments: ReviewComment[];
}

function model(db: Db, args: ExportArgs): TableModel {
  const round = readRound(db, args.roundId);
  return { round, comments: ordered(db, readComments(db, round.id), args.order) };
}

const fileBase = (round: ReviewRound) => `commentaartabel-${slugFor(round.title) || 'ronde'}`;

export function commentRow(c: ReviewComment): string[] {
  const r = c.response;
  return [String(c.nr), c.organisation, c.passage, c.body, r?.response ?? '', changeLine(c), COMMENT_TYPE_LABEL[c.type], r ? DISPOSITION_LABEL[r.disposition] : '', r?.motivation ?? '', c.author ?? ''];
}

export function exportCommentTableCsv(db: Db, args: ExportArgs): ExportFile {
  const m = model(db, args);
  return { fileName: `${fileBase(m.round)}.csv`, mimeType: CSV_MIME, content: toCsv(COMMENT_TABLE_COLUMNS, m.comments.map(commentRow)) };
}

function countsLine(round: ReviewRound): string {
  const c = round.counts;
  const parts = DISPOSITIONS.filter((d) => c.byDisposition[d] > 0).map((d) => `${DISPOSITION_LABEL[d].toLowerCase()} ${c.byDisposition[d]}`);
  return `${plural(c.total, 'commentaar', 'commentaren')} van ${plural(round.invitations.filter((i) => i.commentCount > 0).length, 'organisatie', 'organisaties')}; ${c.answered} beantwoord${parts.length ? ` (${parts.join(', ')})` : ''}, ${c.unanswered} onbeantwoord.`;
}

function headerLines(round: ReviewRound): string[] {
  return [
    `Standaard: ${round.standardTitle}`,
    `Conceptversie: ${round.versionLabel}${round.previousVersionLabel ? ` (vorige versie: ${round.previousVersionLabel})` : ''}`,
    `Status: ${ROUND_STATUS_LABEL[round.status]}${round.deadline ? ` · reactietermijn tot ${round.deadline}` : ''}`,
  ];
}

export function exportCommentTableDocx(db: Db, args: ExportArgs): BinaryExportFile {
  const { round, comments } = model(db, args);
  const rows = comments.map((c) => {
    const r = c.response;
    const commentCell = [
      new Paragraph({ children: [new TextRun({ text: [COMMENT_TYPE_LABEL[c.type], c.author].filter(Boolean).join(' · '), italics: true, size: 18 })] }),
      ...cellParagraphs(c.body),
    ];
    const responseCell = r
      ? [
          new Paragraph({ children: [new TextRun({ text: DISPOSITION_LABEL[r.disposition], bold: true })] }),
          ...cellParagraphs(r.response),
          ...(r.motivation ? [new Paragraph({ children: [new TextRun({ text: 'Motivering: ', italics: true }), new TextRun(r.motivation)] })] : []),
        ]
      : [new Paragraph({ children: [new TextRun({ text: 'Nog niet beantwoord', italics: true })] })];
    return [String(c.nr), c.organisation, c.passage, commentCell, responseCell, changeLine(c)];
  });
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Commentaartabel')] }),
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(round.title)] }),
    ...headerLines(round).map((line) => new Paragraph(line)),
    new Paragraph({ children: [new TextRun({ text: countsLine(round), italics: true })] }),
    new Paragraph(''),
    docxTable(
      [
        { header: 'Nr', width: 5 },
        { header: 'Organisatie', width: 11 },
        { header: 'Passage', width: 17 },
        { header: 'Commentaar', width: 25 },
        { header: 'Reactie werkgroep', width: 25 },
        { header: 'Wijziging', width: 17 },
      ],
      rows,
    ),
  ];
  const doc = new Document({
    creator: 'Richtsnoer',
    title: `Commentaartabel – ${round.title}`,
    sections: [{ properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } }, children }],
  });
  return { fileName: `${fileBase(round)}.docx`, mimeType: DOCX_MIME, contentBase64: Buffer.from(packDocxSync(doc)).toString('base64') };
}

/** The round for the harmonisation report: who was asked, who answered, what was done with each comment. */
export function reviewReportSection(db: Db, roundId: number): ReportSection {
  const round = readRound(db, roundId);
  const comments = readComments(db, round.id);
  const c = round.counts;
  const unanswered = comments.filter((x) => x.response === null);
  return {
    title: `Commentaarronde: ${round.title}`,
    blocks: [
      { kind: 'paragraph', text: `${headerLines(round).join('. ')}.` },
      { kind: 'paragraph', text: countsLine(round) },
    ],
    subsections: [
      {
        title: 'Uitgenodigde organisaties',
        blocks: round.invitations.length
          ? [
              {
                kind: 'table',
                caption: `${c.invitations.gereageerd} gereageerd, ${c.invitations.geen_reactie} geen reactie, ${c.invitations.uitgenodigd} nog uitgenodigd`,
                columns: ['Organisatie', 'Status', 'Commentaren', 'Beantwoord'],
                rows: round.invitations.map((i) => [i.name, INVITATION_STATUS_LABEL[i.status], String(i.commentCount), String(i.answeredCount)]),
              },
            ]
          : [{ kind: 'paragraph', text: 'Er zijn geen organisaties uitgenodigd.' }],
        subsections: [],
      },
      {
        title: 'Afhandeling',
        blocks: [
          {
            kind: 'table',
            caption: 'Besluiten van de werkgroep',
            columns: ['Besluit', 'Aantal'],
            rows: [...DISPOSITIONS.map((d) => [DISPOSITION_LABEL[d], String(c.byDisposition[d])]), ['Nog niet beantwoord', String(c.unanswered)]],
          },
        ],
        subsections: [],
      },
      {
        title: 'Commentaartabel',
        blocks: comments.length
          ? [{ kind: 'table', caption: '', columns: ['Nr', 'Organisatie', 'Passage', 'Commentaar', 'Reactie werkgroep', 'Wijziging'], rows: comments.map((x) => commentRow(x).slice(0, 4).concat([x.response ? `${DISPOSITION_LABEL[x.response.disposition]}. ${x.response.response}${x.response.motivation ? ` Motivering: ${x.response.motivation}` : ''}` : 'Nog niet beantwoord', changeLine(x)])) }]
          : [{ kind: 'paragraph', text: 'Er is geen commentaar ontvangen.' }],
        subsections: [],
      },
      ...(unanswered.length
        ? [{ title: 'Onbeantwoorde commentaren', blocks: [{ kind: 'list' as const, items: unanswered.map((x) => `${x.nr}. ${x.organisation} (${x.passage}): ${shortQuote(x.body, 200)}`) }], subsections: [] }]
        : []),
    ],
  };
}
