import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../common/document.js';
import { createDocumentsService, type DocumentsService } from '../../electron/services/documents.js';
import { buildFtsQuery, extractTerms, MAX_TERM_CHARS, MAX_TERMS, quoteTerm, trigramCover } from '../../electron/services/search-query.js';
import { cutSnippet } from '../../electron/services/search.js';
import { checkIndexes, encode, miniParser, SAMPLE } from '../helpers/documents.js';
import { dumpTables, seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

describe('building the MATCH expression', () => {
  it('quotes every term and joins them with AND', () => {
    expect(buildFtsQuery('ouders Training')).toEqual({ terms: ['ouders', 'Training'], word: '"ouders" AND "Training"', trigram: '"ouders" AND "Training"', shortWords: null });
  });

  it('keeps FTS5 syntax out: operators become plain words, punctuation separates', () => {
    expect(buildFtsQuery('NEAR(adhd school) OR -medicatie* AND "x" ^kop: a-b').word).toBe(
      '"NEAR" AND "adhd" AND "school" AND "OR" AND "medicatie" AND "AND" AND "x" AND "kop" AND "a" AND "b"',
    );
    expect(extractTerms('"()*:^-+{}[],.;!?')).toEqual([]);
    expect(quoteTerm('a"b')).toBe('"a""b"');
  });

  it('sends terms of 1–2 characters to the word index only', () => {
    expect(buildFtsQuery('om de begeleiding')).toMatchObject({ word: '"om" AND "de" AND "begeleiding"', trigram: '"begeleiding"', shortWords: '"om" AND "de"' });
    expect(buildFtsQuery('ab')).toMatchObject({ word: '"ab"', trigram: null, shortWords: '"ab"' });
  });

  it('normalises to NFC, drops repeated terms and caps their number and length', () => {
    expect(extractTerms('coo\u0308rdinatie Coördinatie')).toEqual(['coördinatie']);
    expect(extractTerms(Array.from({ length: 40 }, (_, i) => `woord${i}`).join(' '))).toHaveLength(MAX_TERMS);
    expect([...(extractTerms('a'.repeat(10_000))[0] ?? '')]).toHaveLength(MAX_TERM_CHARS);
    // Combining marks alone are not a word.
    expect(extractTerms('\u0301\u0308 \u0301')).toEqual([]);
  });

  it('the trigram cover: first and last trigram of each long term, no position check needed', () => {
    expect(trigramCover(buildFtsQuery('coördinatie om zorg'))).toBe('"coö" AND "tie" AND "zor" AND "org"');
    // A three-letter term is its own only trigram; a term with a combining mark keeps its phrase.
    expect(trigramCover(buildFtsQuery('adhd ggz'))).toBe('"adh" AND "dhd" AND "ggz"');
    expect(trigramCover(buildFtsQuery('x\u0327yz medicatie'))).toBe('"x\u0327yz" AND "med" AND "tie"');
    expect(trigramCover(buildFtsQuery('de om'))).toBeNull();
  });
});

describe('cutting a snippet', () => {
  const S = '\u0002';
  const E = '\u0003';
  it('returns short text as one line', () => {
    expect(cutSnippet(`Een\n\nkorte ${S}tekst${E}.`)).toBe(`Een korte ${S}tekst${E}.`);
  });
  it('cuts around the first match at word boundaries, never inside a marked span', () => {
    const words = Array.from({ length: 100 }, (_, i) => `woord${i}`);
    words[60] = `${S}medicatie${E}gebruik`;
    const snippet = cutSnippet(words.join(' '), 120);
    expect(snippet).toMatch(/^…woord\d+ /);
    expect(snippet).toMatch(/ woord\d+…$/);
    expect(snippet).toContain(`${S}medicatie${E}gebruik`);
    expect(snippet.length).toBeLessThanOrEqual(125);
    // A marked span right at the edge of the window is closed, not cut.
    const edge = `${'x '.repeat(30)}${S}${'lang'.repeat(30)}${E} einde`;
    const cut = cutSnippet(edge, 80);
    expect(cut.split(S).length).toBe(cut.split(E).length);
  });
  it('without a match gives the start of the text', () => {
    expect(cutSnippet('alpha beta gamma delta epsilon', 17)).toBe('alpha beta gamma…');
  });
});

describe('hostile input never breaks search', () => {
  let ws: TestWorkspace;
  let docs: DocumentsService;
  beforeAll(async () => {
    ws = seededWorkspace();
    docs = createDocumentsService(ws.db, () => 'x', { parse: miniParser });
    const standardId = (ws.db.prepare('SELECT id FROM standard ORDER BY id LIMIT 1').get() as { id: string }).id;
    await docs.imports.importNow({ standardId, fileName: 'a.md', bytes: encode(SAMPLE), label: 'a', status: 'gepubliceerd' });
  });
  afterAll(() => ws.cleanup());

  const hostile = fc.constantFrom('"', "'", '-', '*', 'NEAR', 'NEAR(', 'a-b', '(', ')', ':', '^', '+', 'AND', 'OR', 'NOT', '{', '}', ' ', '\u0000', '\u0002', '\u0003', 'ö', 'o\u0308', '\u0301', '🙂', '\uD800', 'heading:', 'text:', 'medicatie', 'ouder', 'de', 'x');
  const query = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.array(fc.oneof(hostile, fc.string({ maxLength: 8 })), { maxLength: 30 }).map((parts) => parts.join('')),
    fc.array(hostile, { maxLength: 30 }).map((parts) => parts.join(' ')),
  );

  function valid(result: SearchResult): void {
    expect(result.totalHits).toBe(result.groups.reduce((n, g) => n + g.totalHits, 0));
    if (result.empty) expect(result.groups).toEqual([]);
    for (const hit of result.groups.flatMap((g) => g.hits)) {
      // Markers come in pairs, each opened before it is closed.
      let open = false;
      for (const ch of hit.snippet) {
        if (ch === '\u0002') {
          expect(open).toBe(false);
          open = true;
        } else if (ch === '\u0003') {
          expect(open).toBe(true);
          open = false;
        }
      }
      expect(open).toBe(false);
    }
  }

  it('arbitrary strings: no error, a well-formed result, nothing written', () => {
    const before = dumpTables(ws.db);
    fc.assert(
      fc.property(query, (q) => {
        valid(docs.search({ query: q }));
        const viaApi = ws.call('search.fulltext', { query: q });
        expect(viaApi.ok).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(dumpTables(ws.db)).toEqual(before);
    checkIndexes(ws.db);
  });

  it('10,000-character queries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 9_000, maxLength: 10_000 }), (q) => {
        valid(docs.search({ query: q.slice(0, 10_000) }));
      }),
      { numRuns: 20 },
    );
    for (const q of ['"'.repeat(10_000), 'a-'.repeat(5_000), 'medicatie '.repeat(1_000), 'NEAR('.repeat(2_000), ' '.repeat(10_000)]) {
      const result = ws.call('search.fulltext', { query: q });
      expect(result.ok).toBe(true);
      if (result.ok) valid(result.value as SearchResult);
    }
  });
});
