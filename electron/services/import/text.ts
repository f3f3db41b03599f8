import { cleanText, endsSentence, isPageNumberLine, joinHyphenated, joinLines, parseListMarker } from './lines.js';
import { mergeAdjacentLists, parseHeading, type StructureItem } from './structure.js';

/**
 * Plain text to structure items. Text files here are usually copied or exported from PDFs: lines
 * are wrapped at the column width, words are hyphenated at line ends, headings are short lines
 * between blank lines (often numbered), and bullets come as "•", "–" or "|<tab>". Some exports also
 * carry light Markdown ("# Kop", "**vet**", "[tekst](#)") which we strip so search text is clean.
 */

export interface TextItems {
  items: StructureItem[];
  title: string | null;
}

/** Removes light inline markup that text exports carry; the words stay. */
function stripInlineMarkup(line: string): string {
  return line
    .replace(/<\/?(b|i|u|em|strong|sup|sub|span|br)\b[^>]*>/gi, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\((?:[^)\s]*)\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\*\*/g, '');
}

export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n\n')
    .replace(/\u00A0/g, ' ')
    .replace(/[\u2028\u2029]/g, '\n');
}

const MAX_HEADING_CHARS = 90;
const MAX_HEADING_WORDS = 14;

/**
 * Could this (joined) text be a heading: short, starts like one, does not end like a sentence.
 * `numbered`: it follows a multi-level number ("3.1.4.") on a block of its own, evidence enough
 * that a last word like "is" ends the title ("Versterken en verbinden wat er al is").
 */
function headingLike(text: string, requireCapital = true, numbered = false): boolean {
  const t = cleanText(text);
  if (!t || t.length > MAX_HEADING_CHARS) return false;
  if (t.split(' ').length > MAX_HEADING_WORDS) return false;
  if (!/\p{L}{2,}/u.test(t)) return false;
  // Table cells and codes ("VGR 7", "OZJ") are not headings: a heading has an ordinary word.
  if (!/\p{Ll}{3,}/u.test(t)) return false;
  if (/[.,;:]$/.test(t) && !/^(stap|aanbeveling|uitgangsvraag)\s+\d+[.:]?$/i.test(t)) return false;
  // A question can be a heading, but only a short one ("Wat werkt?").
  if (/[?!]$/.test(t) && t.split(' ').length > 8) return false;
  const first = t.replace(/^[\d.\s]+/, '').charAt(0);
  if (requireCapital && first && !/[\p{Lu}\d"'‘“(]/u.test(first)) return false;
  // A line that stops at an article or preposition ("… verdienen het", "… samen met") or at a
  // hyphen is a wrapped sentence, not a heading.
  if (/-$/.test(t)) return false;
  const lastWord = (t.split(' ').pop() ?? '').toLowerCase();
  if (t.split(' ').length > 1 && FUNCTION_WORDS.has(lastWord) && !numbered) return false;
  return true;
}

const FUNCTION_WORDS = new Set(
  'de het een en of van met in op voor aan te die dat om bij naar door over als is zijn was we wij je jij ze zij hun hen er ook niet maar dan tot uit zo nog wel al dit deze wat wie waar hoe wordt worden kan kunnen moet moeten heeft hebben'.split(' '),
);

function isAllCaps(line: string): boolean {
  const t = cleanText(line);
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 5 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && /\p{L}{4,}/u.test(t) && t.length <= 60 && !parseListMarker(t);
}

/** A shorter ALL-CAPS continuation line ("ACTIELIJN EN HET", "OZJ"). */
function isAllCapsPart(line: string): boolean {
  const t = cleanText(line);
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase() && t.length <= 60 && !parseListMarker(t);
}

const MULTI_LEVEL_NUMBER = /^\d{1,2}(\.\d{1,2})+\.?\s+\S/;
const SINGLE_NUMBER_LABEL = /^\d{1,2}(\.\d{1,2})*\.?$/;

type Emit = (item: StructureItem) => void;

/**
 * How many lines (0–3) at the start of a block are a heading with its text right below it. A
 * heading wraps onto a short next line when that line continues it: it starts in lower case or
 * the line before stops at an article, preposition or hyphen ("4.3 Samenwerking met school en /
 * wijkteam"). The line after the heading must start a sentence, so a paragraph whose first line
 * happens to be short is not taken in.
 */
function headingLinesBeforeText(lines: string[], accept: (text: string) => boolean): number {
  const first = cleanText(lines[0] ?? '');
  let count = accept(first) && first.length <= 70 ? 1 : 0;
  for (let k = 1; k <= 2 && k + 1 < lines.length; k++) {
    const previous = cleanText(lines[k - 1] ?? '');
    const next = cleanText(lines[k] ?? '');
    if (endsSentence(previous) || /[:;,]$/.test(previous) || next.length > 45 || parseListMarker(next)) break;
    const lastWord = (previous.split(' ').pop() ?? '').toLowerCase();
    if (!/^\p{Ll}/u.test(next) && !FUNCTION_WORDS.has(lastWord) && !/-$/.test(previous)) break;
    const joined = joinLines(lines.slice(0, k + 1));
    const after = cleanText(lines[k + 1] ?? '');
    if (joined.length <= 90 && accept(joined) && /^[\p{Lu}\d"'‘“(•–*-]/u.test(after)) count = k + 1;
  }
  return count;
}

/** Lines of one block (text between blank lines) to paragraph and list blocks. */
function emitBody(lines: string[], emit: Emit): void {
  const orderedLines = lines.filter((l) => parseListMarker(l)?.ordered).length;
  // One mutable holder, so the flush helpers and the loop agree on what is open.
  const open: { paragraph: string[]; list: { ordered: boolean; items: string[][] } | null } = { paragraph: [], list: null };
  const flushParagraph = (): void => {
    const text = joinLines(open.paragraph);
    if (text) emit({ type: 'block', block: { type: 'paragraph', text } });
    open.paragraph = [];
  };
  const flushList = (): void => {
    const items = open.list?.items.map((i) => joinLines(i)).filter(Boolean) ?? [];
    if (open.list && items.length) emit({ type: 'block', block: { type: 'list', ordered: open.list.ordered, items } });
    open.list = null;
  };
  for (const line of lines) {
    const marker = parseListMarker(line);
    // A numbered line only starts a list item inside a list or when more numbered lines follow;
    // "1. Inleiding" alone was already taken as a heading.
    if (marker && (!marker.ordered || open.list || orderedLines >= 2 || !headingLike(marker.rest))) {
      flushParagraph();
      if (!open.list || open.list.ordered !== marker.ordered) {
        flushList();
        open.list = { ordered: marker.ordered, items: [] };
      }
      open.list.items.push([marker.rest]);
    } else if (open.list) {
      // A line without a marker continues the current item.
      open.list.items[open.list.items.length - 1]?.push(line);
    } else {
      open.paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
}

/** Splits text into blocks of lines at blank lines. */
function splitBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) blocks.push(current);
  return blocks;
}

/**
 * One block to items: a heading (possibly wrapped over 2–3 lines), a heading line followed by
 * text, ALL-CAPS heading lines inside the block, or body text.
 */
function classifyBlock(rawLines: string[], emit: Emit, depth = 0): void {
  const lines = depth === 0 ? rawLines.map((l) => stripInlineMarkup(l)).filter((l) => cleanText(l) !== '') : rawLines;
  if (!lines.length) return;
  // Each rule below peels a heading off and looks at the rest again. A real block has a few
  // headings at most; a block that keeps producing them (a long list of short lines) is body text.
  if (depth > 40) {
    emitBody(lines, emit);
    return;
  }
  const first = cleanText(lines[0] ?? '');

  // Markdown-style heading lines: explicit, with the number of "#" as rank.
  const hashes = /^(#{1,6})\s+(.*)$/.exec(first);
  if (hashes) {
    const text = cleanText(hashes[2] ?? '');
    if (text) emit({ type: 'heading', text, source: 'explicit', rank: (hashes[1] ?? '#').length });
    if (lines.length > 1) classifyBlock(lines.slice(1), emit, depth + 1);
    return;
  }

  // A page number alone between blank lines.
  if (lines.length === 1 && isPageNumberLine(first)) return;

  // ALL-CAPS lines inside a block are headings ("BESCHOUWING" between page furniture); a caps
  // heading wrapped over several lines is one heading.
  // (Only the first lines are searched: a caps heading deep inside a huge block is rare, and
  // searching every line at every level would make huge blocks slow.)
  const capsIndex = lines.slice(0, 200).findIndex((l) => isAllCaps(l));
  if (capsIndex >= 0 && lines.length > 1) {
    let end = capsIndex + 1;
    while (end < lines.length && isAllCapsPart(lines[end] ?? '')) end++;
    if (capsIndex > 0) classifyBlock(lines.slice(0, capsIndex), emit, depth + 1);
    emit({ type: 'heading', text: joinLines(lines.slice(capsIndex, end)), source: 'heuristic', rank: 1 });
    if (end < lines.length) classifyBlock(lines.slice(end), emit, depth + 1);
    return;
  }
  if (lines.length === 1 && isAllCaps(first)) {
    emit({ type: 'heading', text: first, source: 'heuristic', rank: 1 });
    return;
  }

  // "| Kop" (a bar and a space) alone is a styled heading in some exports; "|<tab>" is a bullet.
  if (lines.length === 1 && /^\|\s(?!\s)/.test(lines[0] ?? '') && !(lines[0] ?? '').includes('\t')) {
    const text = cleanText(first.slice(1));
    if (headingLike(text)) {
      emit({ type: 'heading', text, source: 'heuristic' });
      return;
    }
  }

  const marker = parseListMarker(lines[0] ?? '');
  const numberedStart = MULTI_LEVEL_NUMBER.test(first) || (marker?.ordered && marker.value !== null && /^\d/.test(first));
  const numberOnly = SINGLE_NUMBER_LABEL.test(first) && lines.length >= 2;

  // A heading wrapped over up to three short lines: "3.2. Samenwerken met / gezin en alle
  // betrokkenen / onderling", or a number alone on its line followed by the title.
  if ((numberedStart || numberOnly) && lines.length <= 3 && lines.every((l) => cleanText(l).length <= 70)) {
    const joined = joinLines(lines);
    const otherNumbered = lines.slice(1).some((l) => parseListMarker(l)?.ordered || MULTI_LEVEL_NUMBER.test(cleanText(l)));
    if (!otherNumbered && headingLike(joined.replace(/^[\d.\s]+/, ''), true, MULTI_LEVEL_NUMBER.test(first)) && /^\d/.test(joined)) {
      emit({ type: 'heading', text: joined, source: 'heuristic', listLike: marker?.tab ?? false });
      return;
    }
  }
  // A multi-level numbered heading directly followed by its text, possibly wrapped.
  const numberedLines = MULTI_LEVEL_NUMBER.test(first) && lines.length > 1 ? headingLinesBeforeText(lines, (t) => headingLike(t)) : 0;
  if (numberedLines > 0) {
    emit({ type: 'heading', text: joinLines(lines.slice(0, numberedLines)), source: 'heuristic' });
    classifyBlock(lines.slice(numberedLines), emit, depth + 1);
    return;
  }
  // "Hoofdstuk 3 …", "Bijlage 2 …", "Aanbeveling 4" directly followed by text, possibly wrapped.
  const labelledLines =
    /^(hoofdstuk|bijlage|aanbeveling|kernaanbeveling|stap|uitgangsvraag)\s+[\dA-Z]/i.test(first) && lines.length > 1 ? headingLinesBeforeText(lines, (t) => headingLike(t, false)) : 0;
  if (labelledLines > 0) {
    emit({ type: 'heading', text: joinLines(lines.slice(0, labelledLines)), source: 'heuristic' });
    classifyBlock(lines.slice(labelledLines), emit, depth + 1);
    return;
  }

  // "1.<tab>Versterken grondhouding" directly followed by its text: a numbered sub-heading.
  if (marker?.ordered && marker.tab && lines.length > 1 && headingLike(marker.rest) && marker.rest.length <= 60 && !parseListMarker(lines[1] ?? '')) {
    emit({ type: 'heading', text: first, source: 'heuristic', listLike: true });
    classifyBlock(lines.slice(1), emit, depth + 1);
    return;
  }
  // A short heading line directly above its paragraph ("Leren doe je samen" / "Elke dag …"): the
  // next line starts a sentence and the heading is clearly shorter than the paragraph's lines.
  if (lines.length >= 2 && !marker) {
    const second = cleanText(lines[1] ?? '');
    const longest = Math.max(...lines.slice(1).map((l) => cleanText(l).length));
    if (first.length <= 50 && first.split(' ').length <= 7 && /^[\p{L}\d]/u.test(first) && headingLike(first) && /^[\p{Lu}]/u.test(second) && first.length <= longest * 0.75) {
      emit({ type: 'heading', text: first, source: 'heuristic' });
      classifyBlock(lines.slice(1), emit, depth + 1);
      return;
    }
  }
  // A heading glued under the last line of the previous page's text (no blank line between):
  // a short last line after a finished sentence.
  if (lines.length >= 2) {
    const last = cleanText(lines[lines.length - 1] ?? '');
    const before = cleanText(lines[lines.length - 2] ?? '');
    if (last.length <= 60 && /[.!?]$/.test(before) && !/[?!]$/.test(last) && !parseListMarker(last) && headingLike(last) && !/^\p{Ll}/u.test(last)) {
      classifyBlock(lines.slice(0, -1), emit, depth + 1);
      emit({ type: 'heading', text: last, source: 'heuristic' });
      return;
    }
  }
  // A short line on its own is a heading; so is a two-line one whose second line continues the
  // first ("Terugblik en / vooruitblik").
  if (lines.length === 1 && !marker && headingLike(first)) {
    emit({ type: 'heading', text: first, source: 'heuristic' });
    return;
  }
  if (
    lines.length === 2 &&
    !marker &&
    !endsSentence(first) &&
    /^\p{Ll}/u.test(cleanText(lines[1] ?? '')) &&
    headingLike(joinLines(lines)) &&
    joinLines(lines).length <= 60
  ) {
    emit({ type: 'heading', text: joinLines(lines), source: 'heuristic' });
    return;
  }
  emitBody(lines, emit);
}

/**
 * A page break in the source leaves a blank line inside a sentence: a paragraph or list item that
 * does not end a sentence, followed by a paragraph that starts in lower case, is one text.
 */
function joinBrokenBlocks(items: StructureItem[]): StructureItem[] {
  const out: StructureItem[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (item.type === 'block' && item.block.type === 'paragraph' && /^\p{Ll}/u.test(item.block.text) && prev?.type === 'block') {
      const block = prev.block;
      if (block.type === 'paragraph' && !endsSentence(block.text)) {
        out[out.length - 1] = { ...prev, block: { type: 'paragraph', text: joinHyphenated(block.text, item.block.text) } };
        continue;
      }
      const last = block.type === 'list' ? block.items[block.items.length - 1] : undefined;
      if (block.type === 'list' && last !== undefined && !endsSentence(last) && !/[,;]$/.test(last)) {
        const items2 = [...block.items.slice(0, -1), joinHyphenated(last, item.block.text)];
        out[out.length - 1] = { ...prev, block: { ...block, items: items2 } };
        continue;
      }
    }
    out.push(item);
  }
  return out;
}

/**
 * @param checkpoint called every few hundred blocks so a long text does not block the event loop
 *   and cancellation is noticed.
 */
/**
 * Drops running headers and footers that a PDF-to-text export left in the text: lines that come
 * back at least three times with only a number changing ("Slotrapportage | november 2021 | 8 |",
 * "Pagina 3 van 40"). Lines that start with a number are numbered headings and stay.
 */
export function dropRunningLines(lines: string[]): string[] {
  const keyOf = (t: string): string => t.toLowerCase().replace(/\d+/g, '#');
  const variants = new Map<string, Set<string>>();
  // The changing number is the page number: at the end ("| 8 |", "pagina 3", "3 van 40"), and the
  // line is not a sentence.
  const candidate = (t: string): boolean =>
    t.length > 0 &&
    t.length <= 120 &&
    !/^\d/.test(t) &&
    !/[.?!:;,]$/.test(t) &&
    /\d+(\s*(van|of|\/)\s*\d+)?[\s|)\]–—-]*$/.test(t) &&
    t.split(' ').length >= 3 &&
    parseHeading(t).role === 'plain';
  for (const line of lines) {
    const t = cleanText(line);
    if (!candidate(t)) continue;
    const key = keyOf(t);
    const set = variants.get(key) ?? new Set<string>();
    set.add(t);
    variants.set(key, set);
  }
  // Page furniture is a small share of the lines (one or two per page); a pattern that makes up
  // a large part of the text ("Kop nummer 1", "Kop nummer 2", …) is content.
  const nonEmpty = lines.reduce((n, l) => n + (l.trim() ? 1 : 0), 0);
  const running = new Set([...variants].filter(([, set]) => set.size >= 3 && set.size <= Math.max(3, nonEmpty * 0.1)).map(([key]) => key));
  return lines.filter((line) => {
    const t = cleanText(line);
    return !(candidate(t) && running.has(keyOf(t)));
  });
}

export async function textToItems(text: string, checkpoint?: () => Promise<void>): Promise<TextItems> {
  const blocks = splitBlocks(dropRunningLines(normaliseText(text).split('\n')).join('\n'));
  const items: StructureItem[] = [];
  const emit: Emit = (item) => {
    if (item.type === 'block' && item.block.type === 'paragraph' && !item.block.text) return;
    items.push(item);
  };
  let n = 0;
  for (const block of blocks) {
    if (checkpoint && ++n % 200 === 0) await checkpoint();
    classifyBlock(block, emit);
  }
  const merged = mergeAdjacentLists(joinBrokenBlocks(items));
  const firstHeading = merged.find((i) => i.type === 'heading');
  const title =
    firstHeading?.type === 'heading' && firstHeading.source === 'explicit' && firstHeading.rank === 1 && merged[0] === firstHeading
      ? firstHeading.text
      : null;
  return { items: merged, title };
}

