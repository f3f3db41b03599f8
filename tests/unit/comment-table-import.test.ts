/**
 * Comment tables (commentaartabellen) as associations send them: Word tables built here with the
 * docx package (merged cells, two-row headers, a table split in two, divider rows, empty rows,
 * extra columns) and raw WordprocessingML (tracked changes, nested tables), CSV with ';' and ',',
 * a BOM or none, Windows-1252; then the import through the api (preview writes nothing; a refused
 * import writes nothing), fast-check properties (no input throws anything but a Dutch refusal),
 * and the round trip of the exported commentaartabel.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Document, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../common/errors.js';
import type { Section } from '../../common/document.js';
import type { BinaryExportFile } from '../../common/lists.js';
import type { CommentImportResult, CommentList, CommentTablePreview, ReviewComment, ReviewRound } from '../../common/review.js';
import type { ExportFile } from '../../common/tags.js';
import { parseCommentTable, readDocxTables, toGrid } from '../../electron/services/comment-table.js';
import { packDocxSync } from '../../electron/services/docx-pack.js';
import { zipSync } from '../../electron/services/zip.js';
import { importText, miniParser, SAMPLE } from '../helpers/documents.js';
import { unzip } from '../helpers/lists.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');

// ---------------------------------------------------------------------------------------------
// Building real-looking tables

type Cell = string | { text: string | string[]; rowSpan?: number; columnSpan?: number };
const cell = (c: Cell) => {
  const spec = typeof c === 'string' ? { text: c } : c;
  const paragraphs = (Array.isArray(spec.text) ? spec.text : [spec.text]).map((t) => new Paragraph({ children: [new TextRun(t)] }));
  return new TableCell({ children: paragraphs, ...(spec.rowSpan ? { rowSpan: spec.rowSpan } : {}), ...(spec.columnSpan ? { columnSpan: spec.columnSpan } : {}) });
};
const table = (rows: Cell[][]) => new Table({ rows: rows.map((r) => new TableRow({ children: r.map(cell) })) });

/** A Word document: paragraphs (strings) and tables, in order. */
function docx(...parts: Array<string | Cell[][]>): Uint8Array {
  const children = parts.map((p) => (typeof p === 'string' ? new Paragraph(p) : table(p)));
  return packDocxSync(new Document({ sections: [{ children }] }));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const run = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
const tc = (inner: string, props = '') => `<w:tc>${props ? `<w:tcPr>${props}</w:tcPr>` : ''}<w:p>${inner}</w:p></w:tc>`;
/** A minimal .docx around raw body XML (what Word writes, without what docx would tidy up). */
function rawDocx(body: string): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
  return zipSync([
    { path: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { path: 'word/document.xml', data: Buffer.from(xml, 'utf8') },
  ]);
}

const parse = (bytes: Uint8Array, name = 'tabel.docx', organisation?: string) => parseCommentTable(bytes, name, organisation ? { organisation } : {});
const rowsOf = (p: ReturnType<typeof parse>) => p.rows.map((r) => [r.organisation, r.reference, r.body, r.type]);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ONGELDIGE_INVOER');
    return (error as ApiError).message;
  }
  throw new Error('expected a refusal');
}

// ---------------------------------------------------------------------------------------------

describe('comment tables in Word', () => {
  it('reads the usual layout: title above, organisation merged down, empty rows, divider row, repeated header, extra columns', () => {
    const header = ['Nr', 'Organisatie', 'Hoofdstuk/paragraaf', 'Regel', 'Commentaar', 'Type', 'Reactie werkgroep'];
    const bytes = docx('Commentaartabel conceptrichtlijn ADHD', 'Graag uiterlijk 1 mei terugsturen.', [
      header,
      ['1', { text: 'NIP', rowSpan: 3 }, '2.1', '12-14', 'Noem ook de rol van school.', 'Inhoudelijk', ''],
      ['2', '2.1', '20', { text: ['Typfout: medicatiegebruik.', 'Zie ook regel 22.'] }, 'R', ''],
      ['3', 'Aanbeveling 1', '', 'Oudertraining is niet altijd nodig.', 'Bezwaar', 'Wordt besproken'],
      ['', '', '', '', '', '', ''],
      [{ text: 'Hoofdstuk 3 Diagnostiek', columnSpan: 7 }],
      header,
      ['4', 'NVO', '3', '', 'Akkoord met dit hoofdstuk.', 'akkoord', ''],
      ['5', 'NVO', '', '', '', '', ''],
    ]);
    const p = parse(bytes);
    expect(p.format).toBe('docx');
    expect(rowsOf(p)).toEqual([
      ['NIP', '2.1, regel 12-14', 'Noem ook de rol van school.', 'inhoudelijk'],
      ['NIP', '2.1, regel 20', 'Typfout: medicatiegebruik.\nZie ook regel 22.', 'redactioneel'],
      ['NIP', 'Aanbeveling 1', 'Oudertraining is niet altijd nodig.', 'bezwaar'],
      ['NVO', '3', 'Akkoord met dit hoofdstuk.', 'akkoord'],
    ]);
    expect(p.columns).toEqual([
      { field: 'nr', header: 'Nr' },
      { field: 'organisatie', header: 'Organisatie' },
      { field: 'passage', header: 'Hoofdstuk/paragraaf' },
      { field: 'passage', header: 'Regel' },
      { field: 'type', header: 'Type' },
      { field: 'commentaar', header: 'Commentaar' },
      { field: 'genegeerd', header: 'Reactie werkgroep' },
    ]);
    expect(p.warnings).toEqual([
      '2 lege rijen overgeslagen.',
      'Rij 6 is een tussenkop (“Hoofdstuk 3 Diagnostiek”) en is overgeslagen.',
      'Kolom “Reactie werkgroep” is niet ingelezen.',
    ]);
    expect(p.errors).toEqual([]);
    expect(p.rows.map((r) => r.row)).toEqual([2, 3, 4, 8]);
  });

  it('reads a two-row header, a table split in two by Word, and a comment merged over two references', () => {
    const bytes = docx(
      [
        ['Organisatie', { text: 'Locatie in de tekst', columnSpan: 2 }, 'Opmerking', 'Voorgestelde tekst'],
        ['', 'Hoofdstuk', 'Regel', '', ''],
        ['V&VN', '2', '30', { text: 'Maak duidelijk wie de training geeft.', rowSpan: 2 }, 'De jeugdverpleegkundige geeft…'],
        ['V&VN', '2', '41', ''],
      ],
      'Vervolg van de tabel:',
      [['AJN', '4', '7', 'Voeg de JGZ toe aan de ketenpartners.', '']],
    );
    const p = parse(bytes);
    expect(rowsOf(p)).toEqual([
      ['V&VN', 'hoofdstuk 2, regel 30; hoofdstuk 2, regel 41', 'Maak duidelijk wie de training geeft.\n\nVoorstel: De jeugdverpleegkundige geeft…', 'inhoudelijk'],
      ['AJN', 'hoofdstuk 4, regel 7', 'Voeg de JGZ toe aan de ketenpartners.', 'inhoudelijk'],
    ]);
    expect(p.warnings).toEqual(['Rij 4 hoort bij het samengevoegde commentaar van rij 3; de verwijzing is daaraan toegevoegd.']);
  });

  it('uses the sender for a table without an organisation column, and refuses rows without one', () => {
    const bytes = docx([
      ['Pagina', 'Opmerking'],
      ['12', 'Graag een voorbeeld.'],
      ['14', 'Te lang.'],
    ]);
    expect(rowsOf(parse(bytes, 'nip.docx', 'NIP'))).toEqual([
      ['NIP', 'pagina 12', 'Graag een voorbeeld.', 'inhoudelijk'],
      ['NIP', 'pagina 14', 'Te lang.', 'inhoudelijk'],
    ]);
    const without = parse(bytes);
    expect(without.rows).toEqual([]);
    expect(without.errors).toEqual([
      'Rij 2: van welke organisatie is dit commentaar? Kies bij het importeren de organisatie van deze tabel.',
      'Rij 3: van welke organisatie is dit commentaar? Kies bij het importeren de organisatie van deze tabel.',
    ]);
  });

  it('reads what Word writes: tracked changes, nested tables, breaks and tabs, vMerge without a value, gridBefore', () => {
    const nested = `<w:tbl><w:tr>${tc(run('genest'))}</w:tr></w:tbl>`;
    const body =
      `<w:p>${run('Reacties NIP')}</w:p><w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
      `<w:tr>${tc(run('Organisatie'))}${tc(run('Regel'))}${tc(run('Commentaar'))}</w:tr>` +
      `<w:tr>${tc(run('NIP'), '<w:vMerge w:val="restart"/>')}${tc(run('10'))}${tc(`${run('Oud')}<w:del><w:r><w:delText>geschrapt </w:delText></w:r></w:del><w:ins>${run('nieuw')}</w:ins><w:r><w:tab/></w:r>${run('en')}<w:r><w:br/></w:r>${run('verder')}`)}</w:tr>` +
      `<w:tr>${tc('', '<w:vMerge/>')}${tc(run('11'))}<w:tc><w:p>${run('Zie tabel:')}</w:p>${nested}<w:p/></w:tc></w:tr>` +
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(run('12'))}${tc(run('Alleen regel en commentaar &amp; meer'))}</w:tr>` +
      '</w:tbl>';
    const p = parse(rawDocx(body), 'tabel.docx', 'Onbekend');
    expect(rowsOf(p)).toEqual([
      ['NIP', 'regel 10', 'Oudnieuw en\nverder', 'inhoudelijk'],
      ['NIP', 'regel 11', 'Zie tabel:\ngenest', 'inhoudelijk'],
      // gridBefore leaves the organisation cell out: it is filled down from the row above.
      ['NIP', 'regel 12', 'Alleen regel en commentaar & meer', 'inhoudelijk'],
    ]);
    expect(p.warnings).toContain('1 rij had geen organisatie; aangevuld met de organisatie uit de rij erboven.');
  });

  it('expands merged cells on the grid', () => {
    const xml = `<w:document ${W}><w:body><w:tbl>` +
      `<w:tr>${tc(run('a'), '<w:gridSpan w:val="2"/>')}${tc(run('b'))}</w:tr>` +
      `<w:tr>${tc(run('c'))}${tc(run('d'), '<w:vMerge w:val="restart"/>')}${tc(run('e'))}</w:tr>` +
      `<w:tr>${tc(run('f'))}${tc('', '<w:vMerge/>')}${tc(run('g'))}</w:tr>` +
      '</w:tbl></w:body></w:document>';
    const grid = toGrid(readDocxTables(xml)[0] ?? []);
    expect(grid.map((r) => r.map((c) => `${c.text}${c.spanned ? '<' : ''}${c.continued ? '^' : ''}`))).toEqual([
      ['a', '<', 'b'],
      ['c', 'd', 'e'],
      ['f', 'd^', 'g'],
    ]);
  });

  it('refuses in Dutch what is not a comment table', () => {
    expect(refusal(() => parse(docx('Alleen tekst, geen tabel.')))).toMatch(/geen tabel in dit Word-document/);
    expect(refusal(() => parse(docx([['Naam', 'Datum'], ['Jan', '1 mei']])))).toMatch(/Geen commentaartabel gevonden.*“Naam”, “Datum”, “Jan”/);
    expect(refusal(() => parse(fs.readFileSync(path.join(FIXTURES, 'zipbom.docx'))))).toMatch(/zip-bom/);
    expect(refusal(() => parse(fs.readFileSync(path.join(FIXTURES, 'afgebroken.docx'))))).toMatch(/beschadigd|onvolledig/);
    expect(refusal(() => parse(rawDocx('<w:tbl><w:tr><w:tc>')))).toMatch(/beschadigd/);
    expect(refusal(() => parse(Buffer.from('%PDF-1.7 ...'), 'tabel.pdf'))).toMatch(/PDF kan niet/);
    expect(refusal(() => parse(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'tabel.doc'))).toMatch(/oud Word/);
    expect(refusal(() => parse(Buffer.from('tekst'), 'tabel.docx'))).toMatch(/heet .docx maar is geen Word-document/);
    expect(refusal(() => parse(new Uint8Array(0)))).toMatch(/leeg/);
  });
});

describe('comment tables as CSV', () => {
  it("reads ';' with a BOM, a title line, quoted multi-line cells, empty lines and an unnamed extra column", () => {
    const csv =
      '\uFEFFCommentaartabel Zorgstandaard ADHD;;;;\r\n' +
      'Naam organisatie;Hoofdstuk;Regel;Opmerking;Type;\r\n' +
      'NIP;2;12;"Noem de rol van school;\r\nook in de samenvatting.";I;intern\r\n' +
      ';;;;;\r\n' +
      '\r\n' +
      'NVO;3;;"Gebruik ""ouders"", niet ""verzorgers""";redactioneel;\r\n' +
      ';4;2;Aanvulling op het vorige;vraag;\r\n';
    const p = parse(Buffer.from(csv, 'utf8'), 'tabel.csv');
    expect(p.format).toBe('csv');
    expect(rowsOf(p)).toEqual([
      ['NIP', 'hoofdstuk 2, regel 12', 'Noem de rol van school;\nook in de samenvatting.', 'inhoudelijk'],
      ['NVO', 'hoofdstuk 3', 'Gebruik "ouders", niet "verzorgers"', 'redactioneel'],
      ['NVO', 'hoofdstuk 4, regel 2', 'Aanvulling op het vorige', 'inhoudelijk'],
    ]);
    expect(p.rows[2]?.typeText).toBe('vraag');
    expect(p.warnings).toEqual([
      '2 lege rijen overgeslagen.',
      'Rij 7: onbekend type “vraag”; ingelezen als inhoudelijk.',
      'Kolom 6 (zonder kop) is niet ingelezen.',
      '1 rij had geen organisatie; aangevuld met de organisatie uit de rij erboven.',
    ]);
  });

  it("reads ',' in Windows-1252 without a BOM (coördinatie, €, ‘quotes’)", () => {
    const text = 'organisatie,pagina,commentaar\r\nLVVP,7,"De coördinatie kost € 40 per uur, ‘zie bijlage’"\r\nBPSW,9,Helder\r\n';
    // Windows-1252 places € and ‘ ’ in 0x80–0x9F, where Latin-1 has control characters.
    const cp1252 = Buffer.from(text.replace('€', '\x80').replace('‘', '\x91').replace('’', '\x92'), 'latin1');
    const p = parse(cp1252, 'tabel.csv');
    expect(rowsOf(p)).toEqual([
      ['LVVP', 'pagina 7', 'De coördinatie kost € 40 per uur, ‘zie bijlage’', 'inhoudelijk'],
      ['BPSW', 'pagina 9', 'Helder', 'inhoudelijk'],
    ]);
    expect(p.warnings.join(' ')).toMatch(/windows-1252/);
  });

  it('reads tab-separated UTF-16 (Excel "Unicode text") and refuses a broken quote in Dutch', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Organisatie\tRegel\tCommentaar\r\nNVvP\t5\tMedicatie eerder noemen\r\n', 'utf16le')]);
    expect(rowsOf(parse(utf16, 'tabel.txt'))).toEqual([['NVvP', 'regel 5', 'Medicatie eerder noemen', 'inhoudelijk']]);
    expect(refusal(() => parse(Buffer.from('Organisatie;Commentaar\nNIP;"niet gesloten\n'), 'tabel.csv'))).toMatch(/CSV-bestand kon niet worden gelezen.*aanhalingstekens/);
    expect(refusal(() => parse(Buffer.from('Organisatie;Datum\nNIP;1 mei\n'), 'tabel.csv'))).toMatch(/Geen commentaartabel gevonden/);
  });
});

// ---------------------------------------------------------------------------------------------
// Import through the api

const A = 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming';
let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace(undefined, { parse: miniParser });
});
afterEach(() => ws.cleanup());

async function openRound(): Promise<{ round: ReviewRound; sections: Section[] }> {
  const draft = (await importText(ws, A, SAMPLE, 'Concept 2026-03', 'concept')).versionId as number;
  const round = ws.ok<ReviewRound>('reviewRounds.create', { title: 'Ronde ADHD', versionId: draft, organisations: [{ organisationId: 'nip' }, { name: 'Ouderpanel' }] });
  return { round, sections: ws.ok<{ sections: Section[] }>('versions.get', { versionId: draft }).sections };
}

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const TABLE = docx([
  ['Organisatie', 'Hoofdstuk/regel', 'Commentaar', 'Type'],
  ['Nederlands Instituut van Psychologen', 'H2 r. 10', 'Noem de rol van school.', 'inhoudelijk'],
  ['NIP', 'H2 r. 14', 'Typfout.', 'redactioneel'],
  ['NVO', 'H3', 'Akkoord.', 'akkoord'],
  ['Jongerenraad Rijnmond', '', 'Schrijf in gewone taal.', 'inhoudelijk'],
]);

function unchanged(run: () => void): void {
  const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
  run();
  expect(totalChanges(ws.db)).toBe(before.changes);
  expect(dumpTables(ws.db)).toEqual(before.dump);
}

describe('importing a comment table into a round', () => {
  it('previews without writing, then stores every row with numbers, and invites the organisations that were not', async () => {
    const { round } = await openRound();
    let preview: CommentTablePreview | null = null;
    unchanged(() => {
      preview = ws.ok<CommentTablePreview>('reviewComments.previewImport', { roundId: round.id, fileName: 'reacties.docx', dataBase64: b64(TABLE) });
    });
    // "Nederlands Instituut van Psychologen" and "NIP" are the invited NIP; NVO is in the catalogue; the youth council is new.
    expect(preview).toMatchObject({ format: 'docx', errors: [], newOrganisations: ['Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)', 'Jongerenraad Rijnmond'] });
    const result = ws.ok<CommentImportResult>('reviewComments.import', { roundId: round.id, fileName: 'reacties.docx', dataBase64: b64(TABLE) });
    expect(result).toEqual({ imported: 4, firstNr: 1, lastNr: 4, invitationsAdded: ['Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)', 'Jongerenraad Rijnmond'], warnings: [] });
    const list = ws.ok<CommentList>('reviewComments.list', { roundId: round.id });
    expect(list.comments.map((c) => [c.nr, c.organisation, c.reference, c.type, c.source, c.sourceRow])).toEqual([
      [1, 'Nederlands Instituut van Psychologen (NIP)', 'H2 r. 10', 'inhoudelijk', 'import', 2],
      [2, 'Nederlands Instituut van Psychologen (NIP)', 'H2 r. 14', 'redactioneel', 'import', 3],
      [3, 'Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)', 'H3', 'akkoord', 'import', 4],
      [4, 'Jongerenraad Rijnmond', null, 'inhoudelijk', 'import', 5],
    ]);
    expect(list.comments[3]?.passage).toBe('Algemeen');
    const now = ws.ok<ReviewRound>('reviewRounds.get', { roundId: round.id });
    expect(now.invitations.map((i) => [i.name, i.status, i.commentCount])).toEqual([
      ['Jongerenraad Rijnmond', 'gereageerd', 1],
      ['Nederlands Instituut van Psychologen (NIP)', 'gereageerd', 2],
      ['Nederlandse Vereniging van Pedagogen en Onderwijskundigen (NVO)', 'gereageerd', 1],
      ['Ouderpanel', 'uitgenodigd', 0],
    ]);
    expect(now.imports).toMatchObject([{ fileName: 'reacties.docx', format: 'docx', rowCount: 4 }]);
    expect(now.counts).toMatchObject({ total: 4, unanswered: 4, unansweredNumbers: [1, 2, 3, 4] });
    // A comment added by hand afterwards continues the numbering.
    const next = ws.ok<ReviewComment>('reviewComments.create', { roundId: round.id, invitationId: now.invitations[3]?.id, body: 'Mooi.' });
    expect(next.nr).toBe(5);
  });

  it('refuses, writing nothing: the same file twice, a table with errors, a closed round, an unreadable file', async () => {
    const { round } = await openRound();
    ws.ok('reviewComments.import', { roundId: round.id, fileName: 'reacties.docx', dataBase64: b64(TABLE) });
    const expectRefused = (args: Record<string, unknown>, code: string, message: RegExp) =>
      unchanged(() => expect(ws.call('reviewComments.import', { roundId: round.id, fileName: 'x.docx', ...args })).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } }));
    expectRefused({ dataBase64: b64(TABLE) }, 'CONFLICT', /al ingelezen in deze ronde \(reacties\.docx/);
    const noOrganisation = docx([['Regel', 'Commentaar'], ['1', 'Zonder afzender']]);
    expectRefused({ dataBase64: b64(noOrganisation) }, 'ONGELDIGE_INVOER', /Bestand: De tabel is niet ingelezen. Rij 2: van welke organisatie/);
    expectRefused({ dataBase64: b64('nonsens\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f\u0010'), fileName: 'x.csv' }, 'ONGELDIGE_INVOER', /geen CSV of Word-document/);
    expectRefused({ dataBase64: b64(fs.readFileSync(path.join(FIXTURES, 'zipbom.docx'))) }, 'ONGELDIGE_INVOER', /zip-bom/);
    expectRefused({ dataBase64: b64(TABLE), organisation: '' }, 'ONGELDIGE_INVOER', /naam van de organisatie/);
    expectRefused({ roundId: 4242, dataBase64: b64(noOrganisation) }, 'NIET_GEVONDEN', /geen commentaarronde/);
    ws.ok('reviewRounds.update', { roundId: round.id, status: 'gesloten' });
    expectRefused({ dataBase64: b64(docx([['Organisatie', 'Commentaar'], ['NIP', 'Te laat']])) }, 'CONFLICT', /gesloten/);
    // With the sender given, the table without an organisation column imports.
    ws.ok('reviewRounds.update', { roundId: round.id, status: 'open' });
    expect(ws.ok<CommentImportResult>('reviewComments.import', { roundId: round.id, fileName: 'nip.docx', dataBase64: b64(noOrganisation), organisation: 'NIP' }).imported).toBe(1);
  });
});

describe('properties', () => {
  it('random bytes never throw anything but a Dutch refusal, and a refused import writes nothing', async () => {
    const { round } = await openRound();
    const zipHeader = fc.constantFrom(new Uint8Array(0), Uint8Array.from([0x50, 0x4b, 0x03, 0x04]), Uint8Array.from([0xef, 0xbb, 0xbf]), Uint8Array.from([0xff, 0xfe]));
    const before = totalChanges(ws.db);
    fc.assert(
      fc.property(zipHeader, fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('x.docx', 'x.csv', 'x.txt'), (head, body, name) => {
        const bytes = new Uint8Array([...head, ...body]);
        try {
          parseCommentTable(bytes, name);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).message).toMatch(/[a-z]/);
        }
        const result = ws.call('reviewComments.import', { roundId: round.id, fileName: name, dataBase64: b64(bytes) });
        if (result.ok) throw new Error('random bytes imported as a comment table');
        expect(result.error.code).not.toBe('INTERN');
      }),
      { numRuns: 150, seed: 20260307 },
    );
    expect(totalChanges(ws.db)).toBe(before);
  });

  it('random rows as CSV (any separator) and as Word tables with random merges parse or refuse, never crash', () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Organisatie', 'Commentaar', 'Regel', 'NIP', '"', ';', ',', '\n', '', '=SOM(A1)', 'ë€'));
    const rows = fc.array(fc.array(text, { minLength: 1, maxLength: 6 }), { maxLength: 12 });
    fc.assert(
      fc.property(rows, fc.constantFrom(';', ',', '\t'), fc.boolean(), (table, separator, withHeader) => {
        const all = withHeader ? [['Organisatie', 'Regel', 'Commentaar'], ...table] : table;
        const csv = all.map((r) => r.join(separator)).join('\r\n');
        try {
          const p = parseCommentTable(Buffer.from(csv, 'utf8'), 'x.csv');
          for (const row of p.rows) expect(row.body.trim()).not.toBe('');
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
    const cellXml = fc.record({ text: text, span: fc.integer({ min: 0, max: 3 }), merge: fc.constantFrom('', '<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>') });
    fc.assert(
      fc.property(fc.array(fc.array(cellXml, { minLength: 1, maxLength: 5 }), { maxLength: 10 }), fc.boolean(), (grid, withHeader) => {
        const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
        const header = withHeader ? `<w:tr>${tc(run('Organisatie'))}${tc(run('Commentaar'))}${tc(run('Type'))}</w:tr>` : '';
        const body = grid.map((r) => `<w:tr>${r.map((c) => tc(run(esc(c.text)), `${c.span ? `<w:gridSpan w:val="${c.span}"/>` : ''}${c.merge}`)).join('')}</w:tr>`).join('');
        try {
          parseCommentTable(rawDocx(`<w:tbl>${header}${body}</w:tbl>`), 'x.docx');
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('round trip of the exported commentaartabel', () => {
  it('export CSV → parse → the same rows', async () => {
    const { round, sections } = await openRound();
    ws.ok('reviewComments.import', { roundId: round.id, fileName: 'reacties.docx', dataBase64: b64(TABLE) });
    const section = sections.find((s) => s.text.includes('ADHD komt veel voor.')) as Section;
    const start = section.text.indexOf('ADHD komt veel voor.');
    ws.ok('reviewComments.create', {
      roundId: round.id,
      organisation: 'Ouderpanel',
      author: 'M. Bakker',
      type: 'bezwaar',
      body: '=ALS(1;2) "geciteerd"\nen een tweede regel; met puntkomma',
      sectionId: section.id,
      start,
      end: start + 20,
      quote: 'ADHD komt veel voor.',
    });
    ws.ok('reviewComments.answer', { commentId: ws.ok<CommentList>('reviewComments.list', { roundId: round.id }).comments[0]?.id, response: 'Verwerkt.', disposition: 'overgenomen' });
    const comments = ws.ok<CommentList>('reviewComments.list', { roundId: round.id }).comments;
    const csv = ws.ok<ExportFile>('reviewRounds.exportCsv', { roundId: round.id });
    const parsed = parseCommentTable(Buffer.from(csv.content, 'utf8'), csv.fileName);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.organisation, r.reference, r.body, r.type, r.author])).toEqual(comments.map((c) => [c.organisation, c.passage, c.body, c.type, c.author]));
    expect(parsed.columns.map((c) => c.field)).toEqual(['nr', 'organisatie', 'auteur', 'passage', 'type', 'commentaar', 'genegeerd', 'genegeerd', 'genegeerd', 'genegeerd']);
  });

  it('export DOCX → unzip → the table has the six columns and every comment', async () => {
    const { round } = await openRound();
    ws.ok('reviewComments.import', { roundId: round.id, fileName: 'reacties.docx', dataBase64: b64(TABLE) });
    const comments = ws.ok<CommentList>('reviewComments.list', { roundId: round.id }).comments;
    ws.ok('reviewComments.answer', { commentId: comments[1]?.id, response: 'Gecorrigeerd.', disposition: 'overgenomen', change: 'Spelling aangepast' });
    const docxFile = ws.ok<BinaryExportFile>('reviewRounds.exportDocx', { roundId: round.id });
    const xml = unzip(Buffer.from(docxFile.contentBase64, 'base64')).get('word/document.xml')?.toString('utf8') ?? '';
    const [tableRows] = readDocxTables(xml).map(toGrid);
    const texts = (tableRows ?? []).map((r) => r.map((c) => c.text));
    expect(texts[0]).toEqual(['Nr', 'Organisatie', 'Passage', 'Commentaar', 'Reactie werkgroep', 'Wijziging']);
    expect(texts.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual(comments.map((c) => [String(c.nr), c.organisation, c.passage]));
    expect(texts[2]?.[3]).toBe('Redactioneel\nTypfout.');
    expect(texts[2]?.[4]).toBe('Overgenomen\nGecorrigeerd.');
    expect(texts[2]?.[5]).toBe('Spelling aangepast');
    expect(texts[1]?.[4]).toBe('Nog niet beantwoord');
  });
});
