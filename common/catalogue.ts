/** Types and labels of the catalogue shared by backend and renderer (no Node imports here). */
export const STANDARD_STATUSES = ['concept', 'vastgesteld', 'in_herziening', 'vervallen', 'onbekend'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];

export const OWNER_ROLES = ['eigenaar', 'autoriserend', 'ontwikkelaar', 'beheerder'] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

export const CONFIDENCES = ['verified', 'plausible'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const KNOWLEDGE_BASES = ['wetenschap', 'praktijk', 'ervaring'] as const;
export type KnowledgeBasis = (typeof KNOWLEDGE_BASES)[number];

export const CONFIDENCE_LABEL: Record<Confidence, string> = { verified: 'Geverifieerd', plausible: 'Te controleren' };
export const STATUS_LABEL: Record<StandardStatus, string> = {
  concept: 'Concept',
  vastgesteld: 'Vastgesteld',
  in_herziening: 'In herziening',
  vervallen: 'Vervallen',
  onbekend: 'Onbekend',
};

export interface Organisation {
  id: string;
  abbreviation: string | null;
  name: string;
  kind: string;
  perspective: string | null;
}

export interface StandardOwner {
  organisationId: string;
  abbreviation: string | null;
  name: string;
  role: OwnerRole;
}

/** One catalogue row as the list screen needs it. */
export interface StandardSummary {
  id: string;
  catalogueId: string | null;
  title: string;
  shortTitle: string | null;
  type: string;
  status: StandardStatus;
  ownerText: string | null;
  owners: StandardOwner[];
  subsectors: string[];
  topic: string | null;
  yearPublished: number | null;
  yearRevised: number | null;
  confidence: Confidence;
  retired: boolean;
  updatedAt: string;
}

export interface Standard extends StandardSummary {
  targetUsers: string | null;
  knowledgeBasis: KnowledgeBasis[];
  url: string | null;
  source: string;
  notes: string | null;
  retiredAt: string | null;
  retiredReason: string | null;
  createdAt: string;
  userModified: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
}

export interface VocabularyEntry {
  value: string;
  label: string;
  description: string | null;
}
export type Vocabularies = Record<string, VocabularyEntry[]>;

/** The most recent year a standard was published or revised: what "year" means in filters and sorting. */
export function latestYear(s: Pick<StandardSummary, 'yearPublished' | 'yearRevised'>): number | null {
  if (s.yearRevised !== null && s.yearPublished !== null) return Math.max(s.yearRevised, s.yearPublished);
  return s.yearRevised ?? s.yearPublished;
}
