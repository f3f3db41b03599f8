import type { ImportFormat, ParsedDocument } from '../../../common/document.js';
import { checkpoint, makeProgress, throwIfAborted } from './control.js';
import { detectFormat } from './detect.js';
import { docxToItems } from './docx.js';
import { declaredHtmlCharset, decodeBytes, encodingWarning } from './encoding.js';
import { asImportError, importErrors, ImportError } from './errors.js';
import { htmlToItems } from './html.js';
import { markdownToItems } from './markdown.js';
import { pdfToItems } from './pdf.js';
import { buildSections, type StructureItem } from './structure.js';
import { textToItems } from './text.js';

/**
 * The importers' entry point: file bytes in, a ParsedDocument out, or an ImportError with a Dutch
 * message — never any other error. Storage (electron/services/documents.ts) calls this; it knows
 * nothing about formats.
 */

export { ImportError, detectFormat };

export interface ParseOptions {
  /** Larger files are refused with TE_GROOT (the limit is a user setting). */
  maxBytes: number;
  signal?: AbortSignal;
  /** fraction 0..1 and a Dutch description of the current step. */
  onProgress?: (fraction: number, step: string) => void;
}

/** A text file that is mostly control characters is a binary file with a text extension. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (!sample) return false;
  const controls = (sample.match(/[\u0000-\u0008\u000E-\u001A\u001C-\u001F\uFFFD]/g) ?? []).length;
  return controls > sample.length * 0.1;
}

async function parse(bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<ParsedDocument> {
  const { signal } = options;
  const progress = makeProgress(options.onProgress);
  throwIfAborted(signal);
  if (!(bytes instanceof Uint8Array)) throw importErrors.damaged('Het bestand kon niet worden gelezen.', 'geen Uint8Array');
  if (Number.isFinite(options.maxBytes) && bytes.length > options.maxBytes) throw importErrors.tooLarge(bytes.length, options.maxBytes);
  if (bytes.length === 0) throw importErrors.empty();
  const format: ImportFormat = detectFormat(bytes, fileName);
  progress(0.01, 'Bestand herkennen');
  const tick = (): Promise<void> => checkpoint(signal);

  let items: StructureItem[];
  let title: string | null = null;
  let pageCount: number | null = null;
  const warnings: string[] = [];

  switch (format) {
    case 'pdf': {
      const result = await pdfToItems(bytes, { ...(signal ? { signal } : {}), progress });
      ({ items, title, pageCount } = result);
      warnings.push(...result.warnings);
      break;
    }
    case 'docx': {
      progress(0.1, 'Word-document uitpakken');
      ({ items, title } = await docxToItems(bytes, signal, tick));
      break;
    }
    case 'html':
    case 'markdown':
    case 'text': {
      progress(0.1, 'Tekst lezen');
      const decoded = decodeBytes(bytes, format === 'html' ? declaredHtmlCharset(bytes) : null);
      const warning = encodingWarning(decoded);
      if (warning) warnings.push(warning);
      if (looksBinary(decoded.text)) {
        throw importErrors.unknownFormat('Dit bestand bevat geen leesbare tekst (het lijkt een binair bestand met een andere extensie).');
      }
      if (!decoded.text.trim()) throw importErrors.empty();
      await tick();
      if (format === 'html') ({ items, title } = await htmlToItems(decoded.text, tick));
      else if (format === 'markdown') ({ items, title } = await markdownToItems(decoded.text, tick));
      else ({ items, title } = await textToItems(decoded.text, tick));
      break;
    }
  }

  throwIfAborted(signal);
  progress(0.92, 'Structuur herkennen');
  const built = await buildSections(items, { title, checkpoint: tick });
  if (built.wordCount === 0 || built.sections.length === 0) throw importErrors.empty();
  progress(1, 'Klaar');
  return {
    format,
    title: built.title,
    pageCount,
    sections: built.sections,
    warnings,
    wordCount: built.wordCount,
  };
}

/**
 * Parses a file. Resolves with the document, or rejects with an ImportError (also for bugs and
 * library failures, wrapped as BESCHADIGD, and GEANNULEERD when `signal` aborts).
 */
export async function parseDocument(bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<ParsedDocument> {
  try {
    return await parse(bytes, fileName, options);
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof ImportError && error.code !== 'GEANNULEERD')) throw importErrors.cancelled();
    throw asImportError(error);
  }
}
