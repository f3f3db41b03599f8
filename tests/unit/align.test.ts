/**
 * The alignment proposal (electron/services/align): what it promises whatever the input —
 * manual placements and rejections win, every section at most once and in its own column, the
 * same rows for the same input — and how it reads headings, recommendations and Dutch words.
 * Its quality on gold alignments is measured in align-quality.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignableSectionIds, proposeAlignment, type AlignInput, type AlignSection, type ProposedRow } from '../../electron/services/align/index.js';
import { stem, words } from '../../electron/services/align/text.js';
import { cleanHeading } from '../../electron/services/align/units.js';
import { adhdCase } from '../helpers/align-gold.js';

type Spec = [level: number, number: string | null, heading: string, text: string, kind?: string];

/** Sections from [level, number, heading, text] in reading order; parents follow from the levels. */
function version(versionId: number, firstId: number, specs: Spec[]): { versionId: number; sections: AlignSection[] } {
  const stack: AlignSection[] = [];
  const sections = specs.map(([level, number, heading, text, kind], i) => {
    while (stack.length && (stack[stack.length - 1] as AlignSection).level >= level) stack.pop();
    const s: AlignSection = {
      id: firstId + i,
      versionId,
      number,
      heading,
      text,
      kind: kind ?? (level === 1 ? 'chapter' : 'section'),
      level,
      ordinal: i,
      parentId: stack.length ? (stack[stack.length - 1] as AlignSection).id : null,
    };
    stack.push(s);
    return s;
  });
  return { versionId, sections };
}

const input = (versions: AlignInput['versions'], extra: Partial<AlignInput> = {}): AlignInput => ({ versions, placedSectionIds: [], rejectedPairs: [], ...extra });

const MEDICATIE = 'Methylfenidaat is de eerste keus bij medicatie. Controleer voor de start bloeddruk, hartslag, lengte en gewicht, en evalueer de bijwerkingen na zes weken.';
const SIGNALERING = 'Let op signalen van onrust, concentratieproblemen en impulsief gedrag in de klas en thuis. Bespreek de zorgen met ouders en vraag informatie op bij school.';
const PSYCHO = 'Psycho-educatie geeft ouders en jeugdige uitleg over ADHD, het beloop en de behandelmogelijkheden. Dit vermindert schuldgevoelens en vergroot begrip.';
const SLAAP = 'Adviezen over slaaphygiëne: vaste bedtijden, geen schermen voor het slapengaan en voldoende beweging overdag.';

/** Two small standards: same themes in another order and wording, one theme only in B. */
function twoStandards(): AlignInput {
  return input([
    version(10, 100, [
      [1, '1', 'Signalering', SIGNALERING],
      [1, '2', 'Psycho-educatie', PSYCHO],
      [1, '3', 'Medicatie', ''],
      [2, '3.1', 'Start van medicatie', MEDICATIE],
    ]),
    version(20, 200, [
      [1, '1', 'Voorlichting aan ouders', PSYCHO.replace('Psycho-educatie geeft', 'Voorlichting geeft').replace('vergroot', 'verbetert')],
      [1, '2', 'Vroegsignalering', SIGNALERING.replace('Let op', 'Wees alert op').replace('Bespreek', 'Deel')],
      [1, '3', 'Medicamenteuze behandeling', MEDICATIE.replace('eerste keus', 'middel van eerste keuze')],
      [1, '4', 'Slaap', SLAAP],
    ]),
  ]);
}

const rowOf = (rows: ProposedRow[], sectionId: number): ProposedRow | undefined => rows.find((r) => r.cells.some((c) => c.sections.some((s) => s.sectionId === sectionId)));
const idsOf = (row: ProposedRow): number[] => row.cells.flatMap((c) => c.sections.map((s) => s.sectionId));
const multiRows = (rows: ProposedRow[]) => rows.filter((r) => r.cells.filter((c) => c.sections.length > 0).length > 1);

describe('proposeAlignment on two small standards', () => {
  const rows = proposeAlignment(twoStandards());

  it('puts the sections on one theme in one row, whatever their order and wording', () => {
    expect(idsOf(rowOf(rows, 100) as ProposedRow).sort((a, b) => a - b)).toEqual([100, 201]);
    expect(idsOf(rowOf(rows, 101) as ProposedRow).sort((a, b) => a - b)).toEqual([101, 200]);
    expect(idsOf(rowOf(rows, 103) as ProposedRow).sort((a, b) => a - b)).toEqual([103, 202]);
  });

  it('gives every row one cell per version, in input order, empty where a version has nothing', () => {
    for (const row of rows) expect(row.cells.map((c) => c.versionId)).toEqual([10, 20]);
    const slaap = rowOf(rows, 203) as ProposedRow;
    expect(slaap.cells.map((c) => c.sections.length)).toEqual([0, 1]);
  });

  it('leaves out containers without text of their own, and orders rows by the first version', () => {
    expect(rowOf(rows, 102)).toBeUndefined();
    expect(rows.map((r) => r.theme)).toEqual(['Signalering', 'Psycho-educatie', 'Start van medicatie', 'Slaap']);
  });

  it('gives matched rows a high confidence and the unmatched section a row of its own ("alleen hier")', () => {
    for (const row of multiRows(rows)) {
      expect(row.confidence).toBeGreaterThan(0.7);
      for (const s of row.cells.flatMap((c) => c.sections)) expect(s.confidence).toBeGreaterThan(0.7);
    }
    expect(multiRows(rows)).toHaveLength(3);
    const omit = proposeAlignment(twoStandards(), { unmatched: 'omit' });
    expect(omit).toHaveLength(3);
    expect(rowOf(omit, 203)).toBeUndefined();
  });
});

describe('manual work wins', () => {
  let adhd: AlignInput;
  beforeAll(async () => {
    adhd = (await adhdCase()).input;
  });

  it('never proposes a section a person already placed, and still aligns the rest', () => {
    const before = proposeAlignment(adhd);
    const placed = multiRows(before).slice(0, 3).flatMap(idsOf);
    expect(placed.length).toBeGreaterThanOrEqual(6);
    const after = proposeAlignment({ ...adhd, placedSectionIds: placed });
    const proposed = after.flatMap(idsOf);
    for (const id of placed) expect(proposed).not.toContain(id);
    expect(multiRows(after).length).toBe(multiRows(before).length - 3);
    expect(alignableSectionIds({ ...adhd, placedSectionIds: placed })).not.toContain(placed[0]);
  });

  it('never puts a rejected pair in one row again, in either order', () => {
    const before = proposeAlignment(adhd);
    const rejected: Array<[number, number]> = multiRows(before).map((r) => {
      const filled = r.cells.filter((c) => c.sections.length);
      return [(filled[1]?.sections[0]?.sectionId as number), (filled[0]?.sections[0]?.sectionId as number)];
    });
    expect(rejected.length).toBeGreaterThan(5);
    const after = proposeAlignment({ ...adhd, rejectedPairs: rejected });
    for (const [a, b] of rejected) expect(rowOf(after, a)).not.toBe(rowOf(after, b));
    // Rejecting one pair leaves the rest of the proposal standing.
    const one = proposeAlignment({ ...adhd, rejectedPairs: [rejected[0] as [number, number]] });
    expect(multiRows(one).length).toBeGreaterThan(multiRows(before).length / 2);
  });
});

describe('determinism', () => {
  it('gives the same rows for the same input, and for the same input listed in another order', async () => {
    const { input: adhd } = await adhdCase();
    const first = proposeAlignment(adhd);
    expect(proposeAlignment(adhd)).toEqual(first);
    const shuffled: AlignInput = {
      versions: adhd.versions.map((v) => ({ versionId: v.versionId, sections: [...v.sections].reverse() })),
      placedSectionIds: [],
      rejectedPairs: [],
    };
    expect(proposeAlignment(shuffled)).toEqual(first);
  });
});

describe('degenerate inputs', () => {
  it('no versions, or versions without sections, give no rows', () => {
    expect(proposeAlignment(input([]))).toEqual([]);
    expect(proposeAlignment(input([{ versionId: 1, sections: [] }, { versionId: 2, sections: [] }]))).toEqual([]);
  });

  it('one version gives one "alleen hier" row per section with text, or none with unmatched: omit', () => {
    const one = input([twoStandards().versions[0] as AlignInput['versions'][number]]);
    const rows = proposeAlignment(one);
    expect(rows.map((r) => idsOf(r))).toEqual([[100], [101], [103]]);
    for (const r of rows) expect(r.confidence).toBe(1);
    expect(proposeAlignment(one, { unmatched: 'omit' })).toEqual([]);
  });

  it('ignores a version listed twice and sections listed under the wrong version', () => {
    const base = twoStandards();
    const v1 = base.versions[0] as AlignInput['versions'][number];
    const v2 = base.versions[1] as AlignInput['versions'][number];
    const messy = input([v1, { versionId: v2.versionId, sections: [...v2.sections, { ...(v1.sections[0] as AlignSection), id: 999 }] }, v1]);
    const rows = proposeAlignment(messy);
    expect(rows.flatMap(idsOf)).not.toContain(999);
    expect(rows).toEqual(proposeAlignment(base));
  });
});

describe('recommendations and headings', () => {
  it('cleans numbering and recommendation labels off headings', () => {
    expect(cleanHeading({ heading: '4.2.1 Medicatie', number: null }).label).toBe('Medicatie');
    expect(cleanHeading({ heading: 'Medicatie', number: '4.2' }).label).toBe('Medicatie');
    expect(cleanHeading({ heading: 'Hoofdstuk 3: Diagnostiek', number: null }).label).toBe('Diagnostiek');
    expect(cleanHeading({ heading: 'Aanbeveling 3', number: 'Aanbeveling 3' })).toEqual({ label: '', recommendationNumber: '3', isRecommendationLabel: true });
    expect(cleanHeading({ heading: 'medicatie bij jonge kinderen', number: 'Aanbeveling 3.2' })).toMatchObject({ label: 'medicatie bij jonge kinderen', recommendationNumber: '3.2' });
    expect(cleanHeading({ heading: 'Kernaanbeveling: vroege onderkenning', number: null })).toMatchObject({ label: 'vroege onderkenning', isRecommendationLabel: true });
    // A year is no section number.
    expect(cleanHeading({ heading: '2026 in vogelvlucht', number: null }).label).toBe('2026 in vogelvlucht');
  });

  it('names a row of bare "Aanbeveling N" sections after their chapter and first words', () => {
    const rows = proposeAlignment(
      input([
        version(1, 1, [
          [1, '5', 'Medicatie', ''],
          [2, 'Aanbeveling 7', 'Aanbeveling 7', MEDICATIE, 'recommendation'],
        ]),
        version(2, 11, [
          [1, '2', 'Farmacotherapie', ''],
          [2, 'Aanbeveling 2', 'Aanbeveling 2', MEDICATIE, 'recommendation'],
        ]),
      ]),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.theme).toBe('Medicatie: Methylfenidaat is de eerste keus bij medicatie.');
  });

  it('matches recommendations on their content, with an equal number only as a tie-breaker', () => {
    const same = 'Bied ouders een oudertraining aan voordat medicatie wordt overwogen.';
    const rows = proposeAlignment(
      input([
        version(1, 1, [
          [1, '1', 'Behandeling', ''],
          [2, 'Aanbeveling 1', 'Aanbeveling 1', same, 'recommendation'],
          [2, 'Aanbeveling 2', 'Aanbeveling 2', same, 'recommendation'],
          [2, 'Aanbeveling 3', 'Aanbeveling 3', MEDICATIE, 'recommendation'],
        ]),
        version(2, 11, [
          [1, '1', 'Behandeling', ''],
          [2, 'Aanbeveling 1', 'Aanbeveling 1', MEDICATIE, 'recommendation'],
          [2, 'Aanbeveling 2', 'Aanbeveling 2', same, 'recommendation'],
          [2, 'Aanbeveling 3', 'Aanbeveling 3', same, 'recommendation'],
        ]),
      ]),
      // One section per cell: otherwise identical texts rightly share one row.
      { themes: false, maxPerCell: 1 },
    );
    // Content first: medication with medication despite the numbers 3 and 1.
    expect(idsOf(rowOf(rows, 4) as ProposedRow).sort((a, b) => a - b)).toEqual([4, 12]);
    // Identical texts: the equal number decides (2 with 2), then 1 takes the one left.
    expect(idsOf(rowOf(rows, 3) as ProposedRow).sort((a, b) => a - b)).toEqual([3, 13]);
    expect(idsOf(rowOf(rows, 2) as ProposedRow).sort((a, b) => a - b)).toEqual([2, 14]);
  });
});

describe('Dutch words', () => {
  it('folds diacritics, drops stop words and splits on punctuation', () => {
    expect(words('De coördinatie van zorg, en één psycho-educatie!')).toEqual(['coordinatie', 'zorg', 'psycho', 'educatie']);
  });

  it('stems plurals and inflections so singular and plural meet', () => {
    expect(stem('behandelingen')).toBe(stem('behandeling'));
    expect(stem('ouders')).toBe(stem('ouder'));
    expect(stem('mogelijkheden')).toBe('mogelijkheid');
    expect(stem('kinderen')).toBe(stem('kinder'));
    expect(stem('2030')).toBe('2030');
  });
});

describe('properties on random inputs (fast-check)', () => {
  const VOCAB = ['medicatie', 'signalering', 'ouders', 'school', 'diagnostiek', 'slaap', 'coördinatie', 'veiligheid', 'jeugdarts', 'behandeling', 'gedrag', 'oudertraining'];
  const sectionSpec = fc.record({
    level: fc.integer({ min: 1, max: 3 }),
    recommendation: fc.boolean(),
    heading: fc.array(fc.constantFrom(...VOCAB), { minLength: 0, maxLength: 3 }),
    text: fc.array(fc.constantFrom(...VOCAB, 'de', 'het', 'en'), { minLength: 0, maxLength: 30 }),
  });
  const arbitraryInput = fc
    .record({
      versions: fc.array(fc.array(sectionSpec, { maxLength: 12 }), { minLength: 0, maxLength: 4 }),
      placedPicks: fc.array(fc.nat(), { maxLength: 6 }),
      rejectedPicks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
    })
    .map(({ versions, placedPicks, rejectedPicks }) => {
      let id = 1;
      const built = versions.map((specs, v) => {
        let previousLevel = 0;
        return version(
          v + 1,
          (id += 100),
          specs.map((s, i) => {
            // Levels may go down any amount but up by one at most, as importers produce them.
            const level = Math.min(s.level, previousLevel + 1);
            previousLevel = level;
            const number = s.recommendation ? `Aanbeveling ${i + 1}` : String(i + 1);
            return [level, number, s.recommendation ? number : s.heading.join(' '), s.text.join(' '), s.recommendation ? 'recommendation' : undefined] as Spec;
          }),
        );
      });
      const all = built.flatMap((v) => v.sections.map((s) => s.id));
      const pick = (n: number) => all[n % Math.max(1, all.length)] as number;
      return input(built, {
        placedSectionIds: all.length ? placedPicks.map(pick) : [],
        rejectedPairs: all.length ? rejectedPicks.map(([a, b]) => [pick(a), pick(b)] as [number, number]) : [],
      });
    });

  it('every proposed section is an input section of its cell’s version, at most once, never placed, never with a rejected partner', () => {
    fc.assert(
      fc.property(arbitraryInput, fc.boolean(), (inp, themes) => {
        const rows = proposeAlignment(inp, { themes });
        const versionOf = new Map(inp.versions.flatMap((v) => v.sections.map((s) => [s.id, v.versionId] as const)));
        const placed = new Set(inp.placedSectionIds);
        const seen = new Set<number>();
        for (const row of rows) {
          expect(row.theme.trim().length).toBeGreaterThan(0);
          expect(row.confidence).toBeGreaterThanOrEqual(0);
          expect(row.confidence).toBeLessThanOrEqual(1);
          expect(row.cells.map((c) => c.versionId)).toEqual(inp.versions.map((v) => v.versionId));
          expect(row.cells.some((c) => c.sections.length > 0)).toBe(true);
          for (const cell of row.cells) {
            expect(cell.sections.length).toBeLessThanOrEqual(3);
            for (const s of cell.sections) {
              expect(versionOf.get(s.sectionId)).toBe(cell.versionId);
              expect(seen.has(s.sectionId)).toBe(false);
              expect(placed.has(s.sectionId)).toBe(false);
              expect(s.confidence).toBeGreaterThanOrEqual(0);
              expect(s.confidence).toBeLessThanOrEqual(1);
              seen.add(s.sectionId);
            }
          }
        }
        for (const [a, b] of inp.rejectedPairs) {
          if (a === b) continue;
          const ra = rowOf(rows, a);
          if (ra) expect(ra).not.toBe(rowOf(rows, b));
        }
        expect(proposeAlignment(inp, { themes })).toEqual(rows);
      }),
      { numRuns: 150 },
    );
  });
});
