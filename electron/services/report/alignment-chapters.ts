/**
 * The chapters that come from the alignment grid: the grid itself with its classifications, the
 * decisions per theme (with reasons and dissent), the comparison of conflicting passages, and the
 * open points.
 */
import { CLASSIFICATION_LABEL, CLASSIFICATIONS, DECISION_LABEL, type Classification, type GridCell, type GridRow } from '../../../common/pilots.js';
import type { ReportBlock, ReportCell, ReportPart } from '../../../common/report.js';
import { comparisonBlock } from './comparison.js';
import { chapter, part, type ChapterResult, type ReportContext } from './context.js';
import { count, cut, dutchDate, enumerate, widths } from './format.js';

/** Cells that make a row worth comparing side by side. */
const CONFLICTING: readonly Classification[] = ['tegenstrijdig', 'verschillend'];

const sectionRefs = (cell: GridCell): string =>
  cell.sections.map((s) => [s.number, s.heading].filter(Boolean).join(' ')).join('; ');

function gridCell(ctx: ReportContext, cell: GridCell): ReportCell {
  const badge = cell.classification ? { label: CLASSIFICATION_LABEL[cell.classification], tone: cell.classification } : undefined;
  if (ctx.audience === 'bestuurlijk') return { text: cell.sections.length ? '' : '—', ...(badge ? { badge } : {}) };
  if (cell.sections.length === 0) return { text: '—', ...(badge ? { badge } : {}), ...(cell.note ? { note: cell.note } : {}) };
  // Four or more columns go on a landscape page with less room per cell.
  const excerpt = cut(cell.sections.map((s) => s.excerpt).join(' '), ctx.grid.versions.length > 3 ? 110 : 160).text;
  return { title: sectionRefs(cell), text: excerpt, ...(badge ? { badge } : {}), ...(cell.note ? { note: cell.note } : {}) };
}

/** "ADHD (GGZ): gelijk; ADHD (JGZ): tegenstrijdig". */
function classificationLine(ctx: ReportContext, row: GridRow): string {
  const parts = row.cells
    .filter((c) => c.classification || c.sections.length)
    .map((c) => `${ctx.names.get(c.versionId) ?? ''}: ${c.classification ? CLASSIFICATION_LABEL[c.classification].toLowerCase() : 'niet ingedeeld'}`);
  return parts.join('; ');
}

export function gridChapter(ctx: ReportContext): ChapterResult {
  const versions = ctx.grid.versions;
  if (versions.length === 0) return { omitted: 'De pilot heeft nog geen standaarden.' };
  if (ctx.rows.length === 0) return { omitted: 'Er is nog geen uitlijning vastgesteld.' };
  const columns = ['Thema', ...versions.map((v) => ctx.names.get(v.versionId) ?? v.label)];
  const rows: ReportCell[][] = ctx.rows.map((r) => [
    { title: r.theme, text: '', ...(r.decision ? { badge: { label: DECISION_LABEL[r.decision], tone: r.decision === 'nader_onderzoeken' ? ('open' as const) : ('besluit' as const) } } : {}) },
    ...r.cells.map((c) => gridCell(ctx, c)),
  ]);
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text:
        `De tabel zet per thema de passages van de ${count(versions.length, 'standaard', 'standaarden')} naast elkaar, met de indeling per standaard` +
        (ctx.audience === 'bestuurlijk' ? '.' : ': gelijk, aanvullend, verschillend, tegenstrijdig, alleen hier of ontbreekt. Onder elke indeling staan de secties en het begin van de tekst.'),
    },
    { kind: 'table', caption: 'Uitlijning van de standaarden per thema', columns, widths: widths([versions.length > 3 ? 14 : 18], columns.length), rows, wide: versions.length > 3 },
  ];
  const proposals = ctx.grid.rows.length - ctx.rows.length;
  if (proposals > 0) blocks.push({ kind: 'paragraph', style: 'muted', text: `${count(proposals, 'voorstel', 'voorstellen')} van de automatische uitlijning ${proposals === 1 ? 'is' : 'zijn'} nog niet beoordeeld en ${proposals === 1 ? 'staat' : 'staan'} niet in de tabel (zie Open punten).` });

  // Per standard: how its passages were classified, the quickest way to see where a standard stands apart.
  const perVersion = versions.map((v, k) => {
    const counts = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<Classification, number>;
    let none = 0;
    for (const r of ctx.rows) {
      const c = r.cells[k];
      if (!c) continue;
      if (c.classification) counts[c.classification]++;
      else if (c.sections.length) none++;
    }
    return [ctx.names.get(v.versionId) ?? v.label, ...CLASSIFICATIONS.map((c) => String(counts[c])), String(none)];
  });
  // Transposed (indelingen as rows, standards as columns): the classification names are single long
  // words that would break mid-word in seven narrow columns, while standard names wrap at spaces.
  const countColumns = ['Indeling', ...perVersion.map((row) => row[0] as string)];
  const labels = [...CLASSIFICATIONS.map((c) => CLASSIFICATION_LABEL[c]), 'Niet ingedeeld'];
  const countRows = labels.map((label, i) => [label, ...perVersion.map((row) => row[i + 1] as string)]);
  blocks.push({ kind: 'table', caption: 'Indelingen per standaard (aantal thema’s)', columns: countColumns, widths: widths([22], countColumns.length), rows: countRows });
  return chapter('uitlijning', blocks);
}

function decisionFields(ctx: ReportContext, row: GridRow): Array<{ label: string; value: string }> {
  if (!row.decision) return [];
  const from = row.decisionVersionId === null ? '' : ` van ${ctx.names.get(row.decisionVersionId) ?? 'een andere versie'}`;
  const textLabel = { overnemen: 'Toelichting', samenvoegen: 'Samengevoegde tekst', verschil_laten: 'Reden', nader_onderzoeken: 'Te onderzoeken' }[row.decision];
  const fields = [{ label: 'Besluit', value: `${DECISION_LABEL[row.decision]}${from}` }];
  if (row.decisionText) fields.push({ label: textLabel, value: row.decisionText });
  const classes = classificationLine(ctx, row);
  if (classes) fields.push({ label: 'Indeling', value: classes });
  if (row.decidedAt) fields.push({ label: 'Vastgelegd', value: `${dutchDate(row.decidedAt)}${ctx.audience === 'bestuurlijk' ? '' : ` door ${row.decidedBy ?? 'onbekend'}`}` });
  return fields;
}

export function decisionsChapter(ctx: ReportContext): ChapterResult {
  const decided = ctx.rows.filter((r) => r.decision);
  const undecided = ctx.rows.length - decided.length;
  const intro: ReportBlock[] = [
    {
      kind: 'paragraph',
      text:
        decided.length === 0
          ? 'Er zijn nog geen besluiten genomen.'
          : `Over ${count(decided.length, 'thema', 'thema’s')} is een besluit genomen` + (undecided ? `; ${count(undecided, 'thema wacht', 'thema’s wachten')} nog op een besluit (zie Open punten).` : '.'),
    },
  ];
  if (ctx.audience === 'bestuurlijk') {
    if (decided.length === 0) return chapter('besluiten', intro);
    const columns = ['Thema', 'Besluit', 'Toelichting', 'Afwijkend standpunt'];
    const rows = decided.map((r) => {
      const from = r.decisionVersionId === null ? '' : ` (${ctx.names.get(r.decisionVersionId) ?? ''})`;
      return [r.theme, `${DECISION_LABEL[r.decision as NonNullable<GridRow['decision']>]}${from}`, r.decisionText ? cut(r.decisionText, 400).text : '', r.decisionDissent ?? ''];
    });
    return chapter('besluiten', [...intro, { kind: 'table', caption: 'Besluiten per thema', columns, widths: [20, 22, 36, 22], rows }]);
  }
  const parts: ReportPart[] = decided.map((r) => {
    const blocks: ReportBlock[] = [{ kind: 'fields', items: decisionFields(ctx, r) }];
    if (r.decisionDissent) blocks.push({ kind: 'callout', tone: 'dissent', title: 'Afwijkend standpunt', text: r.decisionDissent });
    if (ctx.internal && r.comments.length) {
      blocks.push({ kind: 'paragraph', style: 'muted', text: 'Opmerkingen in de werkgroep:' });
      blocks.push({ kind: 'list', items: r.comments.map((c) => `${c.author} (${dutchDate(c.createdAt)}): ${c.body}`) });
    }
    return part(r.theme, blocks);
  });
  return chapter('besluiten', intro, parts);
}

function cellText(ctx: ReportContext, cell: GridCell, texts: Map<number, string>): string {
  return cell.sections.map((s) => texts.get(s.sectionId) ?? s.excerpt).join('\n\n');
}

/** The cell the others are compared with: the wording taken over, else a cell that agrees, else the first with text. */
function referenceCell(row: GridRow): GridCell | null {
  const withText = row.cells.filter((c) => c.sections.length > 0);
  const chosen = row.decisionVersionId === null ? undefined : withText.find((c) => c.versionId === row.decisionVersionId);
  return chosen ?? withText.find((c) => !c.classification || !CONFLICTING.includes(c.classification)) ?? withText[0] ?? null;
}

export function comparisonChapter(ctx: ReportContext): ChapterResult {
  const rows = ctx.rows.filter((r) => r.cells.some((c) => c.classification && CONFLICTING.includes(c.classification)));
  if (rows.length === 0) return { omitted: 'Geen cel is ingedeeld als tegenstrijdig of verschillend.' };
  const sectionIds = rows.flatMap((r) => r.cells.flatMap((c) => c.sections.map((s) => s.sectionId)));
  const texts = new Map(
    (ctx.db.prepare('SELECT id, text FROM section WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(sectionIds)])) as Array<{ id: number; text: string }>).map((s) => [s.id, s.text]),
  );
  const label = (cell: GridCell) => {
    const refs = sectionRefs(cell);
    return `${ctx.names.get(cell.versionId) ?? ''}${refs ? ` — ${refs}` : ''}`;
  };
  const parts = rows.map((row) => {
    const reference = referenceCell(row);
    const flagged = row.cells.filter((c) => c.classification && CONFLICTING.includes(c.classification) && c !== reference);
    const blocks: ReportBlock[] = [];
    const byKind = (kind: Classification) => row.cells.filter((c) => c.classification === kind).map((c) => ctx.names.get(c.versionId) ?? '');
    const flags = CONFLICTING.map((k) => ({ k, names: byKind(k) })).filter((x) => x.names.length);
    blocks.push({ kind: 'paragraph', text: flags.map((x) => `${CLASSIFICATION_LABEL[x.k]}: ${enumerate(x.names)}.`).join(' ') });
    if (!reference || flagged.every((c) => c.sections.length === 0)) {
      blocks.push({ kind: 'paragraph', style: 'muted', text: 'Er is geen tweede passage om mee te vergelijken.' });
    } else {
      blocks.push({ kind: 'paragraph', style: 'muted', text: `Vergeleken met ${ctx.names.get(reference.versionId) ?? ''}${row.decision === 'overnemen' && row.decisionVersionId === reference.versionId ? ' (de formulering die is overgenomen)' : ''}. Doorgehaald staat alleen in die tekst, onderstreept alleen in de andere.` });
      for (const cell of flagged.filter((c) => c.sections.length > 0)) {
        blocks.push(comparisonBlock({ label: label(reference), text: cellText(ctx, reference, texts) }, { label: label(cell), text: cellText(ctx, cell, texts) }));
        if (cell.note && ctx.audience !== 'bestuurlijk') blocks.push({ kind: 'fields', items: [{ label: 'Notitie', value: `${ctx.names.get(cell.versionId) ?? ''}: ${cell.note}` }] });
      }
    }
    if (row.decision) blocks.push({ kind: 'fields', items: [{ label: 'Besluit', value: `${DECISION_LABEL[row.decision]}${row.decisionText ? `: ${cut(row.decisionText, 300).text}` : ''}` }] });
    return part(row.theme, blocks);
  });
  return chapter('vergelijking', [{ kind: 'paragraph', text: `Bij ${count(rows.length, 'thema', 'thema’s')} is ten minste één standaard ingedeeld als tegenstrijdig of verschillend. Hieronder staan de passages naast elkaar, met de verschillen gemarkeerd.` }], parts);
}

export function openPoints(ctx: ReportContext): { undecided: GridRow[]; proposals: GridRow[]; research: GridRow[]; unclassified: number } {
  return {
    undecided: ctx.rows.filter((r) => !r.decision),
    proposals: ctx.grid.rows.filter((r) => r.status === 'voorstel'),
    research: ctx.rows.filter((r) => r.decision === 'nader_onderzoeken'),
    unclassified: ctx.rows.reduce((n, r) => n + r.cells.filter((c) => c.sections.length > 0 && !c.classification).length, 0),
  };
}

export function openPointsChapter(ctx: ReportContext): ChapterResult {
  const open = openPoints(ctx);
  const total = open.undecided.length + open.proposals.length + open.research.length;
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: total === 0 ? 'Er zijn geen open punten: over elk thema is besloten en niets hoeft nader onderzocht te worden.' : `Er ${total === 1 ? 'is' : 'zijn'} ${count(total, 'open punt', 'open punten')}.`,
    },
  ];
  const parts: ReportPart[] = [];
  if (open.research.length) {
    parts.push(
      part('Nader te onderzoeken', [
        {
          kind: 'table',
          caption: 'Besluiten om nader te onderzoeken',
          columns: ['Thema', 'Wat onderzocht moet worden', 'Vastgelegd'],
          widths: [25, 55, 20],
          rows: open.research.map((r) => [r.theme, r.decisionText ?? '', r.decidedAt ? dutchDate(r.decidedAt) : '']),
        },
      ]),
    );
  }
  if (open.undecided.length) {
    parts.push(
      part('Thema’s zonder besluit', [
        { kind: 'table', caption: 'Thema’s zonder besluit', columns: ['Thema', 'Indeling'], widths: [30, 70], rows: open.undecided.map((r) => [r.theme, classificationLine(ctx, r) || 'Nog niet ingedeeld']) },
      ]),
    );
  }
  if (open.proposals.length) {
    parts.push(
      part('Voorstellen die nog niet zijn beoordeeld', [
        {
          kind: 'table',
          caption: 'Voorstellen van de automatische uitlijning',
          columns: ['Thema', 'Zekerheid', 'Standaarden'],
          widths: [35, 15, 50],
          rows: open.proposals.map((r) => [
            r.theme,
            r.confidence === null ? '' : `${Math.round(r.confidence * 100)} %`,
            r.cells.filter((c) => c.sections.length).map((c) => ctx.names.get(c.versionId) ?? '').join(', '),
          ]),
        },
      ]),
    );
  }
  if (open.unclassified > 0) blocks.push({ kind: 'paragraph', style: 'muted', text: `${count(open.unclassified, 'cel met tekst is', 'cellen met tekst zijn')} nog niet ingedeeld.` });
  return chapter('openpunten', blocks, parts);
}
