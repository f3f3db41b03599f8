// The renderer's type check reaches the importers through this file's import('./import/index.js')
// (api.ts → documents → import jobs) but does not include their ambient pdf.js declaration.
/// <reference path="./import/pdfjs-worker.d.ts" />
/**
 * Import jobs: a file goes from bytes to a stored version in the background, so the API call that
 * starts it returns at once and the UI polls for progress. Whatever happens (refusal, parser error,
 * cancel, a crash halfway) nothing is written unless the whole version is: the write is one
 * transaction at the very end.
 */
import { randomUUID } from 'node:crypto';
import { IMPORT_ERROR_CODES, type ImportErrorCode, type ImportJob, type ParsedDocument, type VersionStatus } from '../../common/document.js';
import { ApiError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { findVersionBySha, getVersion, insertVersion } from '../../db/queries/documents.js';
import { importMaxBytes } from '../../db/queries/settings.js';
import { standardIdExists } from '../../db/queries/standards.js';
import { reanchorVersion } from './annotations.js';
// Only the error wording: light, unlike the importers themselves (see defaultParser).
import { importErrors } from './import/errors.js';
import { normaliseParsed } from './parsed-document.js';

/** What the importers need; the same shape as electron/services/import's ParseOptions. */
export interface ParseOptions {
  maxBytes: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number, step: string) => void;
}
export type Parser = (bytes: Uint8Array, fileName: string, options: ParseOptions) => Promise<ParsedDocument>;

/**
 * The real importers, loaded on first use: they pull in pdf.js, mammoth and jsdom, which the app
 * should not pay for at start-up or in a session that never imports.
 */
export const defaultParser: Parser = async (bytes, fileName, options) => {
  const { parseDocument } = await import('./import/index.js');
  return parseDocument(bytes, fileName, options);
};

export interface StartImport {
  standardId: string;
  fileName: string;
  bytes: Uint8Array;
  label: string;
  status: VersionStatus;
  /**
   * A version of the same standard that the new one replaces: in the import's own transaction
   * its annotations are re-anchored onto the new text (none are dropped; see annotations.ts).
   */
  replacesVersionId?: number | undefined;
}

export interface ImportJobsOptions {
  parse?: Parser;
  /** Finished jobs remembered for `status` (oldest forgotten first); running jobs are always kept. */
  keepFinished?: number;
}

/** A refusal with an import error code and a Dutch message for the user. */
class ImportRefused extends Error {
  constructor(
    readonly code: ImportErrorCode | 'NIET_GEVONDEN',
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  job: ImportJob;
  controller: AbortController;
  /** Resolves when the job reaches its final state (also on cancel, even if the parser never returns). */
  done: Promise<ImportJob>;
  settle: (job: ImportJob) => void;
}

// Progress bands: hashing and checks, parsing (most of the time), storing.
const PARSE_FROM = 0.05;
const PARSE_TO = 0.9;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto hashes on the libuv thread pool, so a 100 MB file does not stall the main process.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Buffer.from(digest).toString('hex');
}

function isImportErrorCode(code: unknown): code is ImportErrorCode {
  return typeof code === 'string' && (IMPORT_ERROR_CODES as readonly string[]).includes(code);
}

/** Any failure as the {code, message} a job reports; never a stack trace. */
function describeFailure(error: unknown): { code: string; message: string } {
  if (error instanceof ImportRefused || error instanceof ApiError) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as { message?: unknown } | null)?.message;
  // The importers' ImportError: its code and Dutch message are meant for the user.
  if (isImportErrorCode(code) && typeof message === 'string' && message !== '') return { code, message };
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
      ? { code: 'DATABASE', message: 'De werkruimte is in gebruik door een ander proces; er is niets opgeslagen. Probeer het zo opnieuw.' }
      : { code: 'DATABASE', message: 'De database kon de versie niet opslaan; er is niets gewijzigd.' };
  }
  console.error('[import] unexpected failure', error);
  return { code: 'INTERN', message: 'Het bestand kon door een onverwachte fout niet worden geïmporteerd; er is niets opgeslagen.' };
}

const duplicateMessage = (label: string) => `Dit bestand is al geïmporteerd bij deze standaard, als versie "${label}". Er is niets opnieuw opgeslagen.`;

export function createImportJobs(db: Db, actor: () => string, options: ImportJobsOptions = {}) {
  const parse = options.parse ?? defaultParser;
  const keepFinished = options.keepFinished ?? 50;
  const jobs = new Map<string, Entry>();
  const finished: string[] = [];

  const snapshot = (job: ImportJob): ImportJob => ({ ...job, error: job.error ? { ...job.error } : null, ...(job.anchoring ? { anchoring: { ...job.anchoring } } : {}) });

  function entryOf(jobId: string): Entry {
    const entry = jobs.get(jobId);
    if (!entry) throw new ApiError('NIET_GEVONDEN', 'Deze import is niet (meer) bekend. Start het importeren opnieuw.');
    return entry;
  }

  /** Moves a running job to its final state, once; later calls (a late parser result) are ignored. */
  function finish(entry: Entry, patch: Partial<ImportJob>): void {
    if (entry.job.state !== 'bezig') return;
    Object.assign(entry.job, patch);
    entry.settle(snapshot(entry.job));
    finished.push(entry.job.id);
    while (finished.length > keepFinished) jobs.delete(finished.shift() as string);
  }

  function progress(entry: Entry, fraction: number, step: string): void {
    if (entry.job.state !== 'bezig') return;
    const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    entry.job.progress = Math.max(entry.job.progress, f);
    if (typeof step === 'string' && step !== '') entry.job.step = step.slice(0, 200);
  }

  async function run(entry: Entry, args: StartImport, maxBytes: number): Promise<void> {
    const { signal } = entry.controller;
    try {
      // Let the caller have its answer before any work starts.
      await new Promise((resolve) => setImmediate(resolve));
      signal.throwIfAborted();
      const sha256 = await sha256Hex(args.bytes);
      signal.throwIfAborted();
      const existing = findVersionBySha(db, args.standardId, sha256);
      if (existing) throw new ImportRefused('AL_GEIMPORTEERD', duplicateMessage(existing.label));
      progress(entry, PARSE_FROM, 'Bestand lezen');

      const parsed = await parse(args.bytes, args.fileName, {
        maxBytes,
        signal,
        onProgress: (fraction, step) => progress(entry, PARSE_FROM + (PARSE_TO - PARSE_FROM) * Math.min(1, Math.max(0, fraction || 0)), step),
      });
      signal.throwIfAborted();
      const document = normaliseParsed(parsed);
      if (document.sections.length === 0) throw new ImportRefused('LEEG', 'Er is geen tekst in dit bestand gevonden; er is niets opgeslagen.');
      progress(entry, PARSE_TO, 'Opslaan');

      // Synchronous from here to the commit: a cancel cannot slip in between check and write.
      const stored = db
        .transaction(() => {
          if (!standardIdExists(db, args.standardId)) throw new ImportRefused('NIET_GEVONDEN', 'De standaard is intussen verwijderd; er is niets opgeslagen.');
          if (args.replacesVersionId !== undefined && getVersion(db, args.replacesVersionId)?.standardId !== args.standardId) {
            throw new ImportRefused('NIET_GEVONDEN', 'De versie die deze import zou vervangen, is intussen verwijderd; er is niets opgeslagen.');
          }
          const duplicate = findVersionBySha(db, args.standardId, sha256);
          if (duplicate) throw new ImportRefused('AL_GEIMPORTEERD', duplicateMessage(duplicate.label));
          const now = new Date().toISOString();
          const id = insertVersion(
            db,
            {
              standardId: args.standardId,
              label: args.label,
              status: args.status,
              fileName: args.fileName,
              format: document.format,
              sha256,
              byteSize: args.bytes.byteLength,
              pageCount: document.pageCount,
              wordCount: document.wordCount,
              warnings: document.warnings,
              importedAt: now,
              importedBy: actor(),
            },
            document.sections,
          );
          const anchoring = args.replacesVersionId === undefined ? null : reanchorVersion(db, args.replacesVersionId, id);
          writeAudit(
            db,
            {
              actor: actor(),
              action: 'geimporteerd',
              entity: 'document_version',
              entityId: String(id),
              details: {
                standardId: args.standardId,
                label: args.label,
                status: args.status,
                fileName: args.fileName,
                format: document.format,
                sha256,
                sections: document.sections.length,
                ...(anchoring
                  ? { vervangt: args.replacesVersionId, annotaties: { geplaatst: anchoring.placed, verplaatst: anchoring.moved, los: anchoring.unplaced, losIds: anchoring.unplacedIds } }
                  : {}),
              },
            },
            now,
          );
          return { id, anchoring: anchoring ? { placed: anchoring.placed, moved: anchoring.moved, unplaced: anchoring.unplaced } : null };
        })
        .immediate();
      finish(entry, { state: 'klaar', progress: 1, step: 'Klaar', versionId: stored.id, ...(stored.anchoring ? { anchoring: stored.anchoring } : {}) });
    } catch (error) {
      if (signal.aborted) finish(entry, { state: 'geannuleerd', step: 'Geannuleerd', error: { code: 'GEANNULEERD', message: 'Het importeren is geannuleerd; er is niets opgeslagen.' } });
      else finish(entry, { state: 'mislukt', step: 'Mislukt', error: describeFailure(error) });
    }
  }

  /** Starts an import and returns at once with the running job (or one already refused). */
  function start(args: StartImport): ImportJob {
    if (!standardIdExists(db, args.standardId)) throw new ApiError('NIET_GEVONDEN', `Er is geen standaard met id "${args.standardId}".`);
    if (args.replacesVersionId !== undefined) {
      const replaced = getVersion(db, args.replacesVersionId);
      if (!replaced) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${args.replacesVersionId}.`);
      if (replaced.standardId !== args.standardId) {
        const message = 'Een nieuwe versie kan alleen een versie van dezelfde standaard vervangen.';
        throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. Vervangt versie: ${message}`, { replacesVersionId: message });
      }
    }
    const job: ImportJob = { id: randomUUID(), standardId: args.standardId, fileName: args.fileName, state: 'bezig', progress: 0, step: 'Bestand controleren', versionId: null, error: null };
    let settle: (job: ImportJob) => void = () => {};
    const done = new Promise<ImportJob>((resolve) => (settle = resolve));
    const entry: Entry = { job, controller: new AbortController(), done, settle };
    jobs.set(job.id, entry);
    const maxBytes = importMaxBytes(db);
    if (args.bytes.byteLength > maxBytes) {
      // Refused before any parsing: a file over the limit is never read.
      finish(entry, {
        state: 'mislukt',
        step: 'Mislukt',
        error: importErrors.tooLarge(args.bytes.byteLength, maxBytes).toJSON(),
      });
    } else {
      void run(entry, args, maxBytes);
    }
    return snapshot(job);
  }

  return {
    start,
    status(jobId: string): ImportJob {
      return snapshot(entryOf(jobId).job);
    },
    /** Stops a running job; a job that already ended is returned as it is (cancel is idempotent). */
    cancel(jobId: string): ImportJob {
      const entry = entryOf(jobId);
      if (entry.job.state === 'bezig') {
        entry.controller.abort();
        finish(entry, { state: 'geannuleerd', step: 'Geannuleerd', error: { code: 'GEANNULEERD', message: 'Het importeren is geannuleerd; er is niets opgeslagen.' } });
      }
      return snapshot(entry.job);
    },
    /** Resolves with the job in its final state. */
    wait(jobId: string): Promise<ImportJob> {
      return entryOf(jobId).done;
    },
    /** start + wait, for tests and callers without a progress display. */
    importNow(args: StartImport): Promise<ImportJob> {
      return entryOf(start(args).id).done;
    },
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;
