import { z } from 'zod';
import { ApiError, type ApiErrorShape } from '../common/errors.js';
import type { Db } from '../db/open.js';
import { method, type Method } from './api-method.js';
import { schemaVersion } from '../db/migrate.js';
import { listAudit } from '../db/queries/audit.js';
import { listAllVersions } from '../db/queries/documents.js';
import { listOrganisations, listVocabularies } from '../db/queries/vocabulary.js';
import { importMaxBytes, setSetting } from '../db/queries/settings.js';
import { catalogueSchemas, createCatalogueService } from './services/catalogue.js';
import { annotationSchemas, createAnnotationsService } from './services/annotations.js';
import { codebookCsvSchemas, createCodebookCsvService } from './services/codebook-csv.js';
import { createDocumentsService, documentSchemas } from './services/documents.js';
import type { ImportJobsOptions } from './services/import-jobs.js';
import { codebookQdc } from './services/qdc.js';
import { analysisSchemas, createAnalysisService } from './services/tag-analysis.js';
import { createTagsService, tagSchemas } from './services/tags.js';
import { createDialogueService, dialogueSchemas } from './services/dialogue.js';
import { createItemsService, itemSchemas } from './services/list-items.js';
import { exportCsv, exportDocx, exportSchema } from './services/list-export.js';
import { createListsService, listSchemas } from './services/lists.js';
import { createVotingService, votingSchemas } from './services/voting.js';
import { parseInput } from './services/validation.js';
import { catalogueExportMethods } from './services/catalogue-export.js';
import { workspaceMethods, type WorkspaceControl } from './services/workspace-api.js';
import { pilotMethods } from './services/pilots-api.js';
import { compareMethods } from './services/compare-api.js';
import { reviewMethods } from './services/review-api.js';
import { reportMethods, type PdfPrinter } from './services/report-api.js';
import { mergeMethods } from './services/merge-api.js';

export interface ApiContext {
  /** "electron" or "browser": shown in the UI and reports. */
  mode: 'electron' | 'browser' | 'test';
  appVersion: string;
  /** Where the workspace lives, for the about screen. */
  workspacePath: string;
}


const noArgs = z.object({}).strict().default({});

const MIB = 1024 * 1024;

export interface ApiOptions {
  /** The document parser for imports; tests inject slow or failing ones. */
  parse?: ImportJobsOptions['parse'];
  /** The session that can swap the open database (restore, project files); see workspace-session.ts. */
  workspace?: WorkspaceControl;
  /** Prints the report's HTML to PDF (the desktop app's printToPDF); absent in browser mode and tests. */
  printPdf?: PdfPrinter;
}

/**
 * The one handler map behind every door: the Electron IPC adapter, the browser-mode HTTP adapter
 * and the tests all call these methods. Each validates its input with zod before touching the
 * database, and each write runs in one transaction.
 */
export function createApi(db: Db, context: ApiContext, options: ApiOptions = {}) {
  const userName = (): string =>
    (db.prepare("SELECT value FROM setting WHERE key = 'user.name'").get() as { value: string } | undefined)?.value ?? 'gebruiker';
  const catalogue = createCatalogueService(db, userName);
  // Per api: the import jobs of this api object live in this service's memory.
  const documents = createDocumentsService(db, userName, options.parse ? { parse: options.parse } : {});
  const settings = () => ({ userName: userName(), importLimitMegabytes: importMaxBytes(db) / MIB });
  const tags = createTagsService(db, userName);
  const annotations = createAnnotationsService(db, userName);
  const analysis = createAnalysisService(db);
  const codebookCsv = createCodebookCsvService(db, userName, analysis);
  const lists = createListsService(db, userName);
  const items = createItemsService(db, userName);
  const sessions = createDialogueService(db, userName);
  const voting = createVotingService(db, userName);

  return {
    'app.info': method(noArgs, () => ({
      version: context.appVersion,
      mode: context.mode,
      schemaVersion: schemaVersion(db),
      workspacePath: context.workspacePath,
      userName: userName(),
    })),
    'settings.setUserName': method(
      z.object({ name: z.string().trim().min(1, 'Vul je naam in.').max(100, 'Een naam heeft hoogstens 100 tekens.') }).strict(),
      ({ name }) => {
        db.prepare("INSERT INTO setting (key, value) VALUES ('user.name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
        return { userName: name };
      },
    ),
    'vocabularies.all': method(noArgs, () => listVocabularies(db)),
    'organisations.list': method(noArgs, () => listOrganisations(db)),
    'standards.list': method(catalogueSchemas.list, (args) => catalogue.list(args)),
    'standards.get': method(catalogueSchemas.get, (args) => catalogue.get(args)),
    'standards.create': method(catalogueSchemas.create, (args) => catalogue.create(args)),
    'standards.update': method(catalogueSchemas.update, (args) => catalogue.update(args)),
    'standards.retire': method(catalogueSchemas.retire, (args) => catalogue.retire(args)),
    'standards.restore': method(catalogueSchemas.restore, (args) => catalogue.restore(args)),
    'settings.get': method(noArgs, () => settings()),
    'settings.setImportLimit': method(
      z.object({ megabytes: z.number({ error: 'Geef een aantal megabytes.' }).int('Geef een heel aantal megabytes.').min(1, 'De grens is minstens 1 MB.').max(1000, 'De grens is hoogstens 1000 MB.') }).strict(),
      ({ megabytes }) => {
        setSetting(db, 'import.maxBytes', String(megabytes * MIB));
        return settings();
      },
    ),
    'versions.all': method(noArgs, () => listAllVersions(db)),
    'versions.list': method(documentSchemas.versionsList, (args) => documents.listVersions(args)),
    'versions.get': method(documentSchemas.version, (args) => documents.getVersion(args)),
    'versions.update': method(documentSchemas.versionsUpdate, (args) => documents.updateVersion(args)),
    'versions.delete': method(documentSchemas.version, (args) => documents.deleteVersion(args)),
    // Returns at once with the running job; the file is read in the background and the UI polls
    // imports.status. A file over the limit comes back as a job refused with TE_GROOT.
    'imports.start': method(documentSchemas.importsStart, ({ dataBase64, ...args }) => documents.imports.start({ ...args, bytes: new Uint8Array(Buffer.from(dataBase64, 'base64')) })),
    'imports.status': method(documentSchemas.job, ({ jobId }) => documents.imports.status(jobId)),
    'imports.cancel': method(documentSchemas.job, ({ jobId }) => documents.imports.cancel(jobId)),
    'sections.promote': method(documentSchemas.section, (args) => documents.promote(args)),
    'sections.demote': method(documentSchemas.section, (args) => documents.demote(args)),
    'sections.mergeWithPrevious': method(documentSchemas.section, (args) => documents.mergeWithPrevious(args)),
    'sections.split': method(documentSchemas.sectionsSplit, (args) => documents.split(args)),
    'sections.update': method(documentSchemas.sectionsUpdate, (args) => documents.updateSection(args)),
    'search.fulltext': method(documentSchemas.search, (args) => documents.search(args)),
    // The codebook (shared by all authors). Exports return { fileName, mimeType, content } for the UI to download.
    'tags.list': method(noArgs, () => tags.list()),
    'tags.create': method(tagSchemas.create, (args) => tags.create(args)),
    'tags.update': method(tagSchemas.update, (args) => tags.update(args)),
    'tags.move': method(tagSchemas.move, (args) => tags.move(args)),
    'tags.merge': method(tagSchemas.merge, (args) => tags.merge(args)),
    'tags.delete': method(tagSchemas.delete, (args) => tags.delete(args)),
    'tags.exportCsv': method(noArgs, () => codebookCsv.exportCsv()),
    'tags.importCsv': method(codebookCsvSchemas.importCsv, (args) => codebookCsv.importCsv(args)),
    'tags.exportQdc': method(noArgs, () => codebookQdc(tags.list(), `Richtsnoer ${context.appVersion}`)),
    // Annotations: the author is the current user; only they change their own.
    'annotations.create': method(annotationSchemas.create, (args) => annotations.create(args)),
    'annotations.update': method(annotationSchemas.update, (args) => annotations.update(args)),
    'annotations.delete': method(annotationSchemas.id, (args) => annotations.delete(args)),
    'annotations.listForVersion': method(annotationSchemas.listForVersion, (args) => annotations.listForVersion(args)),
    'annotations.unplaced': method(annotationSchemas.unplaced, (args) => annotations.unplaced(args)),
    'annotations.place': method(annotationSchemas.place, (args) => annotations.place(args)),
    'analysis.passages': method(analysisSchemas.passages, (args) => analysis.passages(args)),
    'analysis.cooccurrence': method(analysisSchemas.cooccurrence, (args) => analysis.cooccurrence(args)),
    'analysis.agreement': method(analysisSchemas.agreement, (args) => analysis.agreement(args)),
    'analysis.authors': method(analysisSchemas.authors, (args) => analysis.authors(args)),
    'analysis.exportPassagesCsv': method(analysisSchemas.exportPassages, (args) => codebookCsv.exportPassagesCsv(args)),
    // Beter doen / beter laten / beter onderzoeken lists (common/lists.ts is the contract).
    'lists.list': method(noArgs, () => lists.list()),
    'lists.create': method(listSchemas.create, (args) => lists.create(args)),
    'lists.get': method(listSchemas.get, (args) => lists.get(args)),
    'lists.update': method(listSchemas.update, (args) => lists.update(args)),
    'lists.newVersion': method(listSchemas.newVersion, (args) => lists.newVersion(args)),
    'lists.diff': method(listSchemas.get, (args) => lists.diff(args)),
    'lists.exportCsv': method(exportSchema, (args) => exportCsv(db, args)),
    // DOCX is binary: { fileName, mimeType, contentBase64 } (BinaryExportFile).
    'lists.exportDocx': method(exportSchema, (args) => exportDocx(db, args)),
    'items.create': method(itemSchemas.create, (args) => items.create(args)),
    'items.update': method(itemSchemas.update, (args) => items.update(args)),
    'items.delete': method(itemSchemas.id, (args) => items.delete(args)),
    'items.move': method(itemSchemas.move, (args) => items.move(args)),
    'items.addLink': method(itemSchemas.addLink, (args) => items.addLink(args)),
    'items.removeLink': method(itemSchemas.removeLink, (args) => items.removeLink(args)),
    'items.createFromAnnotation': method(itemSchemas.createFromAnnotation, (args) => items.createFromAnnotation(args)),
    'sessions.list': method(dialogueSchemas.list, (args) => sessions.list(args)),
    'sessions.create': method(dialogueSchemas.create, (args) => sessions.create(args)),
    'sessions.update': method(dialogueSchemas.update, (args) => sessions.update(args)),
    'sessions.addNote': method(dialogueSchemas.addNote, (args) => sessions.addNote(args)),
    'rounds.list': method(votingSchemas.list, (args) => voting.list(args)),
    'rounds.create': method(votingSchemas.create, (args) => voting.create(args)),
    'rounds.vote': method(votingSchemas.vote, (args) => voting.vote(args)),
    'rounds.votes': method(votingSchemas.round, (args) => voting.votes(args)),
    'rounds.result': method(votingSchemas.round, (args) => voting.result(args)),
    'rounds.close': method(votingSchemas.round, (args) => voting.close(args)),
    ...pilotMethods(db, userName),
    ...catalogueExportMethods(db, userName),
    ...workspaceMethods(db, userName, options.workspace),
    ...compareMethods(db, userName),
    ...reviewMethods(db, userName),
    ...reportMethods(db, userName, { appVersion: context.appVersion, printPdf: options.printPdf }),
    ...mergeMethods(db, userName, options.workspace),
    'audit.list': method(
      z
        .object({ entity: z.string().max(40).optional(), entityId: z.string().max(120).optional(), limit: z.number().int().min(1).max(1000).default(100) })
        .strict()
        .default({ limit: 100 }),
      (args) => listAudit(db, args),
    ),
  };
}

export type ApiHandlers = ReturnType<typeof createApi>;
export type ApiMethod = keyof ApiHandlers;
export type ApiArgs<M extends ApiMethod> = z.input<ApiHandlers[M]['input']>;
// Awaited: a few methods (XLSX export) answer with a promise, which the transports await.
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<ApiHandlers[M]['run']>>;
export type ApiResponse = { ok: true; value: unknown } | { ok: false; error: ApiErrorShape };

export const isApiMethod = (api: ApiHandlers, name: string): name is ApiMethod => Object.hasOwn(api, name);

/**
 * Looks up the method, validates, runs, and turns every failure into a Dutch { code, message } so
 * no door ever leaks a stack trace to the UI. The transports call it through invokeApiAsync.
 */
export function invokeApi(api: ApiHandlers, name: string, args: unknown): ApiResponse {
  try {
    if (!isApiMethod(api, name)) throw new ApiError('ONBEKENDE_METHODE', `Onbekende opdracht "${String(name).slice(0, 60)}".`);
    const handler = api[name] as Method<z.ZodType, unknown>;
    return { ok: true, value: handler.run(parseInput(handler.input, args)) };
  } catch (error) {
    return failureOf(name, error);
  }
}

function failureOf(name: string, error: unknown): ApiResponse {
  if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
    return {
      ok: false,
      error: {
        code: 'DATABASE',
        message: busy
          ? 'De werkruimte is in gebruik door een ander proces. Probeer het zo opnieuw.'
          : 'De database kon de opdracht niet uitvoeren; er is niets gewijzigd.',
      },
    };
  }
  console.error(`[api] ${name} failed`, error);
  return { ok: false, error: { code: 'INTERN', message: 'Er ging onverwacht iets mis; er is niets gewijzigd.' } };
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/**
 * What the transports (IPC, HTTP) call: invokeApi, then, for the few methods that answer with a
 * promise (XLSX export: write-excel-file only zips asynchronously), the settled value, with the
 * same Dutch error mapping. Such methods read everything they need before their first await, so
 * the one-transaction-per-call rule still holds.
 */
export async function invokeApiAsync(api: ApiHandlers, name: string, args: unknown): Promise<ApiResponse> {
  const response = invokeApi(api, name, args);
  if (!response.ok || !isPromiseLike(response.value)) return response;
  try {
    return { ok: true, value: await response.value };
  } catch (error) {
    return failureOf(name, error);
  }
}
