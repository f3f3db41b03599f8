/**
 * Merging a colleague's project file (merge.preview / merge.apply) with two diverged copies of one
 * workspace: Anna's (A) and Bert's (B), both made from the same project file and then changed
 * independently. B is merged into A. New things arrive, identical ones are not duplicated,
 * conflicts are listed field by field and resolved either way, nothing of A changes without a
 * 'hun' choice, a failure halfway leaves A as it was, a backup is taken first, and merging the same
 * file again changes nothing. A fast-check property merges random sets of changes on both sides.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MergeConflict, MergePlan, MergeResult } from '../../common/merge.js';
import type { BdlItem, BdlList, VotingRound } from '../../common/lists.js';
import type { AlignmentGrid, Pilot } from '../../common/pilots.js';
import type { ReviewComment, ReviewRound } from '../../common/review.js';
import type { Tag } from '../../common/tags.js';
import { listBackups } from '../../db/backup.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import type { Db } from '../../db/open.js';
import { WorkspaceSession } from '../../electron/workspace-session.js';
import { checkIndexes, importText } from '../helpers/documents.js';
import { ADHD_STANDARDS, ADHD_TEXTS, adhdPilot, rowByTheme } from '../helpers/pilots.js';
import { annotate, checkAnnotations, sectionByHeading } from '../helpers/tags.js';
import { beforePrepare, dumpTables, removeDir, seededWorkspace, tempDir, type TestWorkspace } from '../helpers/test-db.js';
import { workspaceCopy } from '../helpers/workspaces.js';

const RUNS = Number(process.env.RICHTSNOER_MERGE_RUNS) || 12;

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function workspaceFrom(bytes: Buffer, user: string): TestWorkspace {
  const ws = workspaceCopy(bytes, user);
  cleanups.push(ws.cleanup);
  return ws;
}

const exportOf = (ws: TestWorkspace) => ws.ok<{ fileName: string; contentBase64: string }>('project.export', {});
const preview = (ws: TestWorkspace, from: TestWorkspace) => {
  const file = exportOf(from);
  return ws.ok<MergePlan>('merge.preview', { fileName: 'van-bert.richtsnoer', dataBase64: file.contentBase64 });
};
const all = (plan: MergePlan, choice: 'mijn' | 'hun') => Object.fromEntries(plan.conflicts.map((c) => [c.key, choice]));
const count = (plan: MergePlan, kind: string) => plan.counts.find((c) => c.kind === kind) as MergePlan['counts'][number];
const rows = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const scalar = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params);

function sound(db: Db): void {
  expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
  expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  checkAnnotations(db);
  checkIndexes(db);
}

/** The dump without what a merge always writes (audit) or derives (full-text index internals). */
function content(db: Db): Record<string, unknown[]> {
  const dump = dumpTables(db);
  for (const table of Object.keys(dump)) if (table === 'audit_log' || /^section_(word|trigram)/.test(table)) delete dump[table];
  return dump;
}

// ---------------------------------------------------------------------------------------------
// The shared starting point: Anna's workspace, exported once.

interface Base {
  bytes: Buffer;
  pilotId: number;
  versions: { jeugdhulp: number; jgz: number; ggz: number };
  listId: number;
  items: number[];
  roundId: number;
  reviewRoundId: number;
  comments: number[];
  keptAnnotation: string;
  deletedAnnotation: string;
  recommendationId: number;
  linkId: number;
}

let base: Base;

beforeAll(async () => {
  const ws = seededWorkspace();
  ws.ok('settings.setUserName', { name: 'Anna' });
  const { pilot, versionIds } = await adhdPilot(ws);
  ws.ok('pilots.addMember', { pilotId: pilot.id, name: 'Anna de Vries', organisation: 'NJi', perspective: 'kennis', role: 'voorzitter' });
  const kept = annotate(ws, sectionByHeading(ws, versionIds.jeugdhulp, 'Signalering'), 'concentratieproblemen', [], { newTagNames: ['Samenvoegen/Signalen'] });
  const deleted = annotate(ws, sectionByHeading(ws, versionIds.ggz, 'Diagnostiek'), 'meerdere bronnen', [], { newTagNames: ['Samenvoegen/Bronnen'] });
  ws.ok('alignment.propose', { pilotId: pilot.id });
  ws.ok('alignment.acceptAll', { pilotId: pilot.id });
  const grid = ws.ok<AlignmentGrid>('alignment.grid', { pilotId: pilot.id });
  ws.ok('alignment.comment', { rowId: rowByTheme(grid, /^Diagnostiek/).id, body: 'Eerst de definities gelijktrekken.' });
  ws.ok('alignment.decide', { rowId: rowByTheme(grid, /^Psycho-educatie/).id, decision: 'samenvoegen', text: 'Eén tekst over uitleg aan ouders en jeugdige.' });
  const list = ws.ok<BdlList>('lists.create', { title: 'Beter doen, beter laten', versionLabel: 'Conceptlijst Q1 2026' });
  const items = [
    ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_doen', statement: 'Geef psycho-educatie vóór medicatie.' }),
    ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_laten', statement: 'Start geen medicatie zonder evaluatiemoment.' }),
  ];
  const round = ws.ok<VotingRound>('rounds.create', { listId: list.id, title: 'Delphi-ronde 1' });
  ws.ok('rounds.vote', { roundId: round.id, itemId: items[0]?.id, delegate: 'Petra', perspective: 'professionals', vote: 'eens' });
  const rec = ws.ok<{ id: number }>('chains.addRecommendation', { pilotId: pilot.id, standardId: ADHD_STANDARDS.ggz, text: 'Evalueer het effect van medicatie na zes weken.' });
  const link = ws.ok<{ id: number }>('chains.addLink', { recommendationId: rec.id, preconditionKind: 'tijd', precondition: 'Tijd voor een evaluatiegesprek', level: 'team' });
  const review = ws.ok<ReviewRound>('reviewRounds.create', { title: 'Commentaarronde zorgstandaard', versionId: versionIds.ggz, organisations: [{ organisationId: 'nip' }, { name: 'Ouderpanel ADHD' }] });
  const section = sectionByHeading(ws, versionIds.ggz, 'Psycho-educatie');
  const at = section.text.indexOf('eerste stap');
  const c1 = ws.ok<ReviewComment>('reviewComments.create', {
    roundId: review.id,
    invitationId: review.invitations[0]?.id,
    body: 'Noem ook de school.',
    sectionId: section.id,
    start: at,
    end: at + 'eerste stap'.length,
    quote: 'eerste stap',
  });
  const c2 = ws.ok<ReviewComment>('reviewComments.create', { roundId: review.id, invitationId: review.invitations[1]?.id, body: 'Graag een cliëntversie.' });
  base = {
    bytes: Buffer.from(exportOf(ws).contentBase64, 'base64'),
    pilotId: pilot.id,
    versions: versionIds,
    listId: list.id,
    items: items.map((i) => i.id),
    roundId: round.id,
    reviewRoundId: review.id,
    comments: [c1.id, c2.id],
    keptAnnotation: kept.id,
    recommendationId: rec.id,
    linkId: link.id,
    deletedAnnotation: deleted.id,
  };
  ws.cleanup();
});

/** Anna's and Bert's copies, each changed in their own way. */
async function diverged(): Promise<{ A: TestWorkspace; B: TestWorkspace }> {
  const A = workspaceFrom(base.bytes, 'Anna');
  const B = workspaceFrom(base.bytes, 'Bert');
  const gridA = A.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId });
  const signalering = rowByTheme(gridA, /^Signalering$/);

  // Anna: a new annotation, one deleted, a cell classified, a comment answered, a new comment.
  annotate(A, sectionByHeading(A, base.versions.jgz, 'Medicatie'), 'De JGZ start geen medicatie', [], { newTagNames: ['Samenvoegen/Medicatie'] });
  A.ok('annotations.delete', { id: base.deletedAnnotation });
  A.ok('alignment.classify', { rowId: signalering.id, versionId: base.versions.jgz, classification: 'gelijk' });
  A.ok('reviewComments.answer', { commentId: base.comments[0], response: 'School staat er nu in.', disposition: 'overgenomen' });
  A.ok('reviewComments.create', { roundId: base.reviewRoundId, organisationId: 'nip', body: 'Anna: ook de huisarts noemen.' });
  A.ok('chains.updateLink', { linkId: base.linkId, status: 'knelpunt' });

  // Bert: two annotations (one on a newer text only he has, with a tag only he has), the same cell
  // classified differently, a row comment, a vote, answers, a comment, an item, a member, another
  // decision, and a section moved into a row of his own.
  const bertsOwn = annotate(B, sectionByHeading(B, base.versions.ggz, 'Diagnostiek'), 'gekwalificeerde professional', [], { newTagNames: ['Samenvoegen/Van Bert'] });
  const newer = (await importText(B, ADHD_STANDARDS.jeugdhulp, `${ADHD_TEXTS.jeugdhulp}\n# 6 Nazorg\nPlan een terugkommoment na een jaar.\n`, '2025')).versionId as number;
  annotate(B, sectionByHeading(B, newer, 'Nazorg'), 'terugkommoment', [], { newTagNames: ['Samenvoegen/Signalen'] });
  B.ok('alignment.classify', { rowId: signalering.id, versionId: base.versions.jgz, classification: 'tegenstrijdig', note: 'De JGZ signaleert op contactmomenten.' });
  B.ok('alignment.comment', { rowId: rowByTheme(gridA, /^Diagnostiek/).id, body: 'Bert: de JGZ stelt zelf geen diagnose.' });
  B.ok('rounds.vote', { roundId: base.roundId, itemId: base.items[1], delegate: 'Ouder Sam', perspective: 'ervaring', vote: 'oneens', comment: 'Liever eerst rust.' });
  B.ok('reviewComments.answer', { commentId: base.comments[0], response: 'Niet overgenomen.', disposition: 'niet_overgenomen', motivation: 'School valt buiten deze standaard.' });
  B.ok('reviewComments.answer', { commentId: base.comments[1], response: 'Komt in de volgende versie.', disposition: 'kennisgenomen' });
  B.ok('reviewComments.create', { roundId: base.reviewRoundId, organisationId: 'nip', body: 'Bert: definieer terugval.' });
  B.ok('items.create', { listId: base.listId, category: 'beter_onderzoeken', statement: 'Onderzoek wat ouders helpt bij terugval.', knowledgeQuestion: 'Wat helpt?' });
  B.ok('pilots.addMember', { pilotId: base.pilotId, name: 'Bert Jansen', organisationId: 'nip', perspective: 'professionals', role: 'lid' });
  B.ok('pilots.addReflection', { pilotId: base.pilotId, heldOn: '2026-03-02', perspectives: ['ervaring', 'kennis'], notes: 'Ouders missen de nazorg.' });
  B.ok('items.addLink', { itemId: base.items[0], annotationId: bertsOwn.id });
  const session = B.ok<{ id: number }>('sessions.create', { listId: base.listId, date: '2026-03-10', title: 'Dialoog met ouders', delegates: [{ name: 'Ouder Sam', perspective: 'ervaring' }] });
  B.ok('sessions.addNote', { sessionId: session.id, itemId: base.items[1], note: 'Ouders willen eerst rust.' });
  B.ok('chains.updateLink', { linkId: base.linkId, status: 'geregeld', addressees: ['gemeenten'] });
  const weeks = sectionByHeading(B, base.versions.ggz, 'Medicamenteuze behandeling');
  const at = weeks.text.indexOf('zes weken');
  B.ok('chains.addEvidence', { linkId: base.linkId, kind: 'passage', sectionId: weeks.id, start: at, end: at + 'zes weken'.length, quote: 'zes weken' });
  B.ok('chains.addLink', { recommendationId: base.recommendationId, preconditionKind: 'scholing', precondition: 'Scholing in het monitoren van medicatie', level: 'professional', addressees: ['beroepsverenigingen'] });
  B.ok('alignment.decide', { rowId: rowByTheme(gridA, /^Psycho-educatie/).id, decision: 'verschil_laten', text: 'De settings verschillen te veel.' });
  const nazorg = B.ok<AlignmentGrid & { rowId: number }>('alignment.createRow', { pilotId: base.pilotId, theme: 'Nazorg' });
  const terugval = sectionByHeading(B, base.versions.ggz, 'Terugval en nazorg');
  B.ok('alignment.placeSection', { pilotId: base.pilotId, sectionId: terugval.id, rowId: nazorg.rowId });
  return { A, B };
}

// ---------------------------------------------------------------------------------------------

describe('merge: the plan for two diverged copies', () => {
  it('counts what is new, identical and in conflict per kind, shows both versions in Dutch, and writes nothing', async () => {
    const { A, B } = await diverged();
    const before = dumpTables(A.db);
    const plan = preview(A, B);
    expect(dumpTables(A.db)).toEqual(before);

    expect(plan.source).toMatchObject({ fileName: 'van-bert.richtsnoer', exportedBy: 'Bert', scope: 'werkruimte' });
    expect(count(plan, 'annotaties')).toMatchObject({ nieuw: 2, gelijk: 1, conflicten: 1 });
    expect(count(plan, 'codeboek')).toMatchObject({ nieuw: 1, conflicten: 0 });
    expect(count(plan, 'codeboek').examples).toEqual(['Tag “Samenvoegen/Van Bert”']);
    expect(count(plan, 'opmerkingen')).toMatchObject({ nieuw: 1, gelijk: 1, conflicten: 0 });
    expect(count(plan, 'stemmen')).toMatchObject({ nieuw: 1, conflicten: 0 });
    expect(count(plan, 'antwoorden')).toMatchObject({ nieuw: 1, conflicten: 1 });
    expect(count(plan, 'commentaren')).toMatchObject({ nieuw: 1, gelijk: 2 });
    expect(count(plan, 'lijsten')).toMatchObject({ nieuw: 2, conflicten: 0 });
    expect(count(plan, 'pilots')).toMatchObject({ nieuw: 2, conflicten: 0 });
    expect(count(plan, 'dialoog')).toMatchObject({ nieuw: 3, conflicten: 0 });
    expect(count(plan, 'ketens')).toMatchObject({ nieuw: 2, gelijk: 1, conflicten: 1 });
    // Bert's row "Nazorg" and its (empty) cell; the decision and the moved section are conflicts.
    expect(count(plan, 'uitlijning')).toMatchObject({ nieuw: 2, conflicten: 2 });
    expect(count(plan, 'uitlijning').examples).toEqual(['Rij “Nazorg”', expect.stringMatching(/^Cel “Nazorg” × /)]);
    expect(count(plan, 'indelingen')).toMatchObject({ nieuw: 0, conflicten: 1 });
    expect(plan.texts).toEqual([expect.stringMatching(/ADHD.* – 2025$/)]);
    expect(plan.skipped).toEqual([]);

    const byTitle = (pattern: RegExp) => plan.conflicts.find((c) => pattern.test(c.title)) as MergeConflict;
    expect(byTitle(/^Cel “Signalering”/)).toMatchObject({
      kind: 'indelingen',
      type: 'gewijzigd',
      context: 'Pilot “ADHD horizontaal”',
      fields: [
        { label: 'Indeling', mine: 'Gelijk', theirs: 'Tegenstrijdig' },
        { label: 'Notitie', mine: '—', theirs: 'De JGZ signaleert op contactmomenten.' },
      ],
    });
    expect(byTitle(/^Cel “Signalering”/).mineNote).toMatch(/^gewijzigd door Anna op /);
    expect(byTitle(/^Cel “Signalering”/).theirsNote).toMatch(/^gewijzigd door Bert op /);
    expect(byTitle(/^Annotatie van Anna: “meerdere bronnen”/)).toMatchObject({ type: 'verwijderd', fields: [{ label: 'Stand', mine: expect.stringMatching(/^Verwijderd door Anna op /), theirs: 'Bestaat nog' }] });
    expect(byTitle(/^Antwoord op commentaar 1/).fields).toEqual(
      expect.arrayContaining([
        { label: 'Reactie werkgroep', mine: 'School staat er nu in.', theirs: 'Niet overgenomen.' },
        { label: 'Besluit', mine: 'Overgenomen', theirs: 'Niet overgenomen' },
      ]),
    );
    expect(byTitle(/^Rij “Psycho-educatie/).fields).toEqual(expect.arrayContaining([{ label: 'Besluit', mine: 'Samenvoegen tot nieuwe tekst', theirs: 'Verschil bewust laten staan' }]));
    expect(byTitle(/^Sectie 5 Terugval en nazorg/).fields).toEqual([{ label: 'In rij', mine: 'Terugval en nazorg', theirs: 'Nazorg' }]);
    expect(new Set(plan.conflicts.map((c) => c.key)).size).toBe(plan.conflicts.length);
  });

  it('refuses what is not a project file, exactly like opening one, and keeps no plan', async () => {
    const { A } = await diverged();
    const before = dumpTables(A.db);
    const refused = A.call('merge.preview', { fileName: 'notities.txt', dataBase64: Buffer.from('geen database').toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/^Onbekend bestand: “notities\.txt” is geen Richtsnoer-projectbestand/) } });
    const truncated = A.call('merge.preview', { fileName: 'kapot.richtsnoer', dataBase64: base.bytes.subarray(0, 4096 * 3).toString('base64') });
    expect(truncated).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/^Beschadigd bestand/) } });
    expect(A.call('merge.apply', { planId: '00000000-0000-4000-8000-000000000000', resolutions: {} })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN', message: expect.stringMatching(/verlopen/) } });
    expect(dumpTables(A.db)).toEqual(before);
  });
});

describe('merge: applying', () => {
  it('refuses while a conflict has no choice, writing nothing and taking no backup', async () => {
    const { A, B } = await diverged();
    const plan = preview(A, B);
    const before = dumpTables(A.db);
    const choices = all(plan, 'hun');
    delete choices[(plan.conflicts[0] as MergeConflict).key];
    const refused = A.call('merge.apply', { planId: plan.planId, resolutions: choices });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/^Controleer de invoer\. Keuzes: kies bij alle \d+ conflicten welke versie blijft: “mijn” of “hun” \(nog open: 1\)\. Er is niets samengevoegd\.$/) } });
    expect(A.call('merge.apply', { planId: plan.planId, resolutions: { ...all(plan, 'hun'), 'onbekend|1': 'hun' } })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER' } });
    expect(A.call('merge.apply', { planId: plan.planId, resolutions: { [(plan.conflicts[0] as MergeConflict).key]: 'allebei' } })).toMatchObject({ ok: false, error: { code: 'ONGELDIGE_INVOER', message: expect.stringMatching(/mijn” of “hun/) } });
    expect(dumpTables(A.db)).toEqual(before);
    expect(listBackups(A.file).filter((b) => b.reason === 'voor-samenvoegen')).toEqual([]);
  });

  it("'hun' everywhere: new things arrive once, their versions replace mine, the overwritten values are in the audit log", async () => {
    const { A, B } = await diverged();
    const plan = preview(A, B);
    const annotationsBefore = scalar(A.db, 'SELECT count(*) FROM annotation') as number;
    const result = A.ok<MergeResult>('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') });
    expect(result).toMatchObject({ changed: true, backup: { reason: 'voor-samenvoegen' }, textsImported: [expect.stringMatching(/ – 2025$/)] });
    expect(result.totals).toEqual({ toegevoegd: plan.totals.nieuw, overgenomen: plan.totals.conflicten, behouden: 0, overgeslagen: 0 });
    sound(A.db);

    // New: Bert's annotations (one on the 2025 text that came along with its sections), his tag,
    // the deleted annotation back (chosen), his comment, vote, item, member, answer and comment.
    expect(scalar(A.db, 'SELECT count(*) FROM annotation')).toBe(annotationsBefore + 3);
    const onNewer = A.db.prepare("SELECT a.*, v.label FROM annotation a JOIN document_version v ON v.id = a.version_id WHERE a.quote = 'terugkommoment'").get() as { label: string; anchor_state: string; author: string };
    expect(onNewer).toMatchObject({ label: '2025', anchor_state: 'geplaatst', author: 'Bert' });
    expect(scalar(A.db, "SELECT count(*) FROM section s JOIN document_version v ON v.id = s.version_id WHERE v.label = '2025'")).toBe(7);
    expect(A.ok<Tag[]>('tags.list').filter((t) => t.path.startsWith('Samenvoegen/')).map((t) => t.path).sort()).toEqual([
      'Samenvoegen/Bronnen',
      'Samenvoegen/Medicatie',
      'Samenvoegen/Signalen',
      'Samenvoegen/Van Bert',
    ]);
    expect(scalar(A.db, 'SELECT count(*) FROM annotation WHERE id = ?', base.deletedAnnotation)).toBe(1);
    expect(rows(A.db, 'SELECT body FROM alignment_comment ORDER BY id').map((r) => (r as { body: string }).body)).toEqual(['Eerst de definities gelijktrekken.', 'Bert: de JGZ stelt zelf geen diagnose.']);
    expect(rows(A.db, 'SELECT delegate, vote FROM vote ORDER BY id')).toEqual([
      { delegate: 'Petra', vote: 'eens' },
      { delegate: 'Ouder Sam', vote: 'oneens' },
    ]);
    expect(rows(A.db, 'SELECT statement, ordinal FROM bdl_item WHERE category = ? ', 'beter_onderzoeken')).toEqual([{ statement: 'Onderzoek wat ouders helpt bij terugval.', ordinal: 0 }]);
    expect(A.ok<Pilot>('pilots.get', { pilotId: base.pilotId }).members.map((m) => m.name)).toEqual(['Anna de Vries', 'Bert Jansen']);
    // Both new comments numbered 3: Anna's keeps 3, Bert's gets the next free number.
    expect(rows(A.db, 'SELECT nr, body FROM review_comment ORDER BY nr')).toEqual([
      { nr: 1, body: 'Noem ook de school.' },
      { nr: 2, body: 'Graag een cliëntversie.' },
      { nr: 3, body: 'Anna: ook de huisarts noemen.' },
      { nr: 4, body: 'Bert: definieer terugval.' },
    ]);
    expect(scalar(A.db, 'SELECT last_nr FROM review_round WHERE id = ?', base.reviewRoundId)).toBe(4);

    // Their versions of the conflicts.
    const grid = A.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId });
    const cell = rowByTheme(grid, /^Signalering$/).cells[1];
    expect(cell).toMatchObject({ classification: 'tegenstrijdig', note: 'De JGZ signaleert op contactmomenten.', updatedBy: 'Bert' });
    expect(rowByTheme(grid, /^Psycho-educatie/)).toMatchObject({ decision: 'verschil_laten', decisionText: 'De settings verschillen te veel.', decidedBy: 'Bert' });
    expect(rowByTheme(grid, /^Nazorg$/).cells.flatMap((c) => c.sections.map((s) => s.heading))).toEqual(['Terugval en nazorg']);
    expect(rowByTheme(grid, /^Terugval en nazorg$/).cells.flatMap((c) => c.sections)).toEqual([]);
    expect(scalar(A.db, 'SELECT disposition FROM review_response WHERE comment_id = ?', base.comments[0])).toBe('niet_overgenomen');
    expect(rows(A.db, 'SELECT status, (SELECT group_concat(addressee) FROM chain_link_addressee WHERE link_id = l.id) AS addressees FROM chain_link l ORDER BY ordinal')).toEqual([
      { status: 'geregeld', addressees: 'gemeenten' },
      { status: 'onbekend', addressees: 'beroepsverenigingen' },
    ]);
    const evidence = A.db.prepare("SELECT e.quote, e.start_offset, e.end_offset, s.text FROM chain_evidence e JOIN section s ON s.id = e.section_id WHERE e.kind = 'passage'").get() as { quote: string; start_offset: number; end_offset: number; text: string };
    expect(evidence.text.slice(evidence.start_offset, evidence.end_offset)).toBe('zes weken');
    // The link from Bert's list item follows his annotation, which came along in the same merge.
    expect(rows(A.db, "SELECT l.kind, a.quote FROM bdl_item_link l JOIN annotation a ON a.id = l.annotation_id")).toEqual([{ kind: 'annotatie', quote: 'gekwalificeerde professional' }]);
    expect(rows(A.db, 'SELECT s.title, d.name, n.note FROM dialogue_session s JOIN dialogue_delegate d ON d.session_id = s.id JOIN dialogue_note n ON n.session_id = s.id')).toEqual([
      { title: 'Dialoog met ouders', name: 'Ouder Sam', note: 'Ouders willen eerst rust.' },
    ]);
    expect(A.ok<Pilot>('pilots.get', { pilotId: base.pilotId }).reflections).toMatchObject([{ heldOn: '2026-03-02', perspectives: ['ervaring', 'kennis'], notes: 'Ouders missen de nazorg.', createdBy: 'Bert' }]);

    // Nothing lost silently: each 'hun' has an audit entry with what was there before.
    const overwritten = rows<{ entity: string; details: string }>(A.db, "SELECT entity, details FROM audit_log WHERE action = 'overgenomen bij samenvoegen' AND entity <> 'document_version'");
    expect(overwritten.length).toBe(plan.conflicts.filter((c) => c.type === 'gewijzigd').length);
    const cellAudit = overwritten.map((r) => JSON.parse(r.details) as { wat: string; velden: unknown[]; eerder?: Record<string, unknown> }).find((d) => /^Cel “Signalering”/.test(d.wat));
    expect(cellAudit).toMatchObject({ velden: [{ veld: 'Indeling', was: 'Gelijk', wordt: 'Tegenstrijdig' }, expect.anything()], eerder: { classification: 'gelijk', note: null, updated_by: 'Anna' } });
    expect(rows(A.db, "SELECT entity, entity_id AS id, action FROM audit_log WHERE action = 'teruggezet bij samenvoegen'")).toEqual([{ entity: 'annotation', id: base.deletedAnnotation, action: 'teruggezet bij samenvoegen' }]);
    const summary = JSON.parse(scalar(A.db, "SELECT details FROM audit_log WHERE action = 'samengevoegd'") as string) as Record<string, unknown>;
    expect(summary).toMatchObject({ van: 'Bert', bestand: 'van-bert.richtsnoer', backUp: result.backup?.name, teksten: [expect.stringMatching(/2025$/)] });
  });

  it("'mijn' everywhere: new things arrive and nothing of A changes", async () => {
    const { A, B } = await diverged();
    const plan = preview(A, B);
    const before = content(A.db);
    const result = A.ok<MergeResult>('merge.apply', { planId: plan.planId, resolutions: all(plan, 'mijn') });
    expect(result.totals).toMatchObject({ toegevoegd: plan.totals.nieuw, overgenomen: 0, behouden: plan.totals.conflicten });
    sound(A.db);
    const after = content(A.db);
    // Every row A had is still there, unchanged; the one derived counter may only go up.
    for (const [table, tableRows] of Object.entries(before)) {
      const now = (after[table] ?? []).map((r) => JSON.stringify(table === 'review_round' ? { ...(r as object), last_nr: 0 } : r));
      for (const row of tableRows) expect(now, `${table} lost or changed a row`).toContain(JSON.stringify(table === 'review_round' ? { ...(row as object), last_nr: 0 } : row));
    }
    expect(scalar(A.db, 'SELECT count(*) FROM annotation WHERE id = ?', base.deletedAnnotation)).toBe(0);
    expect(rowByTheme(A.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId }), /^Signalering$/).cells[1]?.classification).toBe('gelijk');
    expect(scalar(A.db, "SELECT count(*) FROM audit_log WHERE action = 'overgenomen bij samenvoegen' AND entity <> 'document_version'")).toBe(0);
    // Bert's row "Nazorg" came along, empty: the section stayed where Anna had it.
    expect(rowByTheme(A.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId }), /^Nazorg$/).cells.flatMap((c) => c.sections)).toEqual([]);
  });

  it('merging the same file again changes nothing', async () => {
    const { A, B } = await diverged();
    const file = exportOf(B);
    const first = A.ok<MergePlan>('merge.preview', { fileName: 'van-bert.richtsnoer', dataBase64: file.contentBase64 });
    A.ok('merge.apply', { planId: first.planId, resolutions: all(first, 'hun') });
    const after = dumpTables(A.db);
    const second = A.ok<MergePlan>('merge.preview', { fileName: 'van-bert.richtsnoer', dataBase64: file.contentBase64 });
    expect(second.totals).toMatchObject({ nieuw: 0, conflicten: 0, overgeslagen: 0 });
    expect(second.texts).toEqual([]);
    const again = A.ok<MergeResult>('merge.apply', { planId: second.planId, resolutions: {} });
    expect(again).toMatchObject({ changed: false, backup: null });
    expect(dumpTables(A.db)).toEqual(after);

    // After keeping mine, the conflicts are still conflicts — and keeping mine again changes nothing.
    const { A: A2, B: B2 } = await diverged();
    const file2 = exportOf(B2);
    const p1 = A2.ok<MergePlan>('merge.preview', { fileName: 'b.richtsnoer', dataBase64: file2.contentBase64 });
    A2.ok('merge.apply', { planId: p1.planId, resolutions: all(p1, 'mijn') });
    const kept = dumpTables(A2.db);
    const p2 = A2.ok<MergePlan>('merge.preview', { fileName: 'b.richtsnoer', dataBase64: file2.contentBase64 });
    expect(p2.totals).toMatchObject({ nieuw: 0, conflicten: p1.totals.conflicten });
    expect(p2.conflicts.map((c) => c.key).sort()).toEqual(p1.conflicts.map((c) => c.key).sort());
    expect(A2.ok<MergeResult>('merge.apply', { planId: p2.planId, resolutions: all(p2, 'mijn') })).toMatchObject({ changed: false });
    expect(dumpTables(A2.db)).toEqual(kept);
  });

  it('takes a backup before merging, holding the state from just before', async () => {
    const { A, B } = await diverged();
    const plan = preview(A, B);
    const annotations = scalar(A.db, 'SELECT count(*) FROM annotation');
    const result = A.ok<MergeResult>('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') });
    const backups = listBackups(A.file).filter((b) => b.reason === 'voor-samenvoegen');
    expect(backups.map((b) => b.name)).toEqual([result.backup?.name]);
    const copy = new Database(path.join(A.dir, 'backups', backups[0]?.name ?? ''), { readonly: true });
    try {
      expect(copy.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
      expect(copy.prepare('SELECT count(*) FROM annotation').pluck().get()).toBe(annotations);
    } finally {
      copy.close();
    }
  });

  it('a failure halfway leaves A untouched', async () => {
    const { A, B } = await diverged();
    const plan = preview(A, B);
    const before = dumpTables(A.db);
    const undo = beforePrepare(A.db, /^INSERT INTO "vote"/, () => {
      throw new Error('schijf vol');
    });
    try {
      const failed = A.call('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') });
      expect(failed).toMatchObject({ ok: false, error: { code: 'INTERN' } });
    } finally {
      undo();
    }
    expect(dumpTables(A.db)).toEqual(before);
    sound(A.db);
    // The plan is still there: trying again works.
    expect(A.ok<MergeResult>('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') }).changed).toBe(true);
  });

  it('refuses a plan that no longer fits the workspace, changing nothing', async () => {
    const { A, B } = await diverged();
    const plan = preview(A, B);
    A.ok('alignment.comment', { rowId: rowByTheme(A.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId }), /^Signalering$/).id, body: 'Tussendoor.' });
    A.ok('alignment.classify', { rowId: rowByTheme(A.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId }), /^Signalering$/).id, versionId: base.versions.jgz, classification: 'tegenstrijdig', note: 'De JGZ signaleert op contactmomenten.' });
    const before = content(A.db);
    const stale = A.call('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/gewijzigd sinds het voorbeeld/) } });
    expect(content(A.db)).toEqual(before);
    expect(A.call('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') })).toMatchObject({ ok: false, error: { code: 'NIET_GEVONDEN' } });
  });
});

describe('merge: what cannot be placed, and what never travels', () => {
  it('skips what is on a standard you do not have, and open proposals of the aligner, saying why', async () => {
    const A = workspaceFrom(base.bytes, 'Anna');
    const B = workspaceFrom(base.bytes, 'Bert');
    const standard = B.ok<{ id: string }>('standards.create', { title: 'Richtlijn Pestpreventie op school', type: 'richtlijn', status: 'concept', owners: [{ organisationId: 'nji', role: 'ontwikkelaar' }] });
    const version = (await importText(B, standard.id, '# 1 Pesten\nPesten signaleren op school.\n', '2025')).versionId as number;
    annotate(B, sectionByHeading(B, version, 'Pesten'), 'Pesten signaleren', [], { newTagNames: ['Samenvoegen/Pesten'] });
    const pilot = B.ok<Pilot>('pilots.create', { title: 'Tweede pilot', kinds: ['horizontaal'], origin: 'partner' });
    B.ok('pilots.setVersions', { pilotId: pilot.id, versionIds: [base.versions.jgz, base.versions.ggz] });
    const proposed = B.ok<AlignmentGrid & { proposedRows: number }>('alignment.propose', { pilotId: pilot.id });
    expect(proposed.proposedRows).toBeGreaterThan(0);
    const plan = preview(A, B);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { kind: 'annotaties', title: 'Annotatie van Bert: “Pesten signaleren”', reason: 'De standaard “Richtlijn Pestpreventie op school” staat niet in jouw catalogus.' },
        expect.objectContaining({ kind: 'uitlijning', reason: expect.stringMatching(/^Een voorstel van de automatische uitlijning/) }),
      ]),
    );
    // Each open proposal is listed once; its cells and sections are skipped with it, counted but not listed.
    expect(plan.skipped.filter((x) => /^Een voorstel/.test(x.reason))).toHaveLength(proposed.proposedRows);
    expect(count(plan, 'uitlijning').overgeslagen).toBeGreaterThan(proposed.proposedRows);
    expect(plan.skippedNotListed).toBe(count(plan, 'uitlijning').overgeslagen - proposed.proposedRows);
    expect(plan.texts).toEqual([]);
    const result = A.ok<MergeResult>('merge.apply', { planId: plan.planId, resolutions: all(plan, 'hun') });
    expect(result.textsImported).toEqual([]);
    expect(scalar(A.db, "SELECT count(*) FROM alignment_row WHERE status = 'voorstel' AND pilot_id <> ?", base.pilotId)).toBe(0);
    expect(scalar(A.db, "SELECT count(*) FROM pilot WHERE title = 'Tweede pilot'")).toBe(1);
    expect(scalar(A.db, "SELECT count(*) FROM annotation WHERE quote = 'Pesten signaleren'")).toBe(0);
    sound(A.db);
  });

  it('does not bring back a text you deleted, nor what is on it, and says so', async () => {
    const A = workspaceFrom(base.bytes, 'Anna');
    const B = workspaceFrom(base.bytes, 'Bert');
    const text = `${ADHD_TEXTS.ggz}\n# 6 Evaluatie\nEvalueer jaarlijks.\n`;
    const gone = (await importText(A, ADHD_STANDARDS.ggz, text, 'Concept 2026')).versionId as number;
    A.ok('versions.delete', { versionId: gone });
    const kept = (await importText(B, ADHD_STANDARDS.ggz, text, 'Concept 2026')).versionId as number;
    annotate(B, sectionByHeading(B, kept, 'Evaluatie'), 'Evalueer jaarlijks', [], { newTagNames: ['Samenvoegen/Evaluatie'] });
    const plan = preview(A, B);
    expect(plan.texts).toEqual([]);
    expect(plan.skipped).toEqual([
      {
        kind: 'annotaties',
        title: 'Annotatie van Bert: “Evalueer jaarlijks”',
        reason: expect.stringMatching(/^Anna heeft de tekst “ADHD \(GGZ\) – Concept 2026” in jouw werkruimte verwijderd \(.+\); wat erbij hoort, wordt niet teruggezet\./),
      },
    ]);
    A.ok('merge.apply', { planId: plan.planId, resolutions: {} });
    expect(scalar(A.db, "SELECT count(*) FROM document_version WHERE label = 'Concept 2026'")).toBe(0);
    // The tag the annotation brought is new and does come along; the annotation does not.
    expect(scalar(A.db, "SELECT count(*) FROM annotation WHERE quote = 'Evalueer jaarlijks'")).toBe(0);
    sound(A.db);
  });

  it('finds an annotation again by its quote when the colleague corrected the structure differently', async () => {
    const A = workspaceFrom(base.bytes, 'Anna');
    const B = workspaceFrom(base.bytes, 'Bert');
    // Bert merges "Aanbeveling 1" into "Signalering": the section is gone, its text moved.
    const aanbeveling = sectionByHeading(B, base.versions.jeugdhulp, 'Aanbeveling 1');
    B.ok('sections.mergeWithPrevious', { sectionId: aanbeveling.id });
    const merged = sectionByHeading(B, base.versions.jeugdhulp, 'Signalering');
    annotate(B, merged, 'voordat je verwijst', [], { newTagNames: ['Samenvoegen/Verwijzen'] });
    const plan = preview(A, B);
    expect(count(plan, 'annotaties').nieuw).toBe(1);
    A.ok('merge.apply', { planId: plan.planId, resolutions: all(plan, 'mijn') });
    const placed = A.db.prepare("SELECT a.anchor_state, s.heading FROM annotation a JOIN section s ON s.id = a.section_id WHERE a.quote = 'voordat je verwijst'").get();
    expect(placed).toEqual({ anchor_state: 'geplaatst', heading: 'Aanbeveling 1' });
    sound(A.db);
  });

  it('is refused while a colleague’s project file is shown read-only', () => {
    const dataDir = tempDir('richtsnoer-merge-session-');
    cleanups.push(() => removeDir(dataDir));
    const session = WorkspaceSession.open({ dataDir, context: { mode: 'test', appVersion: 'test' }, dailyCheckMs: null });
    cleanups.push(() => session.close());
    const data = base.bytes.toString('base64');
    return (async () => {
      expect((await session.invoke('project.open', { fileName: 'van-anna.richtsnoer', dataBase64: data })).ok).toBe(true);
      expect(await session.invoke('merge.preview', { fileName: 'van-anna.richtsnoer', dataBase64: data })).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/Ga eerst terug naar je eigen werkruimte/) } });
      await session.invoke('project.close', {});
      const plan = await session.invoke('merge.preview', { fileName: 'van-anna.richtsnoer', dataBase64: data });
      expect(plan).toMatchObject({ ok: true, value: { source: { exportedBy: 'Anna' } } });
    })();
  });
});

describe('migration 007: stable ids for lists, rounds, sessions, notes and reflections', () => {
  it('gives the same rows the same guid in two copies migrated separately, and new rows a random one', () => {
    const dir = tempDir('richtsnoer-merge-007-');
    cleanups.push(() => removeDir(dir));
    const migrations = loadMigrations();
    const file = path.join(dir, 'zes.sqlite');
    const old = new Database(file);
    migrate(old, migrations.slice(0, 6));
    old.exec(`
      INSERT INTO bdl_list (id, series_id, title, version_label, status, created_at, created_by, updated_at) VALUES (1, 1, 'L', 'v1', 'concept', '2026-01-05T10:00:00.123Z', 'Anna', 'x');
      INSERT INTO bdl_list (id, series_id, title, version_label, status, created_at, created_by, updated_at) VALUES (2, 1, 'L', 'v2', 'concept', '2026-01-05T10:00:00.123Z', 'Anna', 'x');
      INSERT INTO voting_round (id, list_id, number, title, min_agree, require_median_agree, per_perspective, status, created_at, created_by) VALUES (1, 1, 1, 'R', 0.7, 1, 0, 'open', '2026-02-01T08:00:00.000Z', 'Anna');
      INSERT INTO dialogue_session (id, list_id, date, title, created_at, created_by, updated_at) VALUES (1, 1, '2026-02-02', 'S', '2026-02-02T09:00:00.000Z', 'Anna', 'x');
    `);
    old.close();
    const guids = (name: string) => {
      const copy = path.join(dir, name);
      fs.copyFileSync(file, copy);
      const db = new Database(copy);
      try {
        migrate(db, migrations);
        return db.prepare("SELECT 'l' || id, guid FROM bdl_list UNION ALL SELECT 'r' || id, guid FROM voting_round UNION ALL SELECT 's' || id, guid FROM dialogue_session ORDER BY 1").raw().all();
      } finally {
        db.close();
      }
    };
    const first = guids('een.sqlite');
    expect(first).toEqual(guids('twee.sqlite'));
    expect(new Set(first.map((r) => (r as [string, string])[1])).size).toBe(4);
    for (const [, guid] of first as Array<[string, string]>) expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const ws = seededWorkspace();
    cleanups.push(ws.cleanup);
    const made = ws.ok<BdlList>('lists.create', { title: 'Nieuw', versionLabel: 'v1' });
    expect(scalar(ws.db, 'SELECT guid FROM bdl_list WHERE id = ?', made.id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random changes on both sides merge without errors and without duplicates.

type Change = { side: 'A' | 'B' | 'AB'; op: 'annotate' | 'classify' | 'comment' | 'vote' | 'item' | 'answer' | 'member' | 'decide' | 'delete'; n: number };

const PASSAGES: Array<[keyof Base['versions'], string, string]> = [
  ['jeugdhulp', 'Psycho-educatie', 'gevolgen voor het dagelijks leven'],
  ['jeugdhulp', 'Samenwerking met school', 'intern begeleider'],
  ['jgz', 'Signaleren van ADHD', 'contactmomenten'],
  ['jgz', 'Toeleiding naar diagnostiek', 'aanhoudende signalen'],
  ['ggz', 'Vroege onderkenning', 'in het gezin en op school'],
  ['ggz', 'Medicamenteuze behandeling', 'zes weken'],
];
const CLASSES = ['gelijk', 'aanvullend', 'verschillend', 'tegenstrijdig'] as const;
const PERSPECTIVES = ['ervaring', 'professionals', 'gemeenten'] as const;
const VOTES = ['eens', 'neutraal', 'oneens'] as const;

function perform(ws: TestWorkspace, side: 'A' | 'B', c: Change, i: number): void {
  const grid = ws.ok<AlignmentGrid>('alignment.grid', { pilotId: base.pilotId });
  const row = grid.rows[c.n % grid.rows.length] as AlignmentGrid['rows'][number];
  switch (c.op) {
    case 'annotate': {
      const [version, heading, quote] = PASSAGES[c.n % PASSAGES.length] as [keyof Base['versions'], string, string];
      const existing = ws.db.prepare('SELECT 1 FROM annotation WHERE quote = ? AND author = ?').get(quote, side === 'A' ? 'Anna' : 'Bert');
      if (!existing) annotate(ws, sectionByHeading(ws, base.versions[version], heading), quote, [], { newTagNames: [`Samenvoegen/Tag ${c.n % 4}`] });
      return;
    }
    case 'classify':
      ws.ok('alignment.classify', { rowId: row.id, versionId: Object.values(base.versions)[c.n % 3], classification: CLASSES[(c.n + i) % CLASSES.length] });
      return;
    case 'comment':
      ws.ok('alignment.comment', { rowId: row.id, body: `${side} zegt ${c.n}-${i}` });
      return;
    case 'vote':
      // The same delegate may be recorded on both sides: the same vote, or a conflict.
      ws.ok('rounds.vote', { roundId: base.roundId, itemId: base.items[c.n % 2], delegate: `Delegate ${c.n % 3}`, perspective: PERSPECTIVES[c.n % 3], vote: VOTES[(i + (side === 'A' ? 0 : c.n)) % 3] });
      return;
    case 'item':
      ws.ok('items.create', { listId: base.listId, category: c.n % 2 ? 'beter_doen' : 'beter_laten', statement: `Item van ${side} ${c.n}-${i}` });
      return;
    case 'answer':
      ws.ok('reviewComments.answer', { commentId: base.comments[c.n % 2], response: `Antwoord ${side} ${c.n}`, disposition: 'kennisgenomen' });
      return;
    case 'member':
      if (!ws.db.prepare('SELECT 1 FROM pilot_member WHERE name = ?').get(`Lid ${c.n % 5}`)) {
        ws.ok('pilots.addMember', { pilotId: base.pilotId, name: `Lid ${c.n % 5}`, perspective: PERSPECTIVES[c.n % 3], role: side === 'A' ? 'lid' : 'adviseur' });
      }
      return;
    case 'decide':
      if (row.status === 'handmatig') ws.ok('alignment.decide', { rowId: row.id, decision: 'nader_onderzoeken', text: `${side} wil meer weten (${c.n})` });
      return;
    case 'delete':
      // Only Anna can delete her own annotations.
      if (side === 'A' && ws.db.prepare('SELECT 1 FROM annotation WHERE id = ?').get(base.keptAnnotation)) ws.ok('annotations.delete', { id: base.keptAnnotation });
  }
}

const keys = (db: Db, sql: string) => new Set((db.prepare(sql).raw().all() as unknown[][]).map((r) => r.join('|')));
const union = (a: Set<string>, b: Set<string>) => new Set([...a, ...b]);

describe('merge: property', () => {
  it('random changes on both sides merge without errors and without duplicates', async () => {
    const change = fc.record({
      // AB: both make the same kind of change independently (the same cell, the same member…).
      side: fc.constantFrom<Change['side']>('A', 'B', 'AB'),
      op: fc.constantFrom<Change['op']>('annotate', 'classify', 'comment', 'vote', 'item', 'answer', 'member', 'decide', 'delete'),
      n: fc.nat(5),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 14 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), async (changes, coins) => {
        const A = workspaceFrom(base.bytes, 'Anna');
        const B = workspaceFrom(base.bytes, 'Bert');
        try {
          changes.forEach((c, i) => {
            if (c.side !== 'B') perform(A, 'A', c, i);
            if (c.side !== 'A') perform(B, 'B', c, i);
          });
          const annotationIds = union(keys(A.db, 'SELECT id FROM annotation'), keys(B.db, 'SELECT id FROM annotation'));
          const commentGuids = union(keys(A.db, 'SELECT guid FROM alignment_comment'), keys(B.db, 'SELECT guid FROM alignment_comment'));
          const voteKeys = union(keys(A.db, 'SELECT round_id, item_id, lower(delegate) FROM vote'), keys(B.db, 'SELECT round_id, item_id, lower(delegate) FROM vote'));
          const itemKeys = union(keys(A.db, 'SELECT item_key FROM bdl_item'), keys(B.db, 'SELECT item_key FROM bdl_item'));
          const tagPaths = union(new Set(A.ok<Tag[]>('tags.list').map((t) => t.path.toLowerCase())), new Set(B.ok<Tag[]>('tags.list').map((t) => t.path.toLowerCase())));
          const members = union(keys(A.db, 'SELECT lower(name) FROM pilot_member'), keys(B.db, 'SELECT lower(name) FROM pilot_member'));

          const plan = preview(A, B);
          const choices = Object.fromEntries(plan.conflicts.map((c, i) => [c.key, coins[i % coins.length] ? 'hun' : 'mijn']));
          const result = A.ok<MergeResult>('merge.apply', { planId: plan.planId, resolutions: choices });
          expect(result.totals.overgeslagen).toBe(0);
          sound(A.db);

          // Each stable id once: A has the union of both sides, minus what Anna deleted and kept deleted.
          const keptDeleted = plan.conflicts.filter((c) => c.type === 'verwijderd' && choices[c.key] === 'mijn').length;
          expect(scalar(A.db, 'SELECT count(*) FROM annotation')).toBe(annotationIds.size - keptDeleted);
          expect(keys(A.db, 'SELECT guid FROM alignment_comment')).toEqual(commentGuids);
          expect(keys(A.db, 'SELECT round_id, item_id, lower(delegate) FROM vote')).toEqual(voteKeys);
          expect(keys(A.db, 'SELECT item_key FROM bdl_item')).toEqual(itemKeys);
          expect(scalar(A.db, 'SELECT count(*) FROM bdl_item')).toBe(itemKeys.size);
          expect(new Set(A.ok<Tag[]>('tags.list').map((t) => t.path.toLowerCase()))).toEqual(tagPaths);
          expect(keys(A.db, 'SELECT lower(name) FROM pilot_member')).toEqual(members);
          expect(scalar(A.db, 'SELECT count(*) FROM pilot_member')).toBe(members.size);
          // And a second merge finds nothing new.
          const again = preview(A, B);
          expect(again.totals.nieuw).toBe(0);
          A.ok('merge.discard', { planId: again.planId });
        } finally {
          A.cleanup();
          B.cleanup();
        }
      }),
      { numRuns: RUNS },
    );
  }, 240_000);
});

afterAll(() => {
  while (cleanups.length) cleanups.pop()?.();
});
