/**
 * API methods of the harmonisation report: the options for the Rapport tab, the model (for tests
 * and tools), the preview and the export as DOCX, HTML, Markdown or (in the desktop app) PDF.
 * Exports come back as a file for the renderer to offer as a download; the backend never writes
 * a file, so it cannot write anywhere the user did not choose.
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type { BinaryExportFile } from '../../common/lists.js';
import { slugFor } from '../../common/naming.js';
import { DEFAULT_REPORT_SECTIONS, REPORT_AUDIENCES, REPORT_FORMATS, REPORT_SECTIONS, type ReportModel, type ReportSectionId } from '../../common/report.js';
import type { ExportFile } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import { loadTagTree } from '../../db/queries/tags.js';
import { method } from '../api-method.js';
import { DOCX_MIME, packDocxSync } from './docx-pack.js';
import { rowId } from './list-schemas.js';
import { requirePilot } from './pilots.js';
import { renderReportDocx } from './report/docx.js';
import { renderReportHtml } from './report/html.js';
import { renderReportMarkdown } from './report/markdown.js';
import { buildReportModel } from './report/model.js';

/** Prints an HTML page to PDF; only the desktop app has one (Electron's printToPDF). */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export interface ReportApiOptions {
  appVersion: string;
  printPdf?: PdfPrinter | undefined;
}

const audience = z.enum(REPORT_AUDIENCES, { error: 'Kies voor wie het rapport is: werkgroep, beroepsverenigingen of bestuurlijk.' });
const sections = z
  .array(z.enum(REPORT_SECTIONS, { error: 'Dit onderdeel van het rapport bestaat niet.' }), { error: 'Geef een lijst van onderdelen.' })
  .min(1, 'Kies minstens één onderdeel van het rapport.')
  .max(REPORT_SECTIONS.length * 2, 'Te veel onderdelen.')
  .transform((v) => REPORT_SECTIONS.filter((s) => v.includes(s)));
const tagIds = z.array(rowId('tag'), { error: 'Geef een lijst van tags.' }).max(20, 'Kies hoogstens 20 tags.');

const reportArgs = {
  pilotId: rowId('pilot'),
  audience,
  /** Without it: the defaults for the audience. */
  sections: sections.optional(),
  tagIds: tagIds.optional(),
};

export const reportSchemas = {
  options: z.object({ pilotId: rowId('pilot') }).strict(),
  model: z.object(reportArgs).strict(),
  export: z.object({ ...reportArgs, format: z.enum(REPORT_FORMATS, { error: 'Kies Word (docx), HTML, Markdown (md) of PDF.' }) }).strict(),
};

type ReportArgs = z.output<typeof reportSchemas.model>;

export const REPORT_MIME = { html: 'text/html; charset=utf-8', md: 'text/markdown; charset=utf-8', pdf: 'application/pdf', docx: DOCX_MIME } as const;

/** "harmonisatierapport-adhd-horizontaal-werkgroep-2026-03-12.docx": no path separators, no odd characters. */
export function reportFileName(m: ReportModel, extension: string): string {
  return `harmonisatierapport-${slugFor(m.pilot.title) || `pilot-${m.pilot.id}`}-${m.audience}-${m.date}.${extension}`;
}

export interface ReportOptionsResult {
  defaults: Record<(typeof REPORT_AUDIENCES)[number], ReportSectionId[]>;
  /** Tags used in the pilot's versions, with the number of passages (the tag itself, not the tags below it). */
  tags: Array<{ id: number; name: string; path: string; color: string; count: number }>;
  /** Whether format 'pdf' works here (the desktop app); in browser mode the preview is printed instead. */
  pdf: boolean;
}

export function reportMethods(db: Db, userName: () => string, options: ReportApiOptions) {
  const model = (args: ReportArgs): ReportModel =>
    buildReportModel(db, {
      pilotId: args.pilotId,
      audience: args.audience,
      sections: args.sections ?? DEFAULT_REPORT_SECTIONS[args.audience],
      tagIds: args.tagIds ?? [],
      appVersion: options.appVersion,
      generatedBy: userName(),
    });

  return {
    'reports.options': method(reportSchemas.options, ({ pilotId }): ReportOptionsResult => {
      requirePilot(db, pilotId);
      const counts = db
        .prepare(
          `SELECT t.tag_id AS id, count(*) AS n FROM annotation a JOIN annotation_tag t ON t.annotation_id = a.id
            WHERE a.version_id IN (SELECT version_id FROM pilot_version WHERE pilot_id = ?) GROUP BY t.tag_id`,
        )
        .all(pilotId) as Array<{ id: number; n: number }>;
      const tree = loadTagTree(db);
      const tags = counts
        .filter((c) => tree.byId.has(c.id))
        .map((c) => ({ ...tree.ref(c.id), count: c.n }))
        .sort((a, b) => tree.order.indexOf(a.id) - tree.order.indexOf(b.id));
      return {
        defaults: Object.fromEntries(REPORT_AUDIENCES.map((a) => [a, [...DEFAULT_REPORT_SECTIONS[a]]])) as ReportOptionsResult['defaults'],
        tags,
        pdf: options.printPdf !== undefined,
      };
    }),
    'reports.model': method(reportSchemas.model, (args) => model(args)),
    /** The HTML without its <style> element: the preview applies REPORT_CSS itself. */
    'reports.preview': method(reportSchemas.model, (args) => {
      const m = model(args);
      return { html: renderReportHtml(m, { embedStyle: false }), chapters: m.chapters.map((c) => ({ id: c.id, title: c.title })), omitted: m.omitted };
    }),
    'reports.export': method(reportSchemas.export, (args): ExportFile | BinaryExportFile | Promise<BinaryExportFile> => {
      const m = model(args);
      switch (args.format) {
        case 'docx':
          return { fileName: reportFileName(m, 'docx'), mimeType: REPORT_MIME.docx, contentBase64: Buffer.from(packDocxSync(renderReportDocx(m))).toString('base64') };
        case 'html':
          return { fileName: reportFileName(m, 'html'), mimeType: REPORT_MIME.html, content: renderReportHtml(m) };
        case 'md':
          return { fileName: reportFileName(m, 'md'), mimeType: REPORT_MIME.md, content: renderReportMarkdown(m) };
        case 'pdf': {
          const print = options.printPdf;
          if (!print) throw new ApiError('ONGELDIGE_INVOER', 'Een PDF maken kan alleen in de desktop-app. Kies hier "Afdrukken of PDF" en dan "Opslaan als PDF".', { format: 'PDF is hier niet beschikbaar.' });
          // Everything is read before the first await, so the one-transaction-per-call rule holds.
          const html = renderReportHtml(m);
          return print(html).then((bytes) => ({ fileName: reportFileName(m, 'pdf'), mimeType: REPORT_MIME.pdf, contentBase64: Buffer.from(bytes).toString('base64') }));
        }
      }
    }),
  };
}
