import type { ImportFormat } from '../../../common/document.js';
import { importErrors } from './errors.js';

/**
 * Decides which importer reads a file: by content first (a PDF saved as .txt is still a PDF), then
 * by extension. Word's old .doc, spreadsheets, presentations and images are refused here with a
 * message that says what to do instead.
 */

const EXTENSIONS: Record<string, ImportFormat> = {
  pdf: 'pdf',
  docx: 'docx',
  htm: 'html',
  html: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

/** Extensions we know and refuse, with the advice that fits them. */
const REFUSED: Record<string, string> = {
  doc: 'Oude Word-bestanden (.doc) kunnen niet worden geïmporteerd; sla het document in Word op als .docx.',
  dot: 'Word-sjablonen kunnen niet worden geïmporteerd; sla het document op als .docx.',
  rtf: 'RTF-bestanden kunnen niet worden geïmporteerd; sla het document op als .docx of PDF.',
  odt: 'OpenDocument-tekst (.odt) kan niet worden geïmporteerd; sla het document op als .docx of PDF.',
  xls: 'Spreadsheets kunnen niet worden geïmporteerd.',
  xlsx: 'Spreadsheets kunnen niet worden geïmporteerd.',
  csv: 'CSV-bestanden zijn geen documenttekst; gebruik de catalogus voor lijsten met standaarden.',
  ppt: 'Presentaties kunnen niet worden geïmporteerd; sla de presentatie op als PDF.',
  pptx: 'Presentaties kunnen niet worden geïmporteerd; sla de presentatie op als PDF.',
  png: 'Afbeeldingen bevatten geen doorzoekbare tekst; maak eerst een doorzoekbare PDF (OCR).',
  jpg: 'Afbeeldingen bevatten geen doorzoekbare tekst; maak eerst een doorzoekbare PDF (OCR).',
  jpeg: 'Afbeeldingen bevatten geen doorzoekbare tekst; maak eerst een doorzoekbare PDF (OCR).',
  gif: 'Afbeeldingen bevatten geen doorzoekbare tekst.',
  tif: 'Afbeeldingen bevatten geen doorzoekbare tekst; maak eerst een doorzoekbare PDF (OCR).',
  tiff: 'Afbeeldingen bevatten geen doorzoekbare tekst; maak eerst een doorzoekbare PDF (OCR).',
  zip: 'Pak het zip-bestand eerst uit en importeer de documenten een voor een.',
};

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** Latin-1 view of the first bytes, enough for ASCII signatures without decoding the whole file. */
function head(bytes: Uint8Array, length: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, length)).toString('latin1');
}

/** pdf.js accepts "%PDF-" anywhere in the first KB (some generators put junk before it). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  return head(bytes, 1024).includes('%PDF-');
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * Names of entries in a ZIP, read from the local headers at the start of the file: enough to tell a
 * Word document from a spreadsheet without parsing the whole archive (zip-guard.ts does that later).
 */
function zipEntryNames(bytes: Uint8Array, maxEntries = 64): string[] {
  const names: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (names.length < maxEntries && offset + 30 <= bytes.length && view.getUint32(offset, true) === 0x04034b50) {
    const flags = view.getUint16(offset + 6, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const nameStart = offset + 30;
    if (nameStart + nameLength > bytes.length) break;
    names.push(Buffer.from(bytes.buffer, bytes.byteOffset + nameStart, nameLength).toString('utf8'));
    // With a data descriptor (flag bit 3) the size is only known after the data: stop walking.
    if (flags & 0x08) break;
    offset = nameStart + nameLength + extraLength + compressedSize;
  }
  return names;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  let text = head(bytes, 2048);
  text = text.replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  // Skip an XML declaration and comments before the first tag.
  text = text.replace(/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/i, '');
  return /^<(!doctype\s+html|html|head|body)\b/i.test(text);
}

export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat {
  const ext = extensionOf(fileName);
  if (hasPdfHeader(bytes)) return 'pdf';
  // A file named .pdf that is not a PDF gets its own error (GEEN_PDF) from the PDF importer.
  if (ext === 'pdf') return 'pdf';
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    const names = zipEntryNames(bytes);
    if (names.some((n) => n === 'word/document.xml' || n.startsWith('word/'))) return 'docx';
    if (names.some((n) => n.startsWith('xl/'))) throw importErrors.unknownFormat(REFUSED.xlsx);
    if (names.some((n) => n.startsWith('ppt/'))) throw importErrors.unknownFormat(REFUSED.pptx);
    if (names.includes('mimetype') && ext !== 'docx') throw importErrors.unknownFormat(REFUSED.odt);
    // A .docx whose first entries we could not see (or a damaged one): the DOCX importer decides.
    if (ext === 'docx') return 'docx';
    throw importErrors.unknownFormat(REFUSED.zip);
  }
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw importErrors.unknownFormat(ext === 'xls' || ext === 'ppt' ? REFUSED[ext] : REFUSED.doc);
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || head(bytes, 6).startsWith('GIF8')) {
    throw importErrors.unknownFormat(REFUSED.png);
  }
  if (ext === 'docx') return 'docx';
  if (looksLikeHtml(bytes)) return 'html';
  const known = EXTENSIONS[ext];
  if (known) return known;
  const refused = REFUSED[ext];
  if (refused) throw importErrors.unknownFormat(refused);
  throw importErrors.unknownFormat(
    ext ? `Bestanden met de extensie .${ext} kunnen niet worden geïmporteerd.` : 'Dit bestand heeft geen herkenbare extensie.',
  );
}
