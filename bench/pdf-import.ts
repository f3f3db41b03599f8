/**
 * Import of a 100-page guideline PDF, against poppler's `pdftotext` on the same file (the usual
 * baseline for "get the text out of a PDF"). The PDF is generated with pdf-lib: numbered chapters
 * in a larger bold font, running header and footer with page numbers, recommendation boxes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parseDocument } from '../electron/services/import/index.js';
import { stats, timeAsync, type Stats } from './stats.js';

const SENTENCES = [
  'De jeugdprofessional bespreekt de signalen van concentratieproblemen met de ouders en de jeugdige.',
  'Psycho-educatie over ADHD helpt ouders en leerkrachten om het gedrag van het kind beter te begrijpen.',
  'Bij ernstige problemen wordt de huisarts of de jeugdarts betrokken voor verdere diagnostiek.',
  'Ouderbegeleiding en leerkrachtbegeleiding gaan vooraf aan de overweging van medicatie.',
  'De werkgroep heeft de beschikbare literatuur beoordeeld en besproken met professionals en ouders.',
  'Het effect van de behandeling wordt na zes tot acht weken geëvalueerd met de betrokkenen.',
];

export async function makeGuidelinePdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const body = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let chapter = 0;
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText('Richtlijn ADHD voor jeugdhulp en jeugdbescherming – benchmarkversie', { x: 50, y: 810, size: 8, font: body });
    page.drawText(`Pagina ${p} van ${pages}`, { x: 270, y: 30, size: 8, font: body });
    let y = 770;
    if (p % 4 === 1) {
      chapter++;
      page.drawText(`${chapter} Hoofdstuk over thema ${chapter}`, { x: 50, y, size: 16, font: bold });
      y -= 30;
    }
    for (let para = 0; y > 80 && para < 12; para++) {
      if (para === 4) {
        page.drawText(`${chapter}.${(p % 4) + 1} Paragraaf ${p}`, { x: 50, y, size: 13, font: bold });
        y -= 24;
      }
      if (para === 8 && p % 3 === 0) {
        page.drawText(`Aanbeveling ${p}`, { x: 50, y, size: 12, font: bold });
        y -= 18;
      }
      for (let line = 0; line < 3 && y > 80; line++) {
        page.drawText(SENTENCES[(p + para + line) % SENTENCES.length] ?? '', { x: 50, y, size: 10, font: body });
        y -= 14;
      }
      y -= 8;
    }
  }
  return doc.save();
}

export async function benchPdfImport(): Promise<{ name: string; size: string; result: Stats; baseline?: { name: string; result: Stats } }> {
  const bytes = await makeGuidelinePdf(100);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-pdf-')), 'richtlijn-100p.pdf');
  fs.writeFileSync(file, bytes);
  const ours = stats(await timeAsync(async () => void (await parseDocument(new Uint8Array(bytes), 'richtlijn-100p.pdf', { maxBytes: 100 * 2 ** 20 })), 5, 1));
  let baseline: { name: string; result: Stats } | undefined;
  try {
    const pdftotext = stats(await timeAsync(async () => void execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 2 ** 20 }), 5, 1));
    baseline = { name: 'pdftotext', result: pdftotext };
  } catch {
    // poppler-utils not installed: report our figure alone.
  }
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return { name: 'PDF importeren (tekst, structuur, kop/voet weg)', size: `100 pagina's, ${(bytes.length / 1024).toFixed(0)} kB`, result: ours, ...(baseline ? { baseline } : {}) };
}
