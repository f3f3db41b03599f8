/**
 * The chapters that come from the rest of the workspace: tagged passages, the beter
 * doen/laten/onderzoeken items of the pilot, its vertical chain and comment rounds (as the chain
 * and review features write them for the report), the evaluation, and the audit appendix.
 */
import { ApiError } from '../../../common/errors.js';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABEL, type ItemCategory } from '../../../common/lists.js';
import { PILOT_PHASE_LABEL, type PilotPhase } from '../../../common/pilots.js';
import type { ReportBlock, ReportPart } from '../../../common/report.js';
import type { ReportSection } from '../../../common/review.js';
import { readItems } from '../../../db/queries/lists.js';
import { loadTagTree } from '../../../db/queries/tags.js';
import { chainReportSection } from '../chain-export.js';
import { reviewReportSection } from '../review-export.js';
import { createAnalysisService } from '../tag-analysis.js';
import { chapter, part, type ChapterResult, type ReportContext } from './context.js';
import { capitalise, count, cut, dutchDate, dutchDateTime } from './format.js';

/** Per tag; more would drown the report (the CSV export of the tag view has them all). */
export const MAX_PASSAGES_PER_TAG = 100;

export function passagesChapter(ctx: ReportContext): ChapterResult {
  if (ctx.tagIds.length === 0) return { omitted: 'Er zijn geen tags gekozen.' };
  const tree = loadTagTree(ctx.db);
  for (const id of ctx.tagIds) if (!tree.byId.has(id)) throw new ApiError('NIET_GEVONDEN', `Er is geen tag met nummer ${id}.`);
  const analysis = createAnalysisService(ctx.db);
  const standardIds = [...new Set(ctx.pilot.versions.map((v) => v.standardId))];
  const inPilot = new Set(ctx.pilot.versions.map((v) => v.versionId));
  const parts: ReportPart[] = ctx.tagIds.map((tagId) => {
    const result = standardIds.length ? analysis.allPassages({ all: [tagId], standardIds }) : { groups: [] };
    let shown = 0;
    let total = 0;
    const groups: ReportPart[] = [];
    for (const group of result.groups) {
      const passages = group.passages.filter((p) => p.versionId !== null && inPilot.has(p.versionId));
      total += passages.length;
      const blocks: ReportBlock[] = [];
      for (const p of passages) {
        if (shown >= MAX_PASSAGES_PER_TAG) break;
        shown++;
        const where = [p.versionLabel, [p.sectionNumber, p.sectionHeading].filter(Boolean).join(' ')].filter(Boolean).join(', ');
        blocks.push({
          kind: 'passage',
          quote: p.quote,
          before: p.contextBefore.trim(),
          after: p.contextAfter.trim(),
          // The standard is the heading above; the source says where in it.
          source: where || 'Plaats onbekend',
          note: ctx.internal ? p.note : null,
          tags: p.tags.map((t) => t.name),
        });
      }
      if (blocks.length) groups.push(part(group.standardShortTitle ?? group.standardTitle, blocks));
    }
    const intro: ReportBlock = {
      kind: 'paragraph',
      text:
        total === 0
          ? 'In de versies van deze pilot is geen passage met deze tag gemarkeerd.'
          : `${count(total, 'passage', 'passages')} in de versies van deze pilot${shown < total ? `; de eerste ${shown} staan hieronder` : ''}.`,
    };
    return part(`Tag: ${tree.path(tagId)}`, [intro], groups);
  });
  return chapter('passages', [{ kind: 'paragraph', text: 'Passages die in de standaarden van deze pilot met de gekozen tags zijn gemarkeerd, per standaard, met een stukje tekst ervoor en erna.' }], parts);
}

export function listsChapter(ctx: ReportContext): ChapterResult {
  // An item is copied into each new list version (same item_key); the newest copy is the current wording.
  const ids = (
    ctx.db
      .prepare(
        `SELECT i.id FROM bdl_item i
          WHERE i.pilot_id = ? AND i.list_id = (SELECT max(j.list_id) FROM bdl_item j WHERE j.item_key = i.item_key AND j.pilot_id = i.pilot_id)
          ORDER BY i.list_id, i.ordinal, i.id`,
      )
      .all(ctx.pilot.id) as Array<{ id: number }>
  ).map((r) => r.id);
  if (ids.length === 0) return { omitted: 'Er zijn geen items op de lijsten beter doen, laten of onderzoeken aan deze pilot gekoppeld.' };
  const items = readItems(ctx.db, { itemIds: ids });
  const lists = new Map(
    (ctx.db.prepare('SELECT id, title, version_label FROM bdl_list WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...new Set(items.map((i) => i.listId))])) as Array<{ id: number; title: string; version_label: string }>).map(
      (l) => [l.id, `${l.title} (${l.version_label})`],
    ),
  );
  const parts: ReportPart[] = [];
  for (const category of ITEM_CATEGORIES) {
    const inCategory = items.filter((i) => i.category === category);
    if (inCategory.length === 0) continue;
    const research = category === ('beter_onderzoeken' satisfies ItemCategory);
    const columns = ['Stelling', research ? 'Kennisvraag' : 'Onderbouwing', 'Status', 'Lijst'];
    const rows = inCategory.map((i) => [i.statement, cut((research ? i.knowledgeQuestion : i.rationale) ?? '', 500).text, capitalise(i.status), lists.get(i.listId) ?? '']);
    const blocks: ReportBlock[] = [{ kind: 'table', caption: '', columns, widths: [35, 35, 12, 18], rows }];
    const dissent = inCategory.flatMap((i) => i.dissent.map((d) => `${i.statement}: het perspectief ${ctx.perspectiveLabel(d.perspective).toLowerCase()} stemde niet in (${Math.round(d.agreePercent * 100)} % eens).`));
    if (dissent.length) blocks.push({ kind: 'callout', tone: 'dissent', title: 'Geen consensus', text: dissent.join('\n') });
    parts.push(part(ITEM_CATEGORY_LABEL[category], blocks));
  }
  return chapter('lijsten', [{ kind: 'paragraph', text: `Uit deze pilot ${items.length === 1 ? 'komt 1 item' : `komen ${items.length} items`} voor de lijsten beter doen, beter laten en beter onderzoeken.` }], parts);
}

/** A report-ready section of another feature (common/review.ts) as parts of this report. */
function fromSection(section: ReportSection): ReportPart {
  return part(section.title, blocksOf(section), section.subsections.map(fromSection));
}

function blocksOf(section: ReportSection): ReportBlock[] {
  return section.blocks.map((b): ReportBlock => {
    if (b.kind !== 'table') return b;
    const total = b.columns.length;
    return { kind: 'table', caption: b.caption, columns: b.columns, widths: Array.from({ length: total }, () => Math.round((100 / total) * 10) / 10), rows: b.rows, wide: total > 6 };
  });
}

export function chainChapter(ctx: ReportContext): ChapterResult {
  const has = ctx.db.prepare('SELECT 1 FROM chain_recommendation WHERE pilot_id = ? LIMIT 1').get(ctx.pilot.id) !== undefined;
  if (!has) return { omitted: 'Voor deze pilot is geen keten van aanbevelingen en randvoorwaarden vastgelegd.' };
  const section = chainReportSection(ctx.db, { pilotId: ctx.pilot.id });
  return chapter('keten', blocksOf(section), section.subsections.map(fromSection));
}

export function reviewChapter(ctx: ReportContext): ChapterResult {
  const rounds = ctx.db.prepare('SELECT id FROM review_round WHERE pilot_id = ? ORDER BY created_at, id').all(ctx.pilot.id) as Array<{ id: number }>;
  if (rounds.length === 0) return { omitted: 'Er is geen commentaarronde aan deze pilot gekoppeld.' };
  return chapter('commentaarrondes', [], rounds.map((r) => fromSection(reviewReportSection(ctx.db, r.id))));
}

export function evaluationChapter(ctx: ReportContext): ChapterResult {
  const p = ctx.pilot;
  const missing = 'Nog niet vastgelegd.';
  const parts: ReportPart[] = [
    part('Resultaat voor de standaard', [{ kind: 'paragraph', text: p.evaluationResult ?? missing, ...(p.evaluationResult ? {} : { style: 'muted' as const }) }]),
    part('Leerresultaat', [{ kind: 'paragraph', text: p.evaluationLearning ?? missing, ...(p.evaluationLearning ? {} : { style: 'muted' as const }) }]),
    part('Afspraken vooraf', [
      {
        kind: 'fields',
        items: [
          { label: 'Inbedding', value: p.agreementEmbedding ?? missing },
          { label: 'Flexibiliteit en lerend aspect', value: p.agreementFlexibility ?? missing },
        ],
      },
    ]),
  ];
  parts.push(
    part(
      'Reflectiemomenten',
      p.reflections.length
        ? [
            {
              kind: 'table',
              caption: 'Reflectiemomenten',
              columns: ['Datum', 'Perspectieven', 'Notities'],
              widths: [18, 27, 55],
              rows: p.reflections.map((r) => [dutchDate(r.heldOn), r.perspectives.map((x) => ctx.perspectiveLabel(x)).join(', '), r.notes ?? '']),
            },
          ]
        : [{ kind: 'paragraph', style: 'muted', text: 'Er zijn geen reflectiemomenten vastgelegd.' }],
    ),
  );
  return chapter('evaluatie', [{ kind: 'paragraph', text: `De pilot is in de fase ${PILOT_PHASE_LABEL[p.phase].toLowerCase()}. De evaluatie kijkt naar wat de pilot de standaard heeft opgeleverd en naar wat het programma ervan leert.` }], parts);
}

// ---------------------------------------------------------------------------------------------
// Audit appendix

const ACTION_LABEL: Record<string, string> = {
  aangemaakt: 'Pilot aangemaakt',
  gewijzigd: 'Gegevens gewijzigd',
  fase: 'Fase gewijzigd',
  verwijderd: 'Pilot verwijderd',
  'lid toegevoegd': 'Lid toegevoegd',
  'lid gewijzigd': 'Lid gewijzigd',
  'lid verwijderd': 'Lid verwijderd',
  versies: 'Standaarden in de pilot gewijzigd',
  reflectiemoment: 'Reflectiemoment vastgelegd',
  'reflectiemoment verwijderd': 'Reflectiemoment verwijderd',
  'voorstel uitlijning': 'Uitlijning voorgesteld',
  'voorstel geaccepteerd': 'Voorstel geaccepteerd',
  'voorstellen geaccepteerd': 'Voorstellen geaccepteerd',
  'voorstel afgewezen': 'Voorstel afgewezen',
  'rij toegevoegd': 'Thema toegevoegd',
  'rij hernoemd': 'Thema hernoemd',
  'rij verwijderd': 'Thema verwijderd',
  'sectie geplaatst': 'Sectie geplaatst',
  'rij gesplitst': 'Thema gesplitst',
  'rijen samengevoegd': 'Thema’s samengevoegd',
  'cel ingedeeld': 'Cel ingedeeld',
  besluit: 'Besluit genomen',
  'besluit ingetrokken': 'Besluit ingetrokken',
  opmerking: 'Opmerking geplaatst',
  'opmerking verwijderd': 'Opmerking verwijderd',
};

const FIELD_LABEL: Record<string, string> = {
  title: 'titel',
  kinds: 'soort',
  topic: 'onderwerp',
  origin: 'herkomst',
  description: 'beschrijving',
  agreement_embedding: 'afspraak over inbedding',
  agreement_flexibility: 'afspraak over flexibiliteit',
  evaluation_result: 'resultaat voor de standaard',
  evaluation_learning: 'leerresultaat',
};

/** Actions that only concern the working group's internal discussion. */
const INTERNAL_ACTIONS = new Set(['opmerking', 'opmerking verwijderd']);

/** Audit entries per pilot; a long-running pilot gets a few thousand, the appendix shows them all up to this. */
export const MAX_AUDIT_ROWS = 5000;

type Details = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rec = (v: unknown): Details | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Details) : null);

function auditDetails(ctx: ReportContext, action: string, d: Details): { theme: string; text: string } {
  const theme = str(d.thema);
  const name = (id: unknown) => (typeof id === 'number' ? (ctx.names.get(id) ?? `versie ${id}`) : '');
  switch (action) {
    case 'besluit': {
      const to = rec(d.naar);
      const from = rec(d.van);
      const text = to ? `${str(to.besluit)}${to.versie ? ` (${name(to.versie)})` : ''}${str(to.tekst) ? `: ${cut(str(to.tekst), 200).text}` : ''}${str(to.afwijkend) ? ` Afwijkend: ${cut(str(to.afwijkend), 150).text}` : ''}` : '';
      return { theme, text: from ? `${text} (was: ${str(from.besluit)})` : text };
    }
    case 'besluit ingetrokken':
      return { theme, text: rec(d.van) ? `Was: ${str(rec(d.van)?.besluit)}` : '' };
    case 'cel ingedeeld': {
      const from = rec(d.van);
      const to = rec(d.naar);
      const label = (v: unknown) => (typeof v === 'string' ? capitalise(v).toLowerCase() : 'niet ingedeeld');
      const classChange = str(from?.classification) !== str(to?.classification) ? `${label(from?.classification)} → ${label(to?.classification)}` : 'notitie aangepast';
      return { theme, text: `${name(d.versie)}: ${classChange}` };
    }
    case 'versies':
      return { theme, text: Array.isArray(d.naar) ? `Nu: ${d.naar.map(name).join(', ')}` : '' };
    case 'fase':
      return { theme, text: `${PILOT_PHASE_LABEL[str(d.van) as PilotPhase] ?? str(d.van)} → ${PILOT_PHASE_LABEL[str(d.naar) as PilotPhase] ?? str(d.naar)}` };
    case 'gewijzigd':
      return { theme, text: Object.keys(d).map((k) => FIELD_LABEL[k] ?? k).join(', ') };
    case 'rij hernoemd':
      return { theme: str(d.naar), text: `Was: ${str(d.van)}` };
    case 'rij gesplitst':
      return { theme, text: `Nieuw thema: ${str(d.nieuwThema)}` };
    case 'rijen samengevoegd':
      return { theme: str(rec(d.naar)?.thema), text: `Samengevoegd met: ${str(rec(d.van)?.thema)}` };
    case 'lid toegevoegd':
    case 'lid verwijderd':
      return { theme, text: `${str(d.naam)} (${ctx.perspectiveLabel(str(d.perspectief)).toLowerCase()}, ${str(d.rol)})` };
    case 'reflectiemoment':
      return { theme, text: str(d.datum) ? dutchDate(str(d.datum)) : '' };
    case 'voorstel uitlijning':
      return { theme, text: `${str(d.voorgesteldeRijen)} voorgestelde thema’s` };
    case 'voorstellen geaccepteerd':
      return { theme, text: `${str(d.aantal)} voorstellen` };
    case 'aangemaakt':
      return { theme, text: str(d.titel) };
    default:
      return { theme, text: '' };
  }
}

export function auditChapter(ctx: ReportContext): ChapterResult {
  const entries = ctx.db
    .prepare("SELECT at, actor, action, details FROM audit_log WHERE entity = 'pilot' AND entity_id = ? ORDER BY at, id LIMIT ?")
    .all(String(ctx.pilot.id), MAX_AUDIT_ROWS + 1) as Array<{ at: string; actor: string; action: string; details: string }>;
  const shown = entries.slice(0, MAX_AUDIT_ROWS).filter((e) => ctx.internal || !INTERNAL_ACTIONS.has(e.action));
  if (shown.length === 0) return { omitted: 'Het logboek van deze pilot is leeg.' };
  const rows = shown.map((e) => {
    let details: Details = {};
    try {
      details = rec(JSON.parse(e.details)) ?? {};
    } catch {
      // A damaged details field still leaves who did what when.
    }
    const d = auditDetails(ctx, e.action, details);
    return [dutchDateTime(e.at), e.actor, ACTION_LABEL[e.action] ?? capitalise(e.action), d.theme, d.text];
  });
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: 'Alle vastgelegde handelingen in deze pilot, in volgorde van tijd: wie wat wanneer besloot of indeelde. Tijden in Nederlandse tijd.' },
    { kind: 'table', caption: 'Logboek', columns: ['Datum en tijd', 'Wie', 'Handeling', 'Thema', 'Toelichting'], widths: [16, 12, 17, 20, 35], rows },
  ];
  if (entries.length > MAX_AUDIT_ROWS) blocks.push({ kind: 'paragraph', style: 'muted', text: `Alleen de eerste ${MAX_AUDIT_ROWS} handelingen staan hier; het volledige logboek staat in de werkruimte.` });
  return chapter('auditlog', blocks);
}
