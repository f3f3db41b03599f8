/**
 * Vertical harmonisation chains through the api: recommendations (from a recommendation section or
 * typed), preconditions with level, status, owner and addressees, evidence (framework, passage,
 * procurement clause), the knelpunten overview per level and per addressee (expectations counted
 * by hand below), procurement items per recommendation, exports and the report section.
 */
import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BinaryExportFile } from '../../common/lists.js';
import type { BottleneckOverview, Chain, ChainLink, ChainRecommendation, RecommendationCandidate } from '../../common/review.js';
import type { ExportFile } from '../../common/tags.js';
import type { Section } from '../../common/document.js';
import { readCsv } from '../../electron/services/csv.js';
import { chainReportSection } from '../../electron/services/chain-export.js';
import { importText, miniParser, SAMPLE } from '../helpers/documents.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const A = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';
const B = 'zorgstandaard-adhd';
const KADER = 'kwaliteitskader-jeugd';
const NORM = 'norm-van-de-verantwoorde-werktoedeling';

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace(undefined, { parse: miniParser });
});
afterEach(() => ws.cleanup());

function refused(method: string, args: unknown, code: string, message: RegExp): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  const result = ws.call(method, args);
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

function makePilot(title: string): number {
  const now = new Date().toISOString();
  return Number(
    ws.db
      .prepare("INSERT INTO pilot (guid, title, kinds, origin, phase, created_at, created_by, updated_at) VALUES (?, ?, '[\"verticaal\"]', 'signalering', 'gestart', ?, 'test', ?)")
      .run(randomUUID(), title, now, now).lastInsertRowid,
  );
}

const rec = (args: Record<string, unknown>) => ws.ok<ChainRecommendation>('chains.addRecommendation', args);
const link = (recommendationId: number, args: Record<string, unknown>) => ws.ok<ChainLink>('chains.addLink', { recommendationId, ...args });

/**
 * The chains used by the overview tests:
 *   A  R1 (section "Aanbeveling 1")  L1 tijd/professional/knelpunt [branches]
 *                                    L2 scholing/team/geregeld [beroepsverenigingen] + Kwaliteitskader Jeugd
 *                                    L3 financiering/gemeente_inkoop/knelpunt [gemeenten, rijk] + inkoop clause
 *      R2 (typed)                    L4 registratie/organisatie/knelpunt []
 *                                    L5 data/landelijk/onbekend [rijk]
 *                                    L6 caseload/gemeente_inkoop/knelpunt [gemeenten]   (no clause yet)
 *   B  R3                            L7 samenwerkingsafspraken/wijkteam/knelpunt [gemeenten, clientorganisaties]
 *   pilot P, from A: R4              L8 tijd/professional/knelpunt [kennisinstituten]
 */
async function buildChains() {
  const job = await importText(ws, A, SAMPLE, 'Concept 2026-03', 'concept');
  const candidates = ws.ok<RecommendationCandidate[]>('chains.candidates', { standardId: A });
  const aanbeveling = candidates.find((c) => c.label === 'Aanbeveling 1');
  expect(aanbeveling).toMatchObject({ versionId: job.versionId, inChain: false });
  const r1 = rec({ standardId: A, sectionId: aanbeveling?.sectionId });
  const l1 = link(r1.id, { preconditionKind: 'tijd', precondition: 'Tijd voor oudertraining in het behandelplan', level: 'professional', status: 'knelpunt', addressees: ['branches'] });
  const l2 = link(r1.id, { preconditionKind: 'scholing', precondition: 'Getrainde trainers per team', level: 'team', status: 'geregeld', addressees: ['beroepsverenigingen'], owner: 'Teamleider' });
  ws.ok('chains.addEvidence', { linkId: l2.id, kind: 'kader', standardId: KADER, reference: 'Thema deskundigheid' });
  const l3 = link(r1.id, { preconditionKind: 'financiering', precondition: 'Financiering van oudertraining', level: 'gemeente_inkoop', status: 'knelpunt', addressees: ['rijk', 'gemeenten', 'gemeenten'], ownerOrganisationId: 'vng' });
  ws.ok('chains.addEvidence', { linkId: l3.id, kind: 'inkoop', reference: 'Inkoopkader Jeugd Rijnmond 2026, art. 4.2', text: 'Tarief dekt 2 uur oudertraining' });
  const r2 = rec({ standardId: A, text: 'Evalueer de behandeling na drie maanden.', label: 'Aanbeveling 2' });
  const l4 = link(r2.id, { preconditionKind: 'registratie', precondition: 'Evaluatiemoment vastleggen in het dossier', level: 'organisatie', status: 'knelpunt' });
  const l5 = link(r2.id, { preconditionKind: 'data', precondition: 'Landelijke uitkomstmaten', level: 'landelijk', status: 'onbekend', addressees: ['rijk'] });
  const l6 = link(r2.id, { preconditionKind: 'caseload', precondition: 'Caseload die evaluatie toelaat', level: 'gemeente_inkoop', status: 'knelpunt', addressees: ['gemeenten'] });
  const r3 = rec({ standardId: B, text: 'Maak samenwerkingsafspraken met school en huisarts.' });
  const l7 = link(r3.id, { preconditionKind: 'samenwerkingsafspraken', precondition: 'Afspraken wijkteam–school', level: 'wijkteam', status: 'knelpunt', addressees: ['clientorganisaties', 'gemeenten'] });
  const pilot = makePilot('Pilot ADHD verticaal');
  const r4 = rec({ pilotId: pilot, standardId: A, text: 'Bied psycho-educatie aan ouders.' });
  const l8 = link(r4.id, { preconditionKind: 'tijd', precondition: 'Tijd voor psycho-educatie', level: 'professional', status: 'knelpunt', addressees: ['kennisinstituten'] });
  return { job, pilot, r1, r2, r3, r4, l1, l2, l3, l4, l5, l6, l7, l8 };
}

const ids = (links: Array<{ linkId: number }>) => links.map((l) => l.linkId);
const counts = (o: BottleneckOverview) => ({
  total: o.total,
  level: Object.fromEntries(o.perLevel.map((p) => [p.level, p.count])),
  addressee: Object.fromEntries(o.perAddressee.map((p) => [p.addressee ?? 'geen', p.count])),
});

describe('chains: bottlenecks per level and addressee', () => {
  it('counts the knelpunten of one standard per level and per addressee (a link with two addressees counts for both)', async () => {
    const c = await buildChains();
    const chain = ws.ok<Chain>('chains.get', { standardId: A });
    expect(chain.scope.title).toBe('Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
    // R4 is the pilot's, but a recommendation of standard A: the standard's chain shows it too.
    expect(chain.recommendations.map((r) => r.id)).toEqual([c.r1.id, c.r2.id, c.r4.id]);
    expect(chain.recommendations[0]?.links.map((l) => l.id)).toEqual([c.l1.id, c.l2.id, c.l3.id]);
    const o = chain.overview;
    // Knelpunten of A: L1, L3, L4, L6, L8. L2 is geregeld, L5 onbekend.
    expect(o.statusCounts).toEqual({ geregeld: 1, knelpunt: 5, onbekend: 1 });
    expect(counts(o)).toEqual({
      total: 5,
      level: { professional: 2, team: 0, organisatie: 1, wijkteam: 0, gemeente_inkoop: 2, landelijk: 0 },
      // rijk: L3; gemeenten: L3, L6; branches: L1; kennisinstituten: L8; without addressee: L4.
      addressee: { rijk: 1, gemeenten: 2, branches: 1, beroepsverenigingen: 0, clientorganisaties: 0, kennisinstituten: 1, geen: 1 },
    });
    expect(ids(o.perLevel.find((p) => p.level === 'professional')?.links ?? [])).toEqual([c.l1.id, c.l8.id]);
    expect(ids(o.perLevel.find((p) => p.level === 'gemeente_inkoop')?.links ?? [])).toEqual([c.l3.id, c.l6.id]);
    expect(ids(o.perAddressee.find((p) => p.addressee === 'gemeenten')?.links ?? [])).toEqual([c.l3.id, c.l6.id]);
    expect(ids(o.perAddressee.find((p) => p.addressee === null)?.links ?? [])).toEqual([c.l4.id]);
    expect(o.perKind).toEqual([
      { kind: 'tijd', count: 2 },
      { kind: 'caseload', count: 1 },
      { kind: 'registratie', count: 1 },
      { kind: 'financiering', count: 1 },
    ]);
    // The owner shows as the catalogue organisation's name.
    expect(o.perLevel.find((p) => p.level === 'gemeente_inkoop')?.links[0]?.owner).toMatch(/Vereniging van Nederlandse Gemeenten|VNG/);
  });

  it('counts the whole programme without a scope, and only the pilot’s links with a pilot scope', async () => {
    const c = await buildChains();
    const all = ws.ok<BottleneckOverview & { scope: { title: string } }>('chains.overview', {});
    expect(all.scope.title).toBe('Alle standaarden');
    // L1, L3, L4, L6, L7, L8.
    expect(counts(all)).toEqual({
      total: 6,
      level: { professional: 2, team: 0, organisatie: 1, wijkteam: 1, gemeente_inkoop: 2, landelijk: 0 },
      addressee: { rijk: 1, gemeenten: 3, branches: 1, beroepsverenigingen: 0, clientorganisaties: 1, kennisinstituten: 1, geen: 1 },
    });
    expect(all.statusCounts).toEqual({ geregeld: 1, knelpunt: 6, onbekend: 1 });
    const pilot = ws.ok<Chain>('chains.get', { pilotId: c.pilot });
    expect(pilot.scope.title).toBe('Pilot Pilot ADHD verticaal');
    expect(pilot.recommendations.map((r) => r.id)).toEqual([c.r4.id]);
    expect(counts(pilot.overview)).toEqual({
      total: 1,
      level: { professional: 1, team: 0, organisatie: 0, wijkteam: 0, gemeente_inkoop: 0, landelijk: 0 },
      addressee: { rijk: 0, gemeenten: 0, branches: 0, beroepsverenigingen: 0, clientorganisaties: 0, kennisinstituten: 1 },
    });
    expect(counts(ws.ok<Chain>('chains.get', { standardId: B }).overview).total).toBe(1);
  });

  it('follows edits: a knelpunt that is solved leaves the overview, new addressees count at once', async () => {
    const c = await buildChains();
    const solved = ws.ok<ChainLink>('chains.updateLink', { linkId: c.l3.id, status: 'geregeld' });
    expect(solved.status).toBe('geregeld');
    const moved = ws.ok<ChainLink>('chains.updateLink', { linkId: c.l4.id, level: 'wijkteam', addressees: ['branches', 'rijk'] });
    expect(moved.addressees).toEqual(['rijk', 'branches']);
    const o = ws.ok<Chain>('chains.get', { standardId: A }).overview;
    // Now L1, L4, L6, L8: L4 moved to wijkteam with two addressees, L3 solved.
    expect(counts(o)).toEqual({
      total: 4,
      level: { professional: 2, team: 0, organisatie: 0, wijkteam: 1, gemeente_inkoop: 1, landelijk: 0 },
      addressee: { rijk: 1, gemeenten: 1, branches: 2, beroepsverenigingen: 0, clientorganisaties: 0, kennisinstituten: 1 },
    });
    ws.ok('chains.deleteLink', { linkId: c.l1.id });
    expect(ws.ok<Chain>('chains.get', { standardId: A }).overview.total).toBe(3);
    ws.ok('chains.deleteRecommendation', { recommendationId: c.r2.id });
    const after = ws.ok<Chain>('chains.get', { standardId: A });
    expect(after.recommendations.map((r) => r.id)).toEqual([c.r1.id, c.r4.id]);
    expect(ids(after.overview.perLevel.flatMap((p) => p.links))).toEqual([c.l8.id]);
    expect((ws.db.prepare('SELECT count(*) AS n FROM chain_link WHERE recommendation_id = ?').get(c.r2.id) as { n: number }).n).toBe(0);
  });
});

describe('chains: recommendations, evidence and procurement', () => {
  it('takes a recommendation from its section, refuses it twice, and keeps it when the version is deleted', async () => {
    const c = await buildChains();
    expect(c.r1).toMatchObject({ label: 'Aanbeveling 1', versionId: c.job.versionId, broken: false });
    expect(c.r1.text).toContain('Bied ouders een training aan.');
    expect(ws.ok<RecommendationCandidate[]>('chains.candidates', { standardId: A }).find((x) => x.sectionId === c.r1.sectionId)?.inChain).toBe(true);
    refused('chains.addRecommendation', { standardId: A, sectionId: c.r1.sectionId }, 'CONFLICT', /staat al in de keten/);
    refused('chains.addRecommendation', { standardId: B, sectionId: c.r1.sectionId }, 'ONGELDIGE_INVOER', /andere standaard/);
    ws.ok('versions.delete', { versionId: c.job.versionId });
    const kept = ws.ok<Chain>('chains.get', { standardId: A }).recommendations[0];
    expect(kept).toMatchObject({ id: c.r1.id, sectionId: null, versionId: null, label: 'Aanbeveling 1', broken: false });
    expect(kept?.links).toHaveLength(3);
  });

  it('records evidence: a framework of the catalogue, an exact passage, a procurement clause', async () => {
    const c = await buildChains();
    const version = ws.ok<{ sections: Section[] }>('versions.get', { versionId: c.job.versionId });
    const section = version.sections.find((s) => s.text.includes('Psycho-educatie')) as Section;
    const start = section.text.indexOf('Psycho-educatie');
    const withPassage = ws.ok<ChainLink>('chains.addEvidence', { linkId: c.l1.id, kind: 'passage', sectionId: section.id, start, end: start + 15, quote: 'Psycho-educatie' });
    const passage = withPassage.evidence[0];
    expect(passage).toMatchObject({ kind: 'passage', standardId: A, sectionId: section.id, start, end: start + 15, quote: 'Psycho-educatie', broken: false });
    expect(passage?.summary).toBe('Richtlijn ADHD voor jeugdhulp en jeugdbescherming – Concept 2026-03 – §2 Behandeling: “Psycho-educatie”');
    const norm = ws.ok<ChainLink>('chains.addEvidence', { linkId: c.l1.id, kind: 'kader', standardId: NORM });
    expect(norm.evidence.map((e) => e.summary)).toContain('Norm van de verantwoorde werktoedeling');
    expect(ws.ok<Chain>('chains.get', { standardId: A }).recommendations[0]?.links[1]?.evidence[0]?.summary).toBe('Kwaliteitskader Jeugd, Thema deskundigheid');
    // A quote that is not what the section says, an unknown framework, a passage without a section: nothing stored.
    refused('chains.addEvidence', { linkId: c.l1.id, kind: 'passage', sectionId: section.id, start, end: start + 15, quote: 'Psycho-EDUCATIE' }, 'CONFLICT', /komt niet overeen/);
    refused('chains.addEvidence', { linkId: c.l1.id, kind: 'kader', standardId: 'bestaat-niet' }, 'NIET_GEVONDEN', /geen standaard/);
    refused('chains.addEvidence', { linkId: c.l1.id, kind: 'passage' }, 'ONGELDIGE_INVOER', /Kies de sectie/);
    refused('chains.addEvidence', { linkId: c.l1.id, kind: 'inkoop' }, 'ONGELDIGE_INVOER', /Beschrijf de bron/);
    refused('chains.addEvidence', { linkId: c.l1.id, kind: 'inkoop', text: 'x', sectionId: section.id }, 'ONGELDIGE_INVOER', /Alleen een passage/);
    // Removing evidence.
    const after = ws.ok<ChainLink>('chains.removeEvidence', { evidenceId: passage?.id });
    expect(after.evidence.map((e) => e.kind)).toEqual(['kader']);
  });

  it('lists the procurement items that rest on each recommendation', async () => {
    const c = await buildChains();
    const chain = ws.ok<Chain>('chains.get', { standardId: A });
    const [r1, r2, r4] = chain.recommendations;
    expect(r1?.procurement).toEqual([
      { linkId: c.l3.id, evidenceId: expect.any(Number), precondition: 'Financiering van oudertraining', level: 'gemeente_inkoop', status: 'knelpunt', clause: 'Inkoopkader Jeugd Rijnmond 2026, art. 4.2: Tarief dekt 2 uur oudertraining' },
    ]);
    // L6 must be arranged in procurement but has no clause yet: it is listed as still to be made.
    expect(r2?.procurement).toEqual([
      { linkId: c.l6.id, evidenceId: null, precondition: 'Caseload die evaluatie toelaat', level: 'gemeente_inkoop', status: 'knelpunt', clause: 'Caseload die evaluatie toelaat (nog geen inkoopafspraak vastgelegd)' },
    ]);
    expect(r4?.procurement).toEqual([]);
  });

  it('validates in Dutch and writes nothing on refusal', async () => {
    const c = await buildChains();
    refused('chains.addLink', { recommendationId: c.r1.id, preconditionKind: 'tijd', precondition: 'x', level: 'provincie' }, 'ONGELDIGE_INVOER', /Kies een niveau: professional, team, organisatie, wijkteam, gemeente \/ inkoop, landelijk/);
    refused('chains.addLink', { recommendationId: c.r1.id, preconditionKind: 'tijd', precondition: '   ', level: 'team' }, 'ONGELDIGE_INVOER', /Vul de randvoorwaarde in/);
    refused('chains.addLink', { recommendationId: c.r1.id, preconditionKind: 'tijd', precondition: 'x', level: 'team', addressees: ['provincies'] }, 'ONGELDIGE_INVOER', /adressaat/);
    refused('chains.addLink', { recommendationId: c.r1.id, preconditionKind: 'tijd', precondition: 'x', level: 'team', ownerOrganisationId: 'onbekend' }, 'ONGELDIGE_INVOER', /Onbekende organisatie/);
    refused('chains.addLink', { recommendationId: 99999, preconditionKind: 'tijd', precondition: 'x', level: 'team' }, 'NIET_GEVONDEN', /geen aanbeveling/);
    refused('chains.updateLink', { linkId: c.l1.id }, 'ONGELDIGE_INVOER', /minstens één veld/);
    refused('chains.addRecommendation', { text: 'Zonder standaard' }, 'ONGELDIGE_INVOER', /Kies een standaard of een pilot/);
    refused('chains.addRecommendation', { standardId: A }, 'ONGELDIGE_INVOER', /typ de aanbeveling/);
    refused('chains.addRecommendation', { standardId: 'bestaat-niet', text: 'x' }, 'NIET_GEVONDEN', /geen standaard/);
    refused('chains.get', { pilotId: 424242 }, 'NIET_GEVONDEN', /geen pilot/);
    refused('chains.get', { standardId: A, extra: 1 }, 'ONGELDIGE_INVOER', /Onbekend veld/);
  });

  it('audits every write and keeps the order of recommendations when one moves', async () => {
    const c = await buildChains();
    ws.ok('chains.moveRecommendation', { recommendationId: c.r2.id, direction: 'omhoog' });
    expect(ws.ok<Chain>('chains.get', { standardId: A }).recommendations.map((r) => r.id)).toEqual([c.r2.id, c.r1.id, c.r4.id]);
    ws.ok('chains.updateLink', { linkId: c.l1.id, status: 'geregeld', note: 'Opgelost in de regio' });
    const audit = ws.db.prepare("SELECT action, details FROM audit_log WHERE entity = 'chain_link' AND entity_id = ? ORDER BY id").all(String(c.l1.id)) as Array<{ action: string; details: string }>;
    expect(audit.map((a) => a.action)).toEqual(['aangemaakt', 'gewijzigd']);
    expect(JSON.parse(audit[1]?.details ?? '{}')).toEqual({ status: { van: 'knelpunt', naar: 'geregeld' }, note: { van: null, naar: 'Opgelost in de regio' } });
  });
});

describe('chains: exports and report section', () => {
  it('exports one row per precondition as CSV, and a DOCX with the chain and the knelpunten tables', async () => {
    await buildChains();
    const csv = ws.ok<ExportFile>('chains.exportCsv', { standardId: A });
    expect(csv.fileName).toBe('keten-richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming.csv');
    const rows = readCsv(csv.content);
    expect(rows[0]).toEqual(['Aanbeveling', 'Standaard', 'Soort randvoorwaarde', 'Randvoorwaarde', 'Niveau', 'Adressaten', 'Status', 'Eigenaar', 'Bewijs', 'Toelichting']);
    expect(rows).toHaveLength(1 + 7);
    expect(rows[3]?.slice(2, 9)).toEqual(['Financiering', 'Financiering van oudertraining', 'Gemeente / inkoop', 'Rijk, Gemeenten', 'Knelpunt', expect.stringMatching(/VNG|Gemeenten/), 'Inkoop: Inkoopkader Jeugd Rijnmond 2026, art. 4.2: Tarief dekt 2 uur oudertraining']);
    const docx = ws.ok<BinaryExportFile>('chains.exportDocx', {});
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(docx.contentBase64, 'base64') })).value;
    expect(text).toContain('Keten: Alle standaarden');
    expect(text).toContain('Knelpunten per niveau');
    expect(text).toContain('Afspraken wijkteam–school');
    expect(text).toContain('Tarief dekt 2 uur oudertraining');
  });

  it('gives the report engine a section with summary, chain table, knelpunten and procurement', async () => {
    await buildChains();
    const section = chainReportSection(ws.db, { standardId: A });
    expect(section.title).toBe('Keten: Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
    expect(section.blocks[0]).toEqual({ kind: 'paragraph', text: 'Voor 3 aanbevelingen zijn 7 randvoorwaarden beschreven: 1 geregeld, 5 knelpunten en 1 onbekend.' });
    expect(section.subsections.map((s) => s.title)).toEqual(['Knelpunten', 'Inkoopafspraken die op de aanbevelingen rusten']);
    const perLevel = section.subsections[0]?.blocks[1];
    expect(perLevel?.kind === 'table' && perLevel.rows.map((r) => [r[0], r[1]])).toEqual([
      ['Professional', '2'],
      ['Team', '0'],
      ['Organisatie', '1'],
      ['Wijkteam', '0'],
      ['Gemeente / inkoop', '2'],
      ['Landelijk', '0'],
    ]);
    const empty = chainReportSection(ws.db, { standardId: 'kwaliteitskader-jeugd' });
    expect(empty.blocks).toEqual([{ kind: 'paragraph', text: 'Er zijn nog geen aanbevelingen in deze keten opgenomen.' }]);
  });
});
