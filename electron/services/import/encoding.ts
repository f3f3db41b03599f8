import jschardet from 'jschardet';

/**
 * Bytes to text for plain-text, Markdown and HTML files. Dutch documents come as UTF-8 (with or
 * without BOM), as UTF-16 from Windows "Unicode" exports, or as Windows-1252 from older tools;
 * reading those wrongly turns "coördinatie" into "coÃ¶rdinatie", so the choice matters.
 */

export interface DecodedText {
  text: string;
  /** WHATWG encoding label that was used. */
  encoding: string;
  /** How the encoding was found: a byte-order mark, a declaration, validity, or a guess. */
  source: 'bom' | 'declared' | 'valid-utf8' | 'guess' | 'fallback';
}

/**
 * Windows-1252 bytes 0x80–0x9F (€, ‘ ’ “ ” – — …). Node 20.18.3+ decodes 'windows-1252' as
 * Latin-1 and turns these into control characters (nodejs/node#60888), so we map them ourselves.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009F]/g, (ch) => String.fromCharCode(CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch.charCodeAt(0)));
}

/** Labels that the WHATWG Encoding Standard reads as Windows-1252. */
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'iso-ir-100', 'cp819', 'ibm819']);

function decode(bytes: Uint8Array, label: string, fatal = false): string {
  if (WINDOWS_1252_LABELS.has(label.toLowerCase())) return decodeWindows1252(bytes);
  return new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);
}

function bomEncoding(bytes: Uint8Array): { label: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: ASCII-heavy text then has a NUL in every other byte. Checked on a sample
 * so a large file costs nothing extra.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

function isSupportedLabel(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Encodings for scripts Windows-1252 cannot show (Cyrillic, Greek, Chinese, Japanese, Korean). */
const NON_LATIN = /^(windows-1251|koi8-r|iso-8859-5|ibm866|x-mac-cyrillic|maccyrillic|windows-1253|iso-8859-7|big5|gb2312|gb18030|euc-jp|shift_jis|euc-kr|euc-tw|iso-2022-jp)$/;

/**
 * @param declared an encoding named inside the file (HTML <meta charset>), used only when there is
 *   no BOM and the bytes are not valid UTF-8 (declarations are often wrong in saved web pages).
 */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): DecodedText {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decode(bytes.subarray(bom.length), bom.label), encoding: bom.label, source: 'bom' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: decode(bytes, utf16), encoding: utf16, source: 'guess' };
  try {
    return { text: decode(bytes, 'utf-8', true), encoding: 'utf-8', source: 'valid-utf8' };
  } catch {
    // not UTF-8: fall through
  }
  const declaredLabel = declared?.trim().toLowerCase();
  if (declaredLabel && declaredLabel !== 'utf-8' && declaredLabel !== 'utf8' && isSupportedLabel(declaredLabel)) {
    const encoding = WINDOWS_1252_LABELS.has(declaredLabel) ? 'windows-1252' : declaredLabel;
    return { text: decode(bytes, declaredLabel), encoding, source: 'declared' };
  }
  // Windows-1252 is the overwhelmingly likely legacy encoding for Dutch text, and detectors
  // happily call Dutch with a few accents "Hebrew" or "Central European". So read it as
  // Windows-1252 unless that yields implausibly many accented letters; only then ask jschardet,
  // and only believe it for scripts that Windows-1252 cannot represent at all.
  const western = decode(bytes, 'windows-1252');
  const letters = western.match(/\p{L}/gu)?.length ?? 0;
  const accented = western.match(/[\u00C0-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E]/gu)?.length ?? 0;
  if (letters === 0 || accented / letters < 0.2) return { text: western, encoding: 'windows-1252', source: 'fallback' };
  // jschardet is slow on large inputs and only needs a sample to decide.
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024));
  let guess: string | null = null;
  try {
    const result = jschardet.detect(sample);
    if (result.encoding && result.confidence >= 0.9) guess = result.encoding.toLowerCase();
  } catch {
    guess = null;
  }
  if (guess && NON_LATIN.test(guess) && isSupportedLabel(guess)) {
    return { text: decode(bytes, guess), encoding: guess, source: 'guess' };
  }
  return { text: western, encoding: 'windows-1252', source: 'fallback' };
}

/** The charset an HTML file declares in its first 2 KB (<meta charset> or http-equiv), if any. */
export function declaredHtmlCharset(bytes: Uint8Array): string | null {
  const headText = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(headText);
  return match?.[1] ?? null;
}

/** A warning for the import summary when the text was not plainly Unicode. */
export function encodingWarning(decoded: DecodedText): string | null {
  if (decoded.source === 'fallback' || decoded.source === 'guess') {
    if (decoded.encoding.startsWith('utf-16')) return null;
    return `De tekst is niet als UTF-8 opgeslagen en is gelezen als ${decoded.encoding}. Controleer letters met accenten (zoals ë en é).`;
  }
  return null;
}
