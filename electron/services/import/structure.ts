import type { Block, ParsedSection, SectionKind } from '../../../common/document.js';
import { cleanText, countWords } from './lines.js';

/**
 * The shared section detector. Every importer turns its file into a flat stream of items — heading
 * candidates and blocks in reading order — and this module decides which candidates are real
 * headings, what their number, level and kind are, and which blocks belong to which section.
 *
 * Two kinds of heading candidates arrive:
 *  - explicit: the file marks them as headings (HTML h1–h6, Word heading styles, Markdown "#",
 *    PDF lines in a larger or bold font). `rank` is the file's own level (1 = most important).
 *  - heuristic: guessed from plain text (a short line between blank lines, a numbered line, an
 *    ALL-CAPS line). These are checked harder: repeated running headers are dropped, runs of
 *    candidates without text between them are tables of contents or navigation and become lists.
 */

export type HeadingSource = 'explicit' | 'heuristic';

export type StructureItem =
  | {
      type: 'heading';
      text: string;
      source: HeadingSource;
      /** 1 = most important; explicit headings always have one, heuristic ones may (ALL-CAPS lines). */
      rank?: number;
      page?: number | null;
      /** The number was written like a list label ("1.<tab>"), so it is never a chapter number. */
      listLike?: boolean;
      /** Set by the structure detector for the first line of a text that opens with a title. */
      title?: boolean;
    }
  | { type: 'block'; block: Block; page?: number | null }
  /** A boxed part (HTML div.aanbeveling, a "kader"): its content is a recommendation. */
  | { type: 'boxStart'; page?: number | null }
  | { type: 'boxEnd' };

export interface ParsedHeading {
  /** "4.2.1", "Aanbeveling 3", "Stap 2", "Bijlage 2", or null. */
  number: string | null;
  /** The heading without its number. */
  heading: string;
  /** Parts of a numeric number ("4.2.1" → [4, 2, 1]), else null. */
  parts: number[] | null;
  role: 'numbered' | 'chapter' | 'appendix' | 'recommendation' | 'rationale' | 'step' | 'frontmatter' | 'plain';
  /** True when the heading text itself says rationale (also for numbered "4.3 Onderbouwing"). */
  rationale: boolean;
}

const RECOMMENDATION = /^(kern)?aanbeveling(en)?\b/i;
const RATIONALE = /^((wetenschappelijke|praktische|overige|inhoudelijke)\s+)?(onderbouwing|overwegingen|conclusies?)\b/i;
/** Front and back matter, as the whole heading ("Literatuur", "Literatuur en bronnen"). */
const FRONTMATTER =
  /^(voorwoord|inhoud|inhoudsopgave|inhoudstafel|colofon|samenvatting|leeswijzer|dankwoord|verantwoording|literatuur(lijst)?|referenties|bronnen|bronvermelding|afkortingen(lijst)?|begrippen(lijst)?|verklarende woordenlijst|woordenlijst|over deze (richtlijn|standaard|handreiking)|disclaimer)( en [\p{L}]+)?$/iu;
const TOC_HEADING = /^(inhoud|inhoudsopgave|inhoudstafel|contents)$/i;

function stripPunctuation(text: string): string {
  return text.replace(/^[\s:.–—-]+/, '').trim();
}

/** Splits a heading into number and text and says what kind of heading it is. */
export function parseHeading(raw: string): ParsedHeading {
  const text = cleanText(raw).replace(/^#+\s*/, '');
  let m = /^hoofdstuk\s+(\d{1,3})\b[\s.:–—-]*(.*)$/i.exec(text);
  if (m) {
    const rest = stripPunctuation(m[2] ?? '');
    return { number: m[1] ?? null, heading: rest || `Hoofdstuk ${m[1]}`, parts: [Number(m[1])], role: 'chapter', rationale: false };
  }
  m = /^bijlage\s+(\d{1,3}|[A-Z]|[IVX]{1,5})\b[\s.:–—-]*(.*)$/i.exec(text);
  if (m) {
    const number = `Bijlage ${m[1]}`;
    return { number, heading: stripPunctuation(m[2] ?? '') || number, parts: null, role: 'appendix', rationale: false };
  }
  if (/^bijlage(n)?\b/i.test(text)) return { number: null, heading: text, parts: null, role: 'appendix', rationale: false };
  m = /^((?:kern)?aanbeveling)\s+(\d{1,3}(?:\.\d{1,3})*)\b[\s.:–—-]*(.*)$/i.exec(text);
  if (m) {
    const word = (m[1] ?? '').charAt(0).toUpperCase() + (m[1] ?? '').slice(1).toLowerCase();
    const number = `${word} ${m[2]}`;
    return { number, heading: stripPunctuation(m[3] ?? '') || number, parts: null, role: 'recommendation', rationale: false };
  }
  if (RECOMMENDATION.test(text)) return { number: null, heading: text.replace(/:$/, ''), parts: null, role: 'recommendation', rationale: false };
  m = /^(stap|uitgangsvraag|module)\s+(\d{1,3}(?:\.\d{1,3})*)\b[\s.:–—-]*(.*)$/i.exec(text);
  if (m) {
    const word = (m[1] ?? '').charAt(0).toUpperCase() + (m[1] ?? '').slice(1).toLowerCase();
    const number = `${word} ${m[2]}`;
    return { number, heading: stripPunctuation(m[3] ?? '') || number, parts: null, role: 'step', rationale: false };
  }
  // "4", "4.2", "4.2.1", "4.2.1." followed by the heading text; numbers are at most two digits
  // per part so years ("2026 in cijfers") and amounts are not taken for chapter numbers.
  m = /^(\d{1,2}(?:\.\d{1,2}){0,5})\.?(?:\s+)(.*\S.*)$/.exec(text);
  if (m && /^[\p{L}"'‘“(]/u.test(m[2] ?? '')) {
    const parts = (m[1] ?? '').split('.').map(Number);
    const heading = stripPunctuation(m[2] ?? '');
    return { number: parts.join('.'), heading, parts, role: 'numbered', rationale: RATIONALE.test(heading) };
  }
  if (RATIONALE.test(text)) return { number: null, heading: text, parts: null, role: 'rationale', rationale: true };
  if (FRONTMATTER.test(text)) return { number: null, heading: text, parts: null, role: 'frontmatter', rationale: false };
  return { number: null, heading: text, parts: null, role: 'plain', rationale: false };
}

/** Compares headings regardless of case, spacing, punctuation and hyphenation ("Kwaliteit-standaarden"). */
function headingKey(number: string | null, heading: string): string {
  return `${number ?? ''}|${heading.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')}`;
}

/** A TOC entry ends in a page number, often after dot leaders: "Diagnostiek ........ 12". */
function endsWithPageNumber(text: string): boolean {
  return /(\.{2,}|…|\s)\s*\d{1,3}$/.test(cleanText(text));
}

export interface BuildOptions {
  /** Title from metadata or the file's own title element; used for the section before any heading. */
  title?: string | null;
  /** Yield to the event loop every so many items (the caller passes a checkpoint). */
  checkpoint?: () => Promise<void>;
}

export interface BuildResult {
  sections: ParsedSection[];
  title: string | null;
  wordCount: number;
}

interface OpenSection extends ParsedSection {
  key: string;
  heuristic: boolean;
  /** The level the heading asked for; `level` is where it ends up once skipped levels are closed. */
  requested: number;
  /** The heading was made up by us (text before the first heading), so its words are not counted. */
  synthetic?: boolean;
}

type HeadingItem = Extract<StructureItem, { type: 'heading' }>;

const isHeuristicHeading = (item: StructureItem | undefined): item is HeadingItem => item?.type === 'heading' && item.source === 'heuristic';
const isTocHeading = (item: StructureItem | undefined): boolean => item?.type === 'heading' && TOC_HEADING.test(parseHeading(item.text).heading);

/**
 * Rewrites runs of heuristic heading candidates that have no text between them. A run with sibling
 * numbers ("1 …", "2 …", "3 …") or page numbers is a table of contents: it becomes one list. In
 * other runs, unnumbered plain candidates that are directly followed by another candidate are
 * navigation labels (tabs repeated on every page of a web-style PDF) and become list items too.
 * The last candidate of a run is kept as a heading when it introduces the text that follows.
 */
function rewriteHeuristicRuns(items: StructureItem[]): StructureItem[] {
  const out: StructureItem[] = [];
  let i = 0;
  let afterTocHeading = false;
  let seenBlock = false;
  let seenHeading = false;
  while (i < items.length) {
    const item = items[i];
    if (!item) break;
    if (item.type !== 'heading' || item.source !== 'heuristic') {
      if (item.type === 'block') seenBlock = true;
      if (item.type === 'heading') {
        afterTocHeading = isTocHeading(item);
        seenHeading = true;
      }
      out.push(item);
      i++;
      continue;
    }
    // A run stops before a table-of-contents heading, and that heading stands alone: what
    // follows it is the table itself.
    let j = i + 1;
    if (!isTocHeading(item)) while (j < items.length && isHeuristicHeading(items[j]) && !isTocHeading(items[j])) j++;
    const run = items.slice(i, j) as HeadingItem[];
    const followedByText = items[j]?.type === 'block';
    i = j;
    if (run.length === 1) {
      const only = run[0] as HeadingItem;
      out.push(only);
      afterTocHeading = isTocHeading(only);
      seenHeading = true;
      continue;
    }
    const parsed = run.map((h) => parseHeading(h.text));
    // A run at the very start of the document begins with the title.
    if (!seenBlock && !seenHeading && parsed[0]?.role === 'plain') {
      const titleCandidate: HeadingItem = { ...(run[0] as HeadingItem), rank: 1, title: true };
      out.push(titleCandidate);
      run.shift();
      parsed.shift();
    }
    // Entries of one series: "1", "2" (same depth and parent), "Bijlage 1", "Bijlage 2", …
    const series = (p: ParsedHeading): string | null => {
      if (p.role === 'numbered' && p.parts) return `n${p.parts.length}:${p.parts.slice(0, -1).join('.')}`;
      if (p.role === 'appendix' && p.number) return 'bijlage';
      if (p.role === 'chapter') return 'hoofdstuk';
      return null;
    };
    const numbered = parsed.filter((p) => series(p) !== null);
    const seen = new Map<string, Set<string>>();
    let hasSiblings = false;
    for (const p of numbered) {
      const key = series(p) as string;
      const numbers = seen.get(key) ?? new Set<string>();
      if (numbers.size && !numbers.has(p.number ?? '')) hasSiblings = true;
      numbers.add(p.number ?? '');
      seen.set(key, numbers);
    }
    const pageNumbered = run.filter((h) => endsWithPageNumber(h.text)).length;
    const isToc = afterTocHeading || hasSiblings || pageNumbered >= 2;
    const entries: string[] = [];
    const flush = (page: number | null | undefined): void => {
      if (entries.length) out.push({ type: 'block', block: { type: 'list', ordered: false, items: entries.splice(0) }, page: page ?? null });
    };
    const seenKeys = new Set<string>();
    run.forEach((h, k) => {
      const p = parsed[k] as ParsedHeading;
      const last = k === run.length - 1;
      const key = headingKey(p.number, p.heading);
      const repeat = seenKeys.has(key);
      seenKeys.add(key);
      let keep: boolean;
      if (isToc) {
        // The last entry introduces the text after the table when it is not a table entry itself,
        // or when it repeats an entry (the first chapter's heading right after the table).
        const siblingOfToc = series(p) !== null && numbered.length >= 2;
        keep = last && followedByText && (!siblingOfToc || repeat) && !endsWithPageNumber(h.text);
      } else {
        keep = last || (p.role !== 'plain') || h.rank !== undefined;
      }
      if (keep) {
        flush(h.page);
        out.push(h);
      } else {
        entries.push(cleanText(h.text));
      }
    });
    flush(run[run.length - 1]?.page);
    afterTocHeading = false;
    seenHeading = true;
  }
  return out;
}

/**
 * Builds the sections. Levels follow the numbering where there is one ("4.2.1" is level 3), the
 * file's own ranks where it has them, and otherwise sit one below the last structural heading;
 * a level never jumps more than one below the previous section.
 */
export async function buildSections(input: readonly StructureItem[], options: BuildOptions = {}): Promise<BuildResult> {
  const items = rewriteHeuristicRuns([...input]);
  const headings = items.filter((i): i is HeadingItem => i.type === 'heading');

  // The first explicit heading is the document title when no other heading shares its rank and
  // it outranks all of them (a single <h1>, the one big line on the cover page).
  let titleItem: HeadingItem | null = null;
  const firstHeadingIndex = items.findIndex((i) => i.type === 'heading');
  const firstHeading = items[firstHeadingIndex];
  if (firstHeading?.type === 'heading' && firstHeading.rank !== undefined && (firstHeading.source === 'explicit' || firstHeading.title)) {
    const rank = firstHeading.rank;
    const others = headings.filter((h) => h !== firstHeading && h.source === firstHeading.source && h.rank !== undefined);
    const blocksBefore = items.slice(0, firstHeadingIndex).some((i) => i.type === 'block');
    if (!blocksBefore && others.every((h) => (h.rank ?? 0) > rank) && parseHeading(firstHeading.text).role === 'plain') {
      titleItem = firstHeading;
    }
  }
  // Explicit ranks in use (without the title's) map to levels 1, 2, 3 …
  const ranks = [...new Set(headings.filter((h) => h !== titleItem && h.source === 'explicit' && h.rank !== undefined).map((h) => h.rank as number))].sort(
    (a, b) => a - b,
  );
  const levelOfRank = (rank: number): number => {
    const index = ranks.indexOf(rank);
    return index >= 0 ? index + 1 : ranks.filter((r) => r < rank).length + 1;
  };

  const title = options.title?.trim() || (titleItem ? cleanText(titleItem.text) : null);
  const sections: OpenSection[] = [];
  let path: OpenSection[] = [];
  let current: OpenSection | null = null;
  /** Level of the last heading that set the structure (numbered, ranked, chapter). */
  let anchor = 0;
  let chapterNumber: number | null = null;
  let inAppendix = false;
  /** A heading other than front matter has been seen. */
  let seenContent = false;
  /** The last number of a run of numbered items inside a chapter ("1.", "2.", … under "3"). */
  let lastLocalNumber: number | null = null;
  /** The section that was current when a box opened, and whether the box made its own section. */
  const boxes: { before: OpenSection | null; pathBefore: OpenSection[]; made: boolean }[] = [];

  /**
   * Adds a section at the requested level. Levels are made consistent with a stack of open
   * sections: a heading closes the open sections that asked for its level or deeper, and lands
   * one below the section that stays open. So "3.1.5" straight after "3" becomes level 2, and a
   * sibling "3.1.6" lands on that same level 2 (no staircase, no jump from 1 to 3).
   */
  const addSection = (s: Omit<OpenSection, 'blocks' | 'pageEnd' | 'requested'>): OpenSection => {
    const requested = Math.max(1, s.level);
    path = path.filter((p) => p.requested < requested);
    const level = (path[path.length - 1]?.level ?? 0) + 1;
    const section: OpenSection = { ...s, level, requested, blocks: [], pageEnd: s.pageStart };
    sections.push(section);
    path.push(section);
    current = section;
    const box = boxes[boxes.length - 1];
    if (box) box.made = true;
    return section;
  };

  const ensureSection = (page: number | null): OpenSection => {
    if (current) return current;
    const heading = title ?? 'Inleiding';
    const section = addSection({ level: 1, number: null, heading, kind: 'other', pageStart: page, key: headingKey(null, heading), heuristic: false });
    section.synthetic = true;
    return section;
  };

  const addBlock = (block: Block, page: number | null): void => {
    const section = ensureSection(page);
    section.blocks.push(block);
    if (page !== null) {
      if (section.pageStart === null) section.pageStart = page;
      section.pageEnd = Math.max(section.pageEnd ?? page, page);
    }
  };

  const inBox = (): boolean => boxes.length > 0;

  /** Level for headings without a number of their own: one below the last structural heading. */
  const childLevel = (): number => anchor + 1;

  /** The open section a heading at this level would go under is an unnumbered heading. */
  const underUnnumbered = (level: number): boolean => {
    const parent = path.filter((p) => p.level < level).pop();
    return parent !== undefined && parent.number === null && parent.kind !== 'other' && !parent.synthetic;
  };

  const handleHeading = (item: HeadingItem): void => {
    const page = item.page ?? null;
    const p = parseHeading(item.text);
    if (!p.heading && !p.number) return;
    const key = headingKey(p.number, p.heading);
    const heuristic = item.source === 'heuristic';
    // A running header repeats the heading of the section we are in (or one of its parents).
    if (heuristic && path.some((s) => s.key === key)) return;
    const explicitLevel = item.rank !== undefined ? (item.source === 'explicit' ? levelOfRank(item.rank) : item.rank) : null;

    if (item === titleItem) {
      addSection({ level: 1, number: null, heading: p.heading, kind: 'other', pageStart: page, key, heuristic });
      anchor = 0;
      return;
    }

    let level: number;
    let kind: SectionKind;
    /** After this heading, unnumbered headings go one below it ('self'), to the top (0), or stay. */
    let anchorAfter: 'self' | 0 | null = null;
    let localNumber: number | null = null;
    const boxed = inBox();

    switch (p.role) {
      case 'chapter':
        level = 1;
        kind = 'chapter';
        chapterNumber = p.parts?.[0] ?? chapterNumber;
        inAppendix = false;
        anchorAfter = 'self';
        break;
      case 'appendix':
        level = 1;
        kind = 'chapter';
        inAppendix = true;
        anchorAfter = 'self';
        break;
      case 'numbered': {
        const parts = p.parts ?? [];
        if (parts.length >= 2) {
          level = parts.length;
          chapterNumber = parts[0] ?? chapterNumber;
          anchorAfter = 'self';
        } else if (item.source === 'explicit' && explicitLevel !== null && underUnnumbered(explicitLevel)) {
          // The file sets the heading below an unnumbered heading ("Hoofdnotitie" > "De
          // veranderstrategie" > "1. De leercyclus doorlopen" as Heading 3): it is a sub-heading
          // numbered within that part, not chapter 1.
          level = explicitLevel;
          anchorAfter = 'self';
        } else {
          const n = parts[0] ?? 0;
          // Chapter numbers go up by one (two, if a chapter heading was lost); a number that
          // continues a run of numbered items is the next item, not the next chapter.
          const continuesItems = lastLocalNumber !== null && n === lastLocalNumber + 1;
          const plausibleChapter =
            !item.listLike &&
            !inAppendix &&
            !boxed &&
            !continuesItems &&
            (chapterNumber === null ? n <= 3 : n === chapterNumber + 1 || n === chapterNumber + 2);
          if (plausibleChapter) {
            level = 1;
            chapterNumber = n;
            anchorAfter = 'self';
          } else {
            // A numbered item inside a chapter ("1. Armoede" under "3 Overige thema's"): keep its
            // number but place it under the current structure; it does not move the anchor, so
            // its siblings land on the same level.
            level = childLevel();
            localNumber = n;
          }
        }
        kind = level === 1 ? 'chapter' : 'section';
        if (p.rationale) kind = 'rationale';
        break;
      }
      case 'recommendation':
      case 'rationale':
      case 'step':
        level = explicitLevel ?? childLevel();
        kind = p.role === 'recommendation' ? 'recommendation' : p.role === 'rationale' ? 'rationale' : level === 1 ? 'chapter' : 'section';
        break;
      case 'frontmatter':
        level = explicitLevel ?? 1;
        kind = 'other';
        // Guessed front matter at the start ("Voorwoord") does not make later guessed headings its
        // children; back matter ("Colofon") after the chapters does.
        anchorAfter = heuristic && level === 1 && !seenContent ? 0 : 'self';
        break;
      default:
        if (explicitLevel !== null) {
          level = explicitLevel;
          anchorAfter = 'self';
        } else {
          level = childLevel();
        }
        kind = level === 1 ? 'chapter' : 'section';
    }
    if (boxed) {
      const before = boxes[boxes.length - 1]?.before ?? null;
      level = (before?.requested ?? 0) + 1;
      if (p.role !== 'rationale') kind = 'recommendation';
      anchorAfter = null;
    }
    const section = addSection({ level, number: p.number, heading: p.heading || p.number || '', kind, pageStart: page, key, heuristic });
    if (kind !== 'other') seenContent = true;
    if (section.level === 1 && kind === 'section') section.kind = 'chapter';
    if (anchorAfter === 'self') anchor = section.requested;
    if (localNumber !== null) lastLocalNumber = localNumber;
    else if (p.role === 'numbered' || p.role === 'chapter' || p.role === 'appendix') lastLocalNumber = null;
    else if (anchorAfter === 0) anchor = 0;
  };

  /** "Aanbeveling: …" or "Aanbeveling 3: …" as a paragraph becomes a recommendation of its own. */
  const inlineRecommendation = (block: Block, page: number | null): boolean => {
    if (block.type !== 'paragraph' || inBox()) return false;
    const m = /^((?:kern)?aanbeveling)(\s+\d{1,3}(?:\.\d{1,3})*)?\s*:\s*(\S[\s\S]*)$/i.exec(block.text);
    if (!m) return false;
    const cur = current as OpenSection | null;
    if (cur?.kind === 'recommendation') return false;
    const before = cur;
    const pathBefore = path;
    const word = (m[1] ?? '').charAt(0).toUpperCase() + (m[1] ?? '').slice(1).toLowerCase();
    const number = m[2] ? `${word} ${m[2].trim()}` : null;
    const heading = number ?? word;
    addSection({ level: (before?.requested ?? 0) + 1, number, heading, kind: 'recommendation', pageStart: page, key: headingKey(number, heading), heuristic: false });
    addBlock({ type: 'paragraph', text: m[3] ?? '' }, page);
    // Text after it belongs to the section it stood in again (see boxEnd).
    current = before;
    path = pathBefore;
    return true;
  };

  let counter = 0;
  for (const item of items) {
    if (options.checkpoint && ++counter % 500 === 0) await options.checkpoint();
    switch (item.type) {
      case 'heading':
        handleHeading(item);
        break;
      case 'block': {
        const page = item.page ?? null;
        if (inlineRecommendation(item.block, page)) break;
        const box = boxes[boxes.length - 1];
        if (box && !box.made) {
          // A box without its own heading: its first short paragraph names it, else "Aanbeveling".
          const first = item.block.type === 'paragraph' ? item.block.text : '';
          const named = first && first.length <= 80 && countWords(first) <= 10 && !/[.;,]$/.test(first);
          const p = parseHeading(named ? first : 'Aanbeveling');
          const heading = p.heading || 'Aanbeveling';
          addSection({
            level: (box.before?.requested ?? 0) + 1,
            number: p.role === 'recommendation' ? p.number : null,
            heading,
            kind: p.role === 'rationale' ? 'rationale' : 'recommendation',
            pageStart: page,
            key: headingKey(p.number, heading),
            heuristic: false,
          });
          if (named) break;
        }
        addBlock(item.block, page);
        break;
      }
      case 'boxStart':
        boxes.push({ before: current, pathBefore: path, made: false });
        break;
      case 'boxEnd': {
        const box = boxes.pop();
        if (box?.made) {
          // Sections are a flat list; text after the box continues the section the box stood in.
          current = box.before;
          path = box.pathBefore;
        }
        break;
      }
    }
  }

  // The section that carries the document's title is front matter, not a chapter.
  const first = sections[0];
  if (first && title && first.level === 1 && first.kind === 'chapter' && headingKey(null, first.heading) === headingKey(null, title)) first.kind = 'other';
  let wordCount = 0;
  for (const s of sections) {
    const headingText = s.number && s.number !== s.heading ? `${s.number} ${s.heading}` : s.heading;
    wordCount += (s.synthetic ? 0 : countWords(headingText)) + blocksWordCount(s.blocks);
  }
  const result: ParsedSection[] = sections.map(({ key: _key, heuristic: _h, requested: _r, synthetic: _s, ...section }) => {
    if (section.pageStart !== null && (section.pageEnd === null || section.pageEnd < section.pageStart)) section.pageEnd = section.pageStart;
    return section;
  });
  return { sections: result, title: title ?? null, wordCount };
}

export function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'list':
      return block.items.join('\n');
    case 'table':
      return block.rows.map((r) => r.join('\t')).join('\n');
  }
}

export function blocksWordCount(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) n += countWords(blockText(b));
  return n;
}

/** Merges neighbouring lists of the same kind (items separated by blank lines in the source). */
export function mergeAdjacentLists(items: StructureItem[]): StructureItem[] {
  const out: StructureItem[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (
      item.type === 'block' &&
      item.block.type === 'list' &&
      prev?.type === 'block' &&
      prev.block.type === 'list' &&
      prev.block.ordered === item.block.ordered
    ) {
      out[out.length - 1] = { ...prev, block: { ...prev.block, items: [...prev.block.items, ...item.block.items] } };
    } else {
      out.push(item);
    }
  }
  return out;
}
