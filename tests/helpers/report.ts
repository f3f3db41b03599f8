/**
 * A pilot with everything a harmonisation report shows, built through the api on the three ADHD
 * texts: members in three perspectives, agreements, a proposal of which all rows but one are
 * accepted, classifications (one cell tegenstrijdig, one verschillend), decisions of every kind
 * (one with dissent), a working-group comment, a reflection moment, the evaluation, items on a
 * beter doen/laten list that came out of the pilot, and a tagged passage.
 */
import type { VersionWithSections } from '../../electron/services/documents.js';
import type { AlignmentGrid, GridRow, Pilot } from '../../common/pilots.js';
import type { Annotation } from '../../common/tags.js';
import type { BdlItem, BdlList } from '../../common/lists.js';
import { adhdPilot, type AdhdPilot } from './pilots.js';
import type { TestWorkspace } from './test-db.js';

export const HOSTILE_THEME = '<img src=x onerror=alert(1)> | *Terugval*';

export interface ReportPilot extends AdhdPilot {
  grid: AlignmentGrid;
  rows: { signalering: GridRow; diagnostiek: GridRow; psychoEducatie: GridRow; medicatie: GridRow };
  /** The proposal left unaccepted (an open point). */
  proposal: GridRow;
  tagId: number;
  items: BdlItem[];
}

const cellsWith = (row: GridRow, pattern: RegExp) => row.cells.some((c) => c.sections.some((s) => pattern.test(s.heading)));

function findRow(grid: AlignmentGrid, pattern: RegExp): GridRow {
  const row = grid.rows.find((r) => cellsWith(r, pattern));
  if (!row) throw new Error(`no proposed row with a section matching ${pattern}: ${grid.rows.map((r) => r.theme).join(', ')}`);
  return row;
}

export async function reportPilot(ws: TestWorkspace, options: { hostile?: boolean } = {}): Promise<ReportPilot> {
  const base = await adhdPilot(ws, 'ADHD: richtlijnen op één lijn');
  const { pilot, versionIds: v } = base;
  const pilotId = pilot.id;
  ws.ok('pilots.addMember', { pilotId, name: 'Sanne de Vries', organisationId: 'nip', perspective: 'professionals', role: 'voorzitter' });
  ws.ok('pilots.addMember', { pilotId, name: 'Lotte Jansen', organisationId: 'ajn', perspective: 'professionals', role: 'lid' });
  ws.ok('pilots.addMember', { pilotId, name: 'Ahmed Yilmaz', organisation: 'Ouderpanel ADHD', perspective: 'ervaring', role: 'lid' });
  ws.ok('pilots.addMember', { pilotId, name: 'Karin Bos', organisation: 'Gemeente Utrecht', perspective: 'gemeenten', role: 'adviseur' });
  ws.ok('pilots.update', {
    pilotId,
    description: 'De eerste pilot horizontaal harmoniseren: drie ADHD-standaarden uit jeugdhulp, JGZ en GGZ naast elkaar.',
    agreementEmbedding: 'De uitkomst gaat mee in de herziening van de drie standaarden.',
    agreementFlexibility: 'Na drie sessies evalueren we de werkwijze en passen die zo nodig aan.',
  });
  ws.ok('pilots.setPhase', { pilotId, phase: 'gestart' });
  ws.ok('pilots.setPhase', { pilotId, phase: 'lopend' });

  let grid = ws.ok<AlignmentGrid>('alignment.propose', { pilotId });
  const medicatie = findRow(grid, /medica/i);
  const signalering = findRow(grid, /signal|onderkenning/i);
  const diagnostiek = findRow(grid, /diagnos/i);
  const psychoEducatie = findRow(grid, /psycho-educatie/i);
  const chosen = new Set([medicatie.id, signalering.id, diagnostiek.id, psychoEducatie.id]);
  if (chosen.size !== 4) throw new Error(`expected four distinct rows: ${grid.rows.map((r) => r.theme).join(', ')}`);
  const proposal = grid.rows.find((r) => !chosen.has(r.id));
  if (!proposal) throw new Error('expected a fifth proposed row to leave open');
  for (const id of chosen) ws.ok('alignment.accept', { rowId: id });
  ws.ok('alignment.renameRow', { rowId: medicatie.id, theme: 'Medicatie' });
  ws.ok('alignment.renameRow', { rowId: signalering.id, theme: options.hostile ? HOSTILE_THEME : 'Signalering' });
  ws.ok('alignment.renameRow', { rowId: diagnostiek.id, theme: 'Diagnostiek' });
  ws.ok('alignment.renameRow', { rowId: psychoEducatie.id, theme: 'Psycho-educatie' });

  const classify = (rowId: number, versionId: number, classification: string, note?: string) =>
    ws.ok('alignment.classify', { rowId, versionId, classification, ...(note ? { note } : {}) });
  classify(medicatie.id, v.jeugdhulp, 'gelijk');
  classify(medicatie.id, v.jgz, 'tegenstrijdig', 'JGZ start geen medicatie en evalueert na vier weken in plaats van zes.');
  classify(medicatie.id, v.ggz, 'verschillend', 'Aanbevolen in plaats van overwogen.');
  for (const version of [v.jeugdhulp, v.jgz, v.ggz]) classify(signalering.id, version, 'gelijk');
  classify(diagnostiek.id, v.jeugdhulp, 'gelijk');
  classify(diagnostiek.id, v.ggz, 'gelijk');
  classify(psychoEducatie.id, v.jeugdhulp, 'aanvullend');

  ws.ok('alignment.decide', {
    rowId: medicatie.id,
    decision: 'verschil_laten',
    text: 'De JGZ schrijft geen medicatie voor; de termijn van evaluatie volgt de behandelaar.',
    dissent: 'Perspectief ervaring: ouders willen één termijn voor de evaluatie van medicatie.',
  });
  ws.ok('alignment.decide', { rowId: signalering.id, decision: 'overnemen', versionId: v.ggz, text: 'Meest volledig en past bij alle drie de settings.' });
  ws.ok('alignment.decide', { rowId: diagnostiek.id, decision: 'nader_onderzoeken', text: 'Welke informatie van school is nodig voor de diagnose?' });
  ws.ok('alignment.comment', { rowId: medicatie.id, body: 'Intern: eerst met de NVvP afstemmen voordat dit naar buiten gaat.' });
  grid = ws.ok<AlignmentGrid>('alignment.comment', { rowId: signalering.id, body: 'Intern: goede basis.' });

  ws.ok('pilots.addReflection', { pilotId, heldOn: '2026-03-12', perspectives: ['ervaring', 'professionals'], notes: 'Verschillen in setting verklaren veel van de verschillen in tekst.' });
  ws.ok<Pilot>('pilots.update', {
    pilotId,
    evaluationResult: 'Eén gedeelde tekst voor signalering; het verschil in medicatie blijft bewust staan.',
    evaluationLearning: 'Harmoniseren betekent niet alles gelijk maken: de setting bepaalt een deel van de tekst.',
  });

  const list = ws.ok<BdlList>('lists.create', { title: 'Beter doen, beter laten ADHD', versionLabel: 'Conceptlijst Q1 2026' });
  const items = [
    ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_doen', statement: 'Bespreek signalen van ADHD altijd eerst met ouders en jeugdige.', rationale: 'Alle drie de standaarden.', pilotId }),
    ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_laten', statement: 'Start geen medicatie zonder psycho-educatie.', pilotId }),
    ws.ok<BdlItem>('items.create', { listId: list.id, category: 'beter_onderzoeken', statement: 'Termijn van evaluatie van medicatie.', knowledgeQuestion: 'Is evaluatie na vier of na zes weken beter?', pilotId }),
  ];
  ws.ok('items.create', { listId: list.id, category: 'beter_doen', statement: 'Een item van een andere pilot of zonder pilot.' });

  // A tagged passage in the JGZ text: "De JGZ start geen medicatie."
  const jgzMedication = grid.rows.find((r) => r.id === medicatie.id)?.cells.find((c) => c.versionId === v.jgz)?.sections[0];
  if (!jgzMedication) throw new Error('no JGZ medication section');
  const text = ws.ok<VersionWithSections>('versions.get', { versionId: v.jgz }).sections.find((s) => s.id === jgzMedication.sectionId)?.text ?? '';
  const quote = 'De JGZ start geen medicatie.';
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in section: ${text}`);
  const annotation = ws.ok<Annotation>('annotations.create', { sectionId: jgzMedication.sectionId, start, end: start + quote.length, quote, newTagNames: ['Medicatie en rolverdeling'], note: 'Rolverdeling JGZ' });
  const tagId = annotation.tags[0]?.id;
  if (tagId === undefined) throw new Error('annotation without tag');

  grid = ws.ok<AlignmentGrid>('alignment.grid', { pilotId });
  const byId = (id: number) => grid.rows.find((r) => r.id === id) as GridRow;
  return {
    ...base,
    grid,
    rows: { signalering: byId(signalering.id), diagnostiek: byId(diagnostiek.id), psychoEducatie: byId(psychoEducatie.id), medicatie: byId(medicatie.id) },
    proposal: byId(proposal.id),
    tagId,
    items,
  };
}
