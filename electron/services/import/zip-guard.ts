import { inflateRawSync } from 'node:zlib';
import { importErrors } from './errors.js';

/**
 * Checks a DOCX (a ZIP archive) before mammoth unpacks it. mammoth inflates parts in memory, so a
 * crafted file that inflates to gigabytes ("zip bomb") would take the app down. We read the
 * central directory ourselves and refuse archives that are too big, too many-fold packed or
 * inconsistent, and verify that the XML parts really inflate to the size they declare.
 */

export interface ZipLimits {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalUncompressed: number;
  maxEntries: number;
  /** An entry larger than this must not be packed more tightly than maxRatio. */
  ratioCheckFrom: number;
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalUncompressed: 200 * 1024 * 1024,
  maxEntries: 5000,
  ratioCheckFrom: 10 * 1024 * 1024,
  maxRatio: 100,
};

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function damaged(detail: string): Error {
  return importErrors.damaged('Het Word-bestand is beschadigd of onvolledig en kan niet worden gelezen.', detail);
}

/** Reads the central directory; throws BESCHADIGD when it is missing or inconsistent. */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('geen end-of-central-directory');
  const entryCount = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // ZIP64: no Word document needs it.
    throw importErrors.zipTooLarge('zip64-archief');
  }
  if (entryCount > limits.maxEntries) throw importErrors.zipTooLarge(`${entryCount} onderdelen`);
  if (cdOffset + cdSize > eocd) throw damaged('central directory buiten het bestand');
  const entries: ZipEntry[] = [];
  let offset = cdOffset;
  let total = 0;
  for (let n = 0; n < entryCount; n++) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) throw damaged('central directory afgebroken');
    const method = view.getUint16(offset + 10, true);
    const compressedSize = view.getUint32(offset + 20, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const localHeaderOffset = view.getUint32(offset + 42, true);
    if (offset + 46 + nameLength > eocd) throw damaged('naam buiten het bestand');
    const name = Buffer.from(bytes.buffer, bytes.byteOffset + offset + 46, nameLength).toString('utf8');
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw importErrors.zipTooLarge(`zip64-onderdeel ${name}`);
    }
    if (localHeaderOffset + 30 > bytes.length || localHeaderOffset + compressedSize > bytes.length) {
      throw damaged(`onderdeel ${name} valt buiten het bestand`);
    }
    total += uncompressedSize;
    if (total > limits.maxTotalUncompressed) throw importErrors.zipTooLarge(`samen meer dan ${limits.maxTotalUncompressed} bytes`);
    if (uncompressedSize > limits.ratioCheckFrom && uncompressedSize > limits.maxRatio * Math.max(1, compressedSize)) {
      throw importErrors.zipTooLarge(`onderdeel ${name}: ${uncompressedSize} uit ${compressedSize} bytes`);
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The raw (still compressed) data of an entry, found via its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (view.getUint32(at, true) !== LOCAL_SIGNATURE) throw damaged(`lokale kop van ${entry.name} ontbreekt`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw damaged(`gegevens van ${entry.name} afgebroken`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Inflates an entry, refusing to produce more than it declared: a lying central directory is the
 * classic way around size checks.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw damaged(`onderdeel ${entry.name} heeft een onjuiste grootte`);
    return Buffer.from(data);
  }
  if (entry.method !== 8) throw damaged(`onbekende compressie ${entry.method} in ${entry.name}`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize + 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw importErrors.zipTooLarge(`onderdeel ${entry.name} is groter dan opgegeven`);
    }
    throw damaged(`onderdeel ${entry.name} kan niet worden uitgepakt: ${(error as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize) {
    if (out.length > entry.uncompressedSize) throw importErrors.zipTooLarge(`onderdeel ${entry.name} is groter dan opgegeven`);
    throw damaged(`onderdeel ${entry.name} is korter dan opgegeven`);
  }
  return out;
}

/**
 * Checks a DOCX archive and returns its entries. The XML parts mammoth reads are inflated once here
 * to prove their declared sizes; media files are never read (images are not imported).
 */
export function guardDocx(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const entries = readCentralDirectory(bytes, limits);
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw importErrors.damaged('Dit bestand is geen Word-document (.docx): het hoofddocument ontbreekt.', 'word/document.xml ontbreekt');
  }
  for (const entry of entries) {
    if (/\.(xml|rels)$/i.test(entry.name)) inflateEntry(bytes, entry);
  }
  return entries;
}
