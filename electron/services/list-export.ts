/**
 * Exports of a list as CSV and DOCX, for professionals or for clients, grouped by category or by
 * use context. Both formats are written from one export model, so they always say the same thing:
 * the same groups, sources ("Standaard – versie – §nummer kop: “citaat”") and dissent sentences.
 * Professionals get everything; the client version uses the client wording where set, leaves out
 * the rationale, status and quoted text (but names the standards), and leaves out vervallen items.
 */
import { z } from 'zod';
import { slugFor } from '../../common/naming.js';
import {
  EXPORT_AUDIENCES,
  EXPORT_GROUPINGS,
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABEL,
  USE_CONTEXT_LABEL,
  USE_CONTEXTS,
  type BdlItem,
  type BdlList,
  type BinaryExportFile,
  type ExportAudience,
  type ExportGrouping,
  type PassageLink,
} from '../../common/lists.js';
import type { ExportFile } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { readItems, readLists } from '../../db/queries/lists.js';
import { CSV_MIME, toCsv } from './csv.js';
import { docxOf } from './list-docx.js';
import { rowId } from './list-schemas.js';
import { requireList } from './lists.js';

export const exportSchema = z
  .object({
    listId: rowId('lijst'),
    audience: z.enum(EXPORT_AUDIENCES, { error: 'Kies een versie voor professionals of voor cliënten.' }).default('professionals'),
    grouping: z.enum(EXPORT_GROUPINGS, { error: 'Kies indeling per categorie of per gebruikscontext.' }).default('categorie'),
  })
  .strict();

const ITEM_STATUS_LABEL: Record<BdlItem['status'], string> = { concept: 'Concept', besproken: 'Besproken', vastgesteld: 'Vastgesteld', vervallen: 'Vervallen' };
const EVIDENCE_LABEL: Record<string, string> = { wetenschap: 'Wetenschap', praktijk: 'Praktijk', ervaring: 'Ervaring' };

/** One item as both formats print it; fields a version leaves out are null or empty. */
export interface ExportItem {
  number: string;
  category: string;
  statement: string;
  rationale: string | null;
  evidence: string;
  targetGroup: string | null;
  setting: string | null;
  useContexts: string;
  status: string | null;
  knowledgeQuestion: string | null;
  sources: string[];
  leerlijnen: string;
  dissent: string[];
}

export interface ExportModel {
  list: BdlList;
  audience: ExportAudience;
  grouping: ExportGrouping;
  date: string;
  groups: Array<{ heading: string; items: ExportItem[] }>;
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** "Het perspectief gemeenten stemde niet in (45 % eens): “te duur”; “niet haalbaar”" — the record of disagreement. */
export function dissentSentence(d: BdlItem['dissent'][number], withComments: boolean): string {
  const base = `Het perspectief ${d.perspective} stemde niet in (${percent(d.agreePercent)} eens)`;
  return withComments && d.comments.length ? `${base}: ${d.comments.map((c) => `“${c}”`).join('; ')}` : `${base}.`;
}

/** "Standaard – versie – §nummer kop: “citaat”"; the client version names the standard only. */
export function sourceLine(link: PassageLink, audience: ExportAudience): string {
  if (audience === 'clienten') return link.standardTitle;
  const where = [link.sectionNumber ? `§${link.sectionNumber}` : null, link.sectionHeading].filter(Boolean).join(' ');
  const parts = [link.standardTitle, link.versionLabel ?? 'versie onbekend', where].filter((p) => p !== '');
  const notes = [link.newerVersion ? `er is een nieuwere versie: ${link.newerVersion.label}` : null, link.broken ? `vraagt aandacht: ${link.brokenReason ?? 'link verbroken'}` : null].filter(Boolean);
  return `${parts.join(' – ')}: “${link.quote}”${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

function exportItem(item: BdlItem, number: string, audience: ExportAudience, leerlijnLabel: (v: string) => string): ExportItem {
  const pro = audience === 'professionals';
  // Two links to the same standard read as one source in the client version.
  const sources = [...new Set(item.links.map((l) => sourceLine(l, audience)))];
  return {
    number,
    category: ITEM_CATEGORY_LABEL[item.category],
    statement: pro ? item.statement : (item.clientWording ?? item.statement),
    rationale: pro ? item.rationale : null,
    evidence: item.evidenceTypes.map((e) => EVIDENCE_LABEL[e] ?? e).join(', '),
    targetGroup: item.targetGroup,
    setting: item.setting,
    useContexts: item.useContexts.map((c) => USE_CONTEXT_LABEL[c]).join(', '),
    status: pro ? ITEM_STATUS_LABEL[item.status] : null,
    knowledgeQuestion: item.knowledgeQuestion,
    sources,
    leerlijnen: item.leerlijnen.map(leerlijnLabel).join(', '),
    dissent: item.dissent.map((d) => dissentSentence(d, pro)),
  };
}

export function buildExportModel(db: Db, listId: number, audience: ExportAudience, grouping: ExportGrouping): ExportModel {
  requireList(db, listId);
  const list = readLists(db, listId)[0] as BdlList;
  const labels = new Map((db.prepare("SELECT value, label FROM vocabulary WHERE kind = 'leerlijn'").all() as Array<{ value: string; label: string }>).map((r) => [r.value, r.label]));
  const items = readItems(db, { listId }).filter((i) => audience === 'professionals' || i.status !== 'vervallen');
  // Numbers follow the list (D1, L2, O3…) so an item has the same number in every grouping.
  const numberOf = new Map<number, string>();
  for (const c of ITEM_CATEGORIES) items.filter((i) => i.category === c).forEach((i, k) => numberOf.set(i.id, `${c === 'beter_doen' ? 'D' : c === 'beter_laten' ? 'L' : 'O'}${k + 1}`));
  const toExport = (i: BdlItem) => exportItem(i, numberOf.get(i.id) ?? '', audience, (v) => labels.get(v) ?? v);
  const groups =
    grouping === 'categorie'
      ? ITEM_CATEGORIES.map((c) => ({ heading: ITEM_CATEGORY_LABEL[c], items: items.filter((i) => i.category === c).map(toExport) }))
      : [
          ...USE_CONTEXTS.map((u) => ({ heading: USE_CONTEXT_LABEL[u], items: items.filter((i) => i.useContexts.includes(u)).map(toExport) })),
          { heading: 'Zonder gebruikscontext', items: items.filter((i) => i.useContexts.length === 0).map(toExport) },
        ].filter((g, k) => k < USE_CONTEXTS.length || g.items.length > 0);
  return { list, audience, grouping, date: new Date().toISOString().slice(0, 10), groups };
}

const fileBase = (m: ExportModel) => `${slugFor(m.list.title) || 'lijst'}-${slugFor(m.list.versionLabel) || 'versie'}-${m.audience}${m.grouping === 'gebruikscontext' ? '-per-gebruikscontext' : ''}`;

const CSV_COLUMNS = {
  professionals: ['Groep', 'Nummer', 'Categorie', 'Stelling', 'Onderbouwing', 'Soort kennis', 'Doelgroep', 'Setting', 'Gebruikscontext', 'Status', 'Kennisvraag', 'Bronnen', 'Leerlijnen', 'Afwijkende perspectieven'],
  clienten: ['Groep', 'Nummer', 'Categorie', 'Stelling', 'Soort kennis', 'Doelgroep', 'Setting', 'Gebruikscontext', 'Kennisvraag', 'Bronnen', 'Leerlijnen', 'Afwijkende perspectieven'],
} as const;

/** One row per item per group (an item with two use contexts appears under both); cells pass csv.ts's formula neutralising. */
export function exportCsv(db: Db, args: z.output<typeof exportSchema>): ExportFile {
  const m = buildExportModel(db, args.listId, args.audience, args.grouping);
  const pro = m.audience === 'professionals';
  const rows = m.groups.flatMap((g) =>
    g.items.map((i) => [
      g.heading,
      i.number,
      i.category,
      i.statement,
      ...(pro ? [i.rationale] : []),
      i.evidence,
      i.targetGroup,
      i.setting,
      i.useContexts,
      ...(pro ? [i.status] : []),
      i.knowledgeQuestion,
      i.sources.join(' | '),
      i.leerlijnen,
      i.dissent.join(' '),
    ]),
  );
  return { fileName: `${fileBase(m)}.csv`, mimeType: CSV_MIME, content: toCsv(CSV_COLUMNS[m.audience], rows) };
}

export function exportDocx(db: Db, args: z.output<typeof exportSchema>): BinaryExportFile {
  const m = buildExportModel(db, args.listId, args.audience, args.grouping);
  return { fileName: `${fileBase(m)}.docx`, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentBase64: Buffer.from(docxOf(m)).toString('base64') };
}
