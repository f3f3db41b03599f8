/**
 * Full-text search over a generated corpus: every standard in the catalogue gets one version of
 * generated guideline text (Dutch sentences with compounds and diacritics). The size is
 * RICHTSNOER_BENCH_FTS_WORDS words in total (default 4,000,000: the programme's 150 standards, the
 * size issue #3 sets the speed target at; building it takes about 20 s). A 400,000-word corpus is
 * measured too (cheap, and comparable with earlier runs). RICHTSNOER_BENCH_FTS_SCALE=10 adds the 10×
 * case: 1,540 standards (the catalogue's plus generated ones), 40 million words; it takes minutes
 * and about 2 GB of disk, so it only runs when asked for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedSection } from '../common/document.js';
import type { Db } from '../db/open.js';
import { insertVersion } from '../db/queries/documents.js';
import { searchSections } from '../electron/services/search.js';
import { openWorkspace } from '../electron/workspace.js';
import { addGeneratedStandards } from './generated-standards.js';
import { stats, time, type Stats } from './stats.js';

const SUBJECTS = ['De jeugdprofessional', 'De jeugdarts', 'Het wijkteam', 'De gedragswetenschapper', 'De huisarts', 'De regiebehandelaar', 'De jeugdverpleegkundige', 'Het samenwerkingsverband'];
const VERBS = ['bespreekt', 'evalueert', 'signaleert', 'coördineert', 'onderzoekt', 'documenteert', 'bevordert', 'ondersteunt'];
const OBJECTS = [
  'het medicatiegebruik',
  'de ouderbegeleiding',
  'de gezinsbegeleiding',
  'de psycho-educatie',
  'de veiligheidsinschatting',
  'het behandelplan',
  'de slaapproblemen',
  'de schoolgang',
  'de hulpverleningsrelatie',
  'de coördinatie van zorg',
  'de risicotaxatie',
  'het opvoedingsklimaat',
];
const TAILS = [
  'met ouders en jeugdige',
  'in overleg met school',
  'binnen zes weken',
  'volgens de meldcode',
  'op basis van wetenschappelijk onderzoek',
  'wanneer de situatie daarom vraagt',
  'samen met het netwerk van het gezin',
  'en legt dit vast in het dossier',
];
const HEADINGS = ['Inleiding', 'Signalering', 'Diagnostiek', 'Behandeling', 'Medicatie', 'Samenwerking', 'Evaluatie', 'Aanbevelingen', 'Ouderbegeleiding', 'Veiligheid'];

/** A small deterministic generator, so runs compare like with like. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sentence(next: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}.`;
}

/**
 * Per theme the words a guideline uses there: in a real guideline "methylfenidaat" sits in the
 * medication chapter and "meldcode" in the safety chapter, not in every section.
 */
const THEME_OBJECTS: Record<string, string[]> = {
  Inleiding: ['de doelgroep van de richtlijn', 'de afbakening', 'de werkwijze van de werkgroep', 'de uitgangsvragen'],
  Signalering: ['de signalen van de jeugdige', 'de screeningsvragenlijst', 'de zorgen van school', 'de observaties op het consultatiebureau'],
  Diagnostiek: ['het diagnostisch onderzoek', 'de ontwikkelingsanamnese', 'de classificatie', 'de gegevens van meerdere informanten'],
  Behandeling: ['de psycho-educatie', 'de oudertraining', 'het behandelplan', 'de gedragstherapie'],
  Medicatie: ['het medicatiegebruik', 'de dosering van methylfenidaat', 'de bijwerkingen', 'de slaapproblemen bij medicatie'],
  Samenwerking: ['de coördinatie van zorg', 'de afspraken met school', 'de regie in het wijkteam', 'de overdracht naar de volwassenenzorg'],
  Evaluatie: ['de evaluatie van de doelen', 'de voortgang van de behandeling', 'de tevredenheid van ouders', 'de uitkomstmaten'],
  Aanbevelingen: ['de psycho-educatie', 'het medicatiegebruik', 'de ouderbegeleiding', 'de veiligheidsinschatting'],
  Ouderbegeleiding: ['de ouderbegeleiding', 'de gezinsbegeleiding', 'het opvoedingsklimaat', 'de opvoedvragen van ouders'],
  Veiligheid: ['de veiligheidsinschatting', 'de risicotaxatie', 'de stappen van de meldcode', 'het veiligheidsplan'],
};

/**
 * Sentences of the programme's own documents (../shared/seeds, real Dutch policy text), used as
 * the general text between a theme's sentences; empty when the seeds are not there.
 */
function seedSentences(): string[] {
  const dir = path.resolve(import.meta.dirname, '../../shared/seeds');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=[A-Z])/))
    .filter((t) => {
      const n = t.split(' ').length;
      return n >= 6 && n <= 40 && !/[|#*]/.test(t);
    });
}

let generalSentences: string[] | null = null;

/**
 * `uniform`: every sentence from one small vocabulary, so each query term is in nearly every
 * section (about 90 %): a worst case for ranking. `thematic`: like a real guideline, a section's
 * own sentences use its theme's words and the rest is general text (real sentences from the
 * seeds), so a topic word is in a minority of sections — the seeds' own sections have
 * "jeugdhulp" in 42 %, "ouders" in 27 %, "veiligheid" in 7 %, "de" in 83 %.
 */
export type CorpusStyle = 'uniform' | 'thematic';

/** Sections of roughly 250 words, 10 per chapter, until `words` is reached. */
function generateVersion(words: number, seed: number, style: CorpusStyle = 'uniform'): ParsedSection[] {
  const next = random(seed);
  const general = style === 'thematic' ? (generalSentences ??= seedSentences()) : [];
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const themed = (heading: string): string => {
    if (style === 'uniform') return sentence(next);
    const objects = THEME_OBJECTS[heading] ?? OBJECTS;
    // Two in five sentences are general text, when there is any.
    if (general.length > 0 && next() < 0.4) return pick(general);
    return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(objects)} ${pick(TAILS)}.`;
  };
  const sections: ParsedSection[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const chapter = Math.floor(i / 10) + 1;
    const level = i % 10 === 0 ? 1 : 2;
    const heading = HEADINGS[i % HEADINGS.length] as string;
    const paragraphs: string[] = [];
    for (let p = 0; p < 4; p++) {
      const sentences: string[] = [];
      for (let k = 0; k < 6; k++) sentences.push(themed(heading));
      paragraphs.push(sentences.join(' '));
    }
    count += paragraphs.join(' ').split(' ').length;
    sections.push({
      level,
      number: level === 1 ? String(chapter) : `${chapter}.${i % 10}`,
      heading,
      kind: i % 7 === 3 ? 'recommendation' : level === 1 ? 'chapter' : 'section',
      blocks: paragraphs.map((text) => ({ type: 'paragraph', text })),
      pageStart: null,
      pageEnd: null,
    });
  }
  return sections;
}

export interface FulltextRow {
  name: string;
  size: string;
  result: Stats;
}

export const QUERIES = ['medicatie', 'begeleiding', 'coordinatie zorg', 'ouderbegeleiding school', 'veiligheid', 'de', 'psycho-educatie', 'risicotaxatie meldcode', 'slaap'];

/**
 * Stores one generated version per standard, `totalWords` words in all; returns the size label and
 * the time taken (ms). Versions are stored in transactions of about 4 million words, so a 40-million
 * word corpus does not grow one huge write-ahead log.
 */
export function buildFulltextCorpus(db: Db, totalWords: number, style: CorpusStyle = 'uniform'): { size: string; indexing: number } {
  const standards = (db.prepare('SELECT id FROM standard ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  const perStandard = Math.max(250, Math.ceil(totalWords / standards.length));
  const size = `${standards.length} standaarden, ${Math.round((perStandard * standards.length) / 1000)}k woorden, ${style === 'thematic' ? 'thematisch' : 'uniform'}`;
  const batch = Math.max(1, Math.floor(4_000_000 / perStandard));
  const start = performance.now();
  for (let from = 0; from < standards.length; from += batch) {
    db.transaction(() => {
      standards.slice(from, from + batch).forEach((standardId, k) => {
        const i = from + k;
        insertVersion(
          db,
          { standardId, label: 'bench', status: i % 4 === 0 ? 'concept' : 'gepubliceerd', fileName: 'bench.txt', format: 'text', sha256: i.toString(16).padStart(64, '0'), byteSize: 0, pageCount: null, wordCount: perStandard, warnings: [], importedAt: new Date().toISOString(), importedBy: 'bench' },
          generateVersion(perStandard, i + 1, style),
        );
      });
    })();
  }
  const indexing = performance.now() - start;
  // As an app that has been running a while would have it: the writes moved from the write-ahead
  // log into the database file (reads through a log of hundreds of MB are slower).
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { size, indexing };
}

/** Timings of one kind of query: every run of that query, unfiltered and filtered. */
export interface QueryTimings {
  query: string;
  search: Stats;
  filtered: Stats;
}

/**
 * The searches of the benchmark over a stored corpus: all queries in turn (`runs` in all), then the
 * same with filters; also the timings per query. The search function is a parameter so another
 * implementation can be timed on the same corpus.
 */
export function measureFulltext(db: Db, search: typeof searchSections = searchSections, runs = 45): { search: Stats; filtered: Stats; perQuery: QueryTimings[] } {
  const byQuery = new Map<string, { search: number[]; filtered: number[] }>(QUERIES.map((query) => [query, { search: [], filtered: [] }]));
  const run = (kind: 'search' | 'filtered', filters: object) => {
    let n = 0;
    // time() runs 2 warm-ups first; the samples that follow are in query order from there.
    let sample = -2;
    const samples = time(() => {
      const query = QUERIES[n++ % QUERIES.length] ?? '';
      const start = performance.now();
      search(db, { query, limit: 200, ...filters });
      if (sample++ >= 0) byQuery.get(query)?.[kind].push(performance.now() - start);
    }, runs, 2);
    return stats(samples);
  };
  const all = run('search', {});
  const filtered = run('filtered', { types: ['richtlijn'], versionStatus: 'gepubliceerd' });
  return { search: all, filtered, perQuery: QUERIES.map((query) => ({ query, search: stats(byQuery.get(query)?.search ?? []), filtered: stats(byQuery.get(query)?.filtered ?? []) })) };
}

/** A corpus in a workspace of its own, measured, then removed. */
function benchCorpus(words: number, options: { scale?: number; runs?: number; style?: CorpusStyle } = {}): FulltextRow[] {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-bench-fts-'));
  const workspace = openWorkspace(dataDir);
  try {
    if (options.scale !== undefined && options.scale > 1) {
      const catalogue = (workspace.db.prepare('SELECT count(*) AS n FROM standard').get() as { n: number }).n;
      addGeneratedStandards(workspace.db, workspace.file, catalogue * options.scale);
    }
    const { size, indexing } = buildFulltextCorpus(workspace.db, words, options.style);
    const { search, filtered, perQuery } = measureFulltext(workspace.db, searchSections, options.runs);
    // Per query, for reading along (the table keeps the totals).
    for (const q of perQuery) {
      console.error(`  fts ${size}: "${q.query}" mediaan ${q.search.median.toFixed(1)} ms, p95 ${q.search.p95.toFixed(1)} ms; gefilterd ${q.filtered.median.toFixed(1)} / ${q.filtered.p95.toFixed(1)} ms`);
    }
    return [
      { name: 'Teksten opslaan en indexeren (woord- en trigramindex)', size, result: { runs: 1, median: indexing, p95: indexing } },
      { name: `Zoeken in teksten (${QUERIES.length} zoekvragen, max. 200 treffers)`, size, result: search },
      { name: 'Zoeken in teksten, gefilterd op type en status', size, result: filtered },
    ];
  } finally {
    workspace.db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The corpus of RICHTSNOER_BENCH_FTS_WORDS words (default 4 million) twice: thematic (how real
 * guidelines spread their words; the target is for this one) and uniform (the worst case,
 * every term in nearly every section); the 400,000-word uniform one (comparable with earlier
 * runs); and with RICHTSNOER_BENCH_FTS_SCALE=10 the thematic 10× case. Each in a workspace of its
 * own, so `db` (the bench's main workspace) stays small.
 */
export function benchFulltext(_db?: Db): FulltextRow[] {
  const words = Number(process.env.RICHTSNOER_BENCH_FTS_WORDS ?? 4_000_000);
  const rows = [...benchCorpus(words, { style: 'thematic' }), ...benchCorpus(words).slice(1)];
  if (words !== 400_000) rows.push(...benchCorpus(400_000).slice(1));
  const scale = Number(process.env.RICHTSNOER_BENCH_FTS_SCALE ?? 1);
  if (scale > 1) rows.push(...benchCorpus(words * scale, { scale, runs: 18, style: 'thematic' }));
  return rows;
}
