/**
 * Full-text search over a generated corpus: every standard in the catalogue gets one version of
 * generated guideline text (Dutch sentences with compounds and diacritics). The size is
 * RICHTSNOER_BENCH_FTS_WORDS words in total (default 400,000; the real programme is nearer
 * 4 million, which takes a few minutes to generate and index).
 */
import type { ParsedSection } from '../common/document.js';
import type { Db } from '../db/open.js';
import { insertVersion } from '../db/queries/documents.js';
import { searchSections } from '../electron/services/search.js';
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

/** Sections of roughly 250 words, 10 per chapter, until `words` is reached. */
function generateVersion(words: number, seed: number): ParsedSection[] {
  const next = random(seed);
  const sections: ParsedSection[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const chapter = Math.floor(i / 10) + 1;
    const level = i % 10 === 0 ? 1 : 2;
    const paragraphs: string[] = [];
    for (let p = 0; p < 4; p++) {
      const sentences: string[] = [];
      for (let k = 0; k < 6; k++) sentences.push(sentence(next));
      paragraphs.push(sentences.join(' '));
    }
    count += paragraphs.join(' ').split(' ').length;
    sections.push({
      level,
      number: level === 1 ? String(chapter) : `${chapter}.${i % 10}`,
      heading: HEADINGS[i % HEADINGS.length] as string,
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

/** Stores one generated version per standard, `totalWords` words in all; returns the size label and the time taken (ms). */
export function buildFulltextCorpus(db: Db, totalWords: number): { size: string; indexing: number } {
  const standards = (db.prepare('SELECT id FROM standard ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
  const perStandard = Math.max(250, Math.ceil(totalWords / standards.length));
  const size = `${standards.length} standaarden, ${Math.round((perStandard * standards.length) / 1000)}k woorden`;
  const start = performance.now();
  db.transaction(() => {
    standards.forEach((standardId, i) => {
      insertVersion(
        db,
        { standardId, label: 'bench', status: i % 4 === 0 ? 'concept' : 'gepubliceerd', fileName: 'bench.txt', format: 'text', sha256: i.toString(16).padStart(64, '0'), byteSize: 0, pageCount: null, wordCount: perStandard, warnings: [], importedAt: new Date().toISOString(), importedBy: 'bench' },
        generateVersion(perStandard, i + 1),
      );
    });
  })();
  return { size, indexing: performance.now() - start };
}

/**
 * The searches of the benchmark over a stored corpus: all queries in turn, then the same with filters.
 * The search function is a parameter so another implementation can be timed on the same corpus.
 */
export function measureFulltext(db: Db, search: typeof searchSections = searchSections): { search: Stats; filtered: Stats } {
  let q = 0;
  const all = stats(time(() => void search(db, { query: QUERIES[q++ % QUERIES.length] ?? '', limit: 200 }), 45, 2));
  let f = 0;
  const filtered = stats(time(() => void search(db, { query: QUERIES[f++ % QUERIES.length] ?? '', types: ['richtlijn'], versionStatus: 'gepubliceerd', limit: 200 }), 45, 2));
  return { search: all, filtered };
}

export function benchFulltext(db: Db): FulltextRow[] {
  const { size, indexing } = buildFulltextCorpus(db, Number(process.env.RICHTSNOER_BENCH_FTS_WORDS ?? 400_000));
  const { search, filtered } = measureFulltext(db);
  return [
    { name: 'Teksten opslaan en indexeren (woord- en trigramindex)', size, result: { runs: 1, median: indexing, p95: indexing } },
    { name: 'Zoeken in teksten (9 zoekvragen, max. 200 treffers)', size, result: search },
    { name: 'Zoeken in teksten, gefilterd op type en status', size, result: filtered },
  ];
}
