/**
 * The codebook (tags) and annotations (tags on passages of guideline text), shared by backend and
 * renderer. Offsets are UTF-16 code-unit offsets into a section's plain text (section.text), i.e.
 * JavaScript string indices; end is exclusive.
 */

export const TAG_ORIGINS = ['focus_theme', 'leerlijn', 'perspective', 'eigen', 'groep'] as const;
/** Where a tag came from: a seeded vocabulary entry, a seeded group ("Leerlijnen"), or the user. */
export type TagOrigin = (typeof TAG_ORIGINS)[number];

export const TAG_ORIGIN_LABEL: Record<TagOrigin, string> = {
  focus_theme: 'Focusthema',
  leerlijn: 'Leerlijn',
  perspective: 'Perspectief',
  eigen: 'Eigen tag',
  groep: 'Groep',
};

/** Separates levels in a tag path ("Leerlijnen/Informele steun"); never part of a name. */
export const TAG_PATH_SEPARATOR = '/';

export interface Tag {
  id: number;
  /** Stable id across workspaces (also the REFI-QDA guid). */
  guid: string;
  parentId: number | null;
  name: string;
  /** Names from the top down, joined by "/". */
  path: string;
  /** '#rrggbb' (lower case). */
  color: string;
  description: string | null;
  origin: TagOrigin;
  ordinal: number;
  /** 0 for a top-level tag. */
  depth: number;
  childCount: number;
  /** Annotations with this tag itself. */
  annotationCount: number;
  /** Distinct annotations with this tag or any tag below it: what "Alle passages met tag X" finds. */
  totalAnnotationCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A tag as shown on an annotation or passage. */
export interface TagRef {
  id: number;
  name: string;
  path: string;
  color: string;
}

/**
 * geplaatst: on its own text (as made, or found again exactly after a new version);
 * verplaatst: found again on changed text (fuzzy); the quote is the new text, originalQuote the old;
 * los: could not be placed (version deleted, text gone, section split through it): place by hand.
 */
export const ANCHOR_STATES = ['geplaatst', 'verplaatst', 'los'] as const;
export type AnchorState = (typeof ANCHOR_STATES)[number];

export const ANCHOR_STATE_LABEL: Record<AnchorState, string> = {
  geplaatst: 'Geplaatst',
  verplaatst: 'Verplaatst (tekst gewijzigd)',
  los: 'Niet geplaatst',
};

export interface Annotation {
  /** UUID. */
  id: string;
  standardId: string;
  /** null when the version was deleted. */
  versionId: number | null;
  /** null when 'los'. */
  sectionId: number | null;
  start: number | null;
  end: number | null;
  quote: string;
  originalQuote: string | null;
  /** Up to 40 characters before and after the quote where it was last placed. */
  prefix: string;
  suffix: string;
  /** Number and heading of the section where it was last placed (kept when it comes loose). */
  sectionNumber: string | null;
  sectionHeading: string | null;
  note: string | null;
  author: string;
  createdAt: string;
  updatedAt: string;
  anchorState: AnchorState;
  /** The version an import re-anchored it from (the version the new one replaced). */
  anchoredFromVersionId: number | null;
  tags: TagRef[];
}

/** A 'los' annotation with what the "place by hand" list needs to show. */
export interface UnplacedAnnotation extends Annotation {
  standardTitle: string;
  versionLabel: string | null;
  anchoredFromVersionLabel: string | null;
}

export interface Passage {
  annotationId: string;
  versionId: number | null;
  versionLabel: string | null;
  /** null for an annotation that is 'los' (it has no place to jump to). */
  sectionId: number | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  start: number | null;
  end: number | null;
  quote: string;
  /** Up to 120 characters of the section text before and after the quote. */
  contextBefore: string;
  contextAfter: string;
  note: string | null;
  author: string;
  createdAt: string;
  anchorState: AnchorState;
  tags: TagRef[];
}

export interface PassageGroup {
  standardId: string;
  standardTitle: string;
  standardShortTitle: string | null;
  /** Matching passages in this standard in all (also those outside this page). */
  count: number;
  /** The ones on this page. */
  passages: Passage[];
}

/**
 * Which passages: tags in `all` (AND), none of `not`, at least one of `any`; a tag includes the
 * tags below it. Paged: `limit` passages (default 1000, at most 10,000) from `offset` in the
 * result's order (standard title, newest version, section order, offset).
 */
export interface PassageQuery {
  all?: number[];
  not?: number[];
  any?: number[];
  standardIds?: string[];
  author?: string;
  offset?: number;
  limit?: number;
}

export interface PassageResult {
  /** The groups on this page; a standard split over two pages appears on both. */
  groups: PassageGroup[];
  /** All matching passages (every page together). */
  total: number;
  offset: number;
  limit: number;
  /** More passages follow this page (ask again with offset + limit). */
  truncated: boolean;
}

export interface CooccurrenceTag extends TagRef {
  parentId: number | null;
  depth: number;
}

/**
 * Counts of annotations. A tag counts an annotation that has the tag or a tag below it (as in
 * "Alle passages met tag X"), so every cell is exactly what the matching passages query returns:
 * tagStandard[i][j] = passages({ all: [tags[i]], standardIds: [standards[j]] }),
 * tagTag[i][k] = passages({ all: [tags[i], tags[k]] }) (the same annotation has both);
 * the diagonal is the tag's own total. Only tags and standards with at least one annotation appear.
 */
export interface CooccurrenceMatrix {
  tags: CooccurrenceTag[];
  standards: Array<{ id: string; title: string; shortTitle: string | null }>;
  tagStandard: number[][];
  tagTag: number[][];
  /** Annotations counted (after the filters). */
  annotationCount: number;
}

/** A 2×2 table over units (sections): a = both coded the tag, b = only A, c = only B, d = neither. */
export interface AgreementTable {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface AgreementRow {
  tag: CooccurrenceTag;
  table: AgreementTable;
  /** (a + d) / n, 0..1. */
  percentAgreement: number;
  /** 2a / (2a + b + c): agreement on where the tag applies; null when neither used it. */
  positiveAgreement: number | null;
  kappa: number | null;
  /** Why kappa is null (Dutch, for the UI). */
  kappaReason: string | null;
}

export interface AgreementReport {
  versionId: number;
  authorA: string;
  authorB: string;
  /** Units compared: the sections of the version. */
  units: number;
  annotationsA: number;
  annotationsB: number;
  rows: AgreementRow[];
  /**
   * Pooled over the tags either author applied directly (tables summed): one table, percent and
   * kappa. Group tags that only appear through their children are left out so nothing counts twice.
   */
  overall: { table: AgreementTable; percentAgreement: number; kappa: number | null; kappaReason: string | null };
}

export interface AuthorCount {
  author: string;
  annotationCount: number;
}

/** A file for the UI to offer as a download; the backend never writes files itself. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  content: string;
}

export interface CodebookImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

export interface TagMergeResult {
  target: Tag;
  /** Tags that disappeared (the source and, recursively, children merged into same-named ones). */
  tagsMerged: number;
  annotationsMoved: number;
  /** Annotations that already had the target: they keep one copy. */
  duplicatesCollapsed: number;
}

export const TAG_DELETE_CHOICES = ['verwijderen', 'naar-bovenliggende'] as const;
export type TagDeleteChoice = (typeof TAG_DELETE_CHOICES)[number];

export interface TagDeleteResult {
  deletedTags: number;
  /** Child tags that moved up to the deleted tag's parent. */
  childrenMoved: number;
  /** Annotations that got the parent tag instead. */
  annotationsRetagged: number;
  /** Annotations that lost the tag but keep their other tags. */
  annotationsUntagged: number;
  /** Annotations deleted because the deleted tag(s) were their only tags. */
  annotationsDeleted: number;
}

export interface AnchoringCounts {
  placed: number;
  moved: number;
  unplaced: number;
}

/**
 * Colours for new tags, in order (Tableau 10 and two more): distinct from each other, and dark
 * enough for a label on white; the reading view uses them translucent as highlight backgrounds.
 */
export const TAG_PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948',
  '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#8c564b',
] as const;
