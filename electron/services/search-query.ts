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
