/**
 * The harmonisation report of a pilot as a plain, serialisable model: the report engine builds it
 * from the workspace once, and the DOCX, HTML and Markdown renderers (and the preview) are pure
 * functions of it, so every format says the same thing. Shared by backend and renderer.
 */
import type { Classification, Decision } from './pilots.js';

export const REPORT_AUDIENCES = ['werkgroep', 'beroepsverenigingen', 'bestuurlijk'] as const;
export type ReportAudience = (typeof REPORT_AUDIENCES)[number];
export const REPORT_AUDIENCE_LABEL: Record<ReportAudience, string> = {
  werkgroep: 'Werkgroep',
  beroepsverenigingen: 'Beroepsverenigingen',
  bestuurlijk: 'Bestuurlijk',
};
/** What the audience changes, for the UI. */
export const REPORT_AUDIENCE_HINT: Record<ReportAudience, string> = {
  werkgroep: 'Alles, met de opmerkingen uit de werkgroep en het logboek.',
  beroepsverenigingen: 'Voor de achterban: zonder interne opmerkingen.',
  bestuurlijk: 'Kort: samenvatting, besluiten, open punten en evaluatie.',
};

/** The chapters a user can choose, in report order. The title page and colophon are always there. */
export const REPORT_SECTIONS = [
  'samenvatting',
  'werkwijze',
  'uitlijning',
  'besluiten',
  'vergelijking',
  'passages',
  'lijsten',
  'keten',
  'commentaarrondes',
  'openpunten',
  'evaluatie',
  'auditlog',
] as const;
export type ReportSectionId = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_LABEL: Record<ReportSectionId, string> = {
  samenvatting: 'Samenvatting',
  werkwijze: 'Werkwijze',
  uitlijning: 'Uitlijning en indeling',
  besluiten: 'Besluiten per thema',
  vergelijking: 'Vergelijking van tegenstrijdige passages',
  passages: 'Getagde passages',
  lijsten: 'Beter doen, laten en onderzoeken',
  keten: 'Verticale keten en knelpunten',
  commentaarrondes: 'Commentaarrondes',
  openpunten: 'Open punten',
  evaluatie: 'Evaluatie',
  auditlog: 'Logboek van besluiten',
};
/** Chapters that are appendices (lettered, after the numbered chapters). */
export const REPORT_APPENDICES: readonly ReportSectionId[] = ['auditlog'];

export const DEFAULT_REPORT_SECTIONS: Record<ReportAudience, readonly ReportSectionId[]> = {
  werkgroep: REPORT_SECTIONS,
  beroepsverenigingen: REPORT_SECTIONS.filter((s) => s !== 'auditlog'),
  bestuurlijk: ['samenvatting', 'besluiten', 'openpunten', 'evaluatie'],
};

export const REPORT_FORMATS = ['docx', 'html', 'md', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// ---------------------------------------------------------------------------------------------
// The model

/** A run of compared text: the same in both, only in the reference (deleted), only in the other (inserted), or moved. */
export interface DiffRun {
  kind: 'equal' | 'deleted' | 'inserted' | 'moved';
  text: string;
}

export type BadgeTone = Classification | 'besluit' | 'open' | 'voorstel';
export interface ReportBadge {
  label: string;
  tone: BadgeTone;
}

/** A table cell: plain text (line breaks kept), or text with a badge, a bold first line and a muted note. */
export type ReportCell = string | { text: string; badge?: ReportBadge; title?: string; note?: string };

export type ReportBlock =
  | { kind: 'paragraph'; text: string; style?: 'lead' | 'muted' }
  | { kind: 'list'; items: string[] }
  /** Label–value pairs ("Besluit: …", "Reden: …"). */
  | { kind: 'fields'; items: Array<{ label: string; value: string }> }
  /** Key figures, shown large in the summary. */
  | { kind: 'figures'; items: Array<{ label: string; value: string }> }
  | {
      kind: 'table';
      caption: string;
      columns: string[];
      /** Share of the width per column in percent (sums to about 100). */
      widths: number[];
      rows: ReportCell[][];
      /** Many columns: landscape page in DOCX and print, smaller type. */
      wide?: boolean;
    }
  /** A remark that must stand out: dissent on record, a note about what is missing. */
  | { kind: 'callout'; tone: 'dissent' | 'info'; title: string; text: string }
  /** A tagged passage with a little context and where it comes from. */
  | { kind: 'passage'; quote: string; before: string; after: string; source: string; note: string | null; tags: string[] }
  /**
   * Two texts side by side with their differences: `left` is the reference with what only it has
   * (deleted), `right` the other text with what only it has (inserted); `unified` is the change
   * from left to right in reading order (Word shows it as tracked changes).
   */
  | {
      kind: 'comparison';
      left: { label: string; runs: DiffRun[] };
      right: { label: string; runs: DiffRun[] };
      unified: DiffRun[];
      /** One of the texts was longer than the comparison takes and was cut. */
      truncated: boolean;
      deletedWords: number;
      insertedWords: number;
    };

export interface ReportPart {
  /** "3", "3.2", "A" (appendix). */
  number: string;
  title: string;
  blocks: ReportBlock[];
  parts: ReportPart[];
}

export interface ReportChapter extends ReportPart {
  id: ReportSectionId;
  appendix: boolean;
}

export interface ReportSummary {
  standards: number;
  /** Accepted rows (themes). */
  rows: number;
  /** Proposed rows nobody accepted or rejected yet. */
  proposals: number;
  decided: number;
  decisions: Record<Decision, number>;
  /** Accepted rows without a decision. */
  undecided: number;
  /** Cells with sections or a classification, in accepted rows. */
  cells: number;
  classifications: Record<Classification, number>;
  unclassified: number;
  /** Decisions with a dissent on record. */
  dissents: number;
  /** Rows without decision + proposals + 'nader onderzoeken' decisions. */
  openPoints: number;
  /** Beter doen/laten/onderzoeken items that came out of the pilot. */
  items: number;
}

export interface ReportMember {
  name: string;
  organisation: string | null;
  role: string;
}

export interface ReportModel {
  title: string;
  subtitle: string;
  /** Short lines under the title on the title page ("Horizontaal harmoniseren", "Onderwerp: ADHD"). */
  titleLines: string[];
  pilot: { id: number; title: string; kinds: string[]; topic: string | null; phase: string; origin: string };
  audience: ReportAudience;
  audienceLabel: string;
  /** YYYY-MM-DD and as written in Dutch ("12 maart 2026"). */
  date: string;
  dateLabel: string;
  appVersion: string;
  colophon: {
    members: Array<{ perspective: string; members: ReportMember[] }>;
    standards: string[];
    lines: string[];
  };
  summary: ReportSummary;
  /** The chapters asked for, in report order (chapters that had nothing to show are in `omitted`). */
  sections: ReportSectionId[];
  chapters: ReportChapter[];
  omitted: Array<{ id: ReportSectionId; reason: string }>;
}

/** Chapter and section numbers, filled in by the model builder once the chapters are known. */
export function numberChapters(chapters: ReportChapter[]): void {
  let chapter = 0;
  let appendix = 0;
  const walk = (parts: ReportPart[], prefix: string) =>
    parts.forEach((p, i) => {
      p.number = `${prefix}.${i + 1}`;
      walk(p.parts, p.number);
    });
  for (const c of chapters) {
    c.number = c.appendix ? String.fromCharCode(65 + appendix++) : String(++chapter);
    walk(c.parts, c.number);
  }
}

/** "Hoofdstuk 3", "Bijlage A". */
export const chapterLabel = (c: Pick<ReportChapter, 'appendix' | 'number'>): string => (c.appendix ? `Bijlage ${c.number}` : String(c.number));
