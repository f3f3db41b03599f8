import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult } from '../../common/document.js';
import { createDocumentsService, type DocumentsService } from '../../electron/services/documents.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { checkIndexes, encode, miniParser, SAMPLE } from '../helpers/documents.js';
import { seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const idOf = (catalogueId: string) => data.standards.find((s) => s.catalogueId === catalogueId)?.id ?? '';
const ADHD_RICHTLIJN = idOf('KS001'); // richtlijn; NIP, NVO, BPSW, Trimbos
const ZORGSTANDAARD = idOf('KS076'); // zorgstandaard ADHD; Akwa GGZ
const JGZ = idOf('KS022'); // JGZ-richtlijn Kindermishandeling; AJN, V&VN, …

const ZORGSTANDAARD_TEXT = `# 1 Zorg voor kinderen met ADHD
Het medicatiegebruik wordt jaarlijks geëvalueerd door de behandelaar.

## 1.1 Samenwerking
Goede samenwerking met school helpt. De huisarts zorgt voor afstemming.
`;

// A long section that mentions medicatie once, and a short one about it: the heading must win.
const filler = 'Professionals bespreken met ouders en jeugdige welke ondersteuning past bij de situatie thuis en op school. '.repeat(12);
const JGZ_TEXT = `# 1 Signaleren
${filler} Soms speelt medicatie een rol. ${filler}

# 2 Medicatie
Medicatie bij jonge kinderen vraagt overleg.

# 3 Coördinatie
De jeugdarts zorgt voor coördinatie tussen betrokkenen.
`;

const CONCEPT_TEXT = `# 1 Inleiding
Dit concept beschrijft nieuwe inzichten over slaapproblemen en psycho-educatie.
`;

let ws: TestWorkspace;
let docs: DocumentsService;

beforeAll(async () => {
  ws = seededWorkspace();
  docs = createDocumentsService(ws.db, () => 'Zoeker', { parse: miniParser });
  const load = async (standardId: string, text: string, label: string, status: 'gepubliceerd' | 'concept' = 'gepubliceerd') => {
    const job = await docs.imports.importNow({ standardId, fileName: `${label}.md`, bytes: encode(text), label, status });
    if (job.state !== 'klaar') throw new Error(JSON.stringify(job.error));
  };
  await load(ADHD_RICHTLIJN, SAMPLE, '2017');
  await load(ADHD_RICHTLIJN, CONCEPT_TEXT, 'Concept 2026', 'concept');
  await load(ZORGSTANDAARD, ZORGSTANDAARD_TEXT, '2019');
  await load(JGZ, JGZ_TEXT, '2016');
});
afterAll(() => ws.cleanup());

const search = (query: string, extra: Partial<Parameters<DocumentsService['search']>[0]> = {}): SearchResult => docs.search({ query, ...extra });
const hits = (result: SearchResult): SearchHit[] => result.groups.flatMap((g) => g.hits);
const headings = (result: SearchResult): string[] => hits(result).map((h) => h.heading);

describe('Dutch-aware matching', () => {
  it('is diacritics- and case-insensitive: "coordinatie" finds "coördinatie"', () => {
    for (const query of ['coordinatie', 'coördinatie', 'COÖRDINATIE', 'Coordinatie']) {
      const result = search(query);
      expect({ query, headings: headings(result).sort() }).toEqual({ query, headings: ['Coördinatie', 'Inleiding'] });
    }
  });

  it('finds parts of compounds: "begeleiding" finds "ouderbegeleiding" and "gezinsbegeleiding"', () => {
    const result = search('begeleiding');
    expect(headings(result).sort()).toEqual(['Aanbeveling 1', 'Achtergrond']);
    const achtergrond = hits(result).find((h) => h.heading === 'Achtergrond');
    expect(achtergrond?.snippet).toContain('ouder\u0002begeleiding\u0003');
    expect(achtergrond?.score).toBeLessThan(1);
  });

  it('"medicatie" finds "medicatiegebruik", after the whole-word hits', () => {
    const result = search('medicatie');
    const all = hits(result);
    const compound = all.find((h) => h.snippet.includes('\u0002medicatie\u0003gebruik') && h.heading === 'Zorg voor kinderen met ADHD');
    expect(compound).toBeDefined();
    expect(compound?.score).toBeLessThan(1);
    const wholeWord = all.filter((h) => h.score >= 1).map((h) => h.heading);
    expect(wholeWord.sort()).toEqual(['Medicatie', 'Medicatie', 'Signaleren']);
    // Each section once, even though both indexes found the whole-word ones.
    expect(new Set(all.map((h) => h.sectionId)).size).toBe(all.length);
    expect(result.totalHits).toBe(all.length);
  });

  it('all terms must occur (AND); terms too short for trigrams still count, as words', () => {
    expect(headings(search('ouders training'))).toEqual(['Aanbeveling 1']);
    // "om" is too short for the trigram index: a compound hit must contain it as a word.
    expect(headings(search('begeleiding om'))).toEqual(['Achtergrond']);
    expect(headings(search('ADHD veel'))).toEqual(['Achtergrond']);
    expect(search('ouders xyzzyqq').totalHits).toBe(0);
  });

  it('hyphenated words match their parts: "psycho-educatie"', () => {
    expect(headings(search('psycho-educatie')).sort()).toEqual(['Behandeling', 'Inleiding']);
  });
});

describe('results', () => {
  it('are grouped per standard with its title and type, ordered by the best hit', () => {
    const result = search('medicatie');
    expect(result.empty).toBe(false);
    expect(result.groups.map((g) => g.standardId).sort()).toEqual([ADHD_RICHTLIJN, JGZ, ZORGSTANDAARD].sort());
    const jgz = result.groups.find((g) => g.standardId === JGZ);
    expect(jgz).toMatchObject({ standardTitle: 'JGZ-richtlijn Kindermishandeling', standardType: 'richtlijn', totalHits: 2 });
    expect(result.groups.find((g) => g.standardId === ZORGSTANDAARD)).toMatchObject({ standardTitle: 'Zorgstandaard ADHD', standardType: 'zorgstandaard', totalHits: 1 });
    expect(result.groups.reduce((n, g) => n + g.totalHits, 0)).toBe(result.totalHits);
    const best = result.groups.map((g) => Math.max(...g.hits.map((h) => h.score)));
    expect(best).toEqual([...best].sort((a, b) => b - a));
    for (const g of result.groups) expect(g.hits.map((h) => h.score)).toEqual([...g.hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('rank a heading match above a passing mention in a long text', () => {
    const jgz = search('medicatie').groups.find((g) => g.standardId === JGZ);
    expect(jgz?.hits.map((h) => h.heading)).toEqual(['Medicatie', 'Signaleren']);
  });

  it('carry version, number, kind and a snippet with the matched words marked', () => {
    const [hit] = hits(search('oudertraining'));
    expect(hit).toMatchObject({ versionLabel: '2017', versionStatus: 'gepubliceerd', number: null, heading: 'Aanbeveling 1', kind: 'recommendation', pageStart: null });
    expect(hit?.snippet).toContain('\u0002oudertraining\u0003');
    const coord = hits(search('coordinatie')).find((h) => h.heading === 'Coördinatie');
    expect(coord?.snippet).toBe('De jeugdarts zorgt voor \u0002coördinatie\u0003 tussen betrokkenen.');
    const long = hits(search('medicatie')).find((h) => h.heading === 'Signaleren');
    expect(long?.snippet).toMatch(/^….*\u0002[Mm]edicatie\u0003.*…$/);
    expect(long?.snippet.length).toBeLessThan(300);
  });

  it('filter by standard type, owner organisation, version status and standard', () => {
    const byType = search('medicatie', { types: ['zorgstandaard'] });
    expect(byType.groups.map((g) => g.standardId)).toEqual([ZORGSTANDAARD]);
    const byOwner = search('medicatie', { owners: ['ajn'] });
    expect(byOwner.groups.map((g) => g.standardId)).toEqual([JGZ]);
    expect(search('medicatie', { owners: ['nip', 'akwa-ggz'] }).groups.map((g) => g.standardId).sort()).toEqual([ADHD_RICHTLIJN, ZORGSTANDAARD].sort());
    expect(search('inleiding', { versionStatus: 'concept' }).groups.flatMap((g) => g.hits.map((h) => h.versionLabel))).toEqual(['Concept 2026']);
    expect(search('inleiding', { versionStatus: 'gepubliceerd' }).groups.flatMap((g) => g.hits.map((h) => h.versionLabel))).toEqual(['2017']);
    expect(search('medicatie', { standardIds: [JGZ, ZORGSTANDAARD] }).groups.map((g) => g.standardId).sort()).toEqual([JGZ, ZORGSTANDAARD].sort());
    expect(search('medicatie', { types: ['veldnorm'] })).toEqual({ groups: [], totalHits: 0, empty: false });
  });

  it('the limit caps the hits returned, giving every standard its best hit first; totals stay exact', () => {
    const full = search('medicatie');
    const limited = search('medicatie', { limit: 3 });
    expect(hits(limited)).toHaveLength(3);
    expect(limited.totalHits).toBe(full.totalHits);
    expect(limited.groups.map((g) => [g.standardId, g.totalHits])).toEqual(full.groups.map((g) => [g.standardId, g.totalHits]));
    expect(limited.groups.every((g) => g.hits.length === 1)).toBe(true);
    const one = search('medicatie', { limit: 1 });
    expect(hits(one)).toHaveLength(1);
    expect(one.groups[0]?.hits).toHaveLength(1);
  });

  it('a query without words is "empty", not an error', () => {
    for (const query of ['', '   ', '"', '()', '-*:^', '""""']) expect(search(query)).toEqual({ groups: [], totalHits: 0, empty: true });
  });

  it('deleted versions and standards disappear from the index', async () => {
    const extra = createDocumentsService(ws.db, () => 'x', { parse: miniParser });
    const job = await extra.imports.importNow({ standardId: idOf('KS003'), fileName: 'c.md', bytes: encode('# Crisis\nDe zeldzaamheidswoord staat hier.'), label: 'tijdelijk', status: 'concept' });
    expect(search('zeldzaamheidswoord').totalHits).toBe(1);
    extra.deleteVersion({ versionId: job.versionId as number });
    expect(search('zeldzaamheidswoord').totalHits).toBe(0);
    await extra.imports.importNow({ standardId: idOf('KS003'), fileName: 'c.md', bytes: encode('# Crisis\nDe zeldzaamheidswoord staat hier.'), label: 'opnieuw', status: 'concept' });
    expect(search('zeldzaamheidswoord').totalHits).toBe(1);
    // Removing the standard itself cascades to versions, sections and both indexes.
    ws.db.prepare('DELETE FROM standard WHERE id = ?').run(idOf('KS003'));
    expect(search('zeldzaamheidswoord').totalHits).toBe(0);
    checkIndexes(ws.db);
  });
});
