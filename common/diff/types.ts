/**
 * The contract of the word diff: options, segments for both texts, the list of changes with their
 * significance, and the edit script. Shared by the backend (compare service) and the renderer.
 * All positions are UTF-16 offsets into the original texts, so the UI shows the text as it was.
 */

export interface DiffOptions {
  /** "4.2.1", "Aanbeveling 3", list numbers and bullets at the start of a line do not count. */
  ignoreNumbering: boolean;
  /** Spaces, line breaks and tabs do not count (a re-flowed PDF is not a change). */
  ignoreWhitespace: boolean;
  /** Punctuation and hyphens inside words ("psycho-educatie" = "psychoeducatie") do not count. */
  ignorePunctuation: boolean;
  /** "Moet" = "moet". Diacritics always count: "een" and "één" differ in meaning. */
  ignoreCase: boolean;
  /** A passage deleted in one place and inserted in another is shown as a move. */
  detectMoves: boolean;
}

export const DEFAULT_DIFF_OPTIONS: Readonly<DiffOptions> = Object.freeze({
  ignoreNumbering: false,
  ignoreWhitespace: true,
  ignorePunctuation: false,
  ignoreCase: false,
  detectMoves: true,
});

export const DIFF_OPTION_KEYS = ['ignoreNumbering', 'ignoreWhitespace', 'ignorePunctuation', 'ignoreCase', 'detectMoves'] as const satisfies ReadonlyArray<keyof DiffOptions>;

export const DIFF_OPTION_LABEL: Record<keyof DiffOptions, string> = {
  ignoreNumbering: 'Negeer nummering',
  ignoreWhitespace: 'Negeer witruimte',
  ignorePunctuation: 'Negeer leestekens',
  ignoreCase: 'Negeer hoofdletters',
  detectMoves: 'Verplaatsingen tonen',
};

/** [start, end) in one text. An empty range marks a position (where text was inserted on the other side). */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * A run of one text with one look. Left texts have equal/deleted/moved, right texts
 * equal/inserted/moved. Segments of a side cover its whole text, in order, without gaps.
 */
export interface Segment {
  start: number;
  end: number;
  kind: 'equal' | 'deleted' | 'inserted' | 'moved';
  /** The change this run belongs to (index into changes). */
  change?: number;
  /** Links the two halves of a move. */
  move?: number;
}

/**
 * How much a change matters in a guideline, most important first: a negation or an obligation
 * word can turn a recommendation around, a number changes a dose or a term; the rest is wording.
 */
export const SIGNIFICANCES = ['ontkenning', 'modaal', 'getal', 'herformulering'] as const;
export type Significance = (typeof SIGNIFICANCES)[number];

export const SIGNIFICANCE_LABEL: Record<Significance, string> = {
  ontkenning: 'Ontkenning gewijzigd',
  modaal: 'Modaal woord gewijzigd',
  getal: 'Getal gewijzigd',
  herformulering: 'Herformulering',
};

export type ChangeKind = 'gewijzigd' | 'verwijderd' | 'toegevoegd' | 'verplaatst';

export const CHANGE_KIND_LABEL: Record<ChangeKind, string> = {
  gewijzigd: 'Gewijzigd',
  verwijderd: 'Verwijderd',
  toegevoegd: 'Toegevoegd',
  verplaatst: 'Verplaatst',
};

/** Why a change was flagged: the words (as written) that went and came. */
export interface Signal {
  type: Exclude<Significance, 'herformulering'>;
  removed: string[];
  added: string[];
}

export interface Change {
  /** Position in reading order of the right text; also the index in `changes`. */
  id: number;
  kind: ChangeKind;
  significance: Significance;
  signals: Signal[];
  /** Where the change is in the left text (empty: the point where text was added). */
  left: TextRange;
  right: TextRange;
  /** Set for kind 'verplaatst'. */
  move?: number;
}

/** Replace left[start, end) by text; edits are sorted and do not overlap. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export type ChangeCounts = Record<Significance, number> & { total: number; verplaatst: number };

/** The diff of two texts. */
export interface TextDiff {
  left: Segment[];
  right: Segment[];
  changes: Change[];
  /**
   * Positions that correspond in both texts ([left offset, right offset]), increasing on both
   * sides: what synchronised scrolling aligns on.
   */
  anchors: Array<[number, number]>;
  /**
   * True when the word diff hit its bound somewhere and a coarser diff (sentences, paragraphs,
   * or the whole text) was used there instead.
   */
  coarse: boolean;
  counts: ChangeCounts;
}

/** A word diff with its edit script: applyEdits(left, edits) gives the right text (see applyEdits). */
export interface WordDiff extends TextDiff {
  edits: Edit[];
}

/** Limits on the work of one diff, so a huge or totally rewritten text never freezes anything. */
export interface DiffBounds {
  /** Most token edits one jsdiff run may explore; by default derived from the sizes (work budget). */
  maxEditLength?: number;
  /** Absolute time (Date.now()) after which only coarse diffs are tried. */
  deadline?: number;
  /** Texts longer than this many tokens are first split at unique word triples (tests lower it). */
  anchorThreshold?: number;
}
