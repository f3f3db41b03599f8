/**
 * Harmonisation pilots and their alignment grid. Shared by backend and renderer; this file is the
 * contract between them (and the report engine).
 */
import type { Perspective } from './lists.js';
import type { SectionKind, VersionStatus } from './document.js';

export const PILOT_KINDS = ['horizontaal', 'verticaal', 'vereenvoudigen'] as const;
export type PilotKind = (typeof PILOT_KINDS)[number];
export const PILOT_KIND_LABEL: Record<PilotKind, string> = {
  horizontaal: 'Horizontaal',
  verticaal: 'Verticaal',
  vereenvoudigen: 'Vereenvoudigen',
};

export const PILOT_ORIGINS = ['signalering', 'partner', 'opvolging'] as const;
export type PilotOrigin = (typeof PILOT_ORIGINS)[number];
export const PILOT_ORIGIN_LABEL: Record<PilotOrigin, string> = {
  signalering: 'Signalering en agendering',
  partner: 'Aangedragen door partner',
  opvolging: 'Opvolging',
};

/** In this order; a pilot moves one phase forward at a time and may step back. */
export const PILOT_PHASES = ['voorstel', 'gestart', 'lopend', 'geevalueerd', 'afgesloten'] as const;
export type PilotPhase = (typeof PILOT_PHASES)[number];
export const PILOT_PHASE_LABEL: Record<PilotPhase, string> = {
  voorstel: 'Voorstel',
  gestart: 'Gestart',
  lopend: 'Lopend',
  geevalueerd: 'Geëvalueerd',
  afgesloten: 'Afgesloten',
};

export const MEMBER_ROLES = ['voorzitter', 'lid', 'secretaris', 'adviseur', 'projectleider'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABEL: Record<MemberRole, string> = {
  voorzitter: 'Voorzitter',
  lid: 'Lid',
  secretaris: 'Secretaris',
  adviseur: 'Adviseur',
  projectleider: 'Projectleider',
};

export const CLASSIFICATIONS = ['gelijk', 'aanvullend', 'verschillend', 'tegenstrijdig', 'alleen_hier', 'ontbreekt'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const CLASSIFICATION_LABEL: Record<Classification, string> = {
  gelijk: 'Gelijk',
  aanvullend: 'Aanvullend',
  verschillend: 'Verschillend',
  tegenstrijdig: 'Tegenstrijdig',
  alleen_hier: 'Alleen hier',
  ontbreekt: 'Ontbreekt',
};

export const DECISIONS = ['overnemen', 'samenvoegen', 'verschil_laten', 'nader_onderzoeken'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABEL: Record<Decision, string> = {
  overnemen: 'Formulering overnemen',
  samenvoegen: 'Samenvoegen tot nieuwe tekst',
  verschil_laten: 'Verschil bewust laten staan',
  nader_onderzoeken: 'Nader onderzoeken',
};

export interface PilotMember {
  id: number;
  name: string;
  organisationId: string | null;
  /** The organisation's name (from the catalogue when organisationId is set, else as typed). */
  organisation: string | null;
  perspective: Perspective;
  role: MemberRole;
}

/** A standard version in scope: one column of the grid. */
export interface PilotVersion {
  versionId: number;
  standardId: string;
  standardTitle: string;
  standardShortTitle: string | null;
  /** Owner text from the catalogue, for the report's method section. */
  owners: string | null;
  yearPublished: number | null;
  label: string;
  status: VersionStatus;
  sectionCount: number;
}

export interface PilotReflection {
  id: number;
  heldOn: string;
  perspectives: Perspective[];
  notes: string | null;
  createdBy: string;
}

export interface PilotProgress {
  rows: number;
  proposed: number;
  decided: number;
  /** Accepted rows without a decision yet. */
  undecided: number;
  cells: number;
  classified: number;
}

export interface PilotSummary {
  id: number;
  guid: string;
  title: string;
  kinds: PilotKind[];
  topic: string | null;
  origin: PilotOrigin;
  phase: PilotPhase;
  versionCount: number;
  memberCount: number;
  progress: PilotProgress;
  updatedAt: string;
}

export interface Pilot extends PilotSummary {
  description: string | null;
  agreementEmbedding: string | null;
  agreementFlexibility: string | null;
  evaluationResult: string | null;
  evaluationLearning: string | null;
  createdAt: string;
  createdBy: string;
  members: PilotMember[];
  versions: PilotVersion[];
  reflections: PilotReflection[];
}

export interface GridSection {
  sectionId: number;
  number: string | null;
  heading: string;
  kind: SectionKind;
  /** The first few hundred characters, for the grid. */
  excerpt: string;
  wordCount: number;
  /** The aligner's confidence; null when placed by hand. */
  confidence: number | null;
}

export interface GridCell {
  id: number;
  versionId: number;
  classification: Classification | null;
  note: string | null;
  updatedBy: string | null;
  sections: GridSection[];
}

export interface GridComment {
  id: number;
  author: string;
  body: string;
  createdAt: string;
}

export interface GridRow {
  id: number;
  guid: string;
  ordinal: number;
  theme: string;
  status: 'voorstel' | 'handmatig';
  confidence: number | null;
  decision: Decision | null;
  decisionVersionId: number | null;
  decisionText: string | null;
  decisionDissent: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** One per pilot version, in column order (an empty cell when nothing is placed). */
  cells: GridCell[];
  comments: GridComment[];
}

export interface AlignmentGrid {
  pilotId: number;
  versions: PilotVersion[];
  rows: GridRow[];
  progress: PilotProgress;
  /** Sections of the pilot's versions not in any row, per version (for placing by hand). */
  unplaced: Array<{ versionId: number; sections: Array<Omit<GridSection, 'confidence' | 'excerpt'>> }>;
}

/** The rule for starting a pilot, shared so the UI can say it before the user tries. */
export function missingAgreements(p: { agreementEmbedding: string | null; agreementFlexibility: string | null }): string[] {
  const missing: string[] = [];
  if (!p.agreementEmbedding?.trim()) missing.push('de afspraak over inbedding');
  if (!p.agreementFlexibility?.trim()) missing.push('de afspraak over flexibiliteit en het lerend aspect');
  return missing;
}
