/**
 * Vertical harmonisation chains (Keten) and review rounds on drafts (Commentaarrondes). Shared by
 * backend and renderer: the vocabularies, the shapes the API returns, and the report-ready sections
 * the report engine prints.
 */

// ---------------------------------------------------------------------------------------------
// Chains: recommendation → precondition (randvoorwaarde) → level → status, owner, evidence

/** The level that must arrange a precondition, from the practice up to national policy. */
export const CHAIN_LEVELS = ['professional', 'team', 'organisatie', 'wijkteam', 'gemeente_inkoop', 'landelijk'] as const;
export type ChainLevel = (typeof CHAIN_LEVELS)[number];
export const CHAIN_LEVEL_LABEL: Record<ChainLevel, string> = {
  professional: 'Professional',
  team: 'Team',
  organisatie: 'Organisatie',
  wijkteam: 'Wijkteam',
  gemeente_inkoop: 'Gemeente / inkoop',
  landelijk: 'Landelijk',
};

/** Who the yearly signal on preconditions is addressed to (the partners of the programme). */
export const ADDRESSEES = ['rijk', 'gemeenten', 'branches', 'beroepsverenigingen', 'clientorganisaties', 'kennisinstituten'] as const;
export type Addressee = (typeof ADDRESSEES)[number];
export const ADDRESSEE_LABEL: Record<Addressee, string> = {
  rijk: 'Rijk',
  gemeenten: 'Gemeenten',
  branches: 'Branches',
  beroepsverenigingen: 'Beroepsverenigingen',
  clientorganisaties: 'Cliëntorganisaties',
  kennisinstituten: 'Kennisinstituten',
};

export const CHAIN_STATUSES = ['geregeld', 'knelpunt', 'onbekend'] as const;
export type ChainStatus = (typeof CHAIN_STATUSES)[number];
export const CHAIN_STATUS_LABEL: Record<ChainStatus, string> = { geregeld: 'Geregeld', knelpunt: 'Knelpunt', onbekend: 'Onbekend' };

/** Kinds of precondition (randvoorwaarden) a recommendation needs. */
export const PRECONDITION_KINDS = ['tijd', 'scholing', 'caseload', 'registratie', 'financiering', 'data', 'samenwerkingsafspraken', 'overig'] as const;
export type PreconditionKind = (typeof PRECONDITION_KINDS)[number];
export const PRECONDITION_KIND_LABEL: Record<PreconditionKind, string> = {
  tijd: 'Tijd',
  scholing: 'Scholing',
  caseload: 'Caseload',
  registratie: 'Registratie',
  financiering: 'Financiering',
  data: 'Data',
  samenwerkingsafspraken: 'Samenwerkingsafspraken',
  overig: 'Overig',
};

/**
 * What shows a precondition is (or is not) arranged: a framework or standard of the catalogue
 * (Kwaliteitskader Jeugd, Norm voor Verantwoorde Werktoedeling), a passage of a text, a procurement
 * clause, or another source in words.
 */
export const EVIDENCE_KINDS = ['kader', 'passage', 'inkoop', 'tekst'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABEL: Record<EvidenceKind, string> = {
  kader: 'Kader of standaard',
  passage: 'Passage',
  inkoop: 'Inkoopafspraak',
  tekst: 'Andere bron',
};

export interface ChainEvidence {
  id: number;
  guid: string;
  kind: EvidenceKind;
  /** The framework (kader) or the standard the passage is from. */
  standardId: string | null;
  standardTitle: string | null;
  versionId: number | null;
  versionLabel: string | null;
  sectionId: number | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  /** "Inkoopkader Jeugd regio Rijnmond 2026, art. 4.2", a page, a web address. */
  reference: string | null;
  text: string | null;
  /** A passage whose section was removed (the quote is kept). */
  broken: boolean;
  /** One line for tables and exports. */
  summary: string;
}

export interface ChainLink {
  id: number;
  guid: string;
  recommendationId: number;
  ordinal: number;
  preconditionKind: PreconditionKind;
  precondition: string;
  level: ChainLevel;
  status: ChainStatus;
  owner: string | null;
  ownerOrganisationId: string | null;
  /** The owner as shown: the catalogue organisation's name, else the owner text. */
  ownerLabel: string | null;
  addressees: Addressee[];
  note: string | null;
  evidence: ChainEvidence[];
  updatedAt: string;
  updatedBy: string;
}

export interface ChainRecommendation {
  id: number;
  guid: string;
  standardId: string | null;
  standardTitle: string | null;
  pilotId: number | null;
  pilotTitle: string | null;
  versionId: number | null;
  versionLabel: string | null;
  sectionId: number | null;
  /** "Aanbeveling 3", "4.2.1". */
  label: string | null;
  text: string;
  ordinal: number;
  /** The recommendation's passage was removed from its version (the text is kept). */
  broken: boolean;
  links: ChainLink[];
  /** The procurement items that rest on this recommendation. */
  procurement: ProcurementItem[];
}

/** A procurement clause (inkoopafspraak) that a recommendation's chain rests on. */
export interface ProcurementItem {
  linkId: number;
  evidenceId: number | null;
  precondition: string;
  level: ChainLevel;
  status: ChainStatus;
  /** The clause: reference and text of an 'inkoop' evidence, or the precondition itself for a link at gemeente/inkoop level without one. */
  clause: string;
}

export interface BottleneckLink {
  linkId: number;
  recommendationId: number;
  recommendation: string;
  standardId: string | null;
  standardTitle: string | null;
  pilotId: number | null;
  preconditionKind: PreconditionKind;
  precondition: string;
  level: ChainLevel;
  owner: string | null;
  addressees: Addressee[];
}

/** The knelpunten, counted per level and per addressee (a link with two addressees counts for both). */
export interface BottleneckOverview {
  total: number;
  /** Links per status in the scope, for context ("12 van 40 randvoorwaarden zijn een knelpunt"). */
  statusCounts: Record<ChainStatus, number>;
  perLevel: Array<{ level: ChainLevel; count: number; links: BottleneckLink[] }>;
  perAddressee: Array<{ addressee: Addressee | null; count: number; links: BottleneckLink[] }>;
  perKind: Array<{ kind: PreconditionKind; count: number }>;
}

export interface ChainScope {
  standardId: string | null;
  pilotId: number | null;
  /** "Zorgstandaard ADHD", "Pilot ADHD", or "Alle standaarden". */
  title: string;
}

export interface Chain {
  scope: ChainScope;
  recommendations: ChainRecommendation[];
  overview: BottleneckOverview;
}

/** A recommendation that can be put in a chain: a section marked as recommendation. */
export interface RecommendationCandidate {
  sectionId: number;
  versionId: number;
  versionLabel: string;
  standardId: string;
  standardTitle: string;
  label: string | null;
  text: string;
  /** Already in this chain. */
  inChain: boolean;
}

// ---------------------------------------------------------------------------------------------
// Review rounds (commentaarrondes)

export const ROUND_STATUSES = ['voorbereiding', 'open', 'gesloten'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = { voorbereiding: 'In voorbereiding', open: 'Open voor commentaar', gesloten: 'Gesloten' };

export const INVITATION_STATUSES = ['uitgenodigd', 'gereageerd', 'geen_reactie'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_STATUS_LABEL: Record<InvitationStatus, string> = { uitgenodigd: 'Uitgenodigd', gereageerd: 'Gereageerd', geen_reactie: 'Geen reactie' };

export const COMMENT_TYPES = ['inhoudelijk', 'redactioneel', 'akkoord', 'bezwaar'] as const;
export type CommentType = (typeof COMMENT_TYPES)[number];
export const COMMENT_TYPE_LABEL: Record<CommentType, string> = { inhoudelijk: 'Inhoudelijk', redactioneel: 'Redactioneel', akkoord: 'Akkoord', bezwaar: 'Bezwaar' };

/**
 * What the working group did with a comment. 'kennisgenomen' is for comments that ask for nothing
 * (an "akkoord", a compliment): they are answered, but there was nothing to take over.
 */
export const DISPOSITIONS = ['overgenomen', 'deels_overgenomen', 'niet_overgenomen', 'kennisgenomen'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABEL: Record<Disposition, string> = {
  overgenomen: 'Overgenomen',
  deels_overgenomen: 'Deels overgenomen',
  niet_overgenomen: 'Niet overgenomen',
  kennisgenomen: 'Voor kennisgeving aangenomen',
};
/** Dispositions that need a motivation (motivering): the commenter is owed a reason. */
export const DISPOSITIONS_NEEDING_MOTIVATION: readonly Disposition[] = ['deels_overgenomen', 'niet_overgenomen'];

export interface ReviewInvitation {
  id: number;
  guid: string;
  organisationId: string | null;
  name: string;
  contact: string | null;
  status: InvitationStatus;
  invitedAt: string;
  respondedAt: string | null;
  commentCount: number;
  answeredCount: number;
  /** Still 'uitgenodigd' after the deadline. */
  overdue: boolean;
}

export interface ReviewCounts {
  total: number;
  answered: number;
  unanswered: number;
  /** Numbers (nr) of the unanswered comments, in order. */
  unansweredNumbers: number[];
  byDisposition: Record<Disposition, number>;
  byType: Record<CommentType, number>;
  invitations: Record<InvitationStatus, number>;
}

export interface ReviewRoundSummary {
  id: number;
  guid: string;
  title: string;
  standardId: string;
  standardTitle: string;
  pilotId: number | null;
  versionId: number | null;
  versionLabel: string;
  previousVersionId: number | null;
  previousVersionLabel: string | null;
  nextVersionId: number | null;
  nextVersionLabel: string | null;
  status: RoundStatus;
  opensOn: string | null;
  deadline: string | null;
  description: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  counts: ReviewCounts;
}

export interface ReviewRound extends ReviewRoundSummary {
  invitations: ReviewInvitation[];
  imports: Array<{ id: number; fileName: string; format: 'docx' | 'csv'; rowCount: number; importedAt: string; importedBy: string }>;
}

export interface ReviewResponse {
  guid: string;
  response: string;
  disposition: Disposition;
  motivation: string | null;
  change: string | null;
  changeVersionId: number | null;
  changeVersionLabel: string | null;
  changeSectionId: number | null;
  changeSectionNumber: string | null;
  changeSectionHeading: string | null;
  changeQuote: string | null;
  answeredBy: string;
  answeredAt: string;
}

export interface ReviewComment {
  id: number;
  guid: string;
  roundId: number;
  nr: number;
  invitationId: number;
  organisation: string;
  author: string | null;
  type: CommentType;
  body: string;
  sectionId: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  /** A free "hoofdstuk/regel" reference, as typed or imported. */
  reference: string | null;
  /** The passage as one line: "§4.2 Medicatie: “…”", or the reference. */
  passage: string;
  source: 'handmatig' | 'import';
  sourceRow: number | null;
  createdAt: string;
  createdBy: string;
  response: ReviewResponse | null;
}

export interface CommentList {
  comments: ReviewComment[];
  counts: ReviewCounts;
}

/** One row of a comment table as read from a file, before it is stored. */
export interface ParsedCommentRow {
  /** 1-based row in the file (CSV line record, or table row in the document). */
  row: number;
  organisation: string | null;
  author: string | null;
  reference: string | null;
  body: string;
  type: CommentType;
  /** The type as written in the file, when it was not one of the four. */
  typeText: string | null;
}

export interface CommentTablePreview {
  format: 'docx' | 'csv';
  fileName: string;
  /** Which file column went to which field ("organisatie" ← "Naam organisatie"). */
  columns: Array<{ field: 'organisatie' | 'auteur' | 'passage' | 'commentaar' | 'type' | 'nr' | 'genegeerd'; header: string }>;
  rows: ParsedCommentRow[];
  /** Did not stop the import: skipped empty rows, extra columns, unknown types. */
  warnings: string[];
  /** Stop the import: nothing is stored while there are errors. */
  errors: string[];
  /** Organisations in the rows that are not invited yet (they will be added as having responded). */
  newOrganisations: string[];
}

export interface CommentImportResult {
  imported: number;
  firstNr: number | null;
  lastNr: number | null;
  invitationsAdded: string[];
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Report-ready sections (for the harmonisation report engine)

export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] };

export interface ReportSection {
  title: string;
  blocks: ReportBlock[];
  subsections: ReportSection[];
}

/** "3 commentaren", "1 commentaar". */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
