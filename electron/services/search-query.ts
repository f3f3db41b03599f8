/**
 * Turns what a user typed into FTS5 MATCH expressions. User input never reaches MATCH as syntax:
 * we pull out word tokens ourselves and quote each one, so quotes, -, *, :, ^, parentheses, NEAR,
 * AND/OR/NOT typed by a user are either dropped (punctuation) or searched for as plain words.
 */

/** More terms than this are ignored: a pasted paragraph should not become a 2,000-term AND. */
export const MAX_TERMS = 16;
/** A "word" longer than this is cut; no Dutch word is, and the trigram phrase stays small. */
export const MAX_TERM_CHARS = 64;
/** The trigram index cannot match anything shorter than one trigram. */
export const MIN_TRIGRAM_CHARS = 3;

export interface FtsQuery {
  /** The distinct terms, in the order typed. */
  terms: string[];
  /** For the word index: every term. Null when there are no terms. */
  word: string | null;
  /** For the trigram index: the terms of at least 3 characters. Null when there are none. */
  trigram: string | null;
  /** The shorter terms, which trigram hits must still contain as words. Null when there are none. */
  shortWords: string | null;
}

// Letters, digits and combining marks, the same characters unicode61 keeps in tokens; everything
// else separates terms, so "a-b" is two terms and "psycho-educatie" matches the indexed text.
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

// Characters that survive diacritic folding; combining marks alone do not make a trigram.
const BASE_CHAR = /[\p{L}\p{N}]/gu;
const baseLength = (term: string) => term.match(BASE_CHAR)?.length ?? 0;

/** An FTS5 string literal: double quotes, with any double quote inside doubled. */
export function quoteTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

export function extractTerms(input: string): string[] {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const match of input.normalize('NFC').matchAll(TOKEN)) {
    const term = [...match[0]].slice(0, MAX_TERM_CHARS).join('');
    if (baseLength(term) === 0) continue;
    const key = term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}

const all = (terms: string[]): string | null => (terms.length > 0 ? terms.map(quoteTerm).join(' AND ') : null);

export function buildFtsQuery(input: string): FtsQuery {
  const terms = extractTerms(input);
  const long = terms.filter((t) => baseLength(t) >= MIN_TRIGRAM_CHARS);
  const short = terms.filter((t) => baseLength(t) < MIN_TRIGRAM_CHARS);
  return { terms, word: all(terms), trigram: all(long), shortWords: all(short) };
}

// A term made only of letters and digits: every code point is one character of the trigram tokenizer.
const PLAIN = /^[\p{L}\p{N}]+$/u;

/**
 * A cheaper expression for the trigram index that matches at least every section `trigram` matches:
 * per long term its first and last trigram as separate tokens, ANDed. Single tokens need no
 * positions, so this costs a fraction of the phrase match, which compares the position lists of
 * every trigram of the term (a fifth for "coordinatie zorg" in 4M words). Terms with combining
 * marks keep their phrase. Null when the query has no long terms.
 */
export function trigramCover(q: FtsQuery): string | null {
  if (q.trigram === null) return null;
  const parts = new Set<string>();
  for (const term of q.terms) {
    if (baseLength(term) < MIN_TRIGRAM_CHARS) continue;
    const chars = [...term];
    if (!PLAIN.test(term)) {
      parts.add(quoteTerm(term));
      continue;
    }
    for (const at of [0, chars.length - 3]) parts.add(quoteTerm(chars.slice(at, at + 3).join('')));
  }
  return [...parts].join(' AND ');
}

/**
 * The term as both indexes fold it (lower case, diacritics removed), when that is known for certain:
 * ASCII letters and digits, and letters that decompose into one of those plus one combining accent
 * (é, ö, ï, ç …). Null for anything else, for which search keeps to the trigram index.
 * search-vocab.test.ts checks this against SQLite's own folding for every character it accepts.
 */
export function foldTerm(term: string): string | null {
  let out = '';
  for (const ch of term.normalize('NFC')) {
    const base = ch.normalize('NFD');
    if (!/^[A-Za-z0-9][\u0300-\u036f]?$/.test(base)) return null;
    out += (base[0] as string).toLowerCase();
  }
  return out;
}

/**
 * More indexed words than this for one query: the trigram index is the cheaper way. FTS5 steps every
 * child of an OR for each match, so an OR of n words costs about 0.1 ms per word at 4M words (50 ms
 * for the 450 words that contain "zorg" in a corpus with a rich vocabulary, against 5 ms for its
 * trigram phrase).
 */
export const MAX_COMPOUND_WORDS = 50;

/**
 * The indexed words, searchable for the words that contain a part: one string of all words, one per
 * line, so that a native indexOf finds every occurrence (a fraction of a millisecond for 100,000
 * words, against a few milliseconds for testing each word).
 */
export class Vocabulary {
  private readonly text: string;
  private readonly starts: Int32Array;

  constructor(readonly words: readonly string[]) {
    this.starts = new Int32Array(words.length);
    let at = 1;
    words.forEach((word, k) => {
      this.starts[k] = at;
      at += word.length + 1;
    });
    this.text = `\n${words.join('\n')}\n`;
  }

  /** The words that contain `part` (no line breaks in it), in vocabulary order; null when more than `max`. */
  containing(part: string, max: number): string[] | null {
    const out: string[] = [];
    let last = -1;
    for (let i = this.text.indexOf(part); i !== -1; i = this.text.indexOf(part, i + 1)) {
      // The word that starts last at or before i.
      let lo = 0;
      let hi = this.starts.length - 1;
      while (lo < hi) {
        const m = (lo + hi + 1) >> 1;
        if ((this.starts[m] as number) <= i) lo = m;
        else hi = m - 1;
      }
      if (lo === last) continue;
      last = lo;
      if (out.length === max) return null;
      out.push(this.words[lo] as string);
    }
    return out;
  }
}

/** How to find the sections that contain the long terms inside words (compound hits). */
export type CompoundPlan =
  /** Only the trigram index can tell (a term or a word it is in is not plain ASCII after folding, or too many words). */
  | { kind: 'trigram' }
  /** Some long term is in no indexed word: nothing matches. */
  | { kind: 'none' }
  /** Every long term is only in the word that is itself: compound matches are the word matches. */
  | { kind: 'same' }
  /**
   * Per long term (in the order of the trigram expression's phrases), its fold and the indexed words
   * that contain it; the expression ORs each term's words, ANDs the terms, and adds the short terms.
   */
  | { kind: 'words'; expression: string; parts: Array<{ part: string; words: string[] }> };

const PLAIN_WORD = /^[a-z0-9]+$/;

/**
 * Turns the trigram question "which sections contain each long term, also inside a word" into a
 * word-index expression over the indexed words that contain the term. Both indexes fold text the
 * same way (unicode61 and trigram both with SQLite's remove_diacritics-2 folding), a plain term
 * cannot match across a word boundary, and characters folded away inside a word (combining accents)
 * are dropped by both: so a section matches the trigram phrase of a plain term exactly when one of
 * its indexed words contains the folded term. search-vocab.test.ts checks these premises against
 * SQLite for every character of the Basic Multilingual Plane.
 *
 * `vocabulary` holds every indexed word (null when it cannot be trusted). Only plain words (ASCII
 * letters and digits) are put in the expression: those are sure to come out of the tokenizer again
 * as the same single word.
 */
export function compoundPlan(q: FtsQuery, vocabulary: Vocabulary | null): CompoundPlan {
  if (vocabulary === null || q.trigram === null) return { kind: 'trigram' };
  const parts: Array<{ part: string; words: string[] }> = [];
  let same = true;
  let count = 0;
  for (const term of q.terms) {
    if (baseLength(term) < MIN_TRIGRAM_CHARS) continue;
    const part = foldTerm(term);
    if (part === null) return { kind: 'trigram' };
    const words = vocabulary.containing(part, MAX_COMPOUND_WORDS - count);
    if (words === null || words.some((word) => !PLAIN_WORD.test(word))) return { kind: 'trigram' };
    if (words.length === 0) return { kind: 'none' };
    count += words.length;
    if (words.length > 1 || words[0] !== part) same = false;
    parts.push({ part, words });
  }
  if (same) return { kind: 'same' };
  const groups = parts.map(({ words }) => (words.length === 1 ? quoteTerm(words[0] as string) : `(${words.map(quoteTerm).join(' OR ')})`));
  const short = q.terms.filter((t) => baseLength(t) < MIN_TRIGRAM_CHARS).map(quoteTerm);
  return { kind: 'words', expression: [...groups, ...short].join(' AND '), parts };
}
