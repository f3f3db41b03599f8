/**
 * Merging a colleague's project file into your workspace (Werkruimte › Samenvoegen), as backend and
 * renderer both see it. The backend computes a plan (what is new, identical, in conflict or cannot
 * be placed); the user chooses per conflict whose version stays; the backend then applies it all in
 * one transaction, after a backup.
 */
import type { BackupInfo, ProjectInfo } from './workspace.js';

/** The groups the plan is counted in, in the order the screen shows them. */
export const MERGE_KINDS = [
  'teksten',
  'codeboek',
  'annotaties',
  'pilots',
  'uitlijning',
  'indelingen',
  'opmerkingen',
  'lijsten',
  'dialoog',
  'stemmen',
  'ketens',
  'commentaarrondes',
  'commentaren',
  'antwoorden',
] as const;
export type MergeKind = (typeof MERGE_KINDS)[number];

export const MERGE_KIND_LABEL: Record<MergeKind, string> = {
  teksten: 'Teksten van standaarden',
  codeboek: 'Tags (codeboek)',
  annotaties: 'Annotaties',
  pilots: 'Pilots, werkgroepen en reflectiemomenten',
  uitlijning: 'Uitlijning: rijen, besluiten en secties',
  indelingen: 'Indelingen van cellen',
  opmerkingen: 'Opmerkingen bij rijen',
  lijsten: 'Lijsten en items',
  dialoog: 'Dialoogsessies',
  stemmen: 'Stemrondes en stemmen',
  ketens: 'Ketens (aanbevelingen en randvoorwaarden)',
  commentaarrondes: 'Commentaarrondes en uitnodigingen',
  commentaren: 'Commentaren',
  antwoorden: 'Antwoorden van de werkgroep',
};

/** Whose version stays: yours, or your colleague's. */
export const MERGE_CHOICES = ['mijn', 'hun'] as const;
export type MergeChoice = (typeof MERGE_CHOICES)[number];

export interface MergeFieldDiff {
  label: string;
  /** The value as shown, in Dutch ("—" for empty). */
  mine: string;
  theirs: string;
}

export interface MergeConflict {
  /** Stable for this plan; the key of the choice in merge.apply. */
  key: string;
  kind: MergeKind;
  /** What it is, e.g. "Cel ‘Medicatie’ × Zorgstandaard ADHD". */
  title: string;
  /** Where it is, e.g. "Pilot ADHD horizontaal". */
  context: string | null;
  /**
   * 'gewijzigd': both have it, with different content (the fields that differ are listed);
   * 'verwijderd': you deleted it, your colleague still has it ('mijn' keeps it deleted).
   */
  type: 'gewijzigd' | 'verwijderd';
  fields: MergeFieldDiff[];
  /** Who changed it when, on each side, when known. */
  mineNote: string | null;
  theirsNote: string | null;
}

export interface MergeSkipped {
  kind: MergeKind;
  title: string;
  reason: string;
}

export interface MergeKindCount {
  kind: MergeKind;
  label: string;
  /** Only theirs: will be added. */
  nieuw: number;
  /** Both have it with the same content: nothing to do. */
  gelijk: number;
  conflicten: number;
  /** Cannot be placed in your workspace (listed with the reason). */
  overgeslagen: number;
  /** The first few new ones, to show what comes in. */
  examples: string[];
}

export interface MergePlan {
  planId: string;
  source: ProjectInfo;
  counts: MergeKindCount[];
  conflicts: MergeConflict[];
  skipped: MergeSkipped[];
  /** How many skipped entries are not in `skipped` (the list is cut off). */
  skippedNotListed: number;
  /** Texts (versions of standards) you do not have that come along with what is added. */
  texts: string[];
  totals: { nieuw: number; gelijk: number; conflicten: number; overgeslagen: number };
}

export interface MergeKindResult {
  kind: MergeKind;
  label: string;
  toegevoegd: number;
  /** Conflicts where their version was taken. */
  overgenomen: number;
  /** Conflicts where yours stayed. */
  behouden: number;
  overgeslagen: number;
}

export interface MergeResult {
  source: ProjectInfo;
  /** False when there was nothing to add or take over: then nothing was written and no backup made. */
  changed: boolean;
  /** The backup taken just before (null when nothing changed). */
  backup: BackupInfo | null;
  counts: MergeKindResult[];
  /** Texts imported from the project file because something added needed them. */
  textsImported: string[];
  totals: { toegevoegd: number; overgenomen: number; behouden: number; overgeslagen: number };
}
