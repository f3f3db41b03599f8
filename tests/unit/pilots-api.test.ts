/**
 * Harmonisation pilots through the api: lifecycle rules (agreements before starting, results before
 * evaluating), members and versions, and the alignment grid: proposal, accept/reject, manual edits
 * that survive a new proposal, split/merge, classification, decisions and comments.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/catalogue.js';
import type { AlignmentGrid, Pilot, PilotSummary } from '../../common/pilots.js';
import { adhdPilot, rowByTheme } from '../helpers/pilots.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace();
});
afterEach(() => ws.cleanup());

function refused(method: string, args: unknown, code: string, message: RegExp): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  const result = ws.call(method, args);
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

const grid = (pilotId: number) => ws.ok<AlignmentGrid>('alignment.grid', { pilotId });
const sectionsIn = (g: AlignmentGrid, rowId: number) => g.rows.find((r) => r.id === rowId)?.cells.flatMap((c) => c.sections.map((s) => s.sectionId)) ?? [];

describe('pilot lifecycle', () => {
  it('creates a pilot in phase voorstel and lists it with its counts', () => {
    const pilot = ws.ok<Pilot>('pilots.create', { title: '  ADHD  ', kinds: ['verticaal', 'horizontaal', 'horizontaal'], origin: 'partner', topic: 'ADHD' });
    expect(pilot).toMatchObject({ title: 'ADHD', kinds: ['horizontaal', 'verticaal'], phase: 'voorstel', origin: 'partner', versionCount: 0, memberCount: 0, members: [], versions: [] });
    expect(pilot.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ws.ok<PilotSummary[]>('pilots.list').map((p) => p.title)).toEqual(['ADHD']);
  });

  it('refuses invalid input in Dutch and writes nothing', () => {
    refused('pilots.create', { title: ' ', kinds: ['horizontaal'], origin: 'partner' }, 'ONGELDIGE_INVOER', /titel/);
    refused('pilots.create', { title: 'X', kinds: [], origin: 'partner' }, 'ONGELDIGE_INVOER', /soort pilot/);
    refused('pilots.create', { title: 'X', kinds: ['diagonaal'], origin: 'partner' }, 'ONGELDIGE_INVOER', /horizontaal, verticaal of vereenvoudigen/);
    refused('pilots.create', { title: 'X', kinds: ['horizontaal'], origin: 'ergens' }, 'ONGELDIGE_INVOER', /herkomst/);
    refused('pilots.get', { pilotId: 99 }, 'NIET_GEVONDEN', /geen pilot met nummer 99/);
  });

  it('refuses to start without both agreements, then starts once they are recorded', () => {
    const pilot = ws.ok<Pilot>('pilots.create', { title: 'ADHD', kinds: ['horizontaal'], origin: 'signalering' });
    refused('pilots.setPhase', { pilotId: pilot.id, phase: 'gestart' }, 'CONFLICT', /niet starten zonder de afspraak over inbedding en de afspraak over flexibiliteit/);
    ws.ok('pilots.update', { pilotId: pilot.id, agreementEmbedding: 'De uitkomst wordt opgenomen in de herziening van 2027.' });
    refused('pilots.setPhase', { pilotId: pilot.id, phase: 'gestart' }, 'CONFLICT', /zonder de afspraak over flexibiliteit en het lerend aspect\./);
    ws.ok('pilots.update', { pilotId: pilot.id, agreementFlexibility: 'Werkwijze mag tussentijds worden bijgesteld.' });
    expect(ws.ok<Pilot>('pilots.setPhase', { pilotId: pilot.id, phase: 'gestart' }).phase).toBe('gestart');
    // Once started, an agreement cannot be emptied.
    refused('pilots.update', { pilotId: pilot.id, agreementEmbedding: '' }, 'CONFLICT', /houdt zijn afspraken/);
  });

  it('moves forward one phase at a time, needs both results to be evaluated, and may step back', () => {
    const pilot = ws.ok<Pilot>('pilots.create', { title: 'ADHD', kinds: ['horizontaal'], origin: 'signalering' });
    ws.ok('pilots.update', { pilotId: pilot.id, agreementEmbedding: 'a', agreementFlexibility: 'b' });
    refused('pilots.setPhase', { pilotId: pilot.id, phase: 'lopend' }, 'CONFLICT', /één fase tegelijk.*naar "Gestart"/);
    ws.ok('pilots.setPhase', { pilotId: pilot.id, phase: 'gestart' });
    ws.ok('pilots.setPhase', { pilotId: pilot.id, phase: 'lopend' });
    refused('pilots.setPhase', { pilotId: pilot.id, phase: 'geevalueerd' }, 'CONFLICT', /het resultaat voor de standaard en het leerresultaat/);
    ws.ok('pilots.update', { pilotId: pilot.id, evaluationResult: 'Eén gezamenlijke tekst over medicatie.', evaluationLearning: 'Vroeg afspraken maken werkt.' });
    expect(ws.ok<Pilot>('pilots.setPhase', { pilotId: pilot.id, phase: 'geevalueerd' }).phase).toBe('geevalueerd');
    expect(ws.ok<Pilot>('pilots.setPhase', { pilotId: pilot.id, phase: 'gestart' }).phase).toBe('gestart');
    const phases = ws.ok<AuditEntry[]>('audit.list', { entity: 'pilot', entityId: String(pilot.id) }).filter((e) => e.action === 'fase');
    expect(phases.map((e) => (e.details as { naar: string }).naar)).toEqual(['gestart', 'geevalueerd', 'lopend', 'gestart']);
    refused('pilots.delete', { pilotId: pilot.id }, 'CONFLICT', /Alleen een pilot in de fase "Voorstel"/);
  });

  it('keeps members with organisation and perspective, and reflection moments', () => {
    const pilot = ws.ok<Pilot>('pilots.create', { title: 'ADHD', kinds: ['horizontaal'], origin: 'signalering' });
    const org = (ws.db.prepare("SELECT id, name FROM organisation ORDER BY id LIMIT 1").get() as { id: string; name: string });
    let p = ws.ok<Pilot>('pilots.addMember', { pilotId: pilot.id, name: 'Anna de Vries', organisationId: org.id, perspective: 'professionals', role: 'voorzitter' });
    p = ws.ok<Pilot>('pilots.addMember', { pilotId: pilot.id, name: 'Bram', organisation: 'Ouderpanel Utrecht', perspective: 'ervaring', role: 'lid' });
    expect(p.members.map((m) => [m.name, m.organisation, m.perspective, m.role])).toEqual([
      ['Anna de Vries', org.name, 'professionals', 'voorzitter'],
      ['Bram', 'Ouderpanel Utrecht', 'ervaring', 'lid'],
    ]);
    refused('pilots.addMember', { pilotId: pilot.id, name: 'X', organisationId: 'bestaat-niet', perspective: 'ervaring', role: 'lid' }, 'NIET_GEVONDEN', /organisatie/);
    refused('pilots.addMember', { pilotId: pilot.id, name: 'X', perspective: 'ouders', role: 'lid' }, 'ONGELDIGE_INVOER', /perspectief/);
    p = ws.ok<Pilot>('pilots.updateMember', { memberId: p.members[1]?.id, role: 'secretaris' });
    expect(p.members[1]?.role).toBe('secretaris');
    p = ws.ok<Pilot>('pilots.addReflection', { pilotId: pilot.id, heldOn: '2026-03-12', perspectives: ['kennis', 'ervaring', 'kennis'], notes: 'Eerste reflectie' });
    expect(p.reflections).toEqual([expect.objectContaining({ heldOn: '2026-03-12', perspectives: ['ervaring', 'kennis'], notes: 'Eerste reflectie' })]);
    refused('pilots.addReflection', { pilotId: pilot.id, heldOn: '2026-02-30', perspectives: [] }, 'ONGELDIGE_INVOER', /bestaat niet/);
    p = ws.ok<Pilot>('pilots.removeMember', { memberId: p.members[0]?.id });
    expect(p.memberCount).toBe(1);
  });

  it('a version in a pilot cannot be deleted', async () => {
    const { versionIds } = await adhdPilot(ws);
    refused('versions.delete', { versionId: versionIds.jgz }, 'CONFLICT', /hoort bij de pilot "ADHD horizontaal"/);
  });
});

describe('alignment grid', () => {
  it('proposes rows across the three standards with a confidence, leaving unmatched sections out or alone', async () => {
    const { pilot, versionIds } = await adhdPilot(ws);
    const g = ws.ok<AlignmentGrid & { proposedRows: number }>('alignment.propose', { pilotId: pilot.id });
    expect(g.proposedRows).toBeGreaterThan(0);
    expect(g.rows.every((r) => r.status === 'voorstel' && r.confidence !== null && r.confidence >= 0 && r.confidence <= 1)).toBe(true);
    // Medication is treated by all three; the aligner must put those sections in one row.
    const medication = g.rows.find((r) => r.cells.every((c) => c.sections.some((s) => /medica/i.test(s.heading))));
    expect(medication, g.rows.map((r) => `${r.theme}: ${r.cells.map((c) => c.sections.map((s) => s.heading).join('+')).join(' | ')}`).join('\n')).toBeDefined();
    expect(medication?.cells.map((c) => c.versionId)).toEqual([versionIds.jeugdhulp, versionIds.jgz, versionIds.ggz]);
    expect(g.progress).toMatchObject({ rows: g.rows.length, proposed: g.rows.length, decided: 0, undecided: 0 });
  });

  it('keeps accepted and hand-placed rows when the proposal runs again, and never re-proposes a rejected pair', async () => {
    const { pilot } = await adhdPilot(ws);
    let g = ws.ok<AlignmentGrid>('alignment.propose', { pilotId: pilot.id });
    const first = g.rows[0];
    const second = g.rows[1];
    if (!first || !second) throw new Error('expected at least two proposed rows');
    g = ws.ok<AlignmentGrid>('alignment.accept', { rowId: first.id });
    const accepted = sectionsIn(g, first.id);
    const rejected = sectionsIn(g, second.id);
    g = ws.ok<AlignmentGrid>('alignment.reject', { rowId: second.id });
    expect(g.rows.some((r) => r.id === second.id)).toBe(false);
    g = ws.ok<AlignmentGrid>('alignment.propose', { pilotId: pilot.id });
    // The accepted row is untouched; its sections are not proposed anywhere else.
    expect(sectionsIn(g, first.id)).toEqual(accepted);
    const elsewhere = g.rows.filter((r) => r.id !== first.id).flatMap((r) => sectionsIn(g, r.id));
    expect(elsewhere.filter((id) => accepted.includes(id))).toEqual([]);
    // No proposed row holds two sections of the rejected row (from different versions) together.
    for (const row of g.rows.filter((r) => r.status === 'voorstel')) {
      expect(sectionsIn(g, row.id).filter((id) => rejected.includes(id)).length).toBeLessThanOrEqual(1);
    }
  });

  it('places, splits and merges by hand; a touched proposal becomes manual', async () => {
    const { pilot, versionIds } = await adhdPilot(ws);
    const created = ws.ok<AlignmentGrid & { rowId: number }>('alignment.createRow', { pilotId: pilot.id, theme: 'Signalering' });
    const rowId = created.rowId;
    let g: AlignmentGrid = created;
    const signals = g.unplaced.flatMap((u) => u.sections.filter((s) => /signal|onderkenning/i.test(s.heading)).map((s) => s.sectionId));
    expect(signals).toHaveLength(3);
    for (const sectionId of signals) g = ws.ok<AlignmentGrid>('alignment.placeSection', { pilotId: pilot.id, sectionId, rowId });
    expect(sectionsIn(g, rowId).sort()).toEqual([...signals].sort());
    expect(g.unplaced.flatMap((u) => u.sections.map((s) => s.sectionId)).some((id) => signals.includes(id))).toBe(false);
    const split = ws.ok<AlignmentGrid & { rowId: number }>('alignment.splitRow', { rowId, sectionIds: [signals[2]], theme: 'Vroege onderkenning' });
    expect(split.rows.map((r) => r.theme)).toEqual(['Signalering', 'Vroege onderkenning']);
    expect(sectionsIn(split, split.rowId)).toEqual([signals[2]]);
    refused('alignment.splitRow', { rowId, sectionIds: signals.slice(0, 2), theme: 'Alles' }, 'CONFLICT', /minstens één sectie/);
    g = ws.ok<AlignmentGrid>('alignment.classify', { rowId: split.rowId, versionId: versionIds.ggz, classification: 'aanvullend', note: 'Ook gezin' });
    g = ws.ok<AlignmentGrid>('alignment.classify', { rowId, versionId: versionIds.ggz, classification: 'gelijk' });
    ws.ok('alignment.comment', { rowId: split.rowId, body: 'Samen bespreken' });
    g = ws.ok<AlignmentGrid>('alignment.mergeRows', { rowId: split.rowId, intoRowId: rowId });
    const merged = g.rows.find((r) => r.id === rowId);
    expect(g.rows).toHaveLength(1);
    expect(sectionsIn(g, rowId).sort()).toEqual([...signals].sort());
    // The target's classification wins; the other is kept in the note, with the note itself.
    const ggzCell = merged?.cells.find((c) => c.versionId === versionIds.ggz);
    expect(ggzCell?.classification).toBe('gelijk');
    expect(ggzCell?.note).toBe('Uit "Vroege onderkenning": aanvullend\nUit "Vroege onderkenning": Ook gezin');
    expect(merged?.comments.map((c) => c.body)).toEqual(['Samen bespreken']);
  });

  it('decides per row with what each decision needs, and counts progress', async () => {
    const { pilot, versionIds } = await adhdPilot(ws);
    let g = ws.ok<AlignmentGrid>('alignment.propose', { pilotId: pilot.id });
    const row = g.rows[0];
    if (!row) throw new Error('no rows');
    refused('alignment.decide', { rowId: row.id, decision: 'overnemen', versionId: versionIds.jgz }, 'CONFLICT', /Accepteer of bewerk het voorstel eerst/);
    ws.ok('alignment.accept', { rowId: row.id });
    refused('alignment.decide', { rowId: row.id, decision: 'overnemen' }, 'ONGELDIGE_INVOER', /van welke standaard/);
    refused('alignment.decide', { rowId: row.id, decision: 'verschil_laten' }, 'ONGELDIGE_INVOER', /reden/);
    refused('alignment.decide', { rowId: row.id, decision: 'samenvoegen', text: '  ' }, 'ONGELDIGE_INVOER', /samengevoegde tekst/);
    refused('alignment.decide', { rowId: row.id, decision: 'overnemen', versionId: 999_999 }, 'NIET_GEVONDEN', /hoort niet bij de pilot/);
    g = ws.ok<AlignmentGrid>('alignment.decide', { rowId: row.id, decision: 'overnemen', versionId: versionIds.ggz, text: 'Meest volledig', dissent: 'JGZ: te lang' });
    const decided = g.rows.find((r) => r.id === row.id);
    expect(decided).toMatchObject({ decision: 'overnemen', decisionVersionId: versionIds.ggz, decisionText: 'Meest volledig', decisionDissent: 'JGZ: te lang', decidedBy: 'gebruiker' });
    expect(g.progress.decided).toBe(1);
    refused('alignment.deleteRow', { rowId: row.id }, 'CONFLICT', /al een besluit/);
    // Taking the version out of the pilot would orphan the decision.
    refused('pilots.setVersions', { pilotId: pilot.id, versionIds: [versionIds.jeugdhulp, versionIds.jgz], discardCells: true }, 'CONFLICT', /neemt de formulering van deze versie over/);
    g = ws.ok<AlignmentGrid>('alignment.decide', { rowId: row.id, decision: null });
    expect(g.rows.find((r) => r.id === row.id)).toMatchObject({ decision: null, decidedBy: null, decisionText: null });
    const actions = ws.ok<AuditEntry[]>('audit.list', { entity: 'pilot', entityId: String(pilot.id) }).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['besluit', 'besluit ingetrokken', 'voorstel geaccepteerd', 'voorstel uitlijning']));
  });

  it('refuses to drop a version with work in its cells unless confirmed, and then records what was dropped', async () => {
    const { pilot, versionIds } = await adhdPilot(ws);
    const g = ws.ok<AlignmentGrid & { rowId: number }>('alignment.createRow', { pilotId: pilot.id, theme: 'Medicatie' });
    ws.ok('alignment.classify', { rowId: g.rowId, versionId: versionIds.jgz, classification: 'tegenstrijdig', note: 'JGZ start geen medicatie' });
    refused('pilots.setVersions', { pilotId: pilot.id, versionIds: [versionIds.jeugdhulp, versionIds.ggz] }, 'CONFLICT', /1 cel met secties, indelingen of notities/);
    const p = ws.ok<Pilot>('pilots.setVersions', { pilotId: pilot.id, versionIds: [versionIds.ggz, versionIds.jeugdhulp], discardCells: true });
    expect(p.versions.map((v) => v.versionId)).toEqual([versionIds.ggz, versionIds.jeugdhulp]);
    expect(grid(pilot.id).rows[0]?.cells.map((c) => c.versionId)).toEqual([versionIds.ggz, versionIds.jeugdhulp]);
    const entry = ws.ok<AuditEntry[]>('audit.list', { entity: 'pilot', entityId: String(pilot.id) }).find((e) => e.action === 'versies');
    expect(JSON.stringify(entry?.details)).toContain('JGZ start geen medicatie');
  });

  it('a comment on a proposal makes it the group\'s row: a new proposal keeps it, and the text is in the audit log', async () => {
    const { pilot } = await adhdPilot(ws);
    let g = ws.ok<AlignmentGrid>('alignment.propose', { pilotId: pilot.id });
    const row = g.rows[0];
    if (!row) throw new Error('no rows');
    g = ws.ok<AlignmentGrid>('alignment.comment', { rowId: row.id, body: 'Bespreken in de werkgroep van maart' });
    expect(g.rows.find((r) => r.id === row.id)?.status).toBe('handmatig');
    refused('alignment.reject', { rowId: row.id }, 'CONFLICT', /al geaccepteerd of met de hand gemaakt/);
    g = ws.ok<AlignmentGrid>('alignment.propose', { pilotId: pilot.id });
    expect(g.rows.find((r) => r.id === row.id)?.comments.map((c) => c.body)).toEqual(['Bespreken in de werkgroep van maart']);
    const entry = ws.ok<AuditEntry[]>('audit.list', { entity: 'pilot', entityId: String(pilot.id) }).find((e) => e.action === 'opmerking');
    expect(entry?.details).toMatchObject({ tekst: 'Bespreken in de werkgroep van maart' });
  });

  it('comments belong to their author', async () => {
    const { pilot } = await adhdPilot(ws);
    const g = ws.ok<AlignmentGrid & { rowId: number }>('alignment.createRow', { pilotId: pilot.id, theme: 'Medicatie' });
    const withComment = ws.ok<AlignmentGrid>('alignment.comment', { rowId: g.rowId, body: 'Eerst bespreken met NHG' });
    const comment = withComment.rows[0]?.comments[0];
    expect(comment).toMatchObject({ author: 'gebruiker', body: 'Eerst bespreken met NHG' });
    ws.ok('settings.setUserName', { name: 'Iemand anders' });
    refused('alignment.deleteComment', { commentId: comment?.id }, 'GEEN_TOEGANG', /alleen de schrijver/);
    refused('alignment.deleteRow', { rowId: g.rowId }, 'CONFLICT', /1 opmerking/);
  });
});

describe('list items from a pilot', () => {
  it('records which pilot an item came out of, keeps it in a new list version, and validates it', async () => {
    const { pilot } = await adhdPilot(ws);
    const list = ws.ok<{ id: number }>('lists.create', { title: 'BDL', versionLabel: 'v1' });
    const item = ws.ok<{ id: number; pilotId: number | null }>('items.create', { listId: list.id, category: 'beter_doen', statement: 'Eerst psycho-educatie', pilotId: pilot.id });
    expect(item.pilotId).toBe(pilot.id);
    refused('items.update', { itemId: item.id, pilotId: 424242 }, 'NIET_GEVONDEN', /geen pilot met nummer 424242/);
    const next = ws.ok<{ id: number }>('lists.newVersion', { listId: list.id, versionLabel: 'v2' });
    const copied = ws.ok<{ items: Array<{ pilotId: number | null }> }>('lists.get', { listId: next.id }).items;
    expect(copied.map((i) => i.pilotId)).toEqual([pilot.id]);
    expect(ws.ok<{ pilotId: number | null }>('items.update', { itemId: item.id, pilotId: null }).pilotId).toBeNull();
  });
});
