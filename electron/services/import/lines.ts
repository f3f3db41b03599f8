/**
 * Small text helpers shared by the PDF and plain-text importers: both start from visual lines that
 * must become paragraphs and list items again.
 */

/** Collapses whitespace, removes soft hyphens and zero-width characters, trims. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const VOWELS = 'aeiouyáéíóúàèëïöüâêîôû';

/**
 * Joins a line ending in "-" to the next line. Word-breaks ("begelei-" + "ding") lose the hyphen;
 * real hyphens stay: after a capital or digit ("ADHD-medicatie", "18-jarigen"), before a capital
 * ("Noord-Holland"), a suspended compound ("jeugd- en gezinsprofessional"), a one-letter part
 * ("e-mail") and Dutch vowel clashes that are written with a hyphen ("zee-egel", "auto-ongeluk").
 */
export function joinHyphenated(left: string, right: string, written?: ReadonlySet<string>): string {
  const l = left.trimEnd();
  const r = right.trimStart();
  if (!/[-\u2010\u2011]$/.test(l)) return r ? (l ? `${l} ${r}` : r) : l;
  const stem = l.slice(0, -1);
  // Only the end of the left text matters (and regexes on a long text would be slow).
  const lastWord = /([\p{L}\p{N}]+)$/u.exec(stem.slice(-80))?.[1] ?? '';
  const before = lastWord.slice(-1);
  const after = r.charAt(0);
  const nextWord = /^[\p{L}]+/u.exec(r.slice(0, 80))?.[0] ?? '';
  if (!lastWord) return `${l} ${r}`;
  // "jeugd- en gezinsprofessional": the hyphen stands for a shared part; keep it and the space.
  if (/^(en|of|tot|t\/m|noch)$/i.test(nextWord)) return `${l} ${r}`;
  // The document itself writes the word with this hyphen elsewhere ("evidence-based"), or the
  // word goes on with another hyphen ("zij-" + "aan-zij"): keep it. But "evi-" + "dence-based"
  // is "evidence-based" broken at a syllable.
  const follows = /^\p{L}+[-\u2010\u2011](\p{L}+)/u.exec(r.slice(0, 80))?.[1];
  if (follows && written?.has(`${lastWord}${nextWord}-${follows}`.toLowerCase())) return `${stem}${r}`;
  if (written?.has(`${lastWord}-${nextWord}`.toLowerCase()) || follows) return `${l}${r}`;
  const keepHyphen =
    !/\p{Ll}/u.test(after) ||
    /[\p{Lu}\p{N}]/u.test(before) ||
    lastWord.length === 1 ||
    (VOWELS.includes(before.toLowerCase()) && VOWELS.includes(after.toLowerCase()) && vowelClash(before, after));
  return keepHyphen ? `${l}${r}` : `${stem}${r}`;
}

/** Vowel pairs that would read as one sound if written together (Dutch writes "zee-egel", "na-apen"). */
function vowelClash(a: string, b: string): boolean {
  const pair = (a + b).toLowerCase();
  return ['aa', 'ee', 'oo', 'uu', 'ii', 'ie', 'ei', 'eu', 'ou', 'ui', 'au', 'oe', 'ae', 'oi', 'ai'].includes(pair);
}

/**
 * Hyphenated pairs a text writes in the middle of its lines ("evidence-based", "co-creatie" →
 * "evidence-based", "co-creatie", lower case): a word broken at such a hyphen at a line end keeps
 * it. A hyphen at the end of a line does not count, it may be a word break.
 */
export function hyphenatedPairs(lines: Iterable<string>): Set<string> {
  const pairs = new Set<string>();
  for (const line of lines) {
    for (const m of line.replace(/[-\u2010\u2011]\s*$/, '').matchAll(/\p{L}+(?:[-\u2010\u2011]\p{L}+)+/gu)) {
      const parts = m[0].toLowerCase().split(/[-\u2010\u2011]/);
      for (let i = 1; i < parts.length; i++) pairs.add(`${parts[i - 1]}-${parts[i]}`);
    }
  }
  return pairs;
}

/**
 * A web address broken over two lines goes on without a space, hyphen and all: the line ends in
 * an unfinished address ("…/kamerstukken/brieven_regering/detail?") or the next line starts with
 * the rest of one ("?id=…", "/link/…").
 */
function continuesUrl(last: string, next: string): boolean {
  if (!/(?:^|\s)(?:https?:\/\/|www\.)\S*$/.test(last) || /^(https?:\/\/|www\.)/i.test(next)) return false;
  if (/^[/?&=#%_~]/.test(next)) return true;
  // After a "/" or "?" the next line's first word must look like more of the address.
  const first = /^\S+/.exec(next)?.[0] ?? '';
  return /[/?&=#%_~.]$/.test(last) && /[/._?=&#%\-\d]/.test(first);
}

/** Joins wrapped lines into one text, repairing hyphenation at the line ends. */
export function joinLines(lines: readonly string[], written?: ReadonlySet<string>): string {
  // Joined pairwise on the last piece only, so a paragraph of thousands of lines stays linear.
  const parts: string[] = [];
  for (const raw of lines) {
    const line = cleanText(raw);
    if (!line) continue;
    const last = parts[parts.length - 1];
    if (last === undefined) parts.push(line);
    else if (continuesUrl(last, line)) parts[parts.length - 1] = `${last}${line}`;
    else if (/[-\u2010\u2011]$/.test(last)) parts[parts.length - 1] = joinHyphenated(last, line, written);
    else parts.push(line);
  }
  return parts.join(' ');
}

export interface ListMarker {
  ordered: boolean;
  /** The marker as written: "•", "1.", "a)". */
  marker: string;
  /** The text after the marker. */
  rest: string;
  /** Number for "1." / "1)", null for bullets and letters. */
  value: number | null;
  /** True when the marker was followed by a tab, which PDF extractors write after list labels. */
  tab: boolean;
}

// "|" is how some PDF-to-text tools render a bullet glyph they cannot map.
const BULLET = /^([•●○◦▪▫■□◆◇►▸‣⁃∙·*\-–—|\uF0B7\uF0A7\uF076\uF0D8])(\s+)(?=\S)/u;
const ORDERED = /^(\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\)|\([a-z]\))(\s+)(?=\S)/;

/** Recognises a list marker at the start of a line ("• tekst", "– tekst", "1. tekst", "a) tekst"). */
export function parseListMarker(line: string): ListMarker | null {
  const text = line.replace(/^\s+/, '');
  const bullet = BULLET.exec(text);
  if (bullet) {
    return { ordered: false, marker: bullet[1] ?? '', rest: text.slice(bullet[0].length).trim(), value: null, tab: (bullet[2] ?? '').includes('\t') };
  }
  const ordered = ORDERED.exec(text);
  if (ordered) {
    const marker = ordered[1] ?? '';
    const digits = /\d+/.exec(marker);
    return {
      ordered: true,
      marker,
      rest: text.slice(ordered[0].length).trim(),
      value: digits ? Number(digits[0]) : null,
      tab: (ordered[2] ?? '').includes('\t'),
    };
  }
  return null;
}

/** "12", "- 12 -", "Pagina 12 van 80", "blz. 12", "12 / 80": a page number and nothing else. */
export function isPageNumberLine(line: string): boolean {
  const t = cleanText(line);
  return (
    /^[-–—]?\s*\d{1,4}\s*[-–—]?$/.test(t) ||
    /^(pagina|page|blz\.?|p\.)\s*\d{1,4}(\s*(van|of|\/)\s*\d{1,4})?$/i.test(t) ||
    /^\d{1,4}\s*(van|of|\/)\s*\d{1,4}$/i.test(t)
  );
}

/** Words as a reader counts them: runs of text that contain a letter or digit. */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) {
    if (/[\p{L}\p{N}]/u.test(token)) count++;
  }
  return count;
}

/** True when a line ends a sentence (so the next line starts a new thought). */
export function endsSentence(text: string): boolean {
  return /[.!?:;)”"’]$/.test(text.trim());
}

/** A table-of-contents line: text, dot leaders, page number ("2.1 Diagnostiek ........ 12"). */
export const TOC_ENTRY = /^(.*[^.\s])\s*(?:\.\s?){4,}\s*(\d{1,4})$/;

/** A line that numbers itself as a heading ("2.3", "Hoofdstuk 4", "Aanbeveling 2.1", "Stap 3"). */
export const NUMBERED_HEADING = /^(\d{1,2}(\.\d{1,2})+\.?|hoofdstuk \d+|bijlage \w+|(kern)?aanbeveling( \d+(\.\d+)*)?|stap \d+|uitgangsvraag \d+)(\s|:|$)/i;
