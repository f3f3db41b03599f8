/**
 * The harmonisation report's model: golden tests of its structure and content (not bytes) for a
 * pilot with every kind of data, per audience, and the reports.* api with good and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorShape } from '../../common/errors.js';
import type { BdlList } from '../../common/lists.js';
import type { Pilot } from '../../common/pilots.js';
import { DEFAULT_REPORT_SECTIONS, REPORT_SECTIONS, type ReportBlock, type ReportChapter, type ReportModel, type ReportPart, type ReportSectionId } from '../../common/report.js';
import { createApi, invokeApiAsync } from '../../electron/api.js';
import { buildReportModel } from '../../electron/services/report/model.js';
import type { ReportOptionsResult } from '../../electron/services/report-api.js';
import { reportPilot, type ReportPilot } from '../helpers/report.js';
import { seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

let ws: TestWorkspace;
let p: ReportPilot;
const NOW = new Date('2026-03-12T10:00:00Z');

beforeAll(async () => {
  ws = seededWorkspace();
  p = await reportPilot(ws);
}, 60_000);
afterAll(() => ws?.cleanup());

const model = (audience: ReportModel['audience'], sections: readonly ReportSectionId[] = DEFAULT_REPORT_SECTIONS[audience], tagIds: number[] = [p.tagId]) =>
  buildReportModel(ws.db, { pilotId: p.pilot.id, audience, sections, tagIds, appVersion: '1.2.3', generatedBy: 'Sanne', now: NOW });

/** "3 Uitlijning en indeling" with its parts indented, the report's outline. */
function outline(m: ReportModel): string[] {
  const walk = (parts: ReportPart[], depth: number): string[] => parts.flatMap((x) => [`${'  '.repeat(depth)}${x.number} ${x.title}`, ...walk(x.parts, depth + 1)]);
  return m.chapters.flatMap((c) => [`${c.appendix ? `Bijlage ${c.number}` : c.number} ${c.title}`, ...walk(c.parts, 1)]);
}

const chapterOf = (m: ReportModel, id: ReportSectionId): ReportChapter => {
  const c = m.chapters.find((x) => x.id === id);
  if (!c) throw new Error(`no chapter ${id}: ${m.chapters.map((x) => x.id).join(', ')}`);
  return c;
};
const blocksOf = (parts: Array<ReportPart | ReportChapter>): ReportBlock[] => parts.flatMap((x) => [...x.blocks, ...blocksOf(x.parts)]);
const tables = (c: ReportChapter | ReportPart) => blocksOf([c]).filter((b): b is Extract<ReportBlock, { kind: 'table' }> => b.kind === 'table');
const cellText = (cell: unknown): string => (typeof cell === 'string' ? cell : JSON.stringify(cell));

describe('report model for the working group', () => {
  it('has the chapters in report order, numbered, with the appendix lettered; empty chapters are listed as omitted', () => {
    const m = model('werkgroep');
    expect(m.sections).toEqual([...REPORT_SECTIONS]);
    expect(outline(m)).toEqual([
      '1 Samenvatting',
      '2 Werkwijze',
      '3 Uitlijning en indeling',
      '4 Besluiten per thema',
      '  4.1 Signalering',
      '  4.2 Diagnostiek',
      '  4.3 Medicatie',
      '5 Vergelijking van tegenstrijdige passages',
      '  5.1 Medicatie',
      '6 Getagde passages',
      '  6.1 Tag: Medicatie en rolverdeling',
      '    6.1.1 ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ)',
      '7 Beter doen, laten en onderzoeken',
      '  7.1 Beter doen',
      '  7.2 Beter laten',
      '  7.3 Beter onderzoeken',
      '8 Open punten',
      '  8.1 Nader te onderzoeken',
      '  8.2 Thema’s zonder besluit',
      '  8.3 Voorstellen die nog niet zijn beoordeeld',
      '9 Evaluatie',
      '  9.1 Resultaat voor de standaard',
      '  9.2 Leerresultaat',
      '  9.3 Afspraken vooraf',
      '  9.4 Reflectiemomenten',
      'Bijlage A Logboek van besluiten',
    ]);
    expect(m.omitted).toEqual([
      { id: 'keten', reason: 'Voor deze pilot is geen keten van aanbevelingen en randvoorwaarden vastgelegd.' },
      { id: 'commentaarrondes', reason: 'Er is geen commentaarronde aan deze pilot gekoppeld.' },
    ]);
  });

  it('has a title page and colophon: pilot, members per perspective, date in Dutch, app version', () => {
    const m = model('werkgroep');
    expect(m).toMatchObject({
      title: 'Harmonisatierapport',
      subtitle: 'ADHD: richtlijnen op één lijn',
      titleLines: ['Pilot horizontaal harmoniseren', 'Onderwerp: ADHD', 'Rapport voor: werkgroep'],
      pilot: { title: 'ADHD: richtlijnen op één lijn', kinds: ['Horizontaal'], topic: 'ADHD', phase: 'Lopend', origin: 'Signalering en agendering' },
      audience: 'werkgroep',
      audienceLabel: 'Werkgroep',
      date: '2026-03-12',
      dateLabel: '12 maart 2026',
      appVersion: '1.2.3',
    });
    // In the order of the six KBL perspectives, with each member's organisation and role.
    expect(m.colophon.members).toEqual([
      { perspective: 'Ervaring', members: [{ name: 'Ahmed Yilmaz', organisation: 'Ouderpanel ADHD', role: 'Lid' }] },
      {
        perspective: 'Professionals',
        members: [
          { name: 'Sanne de Vries', organisation: 'Nederlands Instituut van Psychologen', role: 'Voorzitter' },
          { name: 'Lotte Jansen', organisation: 'Artsen Jeugdgezondheidszorg Nederland', role: 'Lid' },
        ],
      },
      { perspective: 'Gemeenten', members: [{ name: 'Karin Bos', organisation: 'Gemeente Utrecht', role: 'Adviseur' }] },
    ]);
    expect(m.colophon.standards).toEqual([
      'Richtlijn ADHD voor jeugdhulp en jeugdbescherming (2024)',
      'JGZ-richtlijn ADHD: signalering, begeleiding en toeleiding naar diagnostiek (2024)',
      'Zorgstandaard ADHD (2024)',
    ]);
    expect(m.colophon.lines).toContain('Gemaakt op 12 maart 2026 door Sanne met Richtsnoer 1.2.3, uit de gegevens van de werkruimte op dat moment.');
  });

  it('counts standards, rows, decisions and classifications per kind, dissent and open points', () => {
    const proposals = p.grid.rows.filter((r) => r.status === 'voorstel').length;
    expect(proposals).toBeGreaterThan(0);
    const m = model('werkgroep');
    expect(m.summary).toEqual({
      standards: 3,
      rows: 4,
      proposals,
      decided: 3,
      decisions: { overnemen: 1, samenvoegen: 0, verschil_laten: 1, nader_onderzoeken: 1 },
      undecided: 1,
      cells: 12,
      classifications: { gelijk: 6, aanvullend: 1, verschillend: 1, tegenstrijdig: 1, alleen_hier: 0, ontbreekt: 0 },
      unclassified: 3,
      dissents: 1,
      openPoints: 1 + proposals + 1,
      items: 3,
    });
    const summary = chapterOf(m, 'samenvatting');
    expect(summary.blocks[0]).toEqual({
      kind: 'paragraph',
      style: 'lead',
      text: 'De werkgroep van de pilot ADHD: richtlijnen op één lijn vergeleek 3 standaarden (ADHD (jeugdhulp), ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ) en ADHD (GGZ)). In de uitlijning staan 4 thema’s; over 3 daarvan is besloten en 1 wacht nog op een besluit.',
    });
    expect(tables(summary).map((t) => t.rows)).toEqual([
      [['Formulering overnemen', '1'], ['Samenvoegen tot nieuwe tekst', '0'], ['Verschil bewust laten staan', '1'], ['Nader onderzoeken', '1']],
      [['Gelijk', '6'], ['Aanvullend', '1'], ['Verschillend', '1'], ['Tegenstrijdig', '1'], ['Alleen hier', '0'], ['Ontbreekt', '0'], ['Nog niet ingedeeld', '3']],
    ]);
  });

  it('describes the method: the standards and versions compared with owners and years, and the agreements', () => {
    const method = chapterOf(model('werkgroep'), 'werkwijze');
    const [standards] = tables(method);
    expect(standards?.columns).toEqual(['Standaard', 'Versie', 'Eigenaar', 'Jaar', 'Secties']);
    expect(standards?.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['Richtlijn ADHD voor jeugdhulp en jeugdbescherming', '2024 (gepubliceerd)', '2016'],
      ['JGZ-richtlijn ADHD: signalering, begeleiding en toeleiding naar diagnostiek', '2024 (gepubliceerd)', '2015'],
      ['Zorgstandaard ADHD', '2024 (gepubliceerd)', '2019'],
    ]);
    expect(cellText(standards?.rows[1]?.[2])).toContain('AJN');
    expect(blocksOf([method])).toContainEqual({
      kind: 'fields',
      items: [
        { label: 'Afspraak over inbedding', value: 'De uitkomst gaat mee in de herziening van de drie standaarden.' },
        { label: 'Afspraak over flexibiliteit en lerend aspect', value: 'Na drie sessies evalueren we de werkwijze en passen die zo nodig aan.' },
      ],
    });
  });

  it('shows the grid: themes × standards with the classification and a short text per cell; proposals stay out', () => {
    const grid = chapterOf(model('werkgroep'), 'uitlijning');
    const [table] = tables(grid);
    expect(table?.columns).toEqual(['Thema', 'ADHD (jeugdhulp)', 'ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ)', 'ADHD (GGZ)']);
    expect(table?.rows.map((r) => (r[0] as { title: string }).title)).toEqual(['Signalering', 'Diagnostiek', 'Psycho-educatie', 'Medicatie']);
    const medication = table?.rows[3];
    expect(medication?.[0]).toMatchObject({ badge: { label: 'Verschil bewust laten staan', tone: 'besluit' } });
    expect(medication?.[2]).toMatchObject({
      badge: { label: 'Tegenstrijdig', tone: 'tegenstrijdig' },
      title: '4 Medicatie',
      note: 'JGZ start geen medicatie en evalueert na vier weken in plaats van zes.',
    });
    expect((medication?.[2] as { text: string }).text).toMatch(/^De JGZ start geen medicatie\./);
    expect(medication?.[3]).toMatchObject({ badge: { label: 'Verschillend' }, title: '4 Medicamenteuze behandeling' });
    // The per-standard counts: the JGZ column has one tegenstrijdig, two cells with text unclassified.
    // (Transposed: one row per indeling, one column per standard.)
    const counts = tables(grid)[1];
    const jgz = counts?.columns.indexOf('ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ)') ?? -1;
    expect(jgz).toBe(2);
    expect(counts?.rows.map((r) => r[jgz])).toEqual(['1', '0', '0', '1', '0', '0', '2']);
    expect(counts?.rows.map((r) => r[0])).toEqual(['Gelijk', 'Aanvullend', 'Verschillend', 'Tegenstrijdig', 'Alleen hier', 'Ontbreekt', 'Niet ingedeeld']);
    expect(blocksOf([grid]).some((b) => b.kind === 'paragraph' && /nog niet beoordeeld en staan niet in de tabel/.test(b.text))).toBe(true);
  });

  it('gives the decisions per theme with reasons, who and when, dissent on record, and the working group’s comments', () => {
    const decisions = chapterOf(model('werkgroep'), 'besluiten');
    const medication = decisions.parts.find((x) => x.title === 'Medicatie');
    expect(medication?.blocks[0]).toEqual({
      kind: 'fields',
      items: [
        { label: 'Besluit', value: 'Verschil bewust laten staan' },
        { label: 'Reden', value: 'De JGZ schrijft geen medicatie voor; de termijn van evaluatie volgt de behandelaar.' },
        { label: 'Indeling', value: 'ADHD (jeugdhulp): gelijk; ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ): tegenstrijdig; ADHD (GGZ): verschillend' },
        { label: 'Vastgelegd', value: expect.stringMatching(/^\d{1,2} \w+ \d{4} door gebruiker$/) },
      ],
    });
    expect(medication?.blocks).toContainEqual({ kind: 'callout', tone: 'dissent', title: 'Afwijkend standpunt', text: 'Perspectief ervaring: ouders willen één termijn voor de evaluatie van medicatie.' });
    expect(JSON.stringify(medication)).toContain('Intern: eerst met de NVvP afstemmen');
    const signalering = decisions.parts.find((x) => x.title === 'Signalering');
    expect(signalering?.blocks[0]).toMatchObject({
      items: expect.arrayContaining([{ label: 'Besluit', value: 'Formulering overnemen van ADHD (GGZ)' }, { label: 'Toelichting', value: 'Meest volledig en past bij alle drie de settings.' }]),
    });
    expect(decisions.parts.map((x) => x.title)).not.toContain('Psycho-educatie');
  });

  it('compares the conflicting passages with the reference, word by word, both ways', () => {
    const comparison = chapterOf(model('werkgroep'), 'vergelijking');
    expect(comparison.parts.map((x) => x.title)).toEqual(['Medicatie']);
    const blocks = comparison.parts[0]?.blocks.filter((b): b is Extract<ReportBlock, { kind: 'comparison' }> => b.kind === 'comparison') ?? [];
    expect(blocks.map((b) => [b.left.label, b.right.label])).toEqual([
      ['ADHD (jeugdhulp) — 4 Behandeling met medicatie', 'ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ) — 4 Medicatie'],
      ['ADHD (jeugdhulp) — 4 Behandeling met medicatie', 'ADHD (GGZ) — 4 Medicamenteuze behandeling'],
    ]);
    const [jgz, ggz] = blocks;
    const text = (runs: Array<{ kind: string; text: string }>, kinds: string[]) => runs.filter((r) => kinds.includes(r.kind)).map((r) => r.text).join('');
    const jeugdhulp = 'Medicatie wordt pas overwogen als psycho-educatie en ouderbegeleiding onvoldoende effect hebben. Evalueer het effect van medicatie na zes weken.';
    // The unified runs are the change from left to right: without insertions the left text, without deletions the right text.
    expect(text(jgz?.unified ?? [], ['equal', 'deleted'])).toBe(jeugdhulp);
    expect(text(jgz?.unified ?? [], ['equal', 'inserted'])).toBe('De JGZ start geen medicatie. Medicatie moet worden overwogen door de behandelaar als psycho-educatie onvoldoende helpt; evalueer het effect na vier weken.');
    expect(text(jgz?.left.runs ?? [], ['equal', 'deleted', 'moved'])).toBe(jeugdhulp);
    expect(text(jgz?.unified ?? [], ['deleted'])).toContain('zes');
    expect(text(jgz?.unified ?? [], ['inserted'])).toContain('vier');
    expect(text(ggz?.unified ?? [], ['deleted']).trim()).toBe('pas overwogen als');
    expect(text(ggz?.unified ?? [], ['inserted']).trim()).toBe('aanbevolen wanneer');
    expect(ggz).toMatchObject({ deletedWords: 3, insertedWords: 2, truncated: false });
  });

  it('lists the tagged passages per selected tag, grouped by standard, only from the pilot’s versions', () => {
    const passages = chapterOf(model('werkgroep'), 'passages');
    const [tag] = passages.parts;
    expect(tag?.blocks).toEqual([{ kind: 'paragraph', text: '1 passage in de versies van deze pilot.' }]);
    expect(tag?.parts[0]?.blocks).toEqual([
      {
        kind: 'passage',
        quote: 'De JGZ start geen medicatie.',
        before: '',
        after: expect.stringMatching(/^Medicatie moet worden overwogen/),
        source: '2024, 4 Medicatie',
        note: 'Rolverdeling JGZ',
        tags: ['Medicatie en rolverdeling'],
      },
    ]);
    expect(model('werkgroep', DEFAULT_REPORT_SECTIONS.werkgroep, []).omitted).toContainEqual({ id: 'passages', reason: 'Er zijn geen tags gekozen.' });
  });

  it('shows the beter doen/laten/onderzoeken items of this pilot only, once each, from the newest list version', () => {
    const lists = chapterOf(model('werkgroep'), 'lijsten');
    expect(lists.parts.map((x) => [x.title, tables(x)[0]?.rows.map((r) => r[0])])).toEqual([
      ['Beter doen', ['Bespreek signalen van ADHD altijd eerst met ouders en jeugdige.']],
      ['Beter laten', ['Start geen medicatie zonder psycho-educatie.']],
      ['Beter onderzoeken', ['Termijn van evaluatie van medicatie.']],
    ]);
    expect(tables(lists.parts[2] as ReportPart)[0]?.rows[0]?.[1]).toBe('Is evaluatie na vier of na zes weken beter?');
    expect(JSON.stringify(lists)).not.toContain('Een item van een andere pilot');
  });

  it('lists the open points: undecided rows, unreviewed proposals and what is to be investigated', () => {
    const open = chapterOf(model('werkgroep'), 'openpunten');
    const [research, undecided, proposals] = open.parts.map((x) => tables(x)[0]);
    expect(research?.rows).toEqual([['Diagnostiek', 'Welke informatie van school is nodig voor de diagnose?', expect.stringMatching(/\d{4}$/)]]);
    expect(undecided?.rows.map((r) => r[0])).toEqual(['Psycho-educatie']);
    expect(proposals?.rows.map((r) => r[0])).toContain(p.proposal.theme);
    expect(proposals?.rows[0]?.[1]).toMatch(/^\d+ %$/);
  });

  it('gives the evaluation: result for the standard, learning result, agreements and reflection moments', () => {
    const evaluation = chapterOf(model('werkgroep'), 'evaluatie');
    expect(evaluation.parts.map((x) => [x.title, x.blocks[0]])).toEqual([
      ['Resultaat voor de standaard', { kind: 'paragraph', text: 'Eén gedeelde tekst voor signalering; het verschil in medicatie blijft bewust staan.' }],
      ['Leerresultaat', { kind: 'paragraph', text: 'Harmoniseren betekent niet alles gelijk maken: de setting bepaalt een deel van de tekst.' }],
      ['Afspraken vooraf', expect.objectContaining({ kind: 'fields' })],
      ['Reflectiemomenten', expect.objectContaining({ kind: 'table', rows: [['12 maart 2026', 'Ervaring, Professionals', 'Verschillen in setting verklaren veel van de verschillen in tekst.']] })],
    ]);
  });

  it('appends the audit log of the pilot with Dutch action names, dates and who', () => {
    const audit = chapterOf(model('werkgroep'), 'auditlog');
    expect(audit).toMatchObject({ appendix: true, number: 'A', title: 'Logboek van besluiten' });
    const [log] = tables(audit);
    expect(log?.columns).toEqual(['Datum en tijd', 'Wie', 'Handeling', 'Thema', 'Toelichting']);
    const rows = log?.rows as string[][];
    expect(rows[0]).toEqual([expect.stringMatching(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/), 'gebruiker', 'Pilot aangemaakt', '', 'ADHD: richtlijnen op één lijn']);
    expect(rows).toContainEqual([expect.any(String), 'gebruiker', 'Fase gewijzigd', '', 'Gestart → Lopend']);
    expect(rows).toContainEqual([expect.any(String), 'gebruiker', 'Cel ingedeeld', 'Medicatie', 'ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ): niet ingedeeld → tegenstrijdig']);
    expect(rows).toContainEqual([
      expect.any(String),
      'gebruiker',
      'Besluit genomen',
      'Signalering',
      'Formulering overnemen (ADHD (GGZ)): Meest volledig en past bij alle drie de settings.',
    ]);
    expect(rows.map((r) => r[2])).toContain('Opmerking geplaatst');
    // Every action has its Dutch name, none is shown as the raw code.
    expect(rows.map((r) => r[2]).filter((a) => /^[a-z]/.test(a ?? ""))).toEqual([]);
  });
});

describe('report model per audience', () => {
  it('beroepsverenigingen: no internal comments and no audit appendix by default, dissent stays', () => {
    const m = model('beroepsverenigingen');
    expect(m.chapters.map((c) => c.id)).not.toContain('auditlog');
    const json = JSON.stringify(m);
    expect(json).not.toContain('Intern:');
    expect(json).not.toContain('Rolverdeling JGZ'); // the tagger's note
    expect(json).toContain('ouders willen één termijn');
    // Chosen anyway, the appendix leaves out the comment entries.
    const withAudit = model('beroepsverenigingen', ['auditlog']);
    expect((tables(chapterOf(withAudit, 'auditlog'))[0]?.rows as string[][]).map((r) => r[2])).not.toContain('Opmerking geplaatst');
  });

  it('bestuurlijk: summary, decisions in one table, open points and evaluation; no grid, no names', () => {
    const m = model('bestuurlijk');
    expect(m.chapters.map((c) => c.id)).toEqual(['samenvatting', 'besluiten', 'openpunten', 'evaluatie']);
    const decisions = chapterOf(m, 'besluiten');
    expect(decisions.parts).toEqual([]);
    const [table] = tables(decisions);
    expect(table?.columns).toEqual(['Thema', 'Besluit', 'Toelichting', 'Afwijkend standpunt']);
    expect(table?.rows).toContainEqual([
      'Medicatie',
      'Verschil bewust laten staan',
      'De JGZ schrijft geen medicatie voor; de termijn van evaluatie volgt de behandelaar.',
      'Perspectief ervaring: ouders willen één termijn voor de evaluatie van medicatie.',
    ]);
    expect(JSON.stringify(m)).not.toContain('Intern:');
    // Asked for, the grid shows classifications only, no passages.
    const grid = chapterOf(model('bestuurlijk', ['uitlijning']), 'uitlijning');
    expect(tables(grid)[0]?.rows[3]?.[2]).toEqual({ text: '', badge: { label: 'Tegenstrijdig', tone: 'tegenstrijdig' } });
  });

  it('a newer list version and a chain and comment round of the pilot come into the report', async () => {
    const scratch = seededWorkspace();
    try {
      const q = await reportPilot(scratch);
      const list = scratch.db.prepare('SELECT DISTINCT list_id AS id FROM bdl_item WHERE pilot_id = ?').get(q.pilot.id) as { id: number };
      const next = scratch.ok<BdlList>('lists.newVersion', { listId: list.id, versionLabel: 'Herziene lijst' });
      const rec = scratch.ok<{ id: number }>('chains.addRecommendation', { pilotId: q.pilot.id, text: 'Evalueer medicatie na zes weken.', label: 'Aanbeveling 4' });
      scratch.ok('chains.addLink', { recommendationId: rec.id, preconditionKind: 'tijd', precondition: 'Tijd voor een evaluatiegesprek', level: 'organisatie', status: 'knelpunt' });
      scratch.ok('reviewRounds.create', { title: 'Commentaarronde ADHD', versionId: q.versionIds.jgz, pilotId: q.pilot.id, organisations: [{ organisationId: 'nvo' }] });
      const m = buildReportModel(scratch.db, { pilotId: q.pilot.id, audience: 'werkgroep', sections: REPORT_SECTIONS, appVersion: 't', now: NOW });
      const lists = chapterOf(m, 'lijsten');
      expect(lists.parts.flatMap((x) => tables(x)[0]?.rows.map((r) => r[3]) ?? [])).toEqual(Array(3).fill(`Beter doen, beter laten ADHD (Herziene lijst)`));
      expect(next.versionLabel).toBe('Herziene lijst');
      const chain = chapterOf(m, 'keten');
      expect(JSON.stringify(chain)).toContain('Tijd voor een evaluatiegesprek');
      expect(chain.parts.map((x) => x.title)).toContain('Knelpunten');
      const rounds = chapterOf(m, 'commentaarrondes');
      expect(rounds.parts.map((x) => x.title)).toEqual(['Commentaarronde: Commentaarronde ADHD']);
      // Every chapter has something to show except the passages (no tags were chosen).
      expect(m.omitted).toEqual([{ id: 'passages', reason: 'Er zijn geen tags gekozen.' }]);
    } finally {
      scratch.cleanup();
    }
  }, 60_000);
});

describe('reports.* api', () => {
  const refused = (method: string, args: unknown, code: string, message: RegExp) => {
    const before = totalChanges(ws.db);
    const result = ws.call(method, args);
    expect(result.ok, JSON.stringify(result)).toBe(false);
    const error = (result as { error: ApiErrorShape }).error;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(totalChanges(ws.db)).toBe(before);
  };

  it('validates in Dutch: audience, sections, format, pilot and tags', () => {
    const base = { pilotId: p.pilot.id, audience: 'werkgroep', format: 'docx' };
    refused('reports.export', { ...base, audience: 'iedereen' }, 'ONGELDIGE_INVOER', /Kies voor wie het rapport is/);
    refused('reports.export', { ...base, sections: [] }, 'ONGELDIGE_INVOER', /minstens één onderdeel/);
    refused('reports.export', { ...base, sections: ['samenvatting', 'geheim'] }, 'ONGELDIGE_INVOER', /bestaat niet/);
    refused('reports.export', { ...base, format: 'exe' }, 'ONGELDIGE_INVOER', /Kies Word/);
    refused('reports.export', { ...base, pilotId: 999_999 }, 'NIET_GEVONDEN', /Er is geen pilot met nummer 999999/);
    refused('reports.export', { ...base, tagIds: [999_999] }, 'NIET_GEVONDEN', /Er is geen tag met nummer 999999/);
    refused('reports.export', { ...base, extra: true }, 'ONGELDIGE_INVOER', /.+/);
    refused('reports.export', { ...base, format: 'pdf' }, 'ONGELDIGE_INVOER', /alleen in de desktop-app/);
    refused('reports.options', { pilotId: 0 }, 'ONGELDIGE_INVOER', /nummer van een pilot/);
  });

  it('reports.options: defaults per audience, the tags used in the pilot, and whether PDF is available', () => {
    const options = ws.ok<ReportOptionsResult>('reports.options', { pilotId: p.pilot.id });
    expect(options.defaults.bestuurlijk).toEqual(['samenvatting', 'besluiten', 'openpunten', 'evaluatie']);
    expect(options.tags).toEqual([expect.objectContaining({ id: p.tagId, name: 'Medicatie en rolverdeling', count: 1 })]);
    expect(options.pdf).toBe(false);
  });

  it('exports with a sanitised file name and writes nothing', () => {
    ws.ok<Pilot>('pilots.update', { pilotId: p.pilot.id, title: '../../etc/passwd: ADHD\\rapport <script>' });
    try {
      const before = totalChanges(ws.db);
      for (const format of ['docx', 'html', 'md'] as const) {
        const file = ws.ok<{ fileName: string; mimeType: string }>('reports.export', { pilotId: p.pilot.id, audience: 'bestuurlijk', format });
        expect(file.fileName).toMatch(new RegExp(`^harmonisatierapport-etc-passwd-adhd-rapport-script-bestuurlijk-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      }
      expect(totalChanges(ws.db)).toBe(before);
    } finally {
      ws.ok('pilots.update', { pilotId: p.pilot.id, title: 'ADHD: richtlijnen op één lijn' });
    }
  });

  it('prints the HTML report to PDF when a printer is given (the desktop app), asynchronously', async () => {
    const printed: string[] = [];
    const api = createApi(ws.db, { mode: 'electron', appVersion: '1.2.3', workspacePath: ws.file }, {
      printPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 nep');
      },
    });
    const response = await invokeApiAsync(api, 'reports.export', { pilotId: p.pilot.id, audience: 'werkgroep', format: 'pdf' });
    expect(response.ok).toBe(true);
    const file = (response as { value: { fileName: string; mimeType: string; contentBase64: string } }).value;
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toMatch(/\.pdf$/);
    expect(Buffer.from(file.contentBase64, 'base64').toString()).toBe('%PDF-1.7 nep');
    expect(printed[0]).toContain('<style>');
    expect(printed[0]).toContain('Harmonisatierapport');
    const options = await invokeApiAsync(api, 'reports.options', { pilotId: p.pilot.id });
    expect((options as { value: ReportOptionsResult }).value.pdf).toBe(true);
  });

  it('reports.preview leaves the stylesheet out (the app applies it) and says which chapters were left out', () => {
    const preview = ws.ok<{ html: string; omitted: ReportModel['omitted'] }>('reports.preview', { pilotId: p.pilot.id, audience: 'werkgroep' });
    expect(preview.html).not.toContain('<style>');
    expect(preview.html).not.toMatch(/style="/);
    expect(preview.omitted.map((o) => o.id)).toEqual(['passages', 'keten', 'commentaarrondes']);
  });
});
