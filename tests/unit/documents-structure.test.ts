import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/catalogue.js';
import type { Block, ParsedDocument, Section } from '../../common/document.js';
import { ApiError } from '../../common/errors.js';
import { openDatabase } from '../../db/open.js';
import { listAudit } from '../../db/queries/audit.js';
import { listSections } from '../../db/queries/documents.js';
import { createDocumentsService, documentSchemas, type DocumentsService } from '../../electron/services/documents.js';
import { parseInput } from '../../electron/services/validation.js';
import { canDemote, splitAtBlock, splitAtOffset, subtreeEnd } from '../../electron/services/section-tree.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { checkIndexes, checkTree, encode, miniParser, SAMPLE } from '../helpers/documents.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const ADHD = data.standards.find((s) => s.catalogueId === 'KS001')?.id ?? '';

let ws: TestWorkspace;
let docs: DocumentsService;
let versionId: number;

beforeEach(async () => {
  ws = seededWorkspace();
  docs = createDocumentsService(ws.db, () => 'Redacteur', { parse: miniParser });
  const job = await docs.imports.importNow({ standardId: ADHD, fileName: 'adhd.md', bytes: encode(SAMPLE), label: '2017', status: 'gepubliceerd' });
  versionId = job.versionId as number;
});
afterEach(() => {
  // checkStored reopens the file; close whichever connection is current.
  if (ws.db.open) ws.db.close();
  ws.cleanup();
});

const sections = (): Section[] => docs.getVersion({ versionId }).sections;
const outline = (): string[] => checkTree(sections());
const idOf = (heading: string): number => {
  const found = sections().find((s) => s.heading === heading);
  if (!found) throw new Error(`no section "${heading}"`);
  return found.id;
};
const section = (heading: string): Section => sections().find((s) => s.heading === heading) as Section;
const lastAudit = (): AuditEntry | undefined => listAudit(ws.db, { entity: 'document_version', entityId: String(versionId), limit: 1 })[0];
const hitsFor = (query: string) => docs.search({ query }).groups.flatMap((g) => g.hits.map((h) => h.sectionId));

/** After an edit: the tree is consistent, both indexes match the table, and a reopened file reads the same. */
function checkStored(): void {
  checkTree(sections());
  checkIndexes(ws.db);
  const before = listSections(ws.db, versionId);
  ws.db.close();
  const reopened = openDatabase(ws.file);
  try {
    expect(listSections(reopened, versionId)).toEqual(before);
  } finally {
    reopened.close();
  }
  ws.db = openDatabase(ws.file);
  docs = createDocumentsService(ws.db, () => 'Redacteur', { parse: miniParser });
}

/** Runs an edit that must fail, and checks that it wrote nothing at all. */
function refused(edit: () => unknown, code: string, message: RegExp): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  let error: unknown;
  try {
    edit();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).code).toBe(code);
  expect((error as ApiError).message).toMatch(message);
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

const ORIGINAL = ['1 Inleiding', '  1.1 Achtergrond', '  1.2 Doel', '    1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  2.1 Medicatie', '3 Slot'];

describe('promote', () => {
  it('moves a section one level up, taking its subsections along', () => {
    expect(outline()).toEqual(ORIGINAL);
    const result = docs.promote({ sectionId: idOf('Doel') });
    expect(checkTree(result.sections)).toEqual(['1 Inleiding', '  1.1 Achtergrond', '1.2 Doel', '  1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  2.1 Medicatie', '3 Slot']);
    expect(section('Doelgroep').parentId).toBe(idOf('Doel'));
    expect(section('Doel').parentId).toBeNull();
    expect(lastAudit()).toMatchObject({ actor: 'Redacteur', action: 'sectie-hoger', details: { sectionId: idOf('Doel'), heading: 'Doel', van: 2, naar: 1 } });
    checkStored();
    expect(outline()).toEqual(checkTree(result.sections));
  });

  it('later siblings at the old level become its children (reading order decides the tree)', () => {
    docs.promote({ sectionId: idOf('Achtergrond') });
    expect(outline()).toEqual(['1 Inleiding', '1.1 Achtergrond', '  1.2 Doel', '    1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  2.1 Medicatie', '3 Slot']);
    expect(section('Doel').parentId).toBe(idOf('Achtergrond'));
    checkStored();
  });

  it('refuses a top-level section, writing nothing', () => {
    refused(() => docs.promote({ sectionId: idOf('Behandeling') }), 'CONFLICT', /"Behandeling" staat al op het hoogste niveau/);
  });
});

describe('demote', () => {
  it('nests a section under the sibling before it, taking its subsections along', () => {
    docs.demote({ sectionId: idOf('Doel') });
    expect(outline()).toEqual(['1 Inleiding', '  1.1 Achtergrond', '    1.2 Doel', '      1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  2.1 Medicatie', '3 Slot']);
    expect(section('Doel').parentId).toBe(idOf('Achtergrond'));
    expect(section('Doelgroep').parentId).toBe(idOf('Doel'));
    expect(lastAudit()).toMatchObject({ action: 'sectie-lager', details: { van: 2, naar: 3 } });
    checkStored();
  });

  it('a chapter under the previous chapter', () => {
    docs.demote({ sectionId: idOf('Behandeling') });
    expect(outline()).toEqual(['1 Inleiding', '  1.1 Achtergrond', '  1.2 Doel', '    1.2.1 Doelgroep', '  2 Behandeling', '    Aanbeveling 1', '    2.1 Medicatie', '3 Slot']);
    expect(section('Behandeling').parentId).toBe(idOf('Inleiding'));
    expect(section('Slot').parentId).toBeNull();
    checkStored();
  });

  it('refuses the first section and a first child, writing nothing', () => {
    refused(() => docs.demote({ sectionId: idOf('Inleiding') }), 'CONFLICT', /"Inleiding" kan niet lager/);
    refused(() => docs.demote({ sectionId: idOf('Achtergrond') }), 'CONFLICT', /geen sectie van hetzelfde niveau vóór/);
    refused(() => docs.demote({ sectionId: idOf('Aanbeveling 1') }), 'CONFLICT', /kan niet lager/);
  });

  it('promote after demote gives the original tree back', () => {
    docs.demote({ sectionId: idOf('Behandeling') });
    docs.promote({ sectionId: idOf('Behandeling') });
    expect(outline()).toEqual(ORIGINAL);
    checkStored();
  });

  it('repeated demotes nest one level at a time, until there is no sibling before it', () => {
    docs.demote({ sectionId: idOf('Slot') });
    expect(section('Slot')).toMatchObject({ level: 2, parentId: idOf('Behandeling') });
    docs.demote({ sectionId: idOf('Slot') });
    expect(section('Slot')).toMatchObject({ level: 3, parentId: idOf('Medicatie') });
    refused(() => docs.demote({ sectionId: idOf('Slot') }), 'CONFLICT', /kan niet lager/);
    checkStored();
  });

  it('refuses to go deeper than the maximum level', async () => {
    const deep = ['# L1', '## L2', '### L3', '#### L4', '##### L5', '###### L6', '####### L7', '######## L8', '######### L9', '######### L9b'].join('\nTekst.\n');
    const job = await docs.imports.importNow({ standardId: ADHD, fileName: 'diep.md', bytes: encode(deep), label: 'diep', status: 'concept' });
    const last = docs.getVersion({ versionId: job.versionId as number }).sections.find((s) => s.heading === 'L9b') as Section;
    refused(() => docs.demote({ sectionId: last.id }), 'CONFLICT', /Dieper dan 9 niveaus kan niet/);
  });
});

describe('merge with the previous section', () => {
  it('appends text and blocks, keeps the first heading, keeps the second heading as a paragraph', () => {
    const before = section('Behandeling');
    const merged = section('Aanbeveling 1');
    const result = docs.mergeWithPrevious({ sectionId: merged.id });
    expect(checkTree(result.sections)).toEqual(['1 Inleiding', '  1.1 Achtergrond', '  1.2 Doel', '    1.2.1 Doelgroep', '2 Behandeling', '  2.1 Medicatie', '3 Slot']);
    const after = section('Behandeling');
    expect(after.id).toBe(before.id);
    expect(after.text).toBe(`${before.text}\n\nAanbeveling 1\n\n${merged.text}`);
    expect(after.html).toBe(`${before.html}\n<p>Aanbeveling 1</p>\n${merged.html}`);
    expect(result.version.sectionCount).toBe(7);
    expect(lastAudit()).toMatchObject({ action: 'sectie-samengevoegd', details: { sectionId: merged.id, heading: 'Aanbeveling 1', in: { sectionId: before.id, heading: 'Behandeling' } } });
    // The index follows: the merged words are found in the kept section, the removed one is gone.
    expect(hitsFor('oudertraining')).toEqual([before.id]);
    expect(hitsFor('gezinsbegeleiding')).toEqual([before.id]);
    checkStored();
  });

  it('children of the merged section are re-parented by level', () => {
    docs.mergeWithPrevious({ sectionId: idOf('Doel') });
    expect(outline()).toEqual(['1 Inleiding', '  1.1 Achtergrond', '    1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  2.1 Medicatie', '3 Slot']);
    expect(section('Doelgroep').parentId).toBe(idOf('Achtergrond'));
    checkStored();
  });

  it('widens the page range', async () => {
    const doc: ParsedDocument = {
      format: 'pdf',
      title: null,
      pageCount: 9,
      warnings: [],
      wordCount: 4,
      sections: [
        { level: 1, number: '1', heading: 'Een', kind: 'chapter', blocks: [{ type: 'paragraph', text: 'eerste' }], pageStart: 2, pageEnd: 3 },
        { level: 1, number: null, heading: 'Twee', kind: 'other', blocks: [{ type: 'paragraph', text: 'tweede' }], pageStart: 3, pageEnd: 5 },
      ],
    };
    const pdf = createDocumentsService(ws.db, () => 'x', { parse: async () => doc });
    const job = await pdf.imports.importNow({ standardId: ADHD, fileName: 'a.pdf', bytes: encode('pdf'), label: 'pdf', status: 'concept' });
    const [first, second] = pdf.getVersion({ versionId: job.versionId as number }).sections;
    const result = pdf.mergeWithPrevious({ sectionId: second?.id as number });
    expect(result.sections).toEqual([expect.objectContaining({ id: first?.id, heading: 'Een', pageStart: 2, pageEnd: 5, text: 'eerste\n\nTwee\n\ntweede' })]);
  });

  it('refuses the first section, writing nothing', () => {
    refused(() => docs.mergeWithPrevious({ sectionId: idOf('Inleiding') }), 'CONFLICT', /eerste sectie/);
  });
});

describe('split', () => {
  it('at a block: the tail becomes a new section with the given heading, same level and kind', () => {
    const original = section('Aanbeveling 1');
    const result = docs.split({ sectionId: original.id, atBlock: 1, heading: 'Toelichting bij aanbeveling 1' });
    expect(checkTree(result.sections)).toEqual(['1 Inleiding', '  1.1 Achtergrond', '  1.2 Doel', '    1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  Toelichting bij aanbeveling 1', '  2.1 Medicatie', '3 Slot']);
    const head = section('Aanbeveling 1');
    const tail = section('Toelichting bij aanbeveling 1');
    expect(head).toMatchObject({ id: original.id, text: 'Bied ouders een training aan.', html: '<p>Bied ouders een training aan.</p>' });
    expect(tail).toMatchObject({ level: 2, kind: 'recommendation', number: null, parentId: idOf('Behandeling'), text: 'oudertraining\ngezinsbegeleiding\n\nEvalueer na drie maanden.' });
    expect(`${head.text}\n\n${tail.text}`).toBe(original.text);
    expect(hitsFor('gezinsbegeleiding')).toEqual([tail.id]);
    expect(hitsFor('toelichting')).toEqual([tail.id]);
    expect(lastAudit()).toMatchObject({ action: 'sectie-gesplitst', details: { sectionId: original.id, nieuw: { sectionId: tail.id, heading: 'Toelichting bij aanbeveling 1' } } });
    checkStored();
  });

  it('at a character offset inside a paragraph', () => {
    const original = section('Achtergrond');
    const offset = original.text.indexOf('om ouderbegeleiding');
    docs.split({ sectionId: original.id, atOffset: offset, heading: 'Vraag van ouders' });
    expect(section('Achtergrond').text).toBe('ADHD komt veel voor.\n\nOuders vragen vaak');
    expect(section('Vraag van ouders').text).toBe('om ouderbegeleiding.');
    checkStored();
  });

  it('subsections of a split section follow the new second part', () => {
    const doel = section('Doel');
    docs.split({ sectionId: doel.id, atOffset: doel.text.indexOf('ondersteunt'), heading: 'Doel, vervolg' });
    expect(outline()).toEqual(['1 Inleiding', '  1.1 Achtergrond', '  1.2 Doel', '  Doel, vervolg', '    1.2.1 Doelgroep', '2 Behandeling', '  Aanbeveling 1', '  2.1 Medicatie', '3 Slot']);
    expect(section('Doelgroep').parentId).toBe(idOf('Doel, vervolg'));
    checkStored();
  });

  it('refuses split points that would leave a part empty, writing nothing', () => {
    const rec = idOf('Aanbeveling 1');
    refused(() => docs.split({ sectionId: rec, atBlock: 3, heading: 'X' }), 'ONGELDIGE_INVOER', /Kies een blok van 1 tot en met 2/);
    refused(() => docs.split({ sectionId: idOf('Doel'), atBlock: 1, heading: 'X' }), 'ONGELDIGE_INVOER', /maar één tekstblok/);
    refused(() => docs.split({ sectionId: rec, atOffset: 100_000, heading: 'X' }), 'ONGELDIGE_INVOER', /beide delen tekst/);
    refused(() => docs.split({ sectionId: 999_999, atBlock: 1, heading: 'X' }), 'NIET_GEVONDEN', /geen sectie met nummer 999999/);
  });
});

describe('rename and set kind', () => {
  it('marks a section as a recommendation and renames it; the index follows the new heading', () => {
    const id = idOf('Medicatie');
    const result = docs.updateSection({ sectionId: id, kind: 'recommendation', heading: 'Medicamenteuze behandeling', number: '2.2' });
    expect(result.sections.find((s) => s.id === id)).toMatchObject({ kind: 'recommendation', heading: 'Medicamenteuze behandeling', number: '2.2' });
    expect(lastAudit()).toMatchObject({
      action: 'sectie-gewijzigd',
      details: { sectionId: id, kop: { van: 'Medicatie', naar: 'Medicamenteuze behandeling' }, nummer: { van: '2.1', naar: '2.2' }, soort: { van: 'section', naar: 'recommendation' } },
    });
    expect(hitsFor('medicamenteuze')).toEqual([id]);
    checkStored();
  });

  it('an empty number clears it; an unchanged value writes nothing', () => {
    const id = idOf('Doel');
    // Through the api schema, which turns a blank number into null.
    docs.updateSection(parseInput(documentSchemas.sectionsUpdate, { sectionId: id, number: '  ' }));
    expect(section('Doel').number).toBeNull();
    const changes = totalChanges(ws.db);
    docs.updateSection({ sectionId: id, heading: 'Doel', kind: 'section' });
    expect(totalChanges(ws.db)).toBe(changes);
  });
});

describe('section tree helpers', () => {
  const outlineOf = (levels: number[]) => levels.map((level, id) => ({ id, level }));
  it('subtreeEnd and canDemote', () => {
    const o = outlineOf([1, 2, 3, 2, 1]);
    expect([0, 1, 2, 3, 4].map((i) => subtreeEnd(o, i))).toEqual([4, 3, 3, 4, 5]);
    expect([0, 1, 2, 3, 4].map((i) => canDemote(o, i))).toEqual([false, false, false, true, true]);
  });

  const blocks: Block[] = [
    { type: 'paragraph', text: 'Eerste alinea.' },
    { type: 'list', ordered: true, items: ['een', 'twee', 'drie'] },
    { type: 'table', rows: [['a', 'b'], ['c', 'd']] },
  ];
  it('splitAtBlock keeps both parts non-empty', () => {
    expect(splitAtBlock(blocks, 0)).toBeNull();
    expect(splitAtBlock(blocks, 3)).toBeNull();
    expect(splitAtBlock(blocks, 1.5)).toBeNull();
    expect(splitAtBlock(blocks, 2)).toEqual([blocks.slice(0, 2), blocks.slice(2)]);
  });
  it('splitAtOffset cuts paragraphs, and lists and tables at item and row starts', () => {
    // Text: "Eerste alinea.\n\neen\ntwee\ndrie\n\na\tb\nc\td"
    expect(splitAtOffset(blocks, 7)).toEqual([[{ type: 'paragraph', text: 'Eerste' }], [{ type: 'paragraph', text: 'alinea.' }, blocks[1], blocks[2]]]);
    expect(splitAtOffset(blocks, 15)).toEqual([[blocks[0]], [blocks[1], blocks[2]]]);
    const inTwee = 'Eerste alinea.\n\neen\ntw'.length;
    expect(splitAtOffset(blocks, inTwee)).toEqual([
      [blocks[0], { type: 'list', ordered: true, items: ['een'] }],
      [{ type: 'list', ordered: true, items: ['twee', 'drie'] }, blocks[2]],
    ]);
    const inSecondRow = 'Eerste alinea.\n\neen\ntwee\ndrie\n\na\tb\nc'.length;
    expect(splitAtOffset(blocks, inSecondRow)).toEqual([[blocks[0], blocks[1], { type: 'table', rows: [['a', 'b']] }], [{ type: 'table', rows: [['c', 'd']] }]]);
    expect(splitAtOffset(blocks, 0)).toBeNull();
    expect(splitAtOffset(blocks, 1000)).toBeNull();
    expect(splitAtOffset([{ type: 'paragraph', text: 'kort' }], 4)).toBeNull();
  });
});
