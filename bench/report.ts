/**
 * The harmonisation report of a full pilot: five standards of 60 sections (about 120 words each),
 * 60 themes in the grid with a section of every standard, every cell classified (a third of the
 * rows with a conflicting or different cell, so the comparison chapter has about 80 word diffs),
 * every row decided, with comments, and 200 audit entries. Times what "Word" and "HTML" cost in
 * the Rapport tab: building the model and rendering (and for DOCX, packing) it, with every
 * chapter for the working group. Runs in its own temporary workspace.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedSection } from '../common/document.js';
import { CLASSIFICATIONS, DECISIONS, type Pilot } from '../common/pilots.js';
import { REPORT_SECTIONS } from '../common/report.js';
import { writeAudit } from '../db/queries/audit.js';
import { insertVersion } from '../db/queries/documents.js';
import { createApi, invokeApi } from '../electron/api.js';
import { packDocxSync } from '../electron/services/docx-pack.js';
import { renderReportDocx } from '../electron/services/report/docx.js';
import { renderReportHtml } from '../electron/services/report/html.js';
import { buildReportModel } from '../electron/services/report/model.js';
import { openWorkspace } from '../electron/workspace.js';
import { stats, time, type Stats } from './stats.js';

const STANDARDS = 5;
const SECTIONS = 60;
const AUDIT_ENTRIES = 200;

const THEMES = ['signalering', 'screening', 'diagnostiek', 'psycho-educatie', 'ouderbegeleiding', 'leerkrachtbegeleiding', 'gedragstherapie', 'medicatie', 'samenwerking met school', 'monitoring'];
const SUBJECTS = ['De jeugdprofessional', 'De huisarts', 'De jeugdarts', 'Het wijkteam', 'De behandelaar', 'De gedragswetenschapper'];
const MODALS = ['moet', 'kan', 'overweegt', 'dient'];
const OBJECTS = ['de signalen met ouders', 'de hulpvraag van het gezin', 'de voortgang van de behandeling', 'het gebruik van medicatie', 'de rol van de leerkracht', 'het behandelplan'];
const TAILS = ['binnen zes weken', 'na vier weken', 'in overleg met de jeugdige', 'samen met de school', 'voordat medicatie wordt overwogen', 'in het dossier'];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The text of theme k in standard j: the same base sentences, each standard changing a few words. */
function sectionText(k: number, j: number): string {
  const base = random(1000 + k);
  const own = random(7 * j + 13 * k + 1);
  const pick = <T>(list: readonly T[], r: () => number) => list[Math.floor(r() * list.length)] as T;
  const sentences: string[] = [];
  for (let n = 0; n < 10; n++) {
    const parts = [pick(SUBJECTS, base), pick(MODALS, base), pick(OBJECTS, base), pick(TAILS, base)];
    // Each standard rewrites about one part in five.
    const words = parts.map((part, i) => (own() < 0.2 ? pick([SUBJECTS, MODALS, OBJECTS, TAILS][i] as readonly string[], own) : part));
    sentences.push(`${words.join(' ')} bespreken.`);
  }
  return sentences.join(' ');
}

function sectionsFor(j: number): ParsedSection[] {
  return Array.from({ length: SECTIONS }, (_, k) => ({
    level: 1,
    number: `${k + 1}`,
    heading: `${THEMES[k % THEMES.length]} ${Math.floor(k / THEMES.length) + 1}`,
    kind: 'section' as const,
    blocks: [{ type: 'paragraph' as const, text: sectionText(k, j) }],
    pageStart: null,
    pageEnd: null,
  }));
}

export function benchReport(): Array<{ name: string; size: string; result: Stats }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-bench-report-'));
  const workspace = openWorkspace(dataDir);
  const { db } = workspace;
  try {
    const api = createApi(db, { mode: 'test', appVersion: 'bench', workspacePath: workspace.file });
    const call = <T>(method: string, args?: unknown): T => {
      const result = invokeApi(api, method, args);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    const standards = (db.prepare('SELECT id FROM standard ORDER BY id LIMIT ?').all(STANDARDS) as Array<{ id: string }>).map((r) => r.id);
    const now = new Date().toISOString();
    const versionIds = standards.map((standardId, j) =>
      insertVersion(
        db,
        { standardId, label: '2024', status: 'gepubliceerd', fileName: 'bench.txt', format: 'text', sha256: `${(j + 1).toString(16).padStart(64, 'b')}`, byteSize: 0, pageCount: null, wordCount: 0, warnings: [], importedAt: now, importedBy: 'bench' },
        sectionsFor(j),
      ),
    );
    const pilot = call<Pilot>('pilots.create', { title: 'Benchmark: vijf standaarden', kinds: ['horizontaal'], origin: 'partner', topic: 'ADHD' });
    call('pilots.setVersions', { pilotId: pilot.id, versionIds });
    for (const [i, perspective] of (['ervaring', 'professionals', 'wijkteams', 'organisaties', 'gemeenten', 'kennis'] as const).entries()) {
      call('pilots.addMember', { pilotId: pilot.id, name: `Lid ${i + 1}`, organisation: `Organisatie ${i + 1}`, perspective, role: i === 0 ? 'voorzitter' : 'lid' });
    }

    // The grid straight into its tables: 60 accepted rows, a section of every standard in each.
    db.transaction(() => {
      const sections = db.prepare('SELECT id, version_id, ordinal FROM section WHERE version_id IN (SELECT value FROM json_each(?)) ORDER BY version_id, ordinal').all(JSON.stringify(versionIds)) as Array<{ id: number; version_id: number; ordinal: number }>;
      const row = db.prepare(
        `INSERT INTO alignment_row (guid, pilot_id, ordinal, theme, status, confidence, decision, decision_version_id, decision_text, decision_dissent, decided_by, decided_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'handmatig', NULL, ?, ?, ?, ?, 'bench', ?, ?, ?)`,
      );
      const cell = db.prepare("INSERT INTO alignment_cell (guid, row_id, version_id, classification, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, 'bench', ?)");
      const place = db.prepare('INSERT INTO alignment_cell_section (cell_id, section_id, ordinal, confidence) VALUES (?, ?, 0, NULL)');
      const comment = db.prepare("INSERT INTO alignment_comment (guid, row_id, author, body, created_at) VALUES (?, ?, 'bench', ?, ?)");
      for (let k = 0; k < SECTIONS; k++) {
        const decision = DECISIONS[k % DECISIONS.length] as (typeof DECISIONS)[number];
        const rowId = Number(
          row.run(randomUUID(), pilot.id, k, `Thema ${k + 1}: ${THEMES[k % THEMES.length]}`, decision, decision === 'overnemen' ? versionIds[0] : null, `Besluit over thema ${k + 1}, met de reden erbij.`, k % 5 === 0 ? 'Perspectief ervaring: niet eens.' : null, now, now, now)
            .lastInsertRowid,
        );
        versionIds.forEach((versionId, j) => {
          // A third of the rows have a conflicting or different cell; the rest agree or complement.
          const classification = k % 3 === 0 && j > 0 ? (j % 2 ? 'tegenstrijdig' : 'verschillend') : (CLASSIFICATIONS[(k + j) % 2] as string);
          const cellId = Number(cell.run(randomUUID(), rowId, versionId, classification, j === 1 ? 'Een notitie bij de indeling.' : null, now).lastInsertRowid);
          const section = sections.find((s) => s.version_id === versionId && s.ordinal === k);
          if (section) place.run(cellId, section.id);
        });
        comment.run(randomUUID(), rowId, `Opmerking bij thema ${k + 1}.`, now);
      }
      for (let n = 0; n < AUDIT_ENTRIES; n++) {
        writeAudit(db, {
          actor: 'bench',
          action: n % 2 ? 'besluit' : 'cel ingedeeld',
          entity: 'pilot',
          entityId: String(pilot.id),
          details: n % 2 ? { thema: `Thema ${n}`, van: null, naar: { besluit: 'Nader onderzoeken', tekst: 'Wat moet er onderzocht worden?' } } : { thema: `Thema ${n}`, versie: versionIds[n % STANDARDS], van: { classification: null }, naar: { classification: 'gelijk' } },
        });
      }
    })();

    const options = { pilotId: pilot.id, audience: 'werkgroep' as const, sections: REPORT_SECTIONS, appVersion: 'bench' };
    const size = `${STANDARDS} standaarden × ${SECTIONS} secties, ${SECTIONS} thema’s besloten, ${AUDIT_ENTRIES} logregels`;
    const runs = 10;
    let docxBytes = 0;
    let htmlChars = 0;
    const model = stats(time(() => void buildReportModel(db, options), runs, 2));
    const docx = stats(
      time(
        () => {
          docxBytes = packDocxSync(renderReportDocx(buildReportModel(db, options))).length;
        },
        runs,
        2,
      ),
    );
    const html = stats(
      time(
        () => {
          htmlChars = renderReportHtml(buildReportModel(db, options)).length;
        },
        runs,
        2,
      ),
    );
    return [
      { name: 'Rapport: model (alle hoofdstukken, werkgroep)', size, result: model },
      { name: `Rapport: model + Word (${Math.round(docxBytes / 1024)} kB)`, size, result: docx },
      { name: `Rapport: model + HTML (${Math.round(htmlChars / 1024)} kB)`, size, result: html },
    ];
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
