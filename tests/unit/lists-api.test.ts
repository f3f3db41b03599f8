/**
 * The beter doen/laten/onderzoeken lists through the api: lists and items, a new version and its
 * diff, dialogue sessions, voting rounds (carry-over, closing, dissent on the item), and exports.
 */
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BdlItem, BdlList, BinaryExportFile, DialogueSession, ListDiff, RoundResult, VoteRecord, VotingRound } from '../../common/lists.js';
import type { ExportFile } from '../../common/tags.js';
import { readCsv } from '../../electron/services/csv.js';
import { makeItem, makeList, unzip, voteAs } from '../helpers/lists.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace();
});
afterEach(() => ws.cleanup());

const get = (listId: number) => ws.ok<{ list: BdlList; items: BdlItem[] }>('lists.get', { listId });

function refused(method: string, args: unknown, code: string, message: RegExp): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  const result = ws.call(method, args);
  expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

describe('lists and items', () => {
  it('creates a list and shows items in three groups, in order, with counts', () => {
    const list = makeList(ws);
    expect(list).toMatchObject({ seriesId: list.id, status: 'concept', previousListId: null, itemCount: 0, countsByCategory: { beter_doen: 0, beter_laten: 0, beter_onderzoeken: 0 } });
    const a = makeItem(ws, list.id, 'Bied ouders een training aan', { evidenceTypes: ['praktijk', 'wetenschap', 'praktijk'], useContexts: ['keuze_professional'], leerlijnen: ['informele-steun'] });
    const b = ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_laten', statement: 'Geen medicatie als eerste stap', rationale: '  ', targetGroup: 'Kinderen 4–12 jaar' });
    const c = ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_onderzoeken', statement: 'Effect van oudertraining', knowledgeQuestion: 'Werkt oudertraining bij jonge kinderen?' });
    const d = makeItem(ws, list.id, 'Evalueer na drie maanden');
    // Value sets collapse duplicates and follow the fixed order; blank text is "not given".
    expect(a).toMatchObject({ evidenceTypes: ['wetenschap', 'praktijk'], useContexts: ['keuze_professional'], leerlijnen: ['informele-steun'], status: 'concept', ordinal: 0 });
    expect(b.rationale).toBeNull();
    expect(d.ordinal).toBe(1);
    const { list: again, items } = get(list.id);
    expect(items.map((i) => i.id)).toEqual([a.id, d.id, b.id, c.id]);
    expect(again).toMatchObject({ itemCount: 4, countsByCategory: { beter_doen: 2, beter_laten: 1, beter_onderzoeken: 1 } });
    expect(ws.ok<BdlList[]>('lists.list').map((l) => l.id)).toEqual([list.id]);
  });

  it('updates fields (null clears), moves items between groups and keeps positions gapless', () => {
    const list = makeList(ws);
    const [a, b, c] = ['Een', 'Twee', 'Drie'].map((s) => makeItem(ws, list.id, s)) as [BdlItem, BdlItem, BdlItem];
    const updated = ws.ok<BdlItem>('items.update', { itemId: b.id, rationale: 'Omdat', clientWording: 'In gewone taal', status: 'besproken' });
    expect(updated).toMatchObject({ rationale: 'Omdat', clientWording: 'In gewone taal', status: 'besproken', statement: 'Twee' });
    expect(ws.ok<BdlItem>('items.update', { itemId: b.id, rationale: null }).rationale).toBeNull();
    ws.ok('items.move', { itemId: c.id, ordinal: 0 });
    expect(get(list.id).items.map((i) => [i.statement, i.ordinal])).toEqual([['Drie', 0], ['Een', 1], ['Twee', 2]]);
    ws.ok('items.move', { itemId: a.id, category: 'beter_laten' });
    expect(get(list.id).items.map((i) => [i.statement, i.category, i.ordinal])).toEqual([
      ['Drie', 'beter_doen', 0],
      ['Twee', 'beter_doen', 1],
      ['Een', 'beter_laten', 0],
    ]);
    // Changing the category through update puts it last in the new group.
    ws.ok('items.update', { itemId: c.id, category: 'beter_laten' });
    expect(get(list.id).items.map((i) => [i.statement, i.category, i.ordinal])).toEqual([
      ['Twee', 'beter_doen', 0],
      ['Een', 'beter_laten', 0],
      ['Drie', 'beter_laten', 1],
    ]);
    ws.ok('items.delete', { itemId: a.id });
    expect(get(list.id).items.map((i) => [i.statement, i.ordinal])).toEqual([['Twee', 0], ['Drie', 0]]);
  });

  it('refuses an unknown leerlijn and a second version with the same label, writing nothing', () => {
    const list = makeList(ws);
    refused('items.create', { listId: list.id, category: 'beter_doen', statement: 'x', leerlijnen: ['bestaat-niet'] }, 'ONGELDIGE_INVOER', /Onbekende leerlijn: "bestaat-niet"/);
    refused('lists.newVersion', { listId: list.id, versionLabel: 'conceptlijst q1 2026' }, 'CONFLICT', /al een versie "conceptlijst q1 2026"/);
  });
});

describe('a new version', () => {
  it('copies items with the same key, links the previous version, and the diff reports added, removed and changed fields', () => {
    const v1 = makeList(ws);
    const keep = makeItem(ws, v1.id, 'Blijft hetzelfde', { leerlijnen: ['grondhouding'] });
    const change = makeItem(ws, v1.id, 'Wordt herschreven', { useContexts: ['inkoop_gemeente'] });
    const drop = makeItem(ws, v1.id, 'Verdwijnt');
    const v2 = ws.ok<BdlList>('lists.newVersion', { listId: v1.id, versionLabel: 'Herziene lijst' });
    expect(v2).toMatchObject({ seriesId: v1.id, previousListId: v1.id, title: v1.title, versionLabel: 'Herziene lijst', status: 'concept', itemCount: 3 });
    const copied = get(v2.id).items;
    expect(copied.map((i) => i.itemKey)).toEqual([keep, change, drop].map((i) => i.itemKey));
    expect(copied.map((i) => i.id)).not.toContain(keep.id);
    expect(copied[0]?.leerlijnen).toEqual(['grondhouding']);
    expect(ws.ok<ListDiff>('lists.diff', { listId: v2.id })).toMatchObject({ added: [], removed: [], changed: [], unchanged: 3 });

    const byKey = (key: string) => copied.find((i) => i.itemKey === key) as BdlItem;
    ws.ok('items.update', { itemId: byKey(change.itemKey).id, statement: 'Is herschreven', useContexts: ['inkoop_gemeente', 'inrichting_organisatie'] });
    ws.ok('items.delete', { itemId: byKey(drop.itemKey).id });
    const added = ws.ok<BdlItem>('items.create', { listId: v2.id, category: 'beter_onderzoeken', statement: 'Nieuw in v2' });
    const diff = ws.ok<ListDiff>('lists.diff', { listId: v2.id });
    expect(diff.added.map((i) => i.id)).toEqual([added.id]);
    expect(diff.removed.map((i) => i.id)).toEqual([drop.id]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]?.fields).toEqual(['statement', 'useContexts']);
    expect(diff.changed[0]?.before.statement).toBe('Wordt herschreven');
    expect(diff.changed[0]?.after.statement).toBe('Is herschreven');
    expect(diff.unchanged).toBe(1);
    // The first version's items are untouched, and its diff shows everything as added.
    expect(get(v1.id).items.map((i) => i.statement)).toEqual(['Blijft hetzelfde', 'Wordt herschreven', 'Verdwijnt']);
    expect(ws.ok<ListDiff>('lists.diff', { listId: v1.id }).added).toHaveLength(3);
  });
});

describe('dialogue sessions', () => {
  it('keeps delegates per perspective and notes per item with what changed', () => {
    const list = makeList(ws);
    const item = makeItem(ws, list.id, 'Bied ouders een training aan');
    const session = ws.ok<DialogueSession>('sessions.create', {
      listId: list.id,
      date: '2026-02-12',
      title: 'Dialoogsessie Utrecht',
      delegates: [
        { name: 'Anna', perspective: 'ervaring' },
        { name: 'Bram', perspective: 'gemeenten', organisation: 'Gemeente Utrecht' },
      ],
    });
    expect(session.delegates).toEqual([
      { name: 'Anna', perspective: 'ervaring', organisation: null },
      { name: 'Bram', perspective: 'gemeenten', organisation: 'Gemeente Utrecht' },
    ]);
    const noted = ws.ok<DialogueSession>('sessions.addNote', { sessionId: session.id, itemId: item.id, note: 'Ouders willen ook online.', change: 'Online variant toegevoegd' });
    expect(noted.notes).toEqual([{ itemId: item.id, note: 'Ouders willen ook online.', change: 'Online variant toegevoegd' }]);
    const updated = ws.ok<DialogueSession>('sessions.update', { sessionId: session.id, title: 'Dialoogsessie Utrecht (middag)' });
    expect(updated).toMatchObject({ title: 'Dialoogsessie Utrecht (middag)', date: '2026-02-12' });
    expect(updated.delegates).toHaveLength(2);
    expect(ws.ok<DialogueSession[]>('sessions.list', { listId: list.id }).map((s) => s.id)).toEqual([session.id]);
    // A discussed item stays on record.
    refused('items.delete', { itemId: item.id }, 'CONFLICT', /vervallen/);
    refused('sessions.create', { listId: list.id, date: '2026-02-30', title: 'x' }, 'ONGELDIGE_INVOER', /Datum: Deze datum bestaat niet/);
    refused('sessions.create', { listId: list.id, date: '2026-02-01', title: 'x', delegates: [{ name: 'Anna', perspective: 'ervaring' }, { name: 'anna', perspective: 'kennis' }] }, 'ONGELDIGE_INVOER', /één keer/);
    const other = makeList(ws, 'Andere lijst');
    const foreign = makeItem(ws, other.id, 'Elders');
    refused('sessions.addNote', { sessionId: session.id, itemId: foreign.id, note: 'x' }, 'CONFLICT', /hoort niet bij de lijst/);
  });
});

describe('voting rounds', () => {
  it('votes, results per perspective, close stores dissent, carry-over makes the next round', () => {
    const list = makeList(ws);
    const agreed = makeItem(ws, list.id, 'Iedereen eens');
    const split = makeItem(ws, list.id, 'Gemeenten oneens');
    const gone = makeItem(ws, list.id, 'Vervallen item', { status: 'vervallen' });
    const round = ws.ok<VotingRound>('rounds.create', { listId: list.id, title: 'Ronde 1', rule: { minAgree: 0.7, requireMedianAgree: true, perPerspective: true } });
    expect(round).toMatchObject({ number: 1, status: 'open', itemIds: [agreed.id, split.id], rule: { minAgree: 0.7, requireMedianAgree: true, perPerspective: true }, closedAt: null });
    expect(round.itemIds).not.toContain(gone.id);

    voteAs(ws, round.id, agreed.id, 'professionals', ['eens', 'eens', 'eens']);
    voteAs(ws, round.id, agreed.id, 'gemeenten', ['eens', 'eens', 'neutraal']);
    voteAs(ws, round.id, split.id, 'professionals', ['eens', 'eens', 'eens', 'eens']);
    voteAs(ws, round.id, split.id, 'kennis', ['eens', 'eens', 'eens']);
    voteAs(ws, round.id, split.id, 'gemeenten', ['eens', 'oneens', 'oneens'], { 1: 'Te duur', 2: 'Niet in te kopen' });
    // Voting again replaces the vote (upsert); the delegate name is matched without case.
    const again = ws.ok<VoteRecord>('rounds.vote', { roundId: round.id, itemId: agreed.id, delegate: 'GEMEENTEN 3', perspective: 'gemeenten', vote: 'eens' });
    expect(again).toMatchObject({ delegate: 'gemeenten 3', vote: 'eens' });
    expect(ws.ok<VoteRecord[]>('rounds.votes', { roundId: round.id })).toHaveLength(16);
    refused('rounds.vote', { roundId: round.id, itemId: agreed.id, delegate: 'professionals 1', perspective: 'kennis', vote: 'eens' }, 'CONFLICT', /namens het perspectief professionals/);
    refused('rounds.vote', { roundId: round.id, itemId: gone.id, delegate: 'X', perspective: 'kennis', vote: 'eens' }, 'CONFLICT', /staat niet in ronde 1/);

    const result = ws.ok<RoundResult>('rounds.result', { roundId: round.id });
    const splitResult = result.items.find((i) => i.itemId === split.id);
    expect(splitResult).toMatchObject({ overall: { eens: 8, oneens: 2, total: 10, agreePercent: 0.8, median: 3 }, consensus: false, dissentingPerspectives: ['gemeenten'] });
    expect(result.carryOver).toEqual([split.id]);
    // Open round: nothing stored on the item yet.
    expect(get(list.id).items.find((i) => i.id === split.id)?.dissent).toEqual([]);
    refused('rounds.create', { listId: list.id, title: 'Ronde 2', carryOverFrom: round.id }, 'CONFLICT', /Sluit ronde 1 eerst/);

    const closed = ws.ok<RoundResult>('rounds.close', { roundId: round.id });
    expect(closed.round).toMatchObject({ status: 'gesloten', closedAt: expect.any(String) });
    const dissent = get(list.id).items.find((i) => i.id === split.id)?.dissent;
    expect(dissent).toEqual([{ perspective: 'gemeenten', roundId: round.id, agreePercent: 1 / 3, comments: ['Te duur', 'Niet in te kopen'] }]);
    expect(get(list.id).items.find((i) => i.id === agreed.id)?.dissent).toEqual([]);
    refused('rounds.vote', { roundId: round.id, itemId: split.id, delegate: 'gemeenten 2', perspective: 'gemeenten', vote: 'eens' }, 'CONFLICT', /Ronde 1 is gesloten/);
    refused('rounds.close', { roundId: round.id }, 'CONFLICT', /al gesloten/);
    refused('items.delete', { itemId: split.id }, 'CONFLICT', /gestemd/);

    const round2 = ws.ok<VotingRound>('rounds.create', { listId: list.id, title: 'Ronde 2', rule: { minAgree: 0.7 }, carryOverFrom: round.id });
    expect(round2).toMatchObject({ number: 2, itemIds: [split.id], rule: { minAgree: 0.7, requireMedianAgree: true, perPerspective: false } });
    // The new version keeps the disagreement on record with the copied item.
    const v2 = ws.ok<BdlList>('lists.newVersion', { listId: list.id, versionLabel: 'Herzien' });
    expect(get(v2.id).items.find((i) => i.itemKey === split.itemKey)?.dissent).toEqual(dissent);
    // In round 2 gemeenten agree: the last closed round that voted on the item decides, so the dissent clears.
    voteAs(ws, round2.id, split.id, 'gemeenten', ['eens', 'eens', 'eens']);
    ws.ok('rounds.close', { roundId: round2.id });
    expect(get(list.id).items.find((i) => i.id === split.id)?.dissent).toEqual([]);
    expect(ws.ok<VotingRound[]>('rounds.list', { listId: list.id }).map((r) => [r.number, r.status])).toEqual([
      [1, 'gesloten'],
      [2, 'gesloten'],
    ]);
  });

  it('a round of chosen items; an item nobody voted on keeps its earlier dissent when the round closes', () => {
    const list = makeList(ws);
    const a = makeItem(ws, list.id, 'A');
    const b = makeItem(ws, list.id, 'B');
    const r1 = ws.ok<VotingRound>('rounds.create', { listId: list.id, title: 'Ronde 1', itemIds: [b.id, a.id] });
    expect(r1.itemIds).toEqual([b.id, a.id]);
    voteAs(ws, r1.id, a.id, 'kennis', ['oneens']);
    ws.ok('rounds.close', { roundId: r1.id });
    const r2 = ws.ok<VotingRound>('rounds.create', { listId: list.id, title: 'Ronde 2', carryOverFrom: r1.id });
    expect(r2.itemIds).toEqual([b.id, a.id]);
    ws.ok('rounds.close', { roundId: r2.id });
    expect(get(list.id).items.find((i) => i.id === a.id)?.dissent).toMatchObject([{ perspective: 'kennis', roundId: r1.id, agreePercent: 0 }]);
    const other = makeList(ws, 'Andere lijst');
    refused('rounds.create', { listId: other.id, title: 'x', itemIds: [a.id] }, 'NIET_GEVONDEN', /horen niet bij de lijst/);
    refused('rounds.create', { listId: other.id, title: 'x' }, 'CONFLICT', /geen items/);
  });
});

describe('exports', () => {
  function exampleList(): { list: BdlList; items: BdlItem[] } {
    const list = makeList(ws, 'Lijst jeugdhulp', 'Conceptlijst Q1 2026');
    const doen = makeItem(ws, list.id, 'Bied ouders een training aan', {
      rationale: 'Uit onderzoek blijkt effect.',
      evidenceTypes: ['wetenschap'],
      useContexts: ['keuze_professional', 'inkoop_gemeente'],
      clientWording: 'Ouders kunnen een training krijgen.',
      leerlijnen: ['informele-steun'],
    });
    const laten = ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_laten', statement: '=HYPERLINK("http://x")', useContexts: ['inkoop_gemeente'] });
    const onderzoeken = ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_onderzoeken', statement: 'Effect van groepstraining', knowledgeQuestion: 'Werkt groepstraining?' });
    ws.ok('items.create', { listId: list.id, category: 'beter_laten', statement: 'Oud en vervallen', status: 'vervallen' });
    const round = ws.ok<VotingRound>('rounds.create', { listId: list.id, title: 'Ronde 1', itemIds: [doen.id] });
    voteAs(ws, round.id, doen.id, 'professionals', ['eens', 'eens', 'eens', 'eens', 'eens', 'eens', 'eens']);
    voteAs(ws, round.id, doen.id, 'gemeenten', ['eens', 'eens', 'eens', 'eens', 'oneens', 'oneens', 'neutraal', 'oneens', 'oneens', 'oneens', 'neutraal'], { 4: 'Te duur' });
    ws.ok('rounds.close', { roundId: round.id });
    return { list, items: [doen, laten, onderzoeken] };
  }

  it('CSV: grouped by category, formulas neutralised, dissent kept; the client version uses the client wording', () => {
    const { list } = exampleList();
    const pro = ws.ok<ExportFile>('lists.exportCsv', { listId: list.id, audience: 'professionals', grouping: 'categorie' });
    expect(pro.fileName).toBe('lijst-jeugdhulp-conceptlijst-q1-2026-professionals.csv');
    expect(pro.content.startsWith('\uFEFF')).toBe(true);
    expect(pro.content).toContain(`;"'=HYPERLINK(""http://x"")";`);
    const rows = readCsv(pro.content);
    expect(rows[0]).toContain('Onderbouwing');
    const doen = rows.find((r) => r[3] === 'Bied ouders een training aan') as string[];
    expect(doen.slice(0, 3)).toEqual(['Beter doen', 'D1', 'Beter doen']);
    // 4 eens out of 11 gemeenten votes = 36 %.
    expect(doen.at(-1)).toBe('Het perspectief gemeenten stemde niet in (36 % eens): “Te duur”');
    expect(rows.some((r) => r[3] === 'Oud en vervallen')).toBe(true);
    expect(rows.find((r) => r[3] === 'Effect van groepstraining')?.[10]).toBe('Werkt groepstraining?');

    const client = ws.ok<ExportFile>('lists.exportCsv', { listId: list.id, audience: 'clienten', grouping: 'gebruikscontext' });
    const clientRows = readCsv(client.content);
    expect(clientRows[0]).not.toContain('Onderbouwing');
    expect(clientRows.filter((r) => r[3] === 'Ouders kunnen een training krijgen.').map((r) => r[0])).toEqual(['Keuze professional met jongere en gezin', 'Inkoop gemeente']);
    expect(clientRows.some((r) => r.includes('Bied ouders een training aan') || r.includes('Oud en vervallen'))).toBe(false);
    expect(clientRows.find((r) => r[3] === 'Effect van groepstraining')?.[0]).toBe('Zonder gebruikscontext');
  });

  it('DOCX: a ZIP with word/document.xml holding the statements and the dissent sentence; Word readers parse it', async () => {
    const { list } = exampleList();
    const file = ws.ok<BinaryExportFile>('lists.exportDocx', { listId: list.id, audience: 'professionals', grouping: 'categorie' });
    expect(file.fileName).toBe('lijst-jeugdhulp-conceptlijst-q1-2026-professionals.docx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const bytes = Buffer.from(file.contentBase64, 'base64');
    const parts = unzip(bytes);
    expect([...parts.keys()]).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', '_rels/.rels']));
    const xml = parts.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('D1. Bied ouders een training aan');
    expect(xml).toContain('Effect van groepstraining');
    expect(xml).toContain('Het perspectief gemeenten stemde niet in (36 % eens): “Te duur”');
    expect(xml).toContain('Uit onderzoek blijkt effect.');

    const text = (await mammoth.extractRawText({ buffer: bytes })).value;
    expect(text).toContain('Lijst jeugdhulp');
    expect(text).toContain('Conceptlijst Q1 2026');
    for (const heading of ['Beter doen', 'Beter laten', 'Beter onderzoeken']) expect(text).toContain(heading);
    expect(text).toContain('Kennisvraag: Werkt groepstraining?');
    expect(text).toContain('Leerlijnen: Informele steun');

    const client = ws.ok<BinaryExportFile>('lists.exportDocx', { listId: list.id, audience: 'clienten', grouping: 'categorie' });
    const clientText = (await mammoth.extractRawText({ buffer: Buffer.from(client.contentBase64, 'base64') })).value;
    expect(clientText).toContain('Ouders kunnen een training krijgen.');
    expect(clientText).not.toContain('Bied ouders een training aan');
    expect(clientText).not.toContain('Uit onderzoek blijkt effect.');
    expect(clientText).not.toContain('Oud en vervallen');
    expect(clientText).toContain('Het perspectief gemeenten stemde niet in (36 % eens).');
  });
});
