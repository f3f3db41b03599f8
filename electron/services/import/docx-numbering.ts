import { SaxesParser, type SaxesTagNS } from 'saxes';
import { MC_NS, W_NS, wordAttr } from '../wordml.js';

/**
 * The numbers Word draws in front of automatically numbered paragraphs ("4.2.1", "Hoofdstuk 3").
 * They are not in the text: Word computes them from numbering.xml while it lays out the page, and
 * mammoth drops them. Dutch guidelines number their chapters this way, and the section detector
 * needs those numbers for levels, and working groups for referring to "4.2.1". So we replay
 * Word's counters over document.xml (in reading order) and return the label of every numbered
 * paragraph with its text, for docx.ts to put back in front of the headings.
 *
 * What is modelled (ECMA-376 §17.9): abstract numberings with levels (start, numFmt, lvlText,
 * lvlRestart, isLgl), num instances with lvlOverride/startOverride, numbering from the paragraph
 * or inherited through its style (basedOn chains, a level's pStyle), numStyleLink, and counters
 * shared by all instances of one abstract numbering. Bullets and unknown formats give no label.
 */

export interface NumberedParagraph {
  /** The paragraph's text, whitespace collapsed. */
  text: string;
  /** What Word shows before it, e.g. "4.2.1" or "Hoofdstuk 3". */
  label: string;
}

interface Level {
  start: number;
  format: string;
  text: string | null;
  legal: boolean;
  /** lvlRestart: restart after a use of level 1..n (1-based); 0 never; null after any higher level. */
  restart: number | null;
  style: string | null;
}

interface AbstractNum {
  levels: Map<number, Level>;
  styleLink: string | null;
}

interface NumInstance {
  abstractId: string;
  starts: Map<number, number>;
  levels: Map<number, Level>;
}

interface StyleNumbering {
  basedOn: string | null;
  numId: string | null;
  level: number | null;
}

const MAX_LEVELS = 9;
const int = (value: string | null, fallback: number): number => {
  const n = value === null ? NaN : Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : fallback;
};
const onOff = (tag: SaxesTagNS) => !['0', 'false', 'off'].includes(wordAttr(tag, 'val') ?? 'true');

/** Runs a SAX pass over one part; elements outside WordprocessingML are passed on as null. */
function walk(xml: string, open: (tag: SaxesTagNS, path: string[]) => void, close?: (tag: SaxesTagNS, path: string[]) => void, text?: (value: string, path: string[]) => void): void {
  if (!xml) return;
  const path: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag) => {
    path.push(tag.uri === MC_NS ? `mc:${tag.local}` : W_NS.has(tag.uri) ? tag.local : `?${tag.local}`);
    open(tag, path);
  });
  parser.on('closetag', (tag) => {
    close?.(tag, path);
    path.pop();
  });
  if (text) parser.on('text', (value) => text(value, path));
  parser.write(xml).close();
}

function emptyLevel(): Level {
  return { start: 0, format: 'decimal', text: null, legal: false, restart: null, style: null };
}

/** Reads one w:lvl element's children into `level` (shared by abstractNum and lvlOverride). */
function readLevelChild(level: Level, tag: SaxesTagNS, local: string): void {
  if (local === 'start') level.start = int(wordAttr(tag, 'val'), 0);
  else if (local === 'numFmt') level.format = wordAttr(tag, 'val') ?? 'decimal';
  else if (local === 'lvlText') level.text = wordAttr(tag, 'val');
  else if (local === 'isLgl') level.legal = onOff(tag);
  else if (local === 'lvlRestart') level.restart = int(wordAttr(tag, 'val'), 0);
  else if (local === 'pStyle') level.style = wordAttr(tag, 'val');
}

function readNumbering(xml: string): { abstracts: Map<string, AbstractNum>; nums: Map<string, NumInstance> } {
  const abstracts = new Map<string, AbstractNum>();
  const nums = new Map<string, NumInstance>();
  let abstract: AbstractNum | null = null;
  let num: NumInstance | null = null;
  let level: Level | null = null;
  let overrideLevel = -1;
  walk(
    xml,
    (tag, path) => {
      const local = path[path.length - 1];
      if (local === 'abstractNum') {
        abstract = { levels: new Map(), styleLink: null };
        abstracts.set(wordAttr(tag, 'abstractNumId') ?? '', abstract);
      } else if (local === 'num') {
        num = { abstractId: '', starts: new Map(), levels: new Map() };
        nums.set(wordAttr(tag, 'numId') ?? '', num);
      } else if (local === 'abstractNumId' && num) num.abstractId = wordAttr(tag, 'val') ?? '';
      else if (local === 'numStyleLink' && abstract) abstract.styleLink = wordAttr(tag, 'val');
      else if (local === 'lvlOverride') overrideLevel = int(wordAttr(tag, 'ilvl'), 0);
      else if (local === 'startOverride' && num && overrideLevel >= 0) num.starts.set(overrideLevel, int(wordAttr(tag, 'val'), 0));
      else if (local === 'lvl') {
        level = emptyLevel();
        const index = int(wordAttr(tag, 'ilvl'), overrideLevel >= 0 ? overrideLevel : 0);
        if (num && overrideLevel >= 0) num.levels.set(index, level);
        else abstract?.levels.set(index, level);
      } else if (level && local) readLevelChild(level, tag, local);
    },
    (_tag, path) => {
      const local = path[path.length - 1];
      if (local === 'abstractNum') abstract = null;
      else if (local === 'num') num = null;
      else if (local === 'lvl') level = null;
      else if (local === 'lvlOverride') overrideLevel = -1;
    },
  );
  return { abstracts, nums };
}

function readStyles(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let current: StyleNumbering | null = null;
  walk(
    xml,
    (tag, path) => {
      const local = path[path.length - 1];
      if (local === 'style' && path.length === 2) {
        current = { basedOn: null, numId: null, level: null };
        if (wordAttr(tag, 'type') === 'paragraph' || wordAttr(tag, 'type') === 'numbering') styles.set(wordAttr(tag, 'styleId') ?? '', current);
      } else if (!current) return;
      else if (local === 'basedOn') current.basedOn = wordAttr(tag, 'val');
      else if (local === 'numId' && path.includes('numPr')) current.numId = wordAttr(tag, 'val');
      else if (local === 'ilvl' && path.includes('numPr')) current.level = int(wordAttr(tag, 'val'), 0);
    },
    (_tag, path) => {
      if (path[path.length - 1] === 'style' && path.length === 2) current = null;
    },
  );
  return styles;
}

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

/** Word's letters: a..z, then aa..zz, aaa.. (the letter repeated, not base 26). */
const letters = (n: number): string => (n <= 0 ? String(n) : String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1));

/** The counter as the level's format shows it; null for formats that draw no number (bullets). */
export function formatNumber(n: number, format: string): string | null {
  switch (format) {
    case 'decimal':
    case 'decimalHalfWidth':
    case 'decimalFullWidth':
    case 'cardinalText':
    case 'ordinalText':
      return String(n);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'ordinal':
      return `${n}e`;
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return n > 0 && n < 4000 ? roman(n) : String(n);
    case 'upperRoman':
      return n > 0 && n < 4000 ? roman(n).toUpperCase() : String(n);
    case 'none':
      return '';
    default:
      return null;
  }
}

interface Paragraph {
  style: string | null;
  numId: string | null;
  level: number | null;
  parts: string[];
  /** The paragraph mark is a tracked deletion: with all its text deleted too, it is not on the page. */
  markDeleted: boolean;
}

/**
 * Every numbered paragraph of the body in reading order with the label Word shows for it.
 * Paragraphs without a label (bullets, numbering switched off) are left out.
 */
export function numberedParagraphs(documentXml: string, stylesXml: string, numberingXml: string): NumberedParagraph[] {
  const { abstracts, nums } = readNumbering(numberingXml);
  if (nums.size === 0) return [];
  const styles = readStyles(stylesXml);
  const counters = new Map<string, Array<number | null>>();
  const startedNums = new Set<string>();
  const out: NumberedParagraph[] = [];

  const styleNumbering = (styleId: string | null): { numId: string | null; level: number | null } => {
    const seen = new Set<string>();
    let numId: string | null = null;
    let level: number | null = null;
    for (let id = styleId; id && !seen.has(id); id = styles.get(id)?.basedOn ?? null) {
      seen.add(id);
      const style = styles.get(id);
      if (!style) break;
      numId ??= style.numId;
      level ??= style.level;
    }
    return { numId, level };
  };

  /** The abstract numbering behind a num, following numStyleLink through a numbering style. */
  const abstractOf = (numId: string): { id: string; abstract: AbstractNum } | null => {
    const seen = new Set<string>();
    let current: string | null = numId;
    while (current !== null && !seen.has(current)) {
      seen.add(current);
      const instance = nums.get(current);
      const abstract = instance ? abstracts.get(instance.abstractId) : undefined;
      if (!instance || !abstract) return null;
      if (abstract.styleLink === null || abstract.levels.size > 0) return { id: instance.abstractId, abstract };
      current = styles.get(abstract.styleLink)?.numId ?? null;
    }
    return null;
  };

  const finish = (p: Paragraph) => {
    const text = p.parts.join('').replace(/\s+/g, ' ').trim();
    if (p.markDeleted && !text) return;
    const fromStyle = p.numId === null || p.level === null ? styleNumbering(p.style) : { numId: null, level: null };
    const numId = p.numId ?? fromStyle.numId;
    if (numId === null || numId === '0') return;
    const instance = nums.get(numId);
    const target = abstractOf(numId);
    if (!instance || !target) return;
    const levelFor = (index: number): Level => instance.levels.get(index) ?? target.abstract.levels.get(index) ?? emptyLevel();
    let level = p.level ?? fromStyle.level;
    if (level === null) {
      const byStyle = [...target.abstract.levels].find(([, l]) => l.style !== null && l.style === p.style);
      level = byStyle ? byStyle[0] : 0;
    }
    if (level < 0 || level >= MAX_LEVELS) return;

    const count = counters.get(target.id) ?? Array.from({ length: MAX_LEVELS }, () => null);
    counters.set(target.id, count);
    // The first use of an instance with startOverride restarts those levels.
    if (!startedNums.has(numId)) {
      startedNums.add(numId);
      for (const index of instance.starts.keys()) count[index] = null;
    }
    const startOf = (index: number) => instance.starts.get(index) ?? levelFor(index).start;
    const previous = count[level];
    count[level] = previous === null || previous === undefined ? startOf(level) : previous + 1;
    for (let deeper = level + 1; deeper < MAX_LEVELS; deeper++) {
      const restart = levelFor(deeper).restart;
      if (restart === null || (restart > 0 && level < restart)) count[deeper] = null;
    }

    const own = levelFor(level);
    if (own.text === null || own.format === 'bullet') return;
    let failed = false;
    const label = own.text
      .replace(/%([1-9])/g, (_m, digit: string) => {
        const index = Number(digit) - 1;
        const value = count[index] ?? startOf(index);
        const shown = formatNumber(value, own.legal ? 'decimal' : levelFor(index).format);
        if (shown === null) failed = true;
        return shown ?? '';
      })
      .trim();
    if (!failed && label && text) out.push({ text, label });
  };

  // A stack: a text box inside a paragraph holds paragraphs of its own.
  const open: Paragraph[] = [];
  let skip = 0;
  let inText = false;
  const skipped = (local: string) => local === 'del' || local === 'moveFrom' || local === 'mc:Fallback' || local === 'pPrChange';
  walk(
    documentXml,
    (tag, path) => {
      const local = path[path.length - 1] ?? '';
      const current = open[open.length - 1];
      if (current && !skip && local === 'del' && path[path.length - 2] === 'rPr' && path[path.length - 3] === 'pPr') current.markDeleted = true;
      // Deleted and moved-away text is not on the page; pPrChange holds the numbering before a tracked change.
      if (skipped(local)) skip++;
      if (skip) return;
      const paragraph = open[open.length - 1];
      if (local === 'p') open.push({ style: null, numId: null, level: null, parts: [], markDeleted: false });
      else if (!paragraph) return;
      else if (local === 'pStyle' && path[path.length - 2] === 'pPr') paragraph.style = wordAttr(tag, 'val');
      else if (local === 'numId' && path[path.length - 2] === 'numPr') paragraph.numId = wordAttr(tag, 'val');
      else if (local === 'ilvl' && path[path.length - 2] === 'numPr') paragraph.level = int(wordAttr(tag, 'val'), 0);
      else if (local === 't') inText = true;
      else if (local === 'tab') paragraph.parts.push(' ');
    },
    (_tag, path) => {
      const local = path[path.length - 1] ?? '';
      if (skipped(local)) {
        skip--;
        return;
      }
      if (skip) return;
      if (local === 't') inText = false;
      else if (local === 'p') {
        const paragraph = open.pop();
        if (paragraph) finish(paragraph);
      }
    },
    (value) => {
      const paragraph = open[open.length - 1];
      if (inText && !skip && paragraph) paragraph.parts.push(value);
    },
  );
  return out;
}
