/**
 * Reading the tagging: passages with tag combinations, the co-occurrence matrices and agreement
 * between two authors, all against small examples counted by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgreementReport, AuthorCount, CooccurrenceMatrix, PassageResult } from '../../common/tags.js';
import { agreementOf } from '../../electron/services/tag-analysis.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { importText } from '../helpers/documents.js';
import { annotate, sectionByHeading, tagIdOf } from '../helpers/tags.js';
import { seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const S1 = data.standards.find((s) => s.catalogueId === 'KS001') as (typeof data.standards)[number];
const S2 = data.standards.find((s) => s.catalogueId === 'KS003') as (typeof data.standards)[number];

describe("Cohen's kappa against hand-computed tables", () => {
  it('the textbook example a=20, b=5, c=10, d=15 gives κ = 0.4', () => {
    // pₒ = 35/50 = 0.7; pₑ = (25·30 + 25·20)/50² = 0.5; κ = 0.2/0.5.
    const r = agreementOf({ a: 20, b: 5, c: 10, d: 15 });
    expect(r.percentAgreement).toBeCloseTo(0.7, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    expect(r.positiveAgreement).toBeCloseTo(40 / 55, 12);
    expect(r.kappaReason).toBeNull();
  });

  it('more tables: low agreement, perfect agreement, perfect disagreement', () => {
    // pₒ = 0.6; pₑ = 0.6·0.7 + 0.4·0.3 = 0.54; κ = 0.06/0.46.
    expect(agreementOf({ a: 45, b: 15, c: 25, d: 15 }).kappa).toBeCloseTo(0.06 / 0.46, 12);
    expect(agreementOf({ a: 3, b: 0, c: 0, d: 7 }).kappa).toBeCloseTo(1, 12);
    // pₒ = 0; pₑ = 0.5·0.5 + 0.5·0.5 = 0.5; κ = −1.
    expect(agreementOf({ a: 0, b: 5, c: 5, d: 0 }).kappa).toBeCloseTo(-1, 12);
    // One author never uses the tag: pₑ = 0.9, pₒ = 0.9, κ = 0.
    expect(agreementOf({ a: 0, b: 1, c: 0, d: 9 }).kappa).toBeCloseTo(0, 12);
  });

  it('kappa is undefined (null, with a reason) when the expected agreement is 1', () => {
    expect(agreementOf({ a: 10, b: 0, c: 0, d: 0 })).toEqual({ percentAgreement: 1, positiveAgreement: 1, kappa: null, kappaReason: expect.stringMatching(/in elke sectie/) });
    expect(agreementOf({ a: 0, b: 0, c: 0, d: 10 })).toEqual({ percentAgreement: 1, positiveAgreement: null, kappa: null, kappaReason: expect.stringMatching(/geen van beide auteurs/) });
    expect(agreementOf({ a: 0, b: 0, c: 0, d: 0 })).toMatchObject({ kappa: null, kappaReason: expect.stringMatching(/geen secties/) });
  });
});

describe('passages and co-occurrence over two standards', () => {
  let ws: TestWorkspace;
  const t: Record<'L' | 'V' | 'I' | 'P' | 'E', number> = { L: 0, V: 0, I: 0, P: 0, E: 0 };
  const ids: Record<string, string> = {};

  beforeEach(async () => {
    ws = seededWorkspace();
    t.L = tagIdOf(ws, 'Leerlijnen');
    t.V = tagIdOf(ws, 'Leerlijnen/Veiligheid');
    t.I = tagIdOf(ws, 'Leerlijnen/Informele steun');
    t.P = tagIdOf(ws, 'Perspectieven');
    t.E = tagIdOf(ws, 'Perspectieven/Ervaring');
    const v1 = (await importText(ws, S1.id, '# Een\nAlfa beta gamma delta.\n\n# Twee\nEpsilon zeta eta theta.', '2017')).versionId as number;
    const v2 = (await importText(ws, S2.id, '# Drie\nIota kappa lambda mu.', '2015')).versionId as number;
    const een = sectionByHeading(ws, v1, 'Een');
    const twee = sectionByHeading(ws, v1, 'Twee');
    const drie = sectionByHeading(ws, v2, 'Drie');
    ws.ok('settings.setUserName', { name: 'A' });
    ids.a1 = annotate(ws, een, 'Alfa', [t.V, t.I]).id;
    ids.a2 = annotate(ws, een, 'gamma', [t.V]).id;
    ids.a3 = annotate(ws, twee, 'Epsilon', [t.E]).id;
    ids.a4 = annotate(ws, twee, 'theta', [t.V, t.E], { note: 'vier' }).id;
    ws.ok('settings.setUserName', { name: 'B' });
    ids.b1 = annotate(ws, drie, 'Iota', [t.I]).id;
    ids.b2 = annotate(ws, drie, 'kappa', [t.I, t.E]).id;
    ids.b3 = annotate(ws, drie, 'mu', [t.V]).id;
  });
  afterEach(() => ws.cleanup());

  const passages = (q: Record<string, unknown>) => ws.ok<PassageResult>('analysis.passages', q);
  const found = (q: Record<string, unknown>) => passages(q).groups.flatMap((g) => g.passages.map((p) => Object.entries(ids).find(([, id]) => id === p.annotationId)?.[0])).sort();

  it('a tag finds passages with itself or any tag below it, grouped by standard', () => {
    const result = passages({ all: [t.V] });
    expect(result.total).toBe(4);
    expect(result.groups.map((g) => [g.standardId, g.passages.length])).toEqual(
      [
        [S1.id, 3],
        [S2.id, 1],
      ].sort((x, y) => (data.standards.find((s) => s.id === x[0])?.title ?? '').localeCompare(data.standards.find((s) => s.id === y[0])?.title ?? '')),
    );
    expect(found({ all: [t.L] })).toEqual(['a1', 'a2', 'a4', 'b1', 'b2', 'b3']);
  });

  it('combines tags: A and B, A not B, any of, per standard and per author', () => {
    expect(found({ all: [t.V, t.I] })).toEqual(['a1']);
    expect(found({ all: [t.L], not: [t.E] })).toEqual(['a1', 'a2', 'b1', 'b3']);
    expect(found({ any: [t.I, t.E] })).toEqual(['a1', 'a3', 'a4', 'b1', 'b2']);
    expect(found({ all: [t.L], any: [t.E] })).toEqual(['a4', 'b2']);
    expect(found({ all: [t.V], standardIds: [S2.id] })).toEqual(['b3']);
    expect(found({ all: [t.L], author: 'A' })).toEqual(['a1', 'a2', 'a4']);
    expect(found({ all: [t.P], not: [t.P] })).toEqual([]);
  });

  it('each passage has its context, place, note, author and tags, and jumps to its section', () => {
    const result = passages({ all: [t.E], standardIds: [S1.id] });
    const [a3, a4] = result.groups[0]?.passages ?? [];
    expect(a3).toMatchObject({ quote: 'Epsilon', contextBefore: '', contextAfter: ' zeta eta theta.', sectionHeading: 'Twee', versionLabel: '2017', author: 'A', anchorState: 'geplaatst' });
    expect(a4).toMatchObject({ quote: 'theta', contextBefore: 'Epsilon zeta eta ', contextAfter: '.', note: 'vier', start: 17, end: 22 });
    expect(a4?.tags.map((x) => x.path)).toEqual(['Leerlijnen/Veiligheid', 'Perspectieven/Ervaring']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('context is at most 120 characters either side', async () => {
    const long = `${'woord '.repeat(60)}MIDDEN ${'tekst '.repeat(60)}`.trim();
    const v = (await importText(ws, S2.id, `# Lang\n${long}`, 'lang')).versionId as number;
    annotate(ws, sectionByHeading(ws, v, 'Lang'), 'MIDDEN', [t.P]);
    const p = passages({ all: [t.P], not: [t.E] }).groups[0]?.passages[0];
    expect(p?.contextBefore).toBe(long.slice(long.indexOf('MIDDEN') - 120, long.indexOf('MIDDEN')));
    expect(p?.contextAfter).toHaveLength(120);
  });

  it('pages through the passages in a stable order; groups tell how many their standard has in all', () => {
    const all = passages({ all: [t.L] });
    expect(all).toMatchObject({ total: 6, offset: 0, limit: 1000, truncated: false });
    const order = all.groups.flatMap((g) => g.passages.map((p) => p.annotationId));
    const first = passages({ all: [t.L], limit: 4 });
    const second = passages({ all: [t.L], limit: 4, offset: 4 });
    expect(first).toMatchObject({ total: 6, offset: 0, limit: 4, truncated: true });
    expect(second).toMatchObject({ total: 6, offset: 4, limit: 4, truncated: false });
    expect([...first.groups, ...second.groups].flatMap((g) => g.passages.map((p) => p.annotationId))).toEqual(order);
    // Standard 1 has a1 a2 a4 (3), standard 2 has b1 b2 b3 (3), whichever page shows them.
    expect([...first.groups, ...second.groups].map((g) => g.count)).toEqual([3, 3, 3]);
    expect(passages({ all: [t.L], offset: 10 })).toMatchObject({ groups: [], total: 6, truncated: false });
    // Within a standard: section order, then offset.
    const s1 = all.groups.find((g) => g.standardId === S1.id)?.passages.map((p) => p.quote);
    expect(s1).toEqual(['Alfa', 'gamma', 'theta']);
  });

  it('co-occurrence matrices match the hand count', () => {
    const m = ws.ok<CooccurrenceMatrix>('analysis.cooccurrence');
    expect(m.annotationCount).toBe(7);
    expect(m.tags.map((x) => x.path)).toEqual(['Leerlijnen', 'Leerlijnen/Informele steun', 'Leerlijnen/Veiligheid', 'Perspectieven', 'Perspectieven/Ervaring']);
    const col = (id: string) => m.standards.findIndex((s) => s.id === id);
    const perStandard = m.tagStandard.map((row) => [row[col(S1.id)], row[col(S2.id)]]);
    expect(perStandard).toEqual([
      [3, 3], // Leerlijnen: a1 a2 a4 | b1 b2 b3
      [1, 2], // Informele steun: a1 | b1 b2
      [3, 1], // Veiligheid: a1 a2 a4 | b3
      [2, 1], // Perspectieven: a3 a4 | b2
      [2, 1], // Ervaring
    ]);
    expect(m.tagTag).toEqual([
      // L  I  V  P  E
      [6, 3, 4, 2, 2],
      [3, 3, 1, 1, 1],
      [4, 1, 4, 1, 1],
      [2, 1, 1, 3, 3],
      [2, 1, 1, 3, 3],
    ]);
    expect(ws.ok<CooccurrenceMatrix>('analysis.cooccurrence', { standardIds: [S2.id] }).tagStandard).toEqual([[3], [2], [1], [1], [1]]);
    expect(ws.ok<CooccurrenceMatrix>('analysis.cooccurrence', { author: 'A' }).standards.map((s) => s.id)).toEqual([S1.id]);
  });

  it('every cell opens exactly the passages it counts', () => {
    const m = ws.ok<CooccurrenceMatrix>('analysis.cooccurrence');
    m.tags.forEach((row, i) => {
      m.standards.forEach((s, j) => expect(passages({ all: [row.id], standardIds: [s.id] }).total).toBe(m.tagStandard[i]?.[j]));
      m.tags.forEach((col, k) => expect(passages({ all: [row.id, col.id] }).total).toBe(m.tagTag[i]?.[k]));
    });
  });

  it('refuses a query without tags and unknown tags', () => {
    expect(ws.call('analysis.passages', { not: [t.E] })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/Kies minstens één tag/) } });
    expect(ws.call('analysis.passages', { all: [t.E], not: [123_456] })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN', message: expect.stringMatching(/geen tag met nummer 123456/) } });
  });
});

describe('agreement between two authors on one version', () => {
  let ws: TestWorkspace;
  let version: number;
  const t: Record<'L' | 'V' | 'I' | 'P' | 'E', number> = { L: 0, V: 0, I: 0, P: 0, E: 0 };

  beforeEach(async () => {
    ws = seededWorkspace();
    t.L = tagIdOf(ws, 'Leerlijnen');
    t.V = tagIdOf(ws, 'Leerlijnen/Veiligheid');
    t.I = tagIdOf(ws, 'Leerlijnen/Informele steun');
    t.P = tagIdOf(ws, 'Perspectieven');
    t.E = tagIdOf(ws, 'Perspectieven/Ervaring');
    const text = Array.from({ length: 10 }, (_, i) => `# S${i + 1}\nTekst van sectie ${i + 1} met woorden.`).join('\n\n');
    version = (await importText(ws, S1.id, text, '2017')).versionId as number;
    const s = (n: number) => sectionByHeading(ws, version, `S${n}`);
    const code = (author: string, sections: number[], tags: number[]) => {
      ws.ok('settings.setUserName', { name: author });
      for (const n of sections) annotate(ws, s(n), 'Tekst', tags);
    };
    code('A', [1, 2, 3, 4], [t.V]);
    code('B', [2, 3, 4, 5, 6], [t.V]);
    code('A', [1], [t.I]);
    code('B', [1], [t.I]);
    code('A', [7], [t.E]);
    // A second annotation with the same tag in a section: still one coded unit.
    ws.ok('settings.setUserName', { name: 'A' });
    annotate(ws, s(1), 'woorden', [t.V]);
    // A third author does not count.
    code('C', [8, 9, 10], [t.V]);
  });
  afterEach(() => ws.cleanup());

  it('per tag: the 2×2 table over sections, percent agreement and kappa; overall pooled over directly used tags', () => {
    const report = ws.ok<AgreementReport>('analysis.agreement', { versionId: version, authorA: 'A', authorB: 'B' });
    expect(report).toMatchObject({ versionId: version, authorA: 'A', authorB: 'B', units: 10, annotationsA: 7, annotationsB: 6 });
    const row = (id: number) => report.rows.find((r) => r.tag.id === id);
    expect(report.rows.map((r) => r.tag.path)).toEqual(['Leerlijnen', 'Leerlijnen/Informele steun', 'Leerlijnen/Veiligheid', 'Perspectieven', 'Perspectieven/Ervaring']);
    // Veiligheid: A {1,2,3,4}, B {2,3,4,5,6}: a=3 b=1 c=2 d=4; pₒ=0.7, pₑ=0.4·0.5+0.6·0.5=0.5, κ=0.4.
    expect(row(t.V)?.table).toEqual({ a: 3, b: 1, c: 2, d: 4 });
    expect(row(t.V)?.percentAgreement).toBeCloseTo(0.7, 12);
    expect(row(t.V)?.kappa).toBeCloseTo(0.4, 12);
    // Informele steun: both only section 1: κ = 1.
    expect(row(t.I)).toMatchObject({ table: { a: 1, b: 0, c: 0, d: 9 }, percentAgreement: 1 });
    expect(row(t.I)?.kappa).toBeCloseTo(1, 12);
    // Ervaring: only A, once: pₒ=0.9, pₑ=0.9, κ=0.
    expect(row(t.E)?.table).toEqual({ a: 0, b: 1, c: 0, d: 9 });
    expect(row(t.E)?.kappa).toBeCloseTo(0, 12);
    expect(row(t.E)?.positiveAgreement).toBe(0);
    // Leerlijnen (rolled up): A {1,2,3,4}, B {1,…,6}: a=4 b=0 c=2 d=4; pₑ=0.4·0.6+0.6·0.4=0.48; κ=0.32/0.52.
    expect(row(t.L)?.table).toEqual({ a: 4, b: 0, c: 2, d: 4 });
    expect(row(t.L)?.kappa).toBeCloseTo(0.32 / 0.52, 12);
    // Overall over Veiligheid, Informele steun and Ervaring: a=4 b=2 c=2 d=22 (n=30);
    // pₒ=26/30, pₑ=0.2·0.2+0.8·0.8=0.68, κ=(26/30−0.68)/0.32.
    expect(report.overall.table).toEqual({ a: 4, b: 2, c: 2, d: 22 });
    expect(report.overall.percentAgreement).toBeCloseTo(26 / 30, 12);
    expect(report.overall.kappa).toBeCloseTo((26 / 30 - 0.68) / 0.32, 12);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('authors lists who annotated the version; unknown authors give empty tables', () => {
    expect(ws.ok<AuthorCount[]>('analysis.authors', { versionId: version })).toEqual([
      { author: 'A', annotationCount: 7 },
      { author: 'B', annotationCount: 6 },
      { author: 'C', annotationCount: 3 },
    ]);
    const report = ws.ok<AgreementReport>('analysis.agreement', { versionId: version, authorA: 'A', authorB: 'Niemand' });
    expect(report.annotationsB).toBe(0);
    expect(report.rows.find((r) => r.tag.id === t.V)?.table).toEqual({ a: 0, b: 4, c: 0, d: 6 });
  });
});
