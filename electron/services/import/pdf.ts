import { createRequire } from 'node:module';
import path from 'node:path';
import { checkpoint, raceAbort, throwIfAborted, type ProgressFn } from './control.js';
import { hasPdfHeader } from './detect.js';
import { ImportError, importErrors } from './errors.js';
import { buildLines, fontStats, linesToItems, removePageFurniture, type PdfItem, type PdfLine, type PdfPage } from './pdf-layout.js';
import type { StructureItem } from './structure.js';

/**
 * PDF to structure items with pdf.js (legacy build, which runs in Node). pdf.js runs its "worker"
 * in-process here (a fake worker), is told not to evaluate code, not to build font faces and not to
 * fetch anything; it only gives us text with positions, which pdf-layout.ts turns into structure.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type TextItem = { str: string; transform: number[]; width: number; height: number; fontName: string };

let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * Loads pdf.js once. The worker module is imported explicitly and put where pdf.js looks for a
 * main-thread worker, so no worker file has to be found by URL at run time (that differs between
 * tsx, vitest and the bundled app).
 */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  pdfjsPromise.catch(() => {
    pdfjsPromise = null;
  });
  return pdfjsPromise;
}

/** Folders with pdf.js's character maps and standard font metrics, when they can be found. */
function resourceUrls(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const require = createRequire(import.meta.url);
    const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
    return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
  } catch {
    return {};
  }
}

export interface PdfResult {
  items: StructureItem[];
  title: string | null;
  pageCount: number;
  warnings: string[];
}

export interface PdfOptions {
  signal?: AbortSignal;
  progress: ProgressFn;
  /** Give up on a page that takes longer than this (a pathological file must not hang an import). */
  pageTimeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A truncated download lacks the "%%EOF" marker at the end. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset + Math.max(0, bytes.length - 2048), Math.min(bytes.length, 2048)).toString('latin1');
  return tail.includes('%%EOF');
}

function mapPdfJsError(error: unknown): ImportError {
  if (error instanceof ImportError) return error;
  const name = (error as { name?: string })?.name ?? '';
  if (name === 'PasswordException') return importErrors.encrypted();
  const message = (error as { message?: string })?.message ?? String(error);
  return importErrors.damaged('De PDF is beschadigd en kan niet worden gelezen.', `${name}: ${message}`);
}

const BOLD_NAME = /bold|black|heavy|semibold|demibold|demi\b|extrab|ultrab|[-,]b[dx]?$|[-,]bd/i;

/** A page with fewer letters and digits than this has no real text layer (scan, image, blank). */
const TEXT_PAGE_LETTERS = 20;

/** Letters and digits on a page: the measure for "has a text layer". */
function letterCount(items: PdfItem[]): number {
  let n = 0;
  for (const it of items) n += (it.text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return n;
}

/** Strips "Microsoft Word - " and file names that some generators put in the Title field. */
function cleanMetadataTitle(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const t = raw.replace(/^Microsoft (Word|PowerPoint) - /i, '').replace(/\.(docx?|pdf|indd|pptx?)$/i, '').trim();
  if (!t || t.length < 3 || /^untitled$|^naamloos/i.test(t) || !/\p{L}{2,}/u.test(t)) return null;
  return t;
}

export async function pdfToItems(bytes: Uint8Array, options: PdfOptions): Promise<PdfResult> {
  const { signal, progress } = options;
  const pageTimeoutMs = options.pageTimeoutMs ?? 20_000;
  if (!hasPdfHeader(bytes)) throw importErrors.notPdf();
  if (!hasEndMarker(bytes)) {
    throw importErrors.damaged('De PDF is onvolledig (het einde van het bestand ontbreekt), bijvoorbeeld door een afgebroken download.', 'geen %%EOF');
  }
  progress(0.02, 'PDF openen');
  const pdfjs = await raceAbort(loadPdfJs(), signal);
  throwIfAborted(signal);

  const loadingTask = pdfjs.getDocument({
    // pdf.js takes ownership of (and may detach) the buffer it gets: give it a copy.
    data: bytes.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    isOffscreenCanvasSupported: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    ...resourceUrls(),
  });
  const onAbort = (): void => {
    void loadingTask.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let doc;
    try {
      doc = await raceAbort(withTimeout(loadingTask.promise, pageTimeoutMs, () => importErrors.damaged('De PDF kon niet worden geopend.', 'timeout bij openen')), signal);
    } catch (error) {
      throw mapPdfJsError(error);
    }
    const pageCount = doc.numPages;
    if (!pageCount) throw importErrors.empty();

    let title: string | null = null;
    try {
      const meta = await withTimeout(doc.getMetadata(), pageTimeoutMs, () => new Error('timeout'));
      title = cleanMetadataTitle((meta.info as { Title?: unknown } | undefined)?.Title);
    } catch {
      title = null;
    }

    const boldByFont = new Map<string, boolean>();
    const pages: PdfPage[] = [];
    // Lines are built page by page, between the yields, so the end of the import stays short.
    const lines: PdfLine[][] = [];
    let opListsLeft = 25;
    for (let n = 1; n <= pageCount; n++) {
      throwIfAborted(signal);
      progress(0.05 + (0.85 * (n - 1)) / pageCount, `Pagina ${n} van ${pageCount} lezen`);
      let page;
      try {
        page = await raceAbort(withTimeout(doc.getPage(n), pageTimeoutMs, () => new Error(`timeout pagina ${n}`)), signal);
        const viewport = page.getViewport({ scale: 1 });
        const content = await raceAbort(withTimeout(page.getTextContent(), pageTimeoutMs, () => new Error(`timeout tekst pagina ${n}`)), signal);
        const textItems = content.items.filter((i) => 'str' in i) as unknown as TextItem[];
        // Font names (and so "bold") are only known after the page's fonts were loaded for
        // drawing; do that for pages that bring a font we have not seen yet.
        const unknownFonts = [...new Set(textItems.map((i) => i.fontName))].filter((f) => !boldByFont.has(f));
        if (unknownFonts.length && opListsLeft > 0) {
          opListsLeft--;
          try {
            await raceAbort(withTimeout(page.getOperatorList(), pageTimeoutMs, () => new Error('timeout')), signal);
          } catch (error) {
            if (error instanceof ImportError) throw error;
          }
        }
        for (const f of unknownFonts) {
          let bold = false;
          try {
            if (page.commonObjs.has(f)) {
              const font = page.commonObjs.get(f) as { name?: string; bold?: boolean; black?: boolean } | null;
              bold = Boolean(font?.bold || font?.black || (font?.name && BOLD_NAME.test(font.name)));
            }
          } catch {
            bold = false;
          }
          boldByFont.set(f, bold);
        }
        const items: PdfItem[] = [];
        for (const it of textItems) {
          const t = it.transform;
          const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = t;
          // Rotated text (margin labels, stamps) is left out: it does not belong to the running text.
          if (Math.abs(b) > Math.abs(a) * 0.2 || Math.abs(c) > Math.abs(d) * 0.2) continue;
          const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number];
          const size = Math.hypot(c, d) || Math.abs(d) || it.height;
          items.push({ text: it.str, x, y, width: it.width * viewport.scale, size, font: it.fontName, bold: boldByFont.get(it.fontName) ?? false });
        }
        const pdfPage: PdfPage = { number: n, width: viewport.width, height: viewport.height, items };
        pages.push(pdfPage);
        lines.push(buildLines(pdfPage));
      } catch (error) {
        throw mapPdfJsError(error);
      } finally {
        page?.cleanup();
      }
      await checkpoint(signal);
    }

    progress(0.9, 'Structuur herkennen');
    const letters = pages.map((p) => letterCount(p.items));
    const withText = letters.filter((n) => n >= TEXT_PAGE_LETTERS).length;
    const totalLetters = letters.reduce((a, b) => a + b, 0);
    if (withText / pageCount < 0.2 && totalLetters < 200 * Math.max(1, pageCount * 0.2)) throw importErrors.noTextLayer(pageCount);
    const warnings: string[] = [];
    const empty = letters.filter((n) => n < TEXT_PAGE_LETTERS).length;
    if (empty > 0) {
      warnings.push(
        `${empty} van de ${pageCount} pagina’s ${empty === 1 ? 'heeft' : 'hebben'} (bijna) geen tekst, bijvoorbeeld afbeeldingen of gescande bladzijden; die inhoud is niet doorzoekbaar.`,
      );
    }
    const cleaned = removePageFurniture(
      lines,
      pages.map((p) => p.height),
    );
    await checkpoint(signal);
    const items = linesToItems(cleaned.pages, fontStats(cleaned.pages));
    return { items, title, pageCount, warnings };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await loadingTask.destroy().catch(() => undefined);
  }
}
