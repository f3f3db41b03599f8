import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompareMultiResult, CompareTextsResult } from '../../common/compare.js';
import type { Section } from '../../common/document.js';
import type { VersionWithSections } from '../../electron/services/documents.js';
import { importText, miniParser, SAMPLE } from '../helpers/documents.js';
import { seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const ADHD = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';
const ZORGSTANDAARD = 'zorgstandaard-adhd';

/**
 * SAMPLE revised: 1.2 Doel removed, an age changed (18 → 23), the recommendation weakened
 * ("Bied" → "Overweeg … aan te bieden"), a term changed (drie → zes maanden), 2.1 renumbered
 * to 2.2, a new chapter 4 added.
 */
const REVISED = `# 1 Inleiding
Deze richtlijn gaat over de coördinatie van zorg bij kinderen met ADHD.

## 1.1 Achtergrond
ADHD komt veel voor.

Ouders vragen vaak om ouderbegeleiding.

### 1.2.1 Doelgroep
Kinderen en jongeren tot 23 jaar.

# 2 Behandeling
Psycho-educatie is de eerste stap.

## Aanbeveling 1
Overweeg ouders een training aan te bieden.

- oudertraining
- gezinsbegeleiding

Evalueer na zes maanden.

## 2.2 Medicatie
Bespreek medicatiegebruik met ouders en school.

| Middel | Dosering |
| methylfenidaat | laag beginnen |

# 3 Slot
Tot slot.

# 4 Samenwerking
De jeugdarts moet samenwerken met de school.
`;

let ws: TestWorkspace;
let v1: number;
let v2: number;

beforeEach(async () => {
  ws = seededWorkspace(undefined, { parse: miniParser });
  v1 = (await importText(ws, ADHD, SAMPLE, '2017')).versionId as number;
  v2 = (await importText(ws, ADHD, REVISED, 'Concept 2026', 'concept')).versionId as number;
});
afterEach(() => ws.cleanup());

const sectionsOf = (versionId: number): Section[] => ws.ok<VersionWithSections>('versions.get', { versionId }).sections;
const idOf = (versionId: number, heading: string): number => sectionsOf(versionId).find((s) => s.heading === heading)?.id ?? -1;
const compare = (args: unknown) => ws.ok<CompareTextsResult>('compare.texts', args);
const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

/** Segments of a side cover its text exactly, in order. */
function expectCovering(segments: Array<{ start: number; end: number }>, text: string): void {
  let at = 0;
  for (const s of segments) {
    expect(s.start).toBe(at);
    expect(s.end).toBeGreaterThan(s.start);
    at = s.end;
  }
  expect(at).toBe(text.length);
}

describe('compare.texts on two whole versions', () => {
  it('pairs sections by number, heading and text, diffs each pair, and reports unpaired sections as removed or added', () => {
    const r = compare({ left: { versionId: v1 }, right: { versionId: v2 } });
    expect(r.left.label).toMatchObject({ scope: 'versie', standardId: ADHD, standardTitle: 'ADHD (jeugdhulp)', versionId: v1, versionLabel: '2017', versionStatus: 'gepubliceerd', sectionsLabel: null, title: 'ADHD (jeugdhulp) · 2017' });
    expect(r.right.label).toMatchObject({ versionLabel: 'Concept 2026', versionStatus: 'concept' });
    expectCovering(r.diff.left, r.left.text);
    expectCovering(r.diff.right, r.right.text);

    const heading = (side: 'left' | 'right', i: number | null) => (i === null ? null : r[side].sections[i]?.heading);
    const rows = (r.diff.pairs ?? []).map((p) => [heading('left', p.left), heading('right', p.right)]);
    expect(rows).toContainEqual(['Medicatie', 'Medicatie']);
    expect(rows).toContainEqual(['Doelgroep', 'Doelgroep']);
    expect(rows).toContainEqual(['Doel', null]);
    expect(rows).toContainEqual([null, 'Samenwerking']);
    // Rows follow the new version, with the removed section where it stood.
    expect(rows.map(([a, b]) => b ?? `-${a}`)).toEqual(['Inleiding', 'Achtergrond', '-Doel', 'Doelgroep', 'Behandeling', 'Aanbeveling 1', 'Medicatie', 'Slot', 'Samenwerking']);

    const changes = r.diff.changes.map((c) => ({ kind: c.kind, significance: c.significance, from: slice(r.left.text, c.left), to: slice(r.right.text, c.right) }));
    expect(changes).toContainEqual({ kind: 'gewijzigd', significance: 'getal', from: '18', to: '23' });
    expect(changes).toContainEqual({ kind: 'gewijzigd', significance: 'getal', from: 'drie', to: 'zes' });
    expect(changes).toContainEqual({ kind: 'gewijzigd', significance: 'herformulering', from: '2.1', to: '2.2' });
    expect(changes).toContainEqual({ kind: 'verwijderd', significance: 'herformulering', from: '1.2 Doel\n\nDe richtlijn ondersteunt professionals.', to: '' });
    expect(changes).toContainEqual({ kind: 'toegevoegd', significance: 'modaal', from: '', to: '4 Samenwerking\n\nDe jeugdarts moet samenwerken met de school.' });
    const modal = r.diff.changes.find((c) => c.significance === 'modaal' && c.kind === 'gewijzigd');
    expect(modal && slice(r.left.text, modal.left)).toMatch(/^Bied/);
    expect(modal?.signals).toContainEqual({ type: 'modaal', removed: [], added: ['Overweeg'] });
    expect(r.diff.counts).toMatchObject({ total: r.diff.changes.length, getal: 2, modaal: 2 });
    // Changes come in reading order of the new text, numbered 0..n-1.
    expect(r.diff.changes.map((c) => c.id)).toEqual(r.diff.changes.map((_, i) => i));
    const starts = r.diff.changes.map((c) => c.right.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(r.diff.coarse).toBe(false);
    // Anchors for synchronised scrolling increase on both sides.
    for (let k = 1; k < r.diff.anchors.length; k++) {
      expect(r.diff.anchors[k]?.[0]).toBeGreaterThan(r.diff.anchors[k - 1]?.[0] ?? -1);
      expect(r.diff.anchors[k]?.[1]).toBeGreaterThan(r.diff.anchors[k - 1]?.[1] ?? -1);
    }
  });

  it('options change what counts: renumbering disappears with ignoreNumbering; identical versions have no changes', () => {
    const plain = compare({ left: { versionId: v1 }, right: { versionId: v2 } });
    const ignoring = compare({ left: { versionId: v1 }, right: { versionId: v2 }, options: { ignoreNumbering: true } });
    expect(ignoring.options).toEqual({ ignoreNumbering: true, ignoreWhitespace: true, ignorePunctuation: false, ignoreCase: false, detectMoves: true });
    const renumbered = (r: CompareTextsResult) => r.diff.changes.filter((c) => slice(r.left.text, c.left) === '2.1');
    expect(renumbered(plain)).toHaveLength(1);
    expect(renumbered(ignoring)).toHaveLength(0);
    expect(ignoring.diff.changes.length).toBe(plain.diff.changes.length - 1);

    const self = compare({ left: { versionId: v1 }, right: { versionId: v1 } });
    expect(self.diff.changes).toEqual([]);
    expect(self.diff.left.every((s) => s.kind === 'equal')).toBe(true);
  });

  it('flags a section that moved as a whole as a move', async () => {
    const moved = SAMPLE.replace('# 3 Slot\nTot slot.\n', '').replace('# 1 Inleiding', '# 3 Slot\nTot slot.\n\n# 1 Inleiding');
    const v3 = (await importText(ws, ADHD, moved, 'Verschoven')).versionId as number;
    const r = compare({ left: { versionId: v1 }, right: { versionId: v3 }, options: { detectMoves: true } });
    const moves = r.diff.changes.filter((c) => c.kind === 'verplaatst');
    expect(moves).toHaveLength(1);
    expect(slice(r.right.text, moves[0]?.right ?? { start: 0, end: 0 })).toBe('3 Slot\n\nTot slot.');
    expect(r.diff.right.some((s) => s.kind === 'moved' && s.move === moves[0]?.move)).toBe(true);
    expect(r.diff.changes.filter((c) => c.kind !== 'verplaatst')).toEqual([]);
  });
});

describe('compare.texts on sections (cells)', () => {
  it('concatenates the sections in reading order and labels the column with them', () => {
    const r = compare({
      left: { sectionIds: [idOf(v1, 'Aanbeveling 1')] },
      right: { sectionIds: [idOf(v2, 'Medicatie'), idOf(v2, 'Aanbeveling 1')] },
    });
    expect(r.left.label).toMatchObject({ scope: 'secties', sectionsLabel: 'Aanbeveling 1', title: 'ADHD (jeugdhulp) · 2017 · Aanbeveling 1' });
    expect(r.right.label.sectionsLabel).toBe('Aanbeveling 1 – 2.2 Medicatie (2 secties)');
    expect(r.right.sections.map((s) => s.heading)).toEqual(['Aanbeveling 1', 'Medicatie']);
    expect(r.right.text.startsWith('Aanbeveling 1\n\nOverweeg ouders')).toBe(true);
    expect(r.diff.pairs).toBeNull();
    const added = r.diff.changes.find((c) => c.kind === 'toegevoegd' && slice(r.right.text, c.right).includes('Medicatie'));
    expect(added).toBeDefined();
    expect(r.diff.changes.find((c) => c.significance === 'getal')).toMatchObject({ signals: [{ type: 'getal', removed: ['drie'], added: ['zes'] }] });
  });

  it('compares sections of different standards side by side', async () => {
    const other = (await importText(ws, ZORGSTANDAARD, '# Behandeling\nBied ouders geen training aan.\n', 'GGZ 2019')).versionId as number;
    const r = compare({ left: { sectionIds: [idOf(v1, 'Aanbeveling 1')] }, right: { versionId: other } });
    expect(r.right.label.standardId).toBe(ZORGSTANDAARD);
    expect(r.diff.changes.some((c) => c.significance === 'ontkenning' && c.signals.some((s) => s.added.includes('geen')))).toBe(true);
  });
});

describe('compare.multi', () => {
  it('diffs up to three columns against the chosen reference', async () => {
    const other = (await importText(ws, ZORGSTANDAARD, '# Behandeling\nBied ouders een training aan.\n', 'GGZ 2019')).versionId as number;
    const r = ws.ok<CompareMultiResult>('compare.multi', { reference: { versionId: v2 }, others: [{ versionId: v1 }, { versionId: other }, { sectionIds: [idOf(v1, 'Slot')] }] });
    expect(r.reference.label.versionId).toBe(v2);
    expect(r.others.map((o) => o.column.label.versionId)).toEqual([v1, other, v1]);
    // Each diff has the reference on its left.
    for (const o of r.others) {
      expectCovering(o.diff.left, r.reference.text);
      expectCovering(o.diff.right, o.column.text);
    }
    const first = r.others[0];
    expect(first?.diff.changes.some((c) => first && slice(first.column.text, c.right) === '18' && slice(r.reference.text, c.left) === '23')).toBe(true);
    expect(r.others[1]?.diff.pairs).not.toBeNull();
    expect(r.others[2]?.diff.pairs).toBeNull();
  });

  it('refuses more than four columns, and no others at all, in Dutch', () => {
    const tooMany = ws.call('compare.multi', { reference: { versionId: v1 }, others: [{ versionId: v2 }, { versionId: v2 }, { versionId: v2 }, { versionId: v2 }] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
    expect(!tooMany.ok && tooMany.error.message).toMatch(/hoogstens 3 teksten/);
    const none = ws.call('compare.multi', { reference: { versionId: v1 }, others: [] });
    expect(!none.ok && none.error.message).toMatch(/minstens één tekst/);
  });
});

describe('compare errors and side effects', () => {
  it('unknown versions and sections are NIET_GEVONDEN with a Dutch message', () => {
    expect(ws.call('compare.texts', { left: { versionId: 999_999 }, right: { versionId: v1 } })).toEqual({ ok: false, error: { code: 'NIET_GEVONDEN', message: 'Er is geen versie met nummer 999999.' } });
    expect(ws.call('compare.texts', { left: { versionId: v1 }, right: { sectionIds: [idOf(v1, 'Slot'), 888_888] } })).toEqual({ ok: false, error: { code: 'NIET_GEVONDEN', message: 'Er is geen sectie met nummer 888888.' } });
    expect(ws.call('compare.multi', { reference: { versionId: v1 }, others: [{ sectionIds: [777_777, 777_778] }] })).toEqual({
      ok: false,
      error: { code: 'NIET_GEVONDEN', message: 'Er zijn geen secties met de nummers 777777, 777778.' },
    });
  });

  it('bad input is refused with Dutch messages', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ left: {}, right: { versionId: v1 } }, /versie \(versionId\) of een lijst van secties/],
      [{ left: { sectionIds: [] }, right: { versionId: v1 } }, /minstens één sectie/],
      [{ left: { versionId: 'een' }, right: { versionId: v1 } }, /versie/],
      [{ left: { versionId: v1 }, right: { versionId: v1 }, options: { ignoreCase: 'ja' } }, /Negeer hoofdletters: kies aan of uit/],
      [{ left: { versionId: v1 }, right: { versionId: v1 }, options: { fuzzy: true } }, /Onbekend veld: "fuzzy"/],
      [{ left: { versionId: v1 } }, /versie \(versionId\) of een lijst van secties/],
      [{ left: { sectionIds: Array.from({ length: 501 }, (_, i) => i + 1) }, right: { versionId: v1 } }, /hoogstens 500 secties/],
    ];
    for (const [args, message] of cases) {
      const r = ws.call('compare.texts', args);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('ONGELDIGE_INVOER');
        expect(r.error.message).toMatch(message);
      }
    }
  });

  it('sections of one column come from one version', () => {
    const r = ws.call('compare.texts', { left: { sectionIds: [idOf(v1, 'Slot'), idOf(v2, 'Slot')] }, right: { versionId: v1 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/uit één versie/) } });
  });

  it('comparing writes nothing', () => {
    const before = totalChanges(ws.db);
    compare({ left: { versionId: v1 }, right: { versionId: v2 } });
    ws.ok('compare.multi', { reference: { versionId: v1 }, others: [{ versionId: v2 }] });
    expect(totalChanges(ws.db)).toBe(before);
  });
});
