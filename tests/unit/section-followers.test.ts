/**
 * A structure correction (merge with the previous section, split) keeps what points into the
 * section: review comments on a passage, chain evidence, and the alignment grid's cells
 * (electron/services/section-followers.ts). Annotations have their own tests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Section } from '../../common/document.js';
import type { AlignmentGrid, GridRow } from '../../common/pilots.js';
import type { ChainLink, ChainRecommendation, ReviewComment, ReviewRound } from '../../common/review.js';
import { importText, miniParser, SAMPLE } from '../helpers/documents.js';
import { adhdPilot } from '../helpers/pilots.js';
import { seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace(undefined, { parse: miniParser });
});
afterEach(() => ws.cleanup());

const firstStandard = () => (ws.db.prepare('SELECT id FROM standard ORDER BY id LIMIT 1').get() as { id: string }).id;
const sectionsOf = (versionId: number) => ws.ok<{ sections: Section[] }>('versions.get', { versionId }).sections;
const byHeading = (sections: Section[], heading: string) => sections.find((s) => s.heading === heading) as Section;

function span(section: Section, quote: string) {
  const start = section.text.indexOf(quote);
  expect(start).toBeGreaterThanOrEqual(0);
  return { sectionId: section.id, start, end: start + quote.length, quote };
}

/** The text at a stored span must be its quote. */
function textAt(sectionId: number, start: number, end: number): string {
  return (ws.db.prepare('SELECT text FROM section WHERE id = ?').get(sectionId) as { text: string }).text.slice(start, end);
}

async function draftWithComments() {
  const versionId = (await importText(ws, firstStandard(), SAMPLE, 'Concept 2026-03', 'concept')).versionId as number;
  const round = ws.ok<ReviewRound>('reviewRounds.create', { title: 'Ronde', versionId, deadline: '2099-05-01', organisations: [{ organisationId: 'nip' }] });
  const invitationId = round.invitations[0]?.id as number;
  const add = (section: Section, quote: string) => ws.ok<ReviewComment>('reviewComments.create', { roundId: round.id, invitationId, body: `Over ${quote}`, ...span(section, quote) });
  return { versionId, round, add };
}

const commentsOf = (roundId: number) => ws.ok<{ comments: ReviewComment[] }>('reviewComments.list', { roundId }).comments;

describe('review comments follow a structure correction', () => {
  it('merging a section into the one before it keeps its comments on their words', async () => {
    const { versionId, round, add } = await draftWithComments();
    const sections = sectionsOf(versionId);
    const doel = byHeading(sections, 'Doel');
    const doelgroep = byHeading(sections, 'Doelgroep');
    const c = add(doelgroep, 'tot 18 jaar');
    const other = add(doel, 'ondersteunt professionals');

    ws.ok('sections.mergeWithPrevious', { sectionId: doelgroep.id });
    const after = commentsOf(round.id);
    const moved = after.find((x) => x.id === c.id) as ReviewComment;
    expect(moved).toMatchObject({ sectionId: doel.id, quote: 'tot 18 jaar', sectionHeading: 'Doel' });
    expect(textAt(doel.id, moved.start as number, moved.end as number)).toBe('tot 18 jaar');
    const kept = after.find((x) => x.id === other.id) as ReviewComment;
    expect(textAt(doel.id, kept.start as number, kept.end as number)).toBe('ondersteunt professionals');
  });

  it('splitting moves comments in the second part to the new section; one across the cut keeps its quote without a link', async () => {
    const { versionId, round, add } = await draftWithComments();
    const aanbeveling = byHeading(sectionsOf(versionId), 'Aanbeveling 1');
    const head = add(aanbeveling, 'Bied ouders een training aan.');
    const tail = add(aanbeveling, 'Evalueer na drie maanden.');
    const across = add(aanbeveling, 'aan.\n\noudertraining');
    const cut = aanbeveling.text.indexOf('oudertraining');

    const split = ws.ok<{ sections: Section[] }>('sections.split', { sectionId: aanbeveling.id, atOffset: cut, heading: 'Vervolg' });
    const newSection = byHeading(split.sections, 'Vervolg');
    const after = new Map(commentsOf(round.id).map((x) => [x.id, x]));
    expect(after.get(head.id)).toMatchObject({ sectionId: aanbeveling.id, start: head.start, end: head.end });
    const t = after.get(tail.id) as ReviewComment;
    expect(t).toMatchObject({ sectionId: newSection.id, sectionHeading: 'Vervolg', quote: 'Evalueer na drie maanden.' });
    expect(textAt(newSection.id, t.start as number, t.end as number)).toBe('Evalueer na drie maanden.');
    expect(after.get(across.id)).toMatchObject({ sectionId: null, start: null, end: null, quote: 'aan.\n\noudertraining', body: 'Over aan.\n\noudertraining' });
  });
});

describe('chain evidence follows a structure correction', () => {
  it('a passage moves along on merge; a whole-section passage becomes the span of its text', async () => {
    const versionId = (await importText(ws, firstStandard(), SAMPLE)).versionId as number;
    const sections = sectionsOf(versionId);
    const behandeling = byHeading(sections, 'Behandeling');
    const aanbeveling = byHeading(sections, 'Aanbeveling 1');
    const recommendation = ws.ok<ChainRecommendation>('chains.addRecommendation', { standardId: firstStandard(), sectionId: aanbeveling.id });
    const link = ws.ok<ChainLink>('chains.addLink', { recommendationId: recommendation.id, preconditionKind: 'tijd', precondition: 'Tijd voor oudertraining', level: 'professional' });
    ws.ok('chains.addEvidence', { linkId: link.id, kind: 'passage', ...span(aanbeveling, 'Evalueer na drie maanden.') });
    ws.ok('chains.addEvidence', { linkId: link.id, kind: 'passage', sectionId: aanbeveling.id });

    ws.ok('sections.mergeWithPrevious', { sectionId: aanbeveling.id });
    const evidence = ws.db.prepare('SELECT section_id, start_offset, end_offset, quote, section_heading FROM chain_evidence ORDER BY id').all() as Array<{ section_id: number; start_offset: number; end_offset: number; quote: string; section_heading: string }>;
    expect(evidence).toHaveLength(2);
    const [e, whole] = evidence as [(typeof evidence)[number], (typeof evidence)[number]];
    expect([e.section_id, e.section_heading]).toEqual([behandeling.id, 'Behandeling']);
    expect(textAt(e.section_id, e.start_offset, e.end_offset)).toBe('Evalueer na drie maanden.');
    expect(whole.section_id).toBe(behandeling.id);
    expect(textAt(whole.section_id, whole.start_offset, whole.end_offset)).toBe(aanbeveling.text);
    const rec = ws.db.prepare('SELECT section_id FROM chain_recommendation WHERE id = ?').get(recommendation.id) as { section_id: number };
    expect(rec.section_id).toBe(behandeling.id);
  });
});

describe('the alignment grid follows a structure correction', () => {
  const grid = (pilotId: number) => ws.ok<AlignmentGrid>('alignment.grid', { pilotId });
  const rowHolding = (g: AlignmentGrid, sectionId: number) => g.rows.find((r) => r.cells.some((c) => c.sections.some((s) => s.sectionId === sectionId)));
  const sectionsIn = (row: GridRow | undefined, versionId: number) => row?.cells.find((c) => c.versionId === versionId)?.sections.map((s) => s.sectionId) ?? [];

  it('a split section stays in its cell with both parts; merged into an unplaced section, that one takes its place', async () => {
    const { pilot, versionIds } = await adhdPilot(ws);
    ws.ok('alignment.propose', { pilotId: pilot.id });
    const versionId = versionIds.jeugdhulp;
    const before = grid(pilot.id);
    const placed = sectionsOf(versionId).find((s) => rowHolding(before, s.id) && s.text.length > 40) as Section;
    const row = rowHolding(before, placed.id) as GridRow;

    const split = ws.ok<{ sections: Section[] }>('sections.split', { sectionId: placed.id, atOffset: Math.floor(placed.text.length / 2), heading: 'Tweede helft' });
    const tail = byHeading(split.sections, 'Tweede helft');
    expect(sectionsIn(rowHolding(grid(pilot.id), placed.id), versionId)).toEqual(expect.arrayContaining([placed.id, tail.id]));
    expect(rowHolding(grid(pilot.id), tail.id)?.id).toBe(row.id);

    // Take the head out of the grid, then merge the tail into it: the head takes the tail's place.
    ws.ok('alignment.placeSection', { pilotId: pilot.id, sectionId: placed.id, rowId: null });
    ws.ok('sections.mergeWithPrevious', { sectionId: tail.id });
    const after = grid(pilot.id);
    expect(rowHolding(after, placed.id)?.id).toBe(row.id);
    expect(after.rows.flatMap((r) => r.cells.flatMap((c) => c.sections.map((s) => s.sectionId))).filter((id) => id === placed.id)).toHaveLength(1);
  });

  it('merged into a section with a row of its own, that row keeps it and the section is in one row only', async () => {
    const { pilot, versionIds } = await adhdPilot(ws);
    ws.ok('alignment.propose', { pilotId: pilot.id });
    const versionId = versionIds.jeugdhulp;
    const g = grid(pilot.id);
    const sections = sectionsOf(versionId);
    const index = sections.findIndex((s, i) => i > 0 && rowHolding(g, s.id) && rowHolding(g, (sections[i - 1] as Section).id) && rowHolding(g, s.id)?.id !== rowHolding(g, (sections[i - 1] as Section).id)?.id);
    expect(index).toBeGreaterThan(0);
    const section = sections[index] as Section;
    const previous = sections[index - 1] as Section;
    const previousRow = rowHolding(g, previous.id) as GridRow;

    ws.ok('sections.mergeWithPrevious', { sectionId: section.id });
    const after = grid(pilot.id);
    expect(rowHolding(after, previous.id)?.id).toBe(previousRow.id);
    expect(after.rows.filter((r) => r.cells.some((c) => c.sections.some((s) => s.sectionId === previous.id)))).toHaveLength(1);
  });
});
