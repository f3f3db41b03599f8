/**
 * The "beter doen / beter laten / beter onderzoeken" lists: versions of a list, their items, links
 * to passages in standards, dialogue sessions and Delphi-style voting rounds per perspective.
 * Shared by backend and renderer; this file is the contract between them.
 */

export const ITEM_CATEGORIES = ['beter_doen', 'beter_laten', 'beter_onderzoeken'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_CATEGORY_LABEL: Record<ItemCategory, string> = {
  beter_doen: 'Beter doen',
  beter_laten: 'Beter laten',
  beter_onderzoeken: 'Beter onderzoeken',
};

export const EVIDENCE_TYPES = ['wetenschap', 'praktijk', 'ervaring'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const USE_CONTEXTS = ['keuze_professional', 'inrichting_organisatie', 'inkoop_gemeente'] as const;
export type UseContext = (typeof USE_CONTEXTS)[number];
export const USE_CONTEXT_LABEL: Record<UseContext, string> = {
  keuze_professional: 'Keuze professional met jongere en gezin',
  inrichting_organisatie: 'Inrichting organisatie',
  inkoop_gemeente: 'Inkoop gemeente',
};

export const ITEM_STATUSES = ['concept', 'besproken', 'vastgesteld', 'vervallen'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const LIST_STATUSES = ['concept', 'in_consultatie', 'vastgesteld', 'gearchiveerd'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export const LIST_STATUS_LABEL: Record<ListStatus, string> = {
  concept: 'Concept',
  in_consultatie: 'In consultatie',
  vastgesteld: 'Vastgesteld',
  gearchiveerd: 'Gearchiveerd',
};

/** The six KBL perspectives; delegates and votes belong to one. */
export const PERSPECTIVES = ['ervaring', 'professionals', 'wijkteams', 'organisaties', 'gemeenten', 'kennis'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

export const VOTES = ['eens', 'neutraal', 'oneens'] as const;
export type Vote = (typeof VOTES)[number];

/** A list version ("Conceptlijst Q1 2026", "Herziene lijst"); a new version copies the items of its predecessor. */
export interface BdlList {
  id: number;
  /** Lists that are versions of each other share a series id (the first version's id). */
  seriesId: number;
  title: string;
  versionLabel: string;
  status: ListStatus;
  previousListId: number | null;
  description: string | null;
  createdAt: string;
  createdBy: string;
  itemCount: number;
  countsByCategory: Record<ItemCategory, number>;
}

/** A link from an item to a passage: either an annotation or a span of a section. */
export interface PassageLink {
  id: number;
  /** 'annotatie': follows the annotation wherever it is placed; 'passage': a fixed span of a section. */
  kind: 'annotatie' | 'passage';
  annotationId: string | null;
  sectionId: number | null;
  standardId: string;
  standardTitle: string;
  versionId: number | null;
  versionLabel: string | null;
  sectionNumber: string | null;
  sectionHeading: string | null;
  quote: string;
  /** Set when the standard has a version newer than the linked one: the link needs attention. */
  newerVersion: { id: number; label: string } | null;
  /** The linked text could not be found any more (version deleted, annotation loose). */
  broken: boolean;
  /** Why it is broken, in Dutch, for the UI; null when not broken. */
  brokenReason: string | null;
}

export interface BdlItem {
  id: number;
  /** Stable across list versions: the same item in v1 and v2 shares it. */
  itemKey: string;
  listId: number;
  category: ItemCategory;
  ordinal: number;
  statement: string;
  rationale: string | null;
  evidenceTypes: EvidenceType[];
  targetGroup: string | null;
  setting: string | null;
  useContexts: UseContext[];
  status: ItemStatus;
  /** For beter onderzoeken: the knowledge question (kennisvraag). */
  knowledgeQuestion: string | null;
  clientWording: string | null;
  /** The harmonisation pilot this item came out of (shown in its report), if any. */
  pilotId: number | null;
  /** Values from the 'leerlijn' vocabulary. */
  leerlijnen: string[];
  links: PassageLink[];
  /**
   * Perspectives whose last vote on this item did not reach consensus, kept on record: set when a
   * round closes (from the last closed round that had votes on the item) and copied with the item
   * to a new list version. agreePercent is 0..1 like VoteTally; comments are those of the
   * perspective's neutraal/oneens votes.
   */
  dissent: Array<{ perspective: Perspective; roundId: number; agreePercent: number; comments: string[] }>;
  createdAt: string;
  updatedAt: string;
}

export interface Delegate {
  name: string;
  perspective: Perspective;
  organisation: string | null;
}

export interface DialogueSession {
  id: number;
  listId: number;
  date: string;
  title: string;
  delegates: Delegate[];
  /** Per item discussed: what was said and what changed as a result. */
  notes: Array<{ itemId: number; note: string; change: string | null }>;
  createdAt: string;
}

export interface ConsensusRule {
  /** Minimum share of "eens" among votes cast, 0..1 (e.g. 0.7). */
  minAgree: number;
  /** Also require the median vote to be "eens" (eens=3, neutraal=2, oneens=1). */
  requireMedianAgree: boolean;
  /** Also require the rule to hold within every perspective that voted. */
  perPerspective: boolean;
}

export interface VotingRound {
  id: number;
  listId: number;
  number: number;
  title: string;
  rule: ConsensusRule;
  status: 'open' | 'gesloten';
  itemIds: number[];
  createdAt: string;
  closedAt: string | null;
}

export interface VoteRecord {
  roundId: number;
  itemId: number;
  delegate: string;
  perspective: Perspective;
  vote: Vote;
  comment: string | null;
}

export interface VoteTally {
  eens: number;
  neutraal: number;
  oneens: number;
  total: number;
  /** eens / total, 0..1; null when nobody voted. */
  agreePercent: number | null;
  /** Median on the scale oneens=1, neutraal=2, eens=3; null when nobody voted. */
  median: number | null;
}

export interface ItemRoundResult {
  itemId: number;
  overall: VoteTally;
  byPerspective: Partial<Record<Perspective, VoteTally>>;
  consensus: boolean;
  /** Perspectives that on their own did not reach the threshold. */
  dissentingPerspectives: Perspective[];
  comments: Array<{ delegate: string; perspective: Perspective; vote: Vote; comment: string }>;
}

export interface RoundResult {
  round: VotingRound;
  items: ItemRoundResult[];
  /** Items without consensus, to carry into the next round. */
  carryOver: number[];
}

/** Differences between a list version and its predecessor, matched by itemKey. */
export interface ListDiff {
  added: BdlItem[];
  removed: BdlItem[];
  changed: Array<{ before: BdlItem; after: BdlItem; fields: string[] }>;
  unchanged: number;
}

/** Who an export is for: professionals get rationale and quoted sources; clients the client wording. */
export const EXPORT_AUDIENCES = ['professionals', 'clienten'] as const;
export type ExportAudience = (typeof EXPORT_AUDIENCES)[number];

/** How an export groups items: by category (doen/laten/onderzoeken) or by use context. */
export const EXPORT_GROUPINGS = ['categorie', 'gebruikscontext'] as const;
export type ExportGrouping = (typeof EXPORT_GROUPINGS)[number];

/** A binary export (DOCX): the bytes as base64, because API values travel as JSON. */
export interface BinaryExportFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}
