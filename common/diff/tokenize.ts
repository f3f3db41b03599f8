/**
 * Splits a text into words, numbers, whitespace and punctuation, keeping every character, and
 * marks the tokens that are numbering ("4.2.1 ", "Aanbeveling 3", "a) ", "- ") so that option
 * can ignore exactly those and nothing else.
 */
import type { DiffOptions } from './types.js';

export type TokenType = 'word' | 'number' | 'space' | 'punct';

export interface Token {
  text: string;
  start: number;
  end: number;
  type: TokenType;
  numbering: boolean;
}

// Numbers keep their inner dots and commas ("4.2.1", "3,5"); words keep inner hyphens and
// apostrophes ("psycho-educatie", "zo'n"); anything else is one punctuation character.
const TOKEN = /(\s+)|(\p{N}+(?:[.,]\p{N}+)+)|([\p{L}\p{M}\p{N}]+(?:[-'’‐][\p{L}\p{M}\p{N}]+)*)|([\s\S])/gu;
const PURE_NUMBER = /^\p{N}+(?:[.,]\p{N}+)*$/u;

/** Words after which a number is a label of a part of the document, also in running text ("zie paragraaf 4.2"). */
const NUMBERING_WORDS = new Set(['aanbeveling', 'hoofdstuk', 'bijlage', 'paragraaf', 'stap', 'module', 'deel', 'artikel', 'tabel', 'figuur', 'sectie', 'kernaanbeveling']);
/** Cheap test first: most words are not 4 to 15 letters starting with one of these. */
const NUMBERING_INITIALS = new Set([...NUMBERING_WORDS].map((w) => w.charCodeAt(0)));
const isNumberingWord = (word: string) => word.length >= 4 && word.length <= 15 && NUMBERING_INITIALS.has(word.charCodeAt(0) | 32) && NUMBERING_WORDS.has(word.toLowerCase());
const BULLETS = new Set(['-', '–', '—', '•', '*', '·', '▪', '◦', '‣', '○', '■', '□', '►', '>']);
const ROMAN = /^[IVXLC]+$/;

// The same alternatives without groups: the type is read off the token, which is cheaper than groups.
const TOKEN_FAST = /\s+|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:[-'’‐][\p{L}\p{M}\p{N}]+)*|[\s\S]/gu;
const WORD_START = /^[\p{L}\p{M}\p{N}]/u;
const SPACE_START = /^\s/u;

function typeOf(value: string): TokenType {
  const c = value.charCodeAt(0);
  if (c < 128) {
    if (c === 32 || (c >= 9 && c <= 13)) return 'space';
    if (c >= 48 && c <= 57) return PURE_NUMBER.test(value) ? 'number' : 'word';
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 'word' : 'punct';
  }
  if (SPACE_START.test(value)) return 'space';
  if (!WORD_START.test(value)) return 'punct';
  return PURE_NUMBER.test(value) ? 'number' : 'word';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_FAST.lastIndex = 0;
  for (let m = TOKEN_FAST.exec(text); m; m = TOKEN_FAST.exec(text)) {
    const value = m[0];
    tokens.push({ text: value, start: m.index, end: m.index + value.length, type: typeOf(value), numbering: false });
  }
  markNumbering(tokens);
  return tokens;
}

/** The specification of tokenize: one regular expression with a group per type (tests compare the two). */
export function tokenizeByGroups(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const value = m[0];
    const type: TokenType = m[1] !== undefined ? 'space' : m[2] !== undefined ? 'number' : m[3] !== undefined ? (PURE_NUMBER.test(value) ? 'number' : 'word') : 'punct';
    tokens.push({ text: value, start, end: start + value.length, type, numbering: false });
  }
  markNumbering(tokens);
  return tokens;
}

const isSpace = (t: Token | undefined) => t?.type === 'space';
const isPunct = (t: Token | undefined, chars: string) => t?.type === 'punct' && chars.includes(t.text);

function markNumbering(tokens: Token[]): void {
  let lineStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.type === 'space') {
      if (t.text.includes('\n')) lineStart = true;
      continue;
    }
    if (lineStart) markLineStart(tokens, i);
    lineStart = false;
    if (t.type === 'word' && isNumberingWord(t.text)) {
      const space = tokens[i + 1];
      const number = tokens[i + 2];
      if (isSpace(space) && !space?.text.includes('\n') && number?.type === 'number') number.numbering = true;
    }
  }
}

/** The label that opens a line: a list number, a letter, a bullet, a section number or "Aanbeveling 3:". */
function markLineStart(tokens: Token[], i: number): void {
  const t = tokens[i] as Token;
  const n1 = tokens[i + 1];
  const n2 = tokens[i + 2];
  const mark = (...ts: Array<Token | undefined>) => ts.forEach((x) => x && (x.numbering = true));
  const endsLabel = (x: Token | undefined) => x === undefined || x.type === 'space';
  if (t.type === 'punct' && BULLETS.has(t.text) && isSpace(n1)) return mark(t);
  if (t.type === 'number') {
    if (isPunct(n1, '.)') && endsLabel(n2)) return mark(t, n1);
    // "4.2 Medicatie" or "1 Inleiding": a bare integer only before a capital, so "3 kinderen" stays text.
    if (isSpace(n1) && (t.text.includes('.') || (n2?.type === 'word' && /^\p{Lu}/u.test(n2.text)))) return mark(t);
    return;
  }
  if (isPunct(t, '(') && (n1?.type === 'number' || (n1?.type === 'word' && n1.text.length === 1)) && isPunct(n2, ')')) return mark(t, n1, n2);
  if (t.type === 'word' && ((t.text.length === 1 && /\p{Ll}/u.test(t.text)) || ROMAN.test(t.text)) && isPunct(n1, ')' + (ROMAN.test(t.text) ? '.' : '')) && endsLabel(n2)) return mark(t, n1);
  if (t.type === 'word' && isNumberingWord(t.text) && isSpace(n1) && n2?.type === 'number') {
    const after = tokens[i + 3];
    if (isPunct(after, ':.')) mark(after);
  }
}

const HAS_NON_ASCII = /[^\u0000-\u007f]/;
const INNER_PUNCT = /[-'’‐]/g;

/** What a token is compared on under the options, or null when the options ignore it. */
export function tokenKey(t: Token, o: DiffOptions): string | null {
  if (o.ignoreNumbering && t.numbering) return null;
  switch (t.type) {
    case 'space':
      return o.ignoreWhitespace ? null : t.text;
    case 'punct':
      return o.ignorePunctuation ? null : t.text;
    default: {
      let k = HAS_NON_ASCII.test(t.text) ? t.text.normalize('NFC') : t.text;
      if (o.ignorePunctuation && t.type === 'word') k = k.replace(INNER_PUNCT, '');
      if (o.ignoreCase) k = k.toLowerCase();
      return k;
    }
  }
}

/** Sentences (ending in . ! ? or a line break) as token index ranges, for the coarse diff. */
export function sentenceUnits(tokens: readonly Token[]): Array<[number, number]> {
  return units(tokens, (t, next) => (t.type === 'punct' && '.!?'.includes(t.text) && (next === undefined || next.type === 'space')) || (t.type === 'space' && t.text.includes('\n')));
}

/** Paragraphs (ending in a blank line), for the coarsest diff. */
export function paragraphUnits(tokens: readonly Token[]): Array<[number, number]> {
  return units(tokens, (t) => t.type === 'space' && /\n\s*\n/.test(t.text));
}

function units(tokens: readonly Token[], endsAfter: (t: Token, next: Token | undefined) => boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!endsAfter(t, tokens[i + 1])) continue;
    // Trailing spaces stay with the unit they close.
    let end = i + 1;
    while (end < tokens.length && tokens[end]?.type === 'space' && !(tokens[end] as Token).text.includes('\n')) end++;
    if (end < tokens.length && tokens[end]?.type === 'space') end++;
    out.push([start, end]);
    start = end;
    i = end - 1;
  }
  if (start < tokens.length) out.push([start, tokens.length]);
  return out;
}
