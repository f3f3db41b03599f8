import { describe, expect, it } from 'vitest';
import type { StandardSummary } from '../../common/catalogue.js';
import { createCatalogueIndex, type CatalogueFilter } from '../../common/catalogue-search.js';
import { loadStandardsData } from '../../standards-data/schema.js';

const data = loadStandardsData();
const organisations = new Map(data.organisations.map((o) => [o.id, o]));
const vocab = (kind: string) => new Map((data.vocabularies[kind] ?? []).map((e) => [e.value, e.label]));
const typeLabels = vocab('type');
const subsectorLabels = vocab('subsector');

function summaries(extra: Partial<StandardSummary>[] = []): StandardSummary[] {
  const seeded: StandardSummary[] = data.standards.map((s) => ({
    id: s.id,
    catalogueId: s.catalogueId,
    title: s.title,
    shortTitle: s.shortTitle,
    type: s.type,
    status: s.status,
    ownerText: s.ownerText,
    owners: s.owners.map((o) => ({ ...o, abbreviation: organisations.get(o.organisationId)?.abbreviation ?? null, name: organisations.get(o.organisationId)?.name ?? o.organisationId })),
    subsectors: s.subsectors,
    topic: s.topic,
    yearPublished: s.yearPublished,
    yearRevised: s.yearRevised,
    confidence: s.confidence,
    retired: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
  const base = seeded[0]!;
  return [...seeded, ...extra.map((e, i) => ({ ...base, id: `extra-${i}`, catalogueId: null, owners: [], subsectors: [], topic: null, ...e }))];
}

const index = (list = summaries()) =>
  createCatalogueIndex(list, { type: (v) => typeLabels.get(v) ?? v, subsector: (v) => subsectorLabels.get(v) ?? v });
const filter = (query: string, more: Partial<CatalogueFilter> = {}): CatalogueFilter => ({ query, facets: {}, yearFrom: null, yearTo: null, ...more });
const titles = (list: StandardSummary[]) => list.map((s) => s.title);

describe('catalogue search', () => {
  it('tolerates a typo: "ADHS" finds the ADHD standards, the youth-care guideline among the first', () => {
    const { results } = index().search(filter('ADHS'), 'relevance');
    const adhd = results.filter((s) => /ADHD/.test(s.title));
    expect(adhd.length).toBeGreaterThanOrEqual(5);
    expect(titles(results.slice(0, 5))).toContain('Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
    expect(titles(results)).not.toContain('Zorgstandaard Autisme');
  });

  it('"jeugdgezondheid" finds youth health care (JGZ) standards through owners and subsector', () => {
    const { results } = index().search(filter('jeugdgezondheid'), 'relevance');
    const jgz = results.filter((s) => s.subsectors.includes('JGZ'));
    expect(jgz.length).toBeGreaterThanOrEqual(40);
    expect(titles(results)).toContain('JGZ-richtlijn ADHD: signalering, begeleiding en toeleiding naar diagnostiek');
  });

  it('ignores diacritics both ways: "coordinatie" finds "Zorgcoördinatie", "coördinatie" finds "Coordination"', () => {
    const list = summaries([{ title: 'Handreiking Zorgcoördinatie in het wijkteam' }]);
    expect(titles(index(list).search(filter('coordinatie'), 'relevance').results)).toContain('Handreiking Zorgcoördinatie in het wijkteam');
    expect(titles(index(list).search(filter('coördinatie'), 'relevance').results)).toEqual(
      expect.arrayContaining(['Handreiking Zorgcoördinatie in het wijkteam', 'EACD-richtlijn Developmental Coordination Disorder (Nederlandse vertaling en aanpassing)']),
    );
  });

  it('matches short words and catalogue ids literally', () => {
    const nhg = index().search(filter('NHG'), 'relevance').results;
    expect(nhg.length).toBeGreaterThan(5);
    expect(nhg.every((s) => /NHG/i.test(`${s.title} ${s.ownerText ?? ''} ${s.owners.map((o) => o.abbreviation).join(' ')}`))).toBe(true);
    expect(titles(index().search(filter('KS001'), 'relevance').results)).toEqual(['Richtlijn ADHD voor jeugdhulp en jeugdbescherming']);
  });

  it('requires every word: "adhd medicatie" is narrower than "adhd"', () => {
    const both = index().search(filter('adhd medicatie'), 'relevance').results;
    const one = index().search(filter('adhd'), 'relevance').results;
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(one.length);
    expect(titles(both)).toContain('Gezondheidsraad-advies ADHD en medicatie');
  });

  it('counts facets with the other facets applied, and filters by them', () => {
    const idx = index();
    const all = idx.search(filter(''), 'title');
    expect(all.results).toHaveLength(154);
    const typeCounts = Object.fromEntries(all.facetCounts.type.map((c) => [c.value, c.count]));
    expect(typeCounts).toMatchObject({ richtlijn: 71, zorgstandaard: 12, 'generieke module': 11, other: 23 });
    expect(all.facetCounts.confidence.find((c) => c.value === 'plausible')?.count).toBe(31);

    const zorg = idx.search(filter('', { facets: { type: ['zorgstandaard'] } }), 'title');
    expect(zorg.results).toHaveLength(12);
    expect(zorg.results.every((s) => s.type === 'zorgstandaard')).toBe(true);
    // The type facet still shows the other types' counts (what ticking them would add).
    expect(zorg.facetCounts.type.find((c) => c.value === 'richtlijn')?.count).toBe(71);
    // Other facets count within the selection.
    const confidenceTotal = zorg.facetCounts.confidence.reduce((n, c) => n + c.count, 0);
    expect(confidenceTotal).toBe(12);

    const twoTypes = idx.search(filter('', { facets: { type: ['zorgstandaard', 'generieke module'] } }), 'title');
    expect(twoTypes.results).toHaveLength(23);
  });

  it('filters by owner organisation and by year range on the latest year, leaving unknown years out', () => {
    const idx = index();
    const nhg = idx.search(filter('', { facets: { owner: ['nhg'] } }), 'title').results;
    expect(nhg.length).toBeGreaterThan(0);
    expect(nhg.every((s) => s.owners.some((o) => o.organisationId === 'nhg'))).toBe(true);

    const recent = idx.search(filter('', { yearFrom: 2020, yearTo: 2026 }), 'year-desc').results;
    expect(recent.length).toBeGreaterThan(0);
    for (const s of recent) {
      const year = Math.max(s.yearPublished ?? 0, s.yearRevised ?? 0);
      expect(year).toBeGreaterThanOrEqual(2020);
      expect(year).toBeLessThanOrEqual(2026);
    }
    const years = recent.map((s) => Math.max(s.yearPublished ?? 0, s.yearRevised ?? 0));
    expect([...years].sort((a, b) => b - a)).toEqual(years);
  });

  it('sorts unknown years last in both directions', () => {
    const idx = index();
    for (const sort of ['year-asc', 'year-desc'] as const) {
      const list = idx.search(filter(''), sort).results;
      const firstUnknown = list.findIndex((s) => s.yearPublished === null && s.yearRevised === null);
      expect(firstUnknown).toBeGreaterThan(0);
      expect(list.slice(firstUnknown).every((s) => s.yearPublished === null && s.yearRevised === null)).toBe(true);
    }
  });
});
