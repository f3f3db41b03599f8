/**
 * The harmonisation report of a pilot as a plain model (common/report.ts): title page and
 * colophon, summary, method and the chapters the user chose for the audience. Read in one
 * transaction, so every chapter describes the same moment; the renderers never touch the database.
 */
import { ApiError } from '../../../common/errors.js';
import {
  CLASSIFICATION_LABEL,
  CLASSIFICATIONS,
  DECISION_LABEL,
  DECISIONS,
  MEMBER_ROLE_LABEL,
  PILOT_KIND_LABEL,
  PILOT_ORIGIN_LABEL,
  PILOT_PHASE_LABEL,
  type Classification,
  type Decision,
} from '../../../common/pilots.js';
import {
  numberChapters,
  REPORT_AUDIENCE_LABEL,
  REPORT_SECTIONS,
  type ReportAudience,
  type ReportBlock,
  type ReportChapter,
  type ReportModel,
  type ReportSectionId,
  type ReportSummary,
} from '../../../common/report.js';
import type { Db } from '../../../db/open.js';
import { getPilot, readGrid } from '../../../db/queries/pilots.js';
import { comparisonChapter, decisionsChapter, gridChapter, openPoints, openPointsChapter } from './alignment-chapters.js';
import { chapter, type ChapterResult, type ReportContext } from './context.js';
import { count, dayOf, dutchDate, enumerate, versionNames } from './format.js';
import { auditChapter, chainChapter, evaluationChapter, listsChapter, passagesChapter, reviewChapter } from './more-chapters.js';

export interface ReportOptions {
  pilotId: number;
  sections: readonly ReportSectionId[];
  audience: ReportAudience;
  tagIds?: readonly number[];
  appVersion: string;
  /** Who made the report (the current user), for the colophon. */
  generatedBy?: string;
  /** The report's date; tests fix it. */
  now?: Date;
}

function summaryOf(ctx: ReportContext): ReportSummary {
  const decisions = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>;
  const classifications = Object.fromEntries(CLASSIFICATIONS.map((c) => [c, 0])) as Record<Classification, number>;
  let cells = 0;
  let unclassified = 0;
  for (const r of ctx.rows) {
    if (r.decision) decisions[r.decision]++;
    for (const c of r.cells) {
      if (c.classification) classifications[c.classification]++;
      if (c.classification || c.sections.length) cells++;
      if (!c.classification && c.sections.length) unclassified++;
    }
  }
  const open = openPoints(ctx);
  const items = (ctx.db.prepare('SELECT count(DISTINCT item_key) AS n FROM bdl_item WHERE pilot_id = ?').get(ctx.pilot.id) as { n: number }).n;
  const decided = ctx.rows.filter((r) => r.decision).length;
  return {
    standards: ctx.pilot.versions.length,
    rows: ctx.rows.length,
    proposals: open.proposals.length,
    decided,
    decisions,
    undecided: ctx.rows.length - decided,
    cells,
    classifications,
    unclassified,
    dissents: ctx.rows.filter((r) => r.decision && r.decisionDissent).length,
    openPoints: open.undecided.length + open.proposals.length + open.research.length,
    items,
  };
}

function summaryChapter(ctx: ReportContext, s: ReportSummary): ReportChapter {
  const names = ctx.pilot.versions.map((v) => ctx.names.get(v.versionId) ?? v.label);
  const lead =
    `De werkgroep van de pilot ${ctx.pilot.title} vergeleek ${count(s.standards, 'standaard', 'standaarden')}${names.length ? ` (${enumerate(names)})` : ''}. ` +
    (s.rows === 0
      ? 'Er is nog geen uitlijning vastgesteld.'
      : `In de uitlijning staan ${count(s.rows, 'thema', 'thema’s')}; over ${s.decided} daarvan is besloten` +
        (s.undecided ? ` en ${s.undecided} ${s.undecided === 1 ? 'wacht' : 'wachten'} nog op een besluit.` : '.'));
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', style: 'lead', text: lead },
    {
      kind: 'figures',
      items: [
        { label: 'Standaarden', value: String(s.standards) },
        { label: 'Thema’s', value: String(s.rows) },
        { label: 'Besluiten', value: String(s.decided) },
        { label: 'Open punten', value: String(s.openPoints) },
      ],
    },
  ];
  const conflicts = s.classifications.tegenstrijdig;
  const notes: string[] = [];
  if (conflicts) notes.push(`${count(conflicts, 'passage is', 'passages zijn')} als tegenstrijdig ingedeeld.`);
  if (s.dissents) notes.push(`Bij ${count(s.dissents, 'besluit', 'besluiten')} is een afwijkend standpunt vastgelegd; het rapport noemt het bij het besluit.`);
  if (s.decisions.nader_onderzoeken) notes.push(`${count(s.decisions.nader_onderzoeken, 'thema moet', 'thema’s moeten')} nader onderzocht worden.`);
  if (s.items) notes.push(`De pilot leverde ${count(s.items, 'item', 'items')} op voor de lijsten beter doen, laten en onderzoeken.`);
  if (ctx.pilot.evaluationResult) notes.push(`Resultaat voor de standaard: ${ctx.pilot.evaluationResult}`);
  if (notes.length) blocks.push({ kind: 'list', items: notes });
  if (s.decided > 0) {
    blocks.push({ kind: 'table', caption: 'Besluiten per soort', columns: ['Besluit', 'Aantal'], widths: [75, 25], rows: DECISIONS.map((d) => [DECISION_LABEL[d], String(s.decisions[d])]) });
  }
  if (s.cells > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Indelingen per soort (cellen van de uitlijning)',
      columns: ['Indeling', 'Aantal'],
      widths: [75, 25],
      rows: [...CLASSIFICATIONS.map((c) => [CLASSIFICATION_LABEL[c], String(s.classifications[c])]), ['Nog niet ingedeeld', String(s.unclassified)]],
    });
  }
  return chapter('samenvatting', blocks);
}

function methodChapter(ctx: ReportContext): ReportChapter {
  const p = ctx.pilot;
  const kinds = p.kinds.map((k) => PILOT_KIND_LABEL[k].toLowerCase());
  const blocks: ReportBlock[] = [
    {
      kind: 'paragraph',
      text: `Deze pilot is een pilot ${kinds.length ? `${enumerate(kinds)} harmoniseren` : 'harmoniseren'}${p.topic ? ` over ${p.topic}` : ''}. Herkomst: ${PILOT_ORIGIN_LABEL[p.origin].toLowerCase()}.`,
    },
  ];
  if (p.description) blocks.push({ kind: 'paragraph', text: p.description });
  blocks.push({
    kind: 'table',
    caption: 'Vergeleken standaarden en versies',
    columns: ['Standaard', 'Versie', 'Eigenaar', 'Jaar', 'Secties'],
    widths: [34, 16, 32, 8, 10],
    rows: p.versions.map((v) => [v.standardTitle, `${v.label} (${v.status})`, v.owners ?? 'Onbekend', v.yearPublished === null ? '' : String(v.yearPublished), String(v.sectionCount)]),
  });
  blocks.push({
    kind: 'paragraph',
    text:
      'De teksten zijn in Richtsnoer ingelezen en in secties verdeeld. Per thema zijn de passages van de standaarden naast elkaar gezet (uitlijning): eerst voorgesteld op grond van koppen en tekst, daarna door de werkgroep aanvaard, verplaatst of verworpen. ' +
      'Per standaard is elke passage ingedeeld, en per thema heeft de werkgroep een besluit genomen.',
  });
  const meaning: Record<Classification, string> = {
    gelijk: 'De standaard zegt hetzelfde als de andere.',
    aanvullend: 'De standaard voegt iets toe zonder de andere tegen te spreken.',
    verschillend: 'De standaard legt een ander accent of kiest een andere aanpak.',
    tegenstrijdig: 'De standaard zegt iets anders dan de andere; beide kunnen niet tegelijk gelden.',
    alleen_hier: 'Alleen deze standaard behandelt het thema.',
    ontbreekt: 'Deze standaard behandelt het thema niet, de andere wel.',
  };
  blocks.push({
    kind: 'table',
    caption: 'Indelingen',
    columns: ['Indeling', 'Betekenis'],
    widths: [22, 78],
    rows: CLASSIFICATIONS.map((c) => [{ text: '', badge: { label: CLASSIFICATION_LABEL[c], tone: c } }, meaning[c]]),
  });
  blocks.push({
    kind: 'fields',
    items: [
      { label: 'Afspraak over inbedding', value: p.agreementEmbedding ?? 'Nog niet vastgelegd.' },
      { label: 'Afspraak over flexibiliteit en lerend aspect', value: p.agreementFlexibility ?? 'Nog niet vastgelegd.' },
    ],
  });
  return chapter('werkwijze', blocks);
}

const BUILDERS: Record<Exclude<ReportSectionId, 'samenvatting' | 'werkwijze'>, (ctx: ReportContext) => ChapterResult> = {
  uitlijning: gridChapter,
  besluiten: decisionsChapter,
  vergelijking: comparisonChapter,
  passages: passagesChapter,
  lijsten: listsChapter,
  keten: chainChapter,
  commentaarrondes: reviewChapter,
  openpunten: openPointsChapter,
  evaluatie: evaluationChapter,
  auditlog: auditChapter,
};

export function buildReportModel(db: Db, options: ReportOptions): ReportModel {
  return db.transaction(() => build(db, options)).deferred();
}

function build(db: Db, options: ReportOptions): ReportModel {
  const pilot = getPilot(db, options.pilotId);
  if (!pilot) throw new ApiError('NIET_GEVONDEN', `Er is geen pilot met nummer ${options.pilotId}.`);
  const grid = readGrid(db, pilot.id);
  const perspectives = new Map(
    (db.prepare("SELECT value, label FROM vocabulary WHERE kind = 'perspective' ORDER BY ordinal").all() as Array<{ value: string; label: string }>).map((r) => [r.value, r.label]),
  );
  const ctx: ReportContext = {
    db,
    pilot,
    grid,
    rows: grid.rows.filter((r) => r.status === 'handmatig'),
    audience: options.audience,
    internal: options.audience === 'werkgroep',
    names: versionNames(pilot.versions),
    perspectiveLabel: (v) => perspectives.get(v) ?? v,
    tagIds: [...new Set(options.tagIds ?? [])],
  };
  const summary = summaryOf(ctx);
  const wanted = REPORT_SECTIONS.filter((s) => options.sections.includes(s));
  const chapters: ReportChapter[] = [];
  const omitted: ReportModel['omitted'] = [];
  for (const id of wanted) {
    const result = id === 'samenvatting' ? summaryChapter(ctx, summary) : id === 'werkwijze' ? methodChapter(ctx) : BUILDERS[id](ctx);
    if ('omitted' in result) omitted.push({ id, reason: result.omitted });
    else chapters.push(result);
  }
  numberChapters(chapters);

  const now = options.now ?? new Date();
  const members: ReportModel['colophon']['members'] = [];
  for (const m of pilot.members) {
    const label = ctx.perspectiveLabel(m.perspective);
    let group = members.find((g) => g.perspective === label);
    if (!group) {
      group = { perspective: label, members: [] };
      members.push(group);
    }
    group.members.push({ name: m.name, organisation: m.organisation, role: MEMBER_ROLE_LABEL[m.role] });
  }
  const order = [...perspectives.keys()].map((v) => ctx.perspectiveLabel(v));
  members.sort((a, b) => order.indexOf(a.perspective) - order.indexOf(b.perspective));

  const kinds = pilot.kinds.map((k) => PILOT_KIND_LABEL[k]);
  const date = dayOf(now);
  return {
    title: 'Harmonisatierapport',
    subtitle: pilot.title,
    titleLines: [
      kinds.length ? `Pilot ${kinds.map((k) => k.toLowerCase()).join(' en ')} harmoniseren` : 'Pilot harmoniseren',
      ...(pilot.topic ? [`Onderwerp: ${pilot.topic}`] : []),
      `Rapport voor: ${REPORT_AUDIENCE_LABEL[options.audience].toLowerCase()}`,
    ],
    pilot: { id: pilot.id, title: pilot.title, kinds, topic: pilot.topic, phase: PILOT_PHASE_LABEL[pilot.phase], origin: PILOT_ORIGIN_LABEL[pilot.origin] },
    audience: options.audience,
    audienceLabel: REPORT_AUDIENCE_LABEL[options.audience],
    date,
    dateLabel: dutchDate(date),
    appVersion: options.appVersion,
    colophon: {
      members,
      standards: pilot.versions.map((v) => `${v.standardTitle} (${v.label})`),
      lines: [
        `Fase van de pilot: ${PILOT_PHASE_LABEL[pilot.phase]}`,
        `Herkomst: ${PILOT_ORIGIN_LABEL[pilot.origin]}`,
        `Gemaakt op ${dutchDate(date)}${options.generatedBy ? ` door ${options.generatedBy}` : ''} met Richtsnoer ${options.appVersion}, uit de gegevens van de werkruimte op dat moment.`,
        'Richtsnoer is de werkplaats van het programma Kwaliteit en Blijvend Leren (KBL) voor het harmoniseren van kwaliteitsstandaarden in de jeugdsector.',
      ],
    },
    summary,
    sections: wanted,
    chapters,
    omitted,
  };
}
