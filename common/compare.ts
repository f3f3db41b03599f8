/**
 * The comparison screen's contract (compare.texts, compare.multi): columns with their labels and
 * texts, and per compared pair the diff against the reference (left) column.
 */
import type { PlacedSection, SectionPair } from './diff/sections.js';
import type { DiffOptions, TextDiff } from './diff/types.js';
import type { VersionStatus } from './document.js';

/** What one column shows: a whole version, or some sections of one version (a cell of the pilot grid). */
export type CompareSpec = { versionId: number } | { sectionIds: number[] };

export interface ColumnLabel {
  scope: 'versie' | 'secties';
  standardId: string;
  /** Short title of the standard where it has one. */
  standardTitle: string;
  versionId: number;
  versionLabel: string;
  versionStatus: VersionStatus;
  /** "4.2 Medicatie", or "4.2 Medicatie – 4.4 Bijwerkingen (3 secties)"; null for a whole version. */
  sectionsLabel: string | null;
  /** Everything above in one line, for a column heading. */
  title: string;
}

export interface CompareColumn {
  label: ColumnLabel;
  /** The compared text: per section its heading line and body, sections separated by a blank line. */
  text: string;
  sections: PlacedSection[];
}

export interface CompareDiff extends TextDiff {
  /** For two whole versions: which sections were paired (indices into each column's sections). */
  pairs: SectionPair[] | null;
}

export interface CompareTextsResult {
  left: CompareColumn;
  right: CompareColumn;
  diff: CompareDiff;
  options: DiffOptions;
}

export interface CompareMultiResult {
  reference: CompareColumn;
  /** Each other column with its diff against the reference. */
  others: Array<{ column: CompareColumn; diff: CompareDiff }>;
  options: DiffOptions;
}
