/**
 * Compound hits found through the word index's vocabulary (search-query.ts compoundPlan) instead of
 * the trigram index, and compound ranks estimated before FTS5 ranks the few that can be shown
 * (search.ts estimateScores). Both rest on premises about SQLite's tokenizers that are checked here
 * against SQLite itself, so an upgrade that changes them fails a test instead of returning wrong hits.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedSection, SearchResult } from '../../common/document.js';
import type { Db } from '../../db/open.js';
import { insertVersion, updateSectionContent } from '../../db/queries/documents.js';
import { wordRanks, wordVocabulary } from '../../db/queries/search.js';
import { createDocumentsService, type DocumentsService } from '../../electron/services/documents.js';
import { buildFtsQuery, compoundPlan, foldTerm, Vocabulary } from '../../electron/services/search-query.js';
import { estimateScores, searchSections, searchTuning } from '../../electron/services/search.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { checkIndexes, miniParser } from '../helpers/documents.js';
import { seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

describe('the tokenizer premises, for every character of the Basic Multilingual Plane', () => {
  // Tables as in migration 002; each row holds one character in a fixed context.
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE tri USING fts5(a, tokenize = 'trigram remove_diacritics 1');
    CREATE VIRTUAL TABLE uni USING fts5(a, b, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE tri_i USING fts5vocab(tri, instance);
    CREATE VIRTUAL TABLE uni_i USING fts5vocab(uni, instance);`);
  const chars: number[] = [];
  for (let cp = 1; cp <= 0xffff; cp++) if (cp < 0xd800 || cp > 0xdfff) chars.push(cp);
  const fold = new Map<number, string>();
  const opens = new Map<number, string[]>();
  const inside = new Map<number, string[]>();

  beforeAll(() => {
    const insertTri = db.prepare('INSERT INTO tri (rowid, a) VALUES (?, ?)');
    const insertUni = db.prepare('INSERT INTO uni (rowid, a, b) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (const cp of chars) {
        const c = String.fromCodePoint(cp);
        // "ab" + c: one trigram "ab" + fold(c), or none when c is folded away.
        insertTri.run(cp, `ab${c}`);
        // c + "y": does c open a word? "x" + c + "y": does it continue one?
        insertUni.run(cp, `${c}y`, `x${c}y`);
      }
    })();
    for (const [term, doc] of db.prepare('SELECT term, doc FROM tri_i').raw().iterate() as Iterable<[string, number]>) fold.set(doc, term.slice(2));
    for (const [term, doc, col] of db.prepare('SELECT term, doc, col FROM uni_i').raw().iterate() as Iterable<[string, number, string]>) {
      const map = col === 'a' ? opens : inside;
      map.set(doc, [...(map.get(doc) ?? []), term]);
    }
  });
  afterAll(() => db.close());

  it('a character folded to a letter or digit is a word character of the word index, folded the same', () => {
    const wrong: string[] = [];
    let plain = 0;
    for (const cp of chars) {
      const f = fold.get(cp) ?? '';
      if (!/^[a-z0-9]$/.test(f)) continue;
      plain++;
      const got = { opens: (opens.get(cp) ?? []).join(), inside: (inside.get(cp) ?? []).join() };
      if (got.opens !== `${f}y` || got.inside !== `x${f}y`) wrong.push(`U+${cp.toString(16)} ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
    expect(plain).toBeGreaterThan(500);
  });

  it('a character folded away does not split a word (both indexes drop it)', () => {
    const away = chars.filter((cp) => !fold.has(cp));
    expect(away.length).toBeGreaterThan(10);
    expect(away.filter((cp) => (inside.get(cp) ?? []).join() !== 'xy').map((cp) => `U+${cp.toString(16)}`)).toEqual([]);
  });

  it('foldTerm agrees with SQLite for every character it accepts', () => {
    const wrong: string[] = [];
    let accepted = 0;
    for (const cp of chars) {
      const c = String.fromCodePoint(cp);
      const f = foldTerm(c);
      if (f === null) continue;
      accepted++;
      if (f !== fold.get(cp)) wrong.push(`U+${cp.toString(16)} ${f} ${fold.get(cp) ?? '(weg)'}`);
    }
    expect(wrong).toEqual([]);
    // ASCII letters and digits, and the accented Latin letters of Dutch and its neighbours.
    expect(accepted).toBeGreaterThan(300);
    expect(['coördinatie', 'Één', 'ÇA', 'naïef'].map(foldTerm)).toEqual(['coordinatie', 'een', 'ca', 'naief']);
    expect(['straße', 'x\u0301\u0301y', 'Ǡ', 'ﬁx', 'a-b'].map(foldTerm)).toEqual([null, null, null, null, null]);
  });
});

describe('the vocabulary', () => {
  const vocabulary = new Vocabulary(['aa', 'begeleiding', 'gezinsbegeleiding', 'nanana', 'ouder', 'ouderbegeleiding', 'zorg']);
  it('lists each word that contains a part once, in order, wherever the part sits in it', () => {
    expect(vocabulary.containing('begeleiding', 10)).toEqual(['begeleiding', 'gezinsbegeleiding', 'ouderbegeleiding']);
    expect(vocabulary.containing('aa', 10)).toEqual(['aa']);
    expect(vocabulary.containing('nan', 10)).toEqual(['nanana']);
    expect(vocabulary.containing('zorg', 10)).toEqual(['zorg']);
    expect(vocabulary.containing('ouder', 10)).toEqual(['ouder', 'ouderbegeleiding']);
    // Never across two words.
    expect(vocabulary.containing('gzorg', 10)).toEqual([]);
    expect(vocabulary.containing('aabeg', 10)).toEqual([]);
  });
  it('gives up (null) beyond the most words asked for', () => {
    expect(vocabulary.containing('e', 3)).toBeNull();
    expect(vocabulary.containing('begeleiding', 3)).toHaveLength(3);
    expect(new Vocabulary([]).containing('x', 3)).toEqual([]);
  });
});

const data = loadStandardsData();
const idOf = (i: number) => data.standards[i]?.id ?? '';
let ws: TestWorkspace;
let docs: DocumentsService;
let sha = 0;

const paragraph = (text: string) => ({ type: 'paragraph' as const, text });
const section = (heading: string, ...texts: string[]): ParsedSection => ({ level: 1, number: null, heading, kind: 'section', blocks: texts.map(paragraph), pageStart: null, pageEnd: null });

function store(db: Db, standardId: string, parsed: ParsedSection[]): number {
  sha++;
  return insertVersion(
    db,
    { standardId, label: `v${sha}`, status: 'gepubliceerd', fileName: 'v.md', format: 'markdown', sha256: sha.toString(16).padStart(64, '0'), byteSize: 1, pageCount: null, wordCount: 1, warnings: [], importedAt: '2026-01-01T00:00:00.000Z', importedBy: 'test' },
    parsed,
  );
}

/** Every section that either index matches: what the totals must be. */
function unionCount(db: Db, query: string): number {
  const q = buildFtsQuery(query);
  return db.prepare('SELECT count(*) FROM (SELECT rowid FROM section_word WHERE section_word MATCH ? UNION SELECT rowid FROM section_trigram WHERE section_trigram MATCH ?)').pluck().get(q.word, q.trigram ?? q.word) as number;
}

const shown = (result: SearchResult) => result.groups.flatMap((g) => g.hits.map((h) => h.heading));
const vocabularyOf = (db: Db) => {
  const words = wordVocabulary(db, false);
  return words === null ? null : new Vocabulary(words);
};
const planOf = (db: Db, query: string) => compoundPlan(buildFtsQuery(query), vocabularyOf(db)).kind;

beforeAll(() => {
  ws = seededWorkspace();
  docs = createDocumentsService(ws.db, () => 'Zoeker', { parse: miniParser });
  store(ws.db, idOf(0), [
    section('Ouderbegeleiding', 'De ouderbegeleiding start na de intake.'),
    section('Zorgcoördinatie', 'De zorgcoördinatie ligt bij het wijkteam.'),
    section('Gezin', 'Gezinsbegeleiding en begeleiding van ouders.'),
  ]);
  store(ws.db, idOf(1), [section('Slaap', 'Slaapproblemen en slaaphygiëne bij jeugdigen.'), section('Planning', 'Een begeleidingsplan voor de school.')]);
  checkIndexes(ws.db);
});
afterAll(() => ws.cleanup());

describe('compound hits through the vocabulary', () => {
  it('finds parts of compounds in words only, with diacritics folded, and counts exactly', () => {
    for (const [query, headings] of [
      ['begeleiding', ['Gezin', 'Ouderbegeleiding', 'Planning']],
      ['coordinatie', ['Zorgcoördinatie']],
      ['coördinatie', ['Zorgcoördinatie']],
      ['hygiene', ['Slaap']],
      ['slaap', ['Slaap']],
    ] as const) {
      expect({ query, plan: planOf(ws.db, query) }).toEqual({ query, plan: 'words' });
      const result = searchSections(ws.db, { query });
      expect({ query, headings: shown(result).sort() }).toEqual({ query, headings: [...headings].sort() });
      expect({ query, total: result.totalHits }).toEqual({ query, total: unionCount(ws.db, query) });
    }
    // The whole word ranks first; the sections with "begeleiding" only inside a compound follow.
    expect(shown(searchSections(ws.db, { query: 'begeleiding' }))[0]).toBe('Gezin');
  });

  it('skips the compound search when no other word contains the terms, and finds nothing when no word does', () => {
    expect(planOf(ws.db, 'ouders intake')).toBe('same');
    expect(planOf(ws.db, 'xyzzy')).toBe('none');
    expect(planOf(ws.db, 'de xyzzy')).toBe('none');
    expect(searchSections(ws.db, { query: 'ouders intake' }).totalHits).toBe(unionCount(ws.db, 'ouders intake'));
  });

  it('keeps to the trigram index for terms or words it cannot fold for certain', () => {
    const versionId = store(ws.db, idOf(2), [section('Verkeer', 'Het straßenverkehr en de medicatieβ-waarde.')]);
    expect(planOf(ws.db, 'straß')).toBe('trigram');
    // "medicatieβ" is an indexed word with a part that is plain: not put in a word expression.
    expect(planOf(ws.db, 'medicatie')).toBe('trigram');
    for (const query of ['straß', 'medicatie', 'verkehr']) expect({ query, total: searchSections(ws.db, { query }).totalHits }).toEqual({ query, total: unionCount(ws.db, query) });
    expect(shown(searchSections(ws.db, { query: 'straß' }))).toEqual(['Verkeer']);
    docs.deleteVersion({ versionId });
  });

  it('follows every write: an edited section, a deleted one, another connection, an open transaction', () => {
    const search = (query: string) => shown(searchSections(ws.db, { query }));
    expect(search('nacht')).toEqual([]);
    const versionId = store(ws.db, idOf(3), [section('Dag', 'Overdag is er begeleiding.')]);
    const [dag] = docs.getVersion({ versionId }).sections;
    // A heading edit adds the word "nachtbegeleiding" to the index: its part is found at once.
    docs.updateSection({ sectionId: dag?.id ?? 0, heading: 'Nachtbegeleiding' });
    expect(search('nacht')).toEqual(['Nachtbegeleiding']);
    updateSectionContent(ws.db, dag?.id ?? 0, { heading: 'Nachtbegeleiding', number: null, kind: 'section', blocks: [paragraph('Ook de avondzorg telt.')], pageStart: null, pageEnd: null });
    expect(search('avond')).toEqual(['Nachtbegeleiding']);
    docs.deleteVersion({ versionId });
    expect(search('nacht')).toEqual([]);
    expect(search('avond')).toEqual([]);

    const other = new Database(ws.file);
    other.pragma('foreign_keys = ON');
    try {
      store(other, idOf(4), [section('Elders', 'Weekendopvang voor het gezin.')]);
    } finally {
      other.close();
    }
    expect(search('opvang')).toEqual(['Elders']);

    expect(() =>
      ws.db.transaction(() => {
        store(ws.db, idOf(5), [section('Tijdelijk', 'Crisisopvang voor jeugdigen.')]);
        expect(search('crisis')).toEqual(['Tijdelijk']);
        expect(search('opvang').sort()).toEqual(['Elders', 'Tijdelijk']);
        throw new Error('terug');
      })(),
    ).toThrow('terug');
    expect(search('crisis')).toEqual([]);
    expect(search('opvang')).toEqual(['Elders']);
  });

  it('a word longer than FTS5 keeps (32,768 bytes) turns the vocabulary off', () => {
    const versionId = store(ws.db, idOf(6), [section('Lang', `${'x'.repeat(33_000)}begeleiding`)]);
    expect(wordVocabulary(ws.db, false)).toBeNull();
    expect(planOf(ws.db, 'begeleiding')).toBe('trigram');
    const result = searchSections(ws.db, { query: 'begeleiding' });
    expect(shown(result)).toContain('Lang');
    expect(result.totalHits).toBe(unionCount(ws.db, 'begeleiding'));
    docs.deleteVersion({ versionId });
    expect(wordVocabulary(ws.db, false)).not.toBeNull();
  });

  it('a connection whose first search was in a transaction that rolled back still searches', () => {
    const other = new Database(ws.file);
    try {
      expect(() =>
        other.transaction(() => {
          expect(searchSections(other, { query: 'begeleiding' }).totalHits).toBeGreaterThan(0);
          throw new Error('terug');
        })(),
      ).toThrow('terug');
      expect(searchSections(other, { query: 'begeleiding' })).toEqual(searchSections(ws.db, { query: 'begeleiding' }));
    } finally {
      other.close();
    }
  });

  it('works on a read-only connection that does not trust the schema, as a project file is opened', () => {
    const reader = new Database(ws.file, { readonly: true });
    reader.pragma('trusted_schema = OFF');
    try {
      expect(searchSections(reader, { query: 'begeleiding' })).toEqual(searchSections(ws.db, { query: 'begeleiding' }));
    } finally {
      reader.close();
    }
  });
});

describe('ranks', () => {
  it('word ranks come back from JSON as the very doubles bm25 returned', () => {
    for (const query of ['"de"', '"begeleiding" OR "ouders"', '"slaapproblemen"']) {
      const raw = ws.db.prepare('SELECT rowid, bm25(section_word, 10.0, 1.0) FROM section_word WHERE section_word MATCH ? ORDER BY rowid').raw().all(query) as Array<[number, number]>;
      const ranks = wordRanks(ws.db, query, null);
      expect(raw.length).toBeGreaterThan(0);
      expect({ query, ids: ranks.ids, ranks: ranks.ranks }).toEqual({ query, ids: raw.map((r) => r[0]), ranks: raw.map((r) => r[1]) });
    }
  });

  it('the estimated compound scores equal FTS5 trigram bm25 up to rounding', () => {
    // Headings weigh ten times; "anana" occurs twice (overlapping) in "bananana"; two parts in one word.
    store(ws.db, idOf(7), [
      section('Bananana', 'Een bananana en nog een bananana.'),
      section('Ananas', 'Ananasschil en bananasap.'),
      section('Ouder', 'De ouderbegeleiding en de gezinsbegeleiding en de begeleidingsplannen.'),
      section('Kort', 'Begeleiding.'),
    ]);
    let compared = 0;
    for (const query of ['anana', 'begeleiding', 'ouder begeleiding', 'de begeleiding', 'slaap', 'nana plan']) {
      const q = buildFtsQuery(query);
      const plan = compoundPlan(q, vocabularyOf(ws.db));
      expect({ query, plan: plan.kind }).toEqual({ query, plan: 'words' });
      if (plan.kind !== 'words') continue;
      const exact = ws.db.prepare('SELECT rowid, bm25(section_trigram, 10.0, 1.0) FROM section_trigram WHERE section_trigram MATCH ? ORDER BY rowid').raw().all(q.trigram) as Array<[number, number]>;
      const estimates = estimateScores(ws.db, plan.parts, exact.map((r) => r[0]), false);
      expect(estimates).not.toBeNull();
      exact.forEach(([id, rank], k) => {
        const estimate = estimates?.[k] ?? NaN;
        expect({ query, id, close: Math.abs(estimate + rank) <= 1e-12 * Math.abs(rank) }).toEqual({ query, id, close: true });
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('results stay the same when compound ranks are estimated first', () => {
    const before = { ...searchTuning };
    const queries = ['begeleiding', 'anana', 'slaap', 'ouder begeleiding', 'plan'];
    const expected = queries.flatMap((query) => [1, 2, 5, 100].map((limit) => searchSections(ws.db, { query, limit })));
    searchTuning.estimateFrom = 0;
    try {
      const got = queries.flatMap((query) => [1, 2, 5, 100].map((limit) => searchSections(ws.db, { query, limit })));
      expect(got).toEqual(expected);
      expect(searchTuning.estimated).toBeGreaterThan(before.estimated);
      expect(searchTuning.untrusted).toBe(before.untrusted);
    } finally {
      searchTuning.estimateFrom = before.estimateFrom;
    }
  });
});
