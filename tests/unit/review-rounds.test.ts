/**
 * Review rounds (commentaarrondes) through the api: the round's lifecycle and the status of the
 * invited organisations, comments on passages of the draft, the working group's answers with
 * disposition and the link to the changed passage in the next version, counts of dispositions and
 * the list of unanswered comments, and validation that refuses in Dutch without writing anything.
 */
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Section } from '../../common/document.js';
import type { BinaryExportFile } from '../../common/lists.js';
import type { CommentList, ReviewComment, ReviewRound, ReviewRoundSummary } from '../../common/review.js';
import type { ExportFile } from '../../common/tags.js';
import { readCsv } from '../../electron/services/csv.js';
import { reviewReportSection } from '../../electron/services/review-export.js';
import { importText, miniParser, SAMPLE } from '../helpers/documents.js';
import { REVIEW_METHODS, reviewBadCases } from '../helpers/review.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const A = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';
const NEXT = SAMPLE.replace('Bied ouders een training aan.', 'Bied ouders altijd een oudertraining aan.');

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

interface Setup {
  previous: number;
  draft: number;
  next: number;
  sections: Section[];
  nextSections: Section[];
}

async function versions(): Promise<Setup> {
  const previous = (await importText(ws, A, SAMPLE.replace('# 3 Slot', '# 3 Afsluiting'), '2017')).versionId as number;
  const draft = (await importText(ws, A, SAMPLE, 'Concept 2026-03', 'concept')).versionId as number;
  const next = (await importText(ws, A, NEXT, 'Concept 2026-06', 'concept')).versionId as number;
  const sections = ws.ok<{ sections: Section[] }>('versions.get', { versionId: draft }).sections;
  const nextSections = ws.ok<{ sections: Section[] }>('versions.get', { versionId: next }).sections;
  return { previous, draft, next, sections, nextSections };
}

function makeRound(draft: number, extra: Record<string, unknown> = {}): ReviewRound {
  return ws.ok<ReviewRound>('reviewRounds.create', {
    title: 'Commentaarronde conceptrichtlijn ADHD',
    versionId: draft,
    deadline: '2099-05-01',
    organisations: [{ organisationId: 'nip' }, { organisationId: 'nvo' }, { name: 'Ouderpanel ADHD' }],
    ...extra,
  });
}

/** A passage of the draft: the first occurrence of `quote` in a section. */
function span(sections: Section[], quote: string) {
  const section = sections.find((s) => s.text.includes(quote)) as Section;
  const start = section.text.indexOf(quote);
  return { sectionId: section.id, start, end: start + quote.length, quote };
}

const invitation = (round: ReviewRound, name: RegExp) => round.invitations.find((i) => name.test(i.name)) as ReviewRound['invitations'][number];
const comment = (roundId: number, invitationId: number, body: string, extra: Record<string, unknown> = {}) =>
  ws.ok<ReviewComment>('reviewComments.create', { roundId, invitationId, body, ...extra });

describe('review rounds: lifecycle and invited organisations', () => {
  it('creates a round on the draft, compares with the version before it, and tracks who responded', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    expect(round).toMatchObject({ status: 'open', versionId: v.draft, versionLabel: 'Concept 2026-03', previousVersionId: v.previous, previousVersionLabel: '2017', nextVersionId: null, deadline: '2099-05-01' });
    expect(round.invitations.map((i) => [i.name, i.status])).toEqual([
      ['Nederlands Instituut van Psychologen (NIP)', 'uitgenodigd'],
      ['Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)', 'uitgenodigd'],
      ['Ouderpanel ADHD', 'uitgenodigd'],
    ]);
    const nip = invitation(round, /NIP/);
    const c = comment(round.id, nip.id, 'Noem ook de rol van school.', { ...span(v.sections, 'Bied ouders een training aan.'), type: 'inhoudelijk', author: 'J. de Vries' });
    expect(c).toMatchObject({ nr: 1, organisation: nip.name, author: 'J. de Vries', sectionNumber: null, sectionHeading: 'Aanbeveling 1', quote: 'Bied ouders een training aan.', response: null, source: 'handmatig' });
    expect(c.passage).toBe('Aanbeveling 1: “Bied ouders een training aan.”');
    let now = ws.ok<ReviewRound>('reviewRounds.get', { roundId: round.id });
    expect(invitation(now, /NIP/)).toMatchObject({ status: 'gereageerd', commentCount: 1, answeredCount: 0 });
    expect(now.counts.invitations).toEqual({ uitgenodigd: 2, gereageerd: 1, geen_reactie: 0 });
    // A comment from an organisation that was not invited invites it, as having responded.
    const bpsw = ws.ok<ReviewComment>('reviewComments.create', { roundId: round.id, organisationId: 'bpsw', body: 'Akkoord met de richtlijn.', type: 'akkoord', reference: 'Algemeen' });
    expect(bpsw.organisation).toMatch(/BPSW/);
    // Closing settles who did not respond; a closed round takes no comments; reopening undoes it.
    now = ws.ok<ReviewRound>('reviewRounds.update', { roundId: round.id, status: 'gesloten' });
    expect(now.invitations.map((i) => i.status)).toEqual(['gereageerd', 'gereageerd', 'geen_reactie', 'geen_reactie']);
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, body: 'Te laat' }, 'CONFLICT', /gesloten/);
    now = ws.ok<ReviewRound>('reviewRounds.update', { roundId: round.id, status: 'open' });
    expect(now.counts.invitations).toEqual({ uitgenodigd: 2, gereageerd: 2, geen_reactie: 0 });
    expect(ws.ok<ReviewRoundSummary[]>('reviewRounds.list', { standardId: A }).map((r) => [r.id, r.counts.total])).toEqual([[round.id, 2]]);
    const audit = ws.db.prepare("SELECT action FROM audit_log WHERE entity = 'review_round' AND entity_id = ? ORDER BY id").all(String(round.id)) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['aangemaakt', 'gewijzigd', 'gewijzigd']);
  });

  it('marks invitations past the deadline as overdue and manages invitations by hand', async () => {
    const v = await versions();
    const round = makeRound(v.draft, { deadline: '2020-01-31', opensOn: '2020-01-01' });
    expect(round.invitations.every((i) => i.overdue)).toBe(true);
    const panel = invitation(round, /Ouderpanel/);
    let now = ws.ok<ReviewRound>('reviewRounds.updateInvitation', { invitationId: panel.id, status: 'gereageerd', contact: 'M. Bakker' });
    expect(invitation(now, /Ouderpanel/)).toMatchObject({ status: 'gereageerd', contact: 'M. Bakker', overdue: false, respondedAt: expect.any(String) });
    now = ws.ok<ReviewRound>('reviewRounds.invite', { roundId: round.id, organisationId: 'venvn' });
    expect(now.invitations).toHaveLength(4);
    refused('reviewRounds.invite', { roundId: round.id, organisationId: 'venvn' }, 'CONFLICT', /al uitgenodigd/);
    refused('reviewRounds.invite', { roundId: round.id, name: 'ouderpanel adhd' }, 'CONFLICT', /al uitgenodigd/);
    now = ws.ok<ReviewRound>('reviewRounds.removeInvitation', { invitationId: invitation(now, /V&VN/).id });
    expect(now.invitations).toHaveLength(3);
    const nip = invitation(now, /NIP/);
    comment(round.id, nip.id, 'Een opmerking');
    refused('reviewRounds.removeInvitation', { invitationId: nip.id }, 'CONFLICT', /al commentaar gegeven/);
    refused('reviewRounds.updateInvitation', { invitationId: nip.id, status: 'geen_reactie' }, 'CONFLICT', /heeft dus gereageerd/);
    refused('reviewRounds.delete', { roundId: round.id }, 'CONFLICT', /Sluit de ronde/);
  });

  it('hands out comment numbers once: a deleted comment’s number is not given again', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const [, , third] = ['een', 'twee', 'drie'].map((b) => comment(round.id, nip.id, b));
    expect(ws.ok('reviewComments.delete', { commentId: third?.id })).toEqual({ deleted: third?.id, nr: 3 });
    expect(comment(round.id, nip.id, 'vier').nr).toBe(4);
    expect(ws.ok<CommentList>('reviewComments.list', { roundId: round.id }).comments.map((c) => c.nr)).toEqual([1, 2, 4]);
  });
});

describe('review rounds: answering, dispositions and unanswered comments', () => {
  it('counts dispositions and lists the unanswered comments, with filters', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const nvo = invitation(round, /NVO/);
    const c1 = comment(round.id, nip.id, 'Noem de rol van school.');
    const c2 = comment(round.id, nvo.id, 'Typfout in 1.1.', { type: 'redactioneel' });
    const c3 = comment(round.id, nip.id, 'Oudertraining is niet altijd nodig.', { type: 'bezwaar' });
    const c4 = comment(round.id, nvo.id, 'Eens met hoofdstuk 2.', { type: 'akkoord' });
    const c5 = comment(round.id, nip.id, 'Voeg een stroomschema toe.');
    ws.ok('reviewComments.answer', { commentId: c1.id, response: 'School is toegevoegd.', disposition: 'overgenomen', change: 'Zin over school toegevoegd' });
    ws.ok('reviewComments.answer', { commentId: c3.id, response: 'Wij houden de aanbeveling aan.', disposition: 'niet_overgenomen', motivation: 'Het bewijs voor oudertraining is sterk.' });
    ws.ok('reviewComments.answer', { commentId: c4.id, response: 'Dank voor uw reactie.', disposition: 'kennisgenomen' });
    const answered = ws.ok<ReviewComment>('reviewComments.answer', { commentId: c5.id, response: 'Een schema volgt.', disposition: 'deels_overgenomen', motivation: 'Alleen voor de diagnostiek.' });
    expect(answered.response).toMatchObject({ disposition: 'deels_overgenomen', motivation: 'Alleen voor de diagnostiek.', answeredBy: 'gebruiker', change: null });
    let list = ws.ok<CommentList>('reviewComments.list', { roundId: round.id });
    expect(list.counts).toMatchObject({
      total: 5,
      answered: 4,
      unanswered: 1,
      unansweredNumbers: [c2.nr],
      byDisposition: { overgenomen: 1, deels_overgenomen: 1, niet_overgenomen: 1, kennisgenomen: 1 },
      byType: { inhoudelijk: 2, redactioneel: 1, akkoord: 1, bezwaar: 1 },
    });
    expect(ws.ok<CommentList>('reviewComments.list', { roundId: round.id, unanswered: true }).comments.map((c) => c.nr)).toEqual([2]);
    expect(ws.ok<CommentList>('reviewComments.list', { roundId: round.id, invitationId: nip.id }).comments.map((c) => c.nr)).toEqual([1, 3, 5]);
    expect(ws.ok<CommentList>('reviewComments.list', { roundId: round.id, invitationId: nvo.id, type: 'akkoord' }).comments.map((c) => c.nr)).toEqual([4]);
    expect(ws.ok<CommentList>('reviewComments.list', { roundId: round.id, disposition: 'niet_overgenomen' }).comments.map((c) => c.nr)).toEqual([3]);
    // Answering again replaces the answer (one per comment) and the audit log keeps the earlier one.
    ws.ok('reviewComments.answer', { commentId: c1.id, response: 'Toch anders opgelost.', disposition: 'deels_overgenomen', motivation: 'School staat in 2.1.' });
    expect((ws.db.prepare('SELECT count(*) AS n FROM review_response WHERE comment_id = ?').get(c1.id) as { n: number }).n).toBe(1);
    const audit = ws.db.prepare("SELECT action, details FROM audit_log WHERE entity = 'review_comment' AND entity_id = ? ORDER BY id").all(String(c1.id)) as Array<{ action: string; details: string }>;
    expect(audit.map((a) => a.action)).toEqual(['aangemaakt', 'beantwoord', 'antwoord gewijzigd']);
    expect(JSON.parse(audit[2]?.details ?? '{}').eerder).toMatchObject({ reactie: 'School is toegevoegd.', besluit: 'overgenomen' });
    ws.ok('reviewComments.clearAnswer', { commentId: c4.id });
    list = ws.ok<CommentList>('reviewComments.list', { roundId: round.id });
    expect(list.counts).toMatchObject({ answered: 3, unanswered: 2, unansweredNumbers: [2, 4], byDisposition: { overgenomen: 0, deels_overgenomen: 2, niet_overgenomen: 1, kennisgenomen: 0 } });
    const now = ws.ok<ReviewRound>('reviewRounds.get', { roundId: round.id });
    expect(invitation(now, /NIP/)).toMatchObject({ commentCount: 3, answeredCount: 3 });
    expect(invitation(now, /NVO/)).toMatchObject({ commentCount: 2, answeredCount: 0 });
  });

  it('links the change to the passage in the next version, and only there', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const c = comment(round.id, nip.id, 'Maak de aanbeveling sterker.', span(v.sections, 'Bied ouders een training aan.'));
    const target = span(v.nextSections, 'Bied ouders altijd een oudertraining aan.');
    const answered = ws.ok<ReviewComment>('reviewComments.answer', {
      commentId: c.id,
      response: 'Aangescherpt.',
      disposition: 'overgenomen',
      change: '"altijd" toegevoegd',
      changeSectionId: target.sectionId,
      changeStart: target.start,
      changeEnd: target.end,
      changeQuote: target.quote,
    });
    expect(answered.response).toMatchObject({ changeVersionId: v.next, changeVersionLabel: 'Concept 2026-06', changeSectionHeading: 'Aanbeveling 1', changeQuote: 'Bied ouders altijd een oudertraining aan.' });
    // The draft itself is not the next version; once the next version is set, others are refused.
    const inDraft = span(v.sections, 'ADHD komt veel voor.');
    refused('reviewComments.answer', { commentId: c.id, response: 'x', disposition: 'overgenomen', changeSectionId: inDraft.sectionId }, 'ONGELDIGE_INVOER', /volgende versie/);
    ws.ok('reviewRounds.update', { roundId: round.id, nextVersionId: v.next });
    const old = span(ws.ok<{ sections: Section[] }>('versions.get', { versionId: v.previous }).sections, 'ADHD komt veel voor.');
    refused('reviewComments.answer', { commentId: c.id, response: 'x', disposition: 'overgenomen', changeSectionId: old.sectionId }, 'ONGELDIGE_INVOER', /Concept 2026-06/);
    refused('reviewComments.answer', { commentId: c.id, response: 'x', disposition: 'overgenomen', ...{ changeSectionId: target.sectionId, changeStart: target.start, changeEnd: target.end, changeQuote: 'iets anders' } }, 'CONFLICT', /komt niet overeen/);
  });
});

describe('review rounds: validation writes nothing', () => {
  it('refuses bad input in Dutch', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const c = comment(round.id, nip.id, 'Een opmerking');
    const otherStandard = (await importText(ws, 'zorgstandaard-adhd', SAMPLE, 'GGZ 2019')).versionId;
    refused('reviewComments.answer', { commentId: c.id, response: 'Deels.', disposition: 'deels_overgenomen' }, 'ONGELDIGE_INVOER', /motivering bij "deels overgenomen"/);
    refused('reviewComments.answer', { commentId: c.id, response: '  ', disposition: 'overgenomen' }, 'ONGELDIGE_INVOER', /Vul de reactie van de werkgroep in/);
    refused('reviewComments.answer', { commentId: c.id, response: 'x', disposition: 'misschien' }, 'ONGELDIGE_INVOER', /Kies een besluit: overgenomen, deels overgenomen, niet overgenomen/);
    refused('reviewComments.answer', { commentId: 424242, response: 'x', disposition: 'overgenomen' }, 'NIET_GEVONDEN', /geen commentaar/);
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, body: '' }, 'ONGELDIGE_INVOER', /Vul het commentaar in/);
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, body: 'x', type: 'vraag' }, 'ONGELDIGE_INVOER', /Kies een type: inhoudelijk, redactioneel, akkoord, bezwaar/);
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, organisation: 'NVO', body: 'x' }, 'ONGELDIGE_INVOER', /van welke organisatie/);
    refused('reviewComments.create', { roundId: round.id, body: 'x' }, 'ONGELDIGE_INVOER', /van welke organisatie/);
    const s = span(v.sections, 'ADHD komt veel voor.');
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, body: 'x', ...s, quote: 'ADHD komt weinig voor.' }, 'CONFLICT', /komt niet overeen/);
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, body: 'x', sectionId: s.sectionId }, 'ONGELDIGE_INVOER', /sectie, begin, einde en citaat/);
    const prev = span(ws.ok<{ sections: Section[] }>('versions.get', { versionId: v.previous }).sections, 'ADHD komt veel voor.');
    refused('reviewComments.create', { roundId: round.id, invitationId: nip.id, body: 'x', ...prev }, 'ONGELDIGE_INVOER', /niet in de conceptversie/);
    refused('reviewRounds.create', { title: 'x', versionId: v.draft, previousVersionId: otherStandard }, 'ONGELDIGE_INVOER', /dezelfde standaard/);
    refused('reviewRounds.create', { title: 'x', versionId: v.draft, previousVersionId: v.draft }, 'ONGELDIGE_INVOER', /conceptversie zelf/);
    refused('reviewRounds.create', { title: 'x', versionId: v.draft, opensOn: '2026-05-01', deadline: '2026-04-01' }, 'ONGELDIGE_INVOER', /sluitingsdatum ligt na de startdatum/);
    refused('reviewRounds.create', { title: 'x', versionId: v.draft, deadline: '2026-02-30' }, 'ONGELDIGE_INVOER', /bestaat niet/);
    refused('reviewRounds.create', { title: 'x', versionId: 99999 }, 'NIET_GEVONDEN', /geen versie/);
    // A bad organisation in the list refuses the whole round: no round without its invitations.
    refused('reviewRounds.create', { title: 'x', versionId: v.draft, organisations: [{ organisationId: 'nip' }, { organisationId: 'bestaat-niet' }] }, 'ONGELDIGE_INVOER', /Onbekende organisatie/);
    refused('reviewRounds.create', { title: 'x', versionId: v.draft, organisations: [{ organisationId: 'nip' }, { name: 'nederlands instituut van psychologen (nip)' }] }, 'CONFLICT', /al uitgenodigd/);
    refused('reviewRounds.get', { roundId: 424242 }, 'NIET_GEVONDEN', /geen commentaarronde/);
    refused('reviewRounds.update', { roundId: round.id }, 'ONGELDIGE_INVOER', /minstens één veld/);
    const voorbereiding = ws.ok<ReviewRound>('reviewRounds.create', { title: 'Later', versionId: v.draft, status: 'voorbereiding', organisations: [{ organisationId: 'nip' }] });
    refused('reviewComments.create', { roundId: voorbereiding.id, invitationId: voorbereiding.invitations[0]?.id, body: 'x' }, 'CONFLICT', /in voorbereiding/);
    refused('reviewComments.create', { roundId: voorbereiding.id, invitationId: nip.id, body: 'x' }, 'CONFLICT', /in voorbereiding/);
  });

  it('keeps comments and answers when the draft version is deleted', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const c = comment(round.id, nip.id, 'Over de training', span(v.sections, 'Bied ouders een training aan.'));
    ws.ok('reviewComments.answer', { commentId: c.id, response: 'Verwerkt.', disposition: 'overgenomen' });
    ws.ok('versions.delete', { versionId: v.draft });
    const after = ws.ok<ReviewRound>('reviewRounds.get', { roundId: round.id });
    expect(after).toMatchObject({ versionId: null, versionLabel: 'Concept 2026-03' });
    const [kept] = ws.ok<CommentList>('reviewComments.list', { roundId: round.id }).comments;
    expect(kept).toMatchObject({ sectionId: null, start: null, quote: 'Bied ouders een training aan.', passage: 'Aanbeveling 1: “Bied ouders een training aan.”', response: { disposition: 'overgenomen' } });
  });
});

describe('review rounds: passages under structure edits', () => {
  it('moves the comment with its quoted text when a split puts that text in a new section', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const target = span(v.sections, 'Evalueer na drie maanden.');
    const kept = comment(round.id, nip.id, 'Waarom drie maanden?', span(v.sections, 'Bied ouders een training aan.'));
    const moved = comment(round.id, nip.id, 'Noem de evaluatie eerder.', target);
    const split = ws.ok<{ sections: Section[] }>('sections.split', { sectionId: target.sectionId, atBlock: 1, heading: 'Uitvoering' });
    const uitvoering = split.sections.find((s) => s.heading === 'Uitvoering') as Section;
    const list = ws.ok<CommentList>('reviewComments.list', { roundId: round.id }).comments;
    expect(list.find((c) => c.id === kept.id)).toMatchObject({ sectionId: target.sectionId, start: kept.start, end: kept.end });
    const start = uitvoering.text.indexOf('Evalueer na drie maanden.');
    expect(list.find((c) => c.id === moved.id)).toMatchObject({ sectionId: uitvoering.id, sectionHeading: 'Uitvoering', start, end: start + 25, quote: 'Evalueer na drie maanden.' });
  });
});

describe('review rounds: exports and report section', () => {
  it('exports the commentaartabel as CSV and DOCX in the expected layout, and as a report section', async () => {
    const v = await versions();
    const round = makeRound(v.draft);
    const nip = invitation(round, /NIP/);
    const nvo = invitation(round, /NVO/);
    const c1 = comment(round.id, nvo.id, 'Typfout: "ADHD komt veel voor"', { ...span(v.sections, 'ADHD komt veel voor.'), type: 'redactioneel' });
    comment(round.id, nip.id, '=SOM(A1:A2) is geen formule', { reference: 'H2, r. 12' });
    const target = span(v.nextSections, 'Bied ouders altijd een oudertraining aan.');
    ws.ok('reviewComments.answer', { commentId: c1.id, response: 'Aangepast.', disposition: 'overgenomen', change: 'Zin herschreven', changeSectionId: target.sectionId });
    const csv = ws.ok<ExportFile>('reviewRounds.exportCsv', { roundId: round.id });
    expect(csv.fileName).toBe('commentaartabel-commentaarronde-conceptrichtlijn-adhd.csv');
    expect(csv.content.startsWith('\uFEFFNr;Organisatie;Passage;Commentaar;Reactie werkgroep;Wijziging;')).toBe(true);
    const rows = readCsv(csv.content);
    expect(rows.slice(1).map((r) => r.slice(0, 8))).toEqual([
      ['1', nvo.name, '§1.1 Achtergrond: “ADHD komt veel voor.”', 'Typfout: "ADHD komt veel voor"', 'Aangepast.', 'Zin herschreven (Aanbeveling 1 in Concept 2026-06)', 'Redactioneel', 'Overgenomen'],
      ['2', nip.name, 'H2, r. 12', '=SOM(A1:A2) is geen formule', '', '', 'Inhoudelijk', ''],
    ]);
    // The formula is neutralised in the file itself.
    expect(csv.content).toContain("'=SOM(A1:A2)");
    const byOrganisation = readCsv(ws.ok<ExportFile>('reviewRounds.exportCsv', { roundId: round.id, order: 'organisatie' }).content);
    expect(byOrganisation.slice(1).map((r) => r[0])).toEqual(['2', '1']);
    const docx = ws.ok<BinaryExportFile>('reviewRounds.exportDocx', { roundId: round.id });
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(docx.contentBase64, 'base64') })).value;
    for (const expected of ['Commentaartabel', 'Reactie werkgroep', 'Wijziging', 'Typfout: "ADHD komt veel voor"', 'Overgenomen', 'Nog niet beantwoord', '2 commentaren van 2 organisaties; 1 beantwoord (overgenomen 1), 1 onbeantwoord.']) {
      expect(text).toContain(expected);
    }
    const section = reviewReportSection(ws.db, round.id);
    expect(section.title).toBe('Commentaarronde: Commentaarronde conceptrichtlijn ADHD');
    expect(section.subsections.map((s) => s.title)).toEqual(['Uitgenodigde organisaties', 'Afhandeling', 'Commentaartabel', 'Onbeantwoorde commentaren']);
    const dispositions = section.subsections[1]?.blocks[0];
    expect(dispositions?.kind === 'table' && dispositions.rows).toEqual([
      ['Overgenomen', '1'],
      ['Deels overgenomen', '0'],
      ['Niet overgenomen', '0'],
      ['Voor kennisgeving aangenomen', '0'],
      ['Nog niet beantwoord', '1'],
    ]);
    expect(section.subsections[3]?.blocks[0]).toEqual({ kind: 'list', items: [`2. ${nip.name} (H2, r. 12): =SOM(A1:A2) is geen formule`] });
  });
});

describe('one bad-input case per chain and review method (the shape of api.test.ts)', () => {
  it('covers every method this feature registers', () => {
    const registered = Object.keys(ws.api).filter((m) => /^(chains|reviewRounds|reviewComments)\./.test(m)).sort();
    expect(registered).toEqual([...REVIEW_METHODS]);
    expect(new Set(reviewBadCases(() => ws).map((c) => c.method))).toEqual(new Set(REVIEW_METHODS));
  });

  for (const c of reviewBadCases(() => ws)) {
    it(`${c.method}: ${c.name} → ${c.code}`, () => {
      c.setup?.();
      const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
      const result = ws.call(c.method, c.args);
      expect(result).toMatchObject({ ok: false, error: { code: c.code, message: expect.stringMatching(c.message) } });
      if (result.ok) return;
      if (c.code === 'ONGELDIGE_INVOER') expect(result.error.message).toMatch(/^Controleer de invoer\. /);
      for (const field of c.fields ?? []) expect(Object.keys(result.error.fields ?? {})).toContain(field);
      expect(result.error.message).not.toMatch(/ZodError|SqliteError|SQLITE_|undefined is not|Cannot read/);
      expect(totalChanges(ws.db)).toBe(before.changes);
      expect(dumpTables(ws.db)).toEqual(before.dump);
    });
  }
});
