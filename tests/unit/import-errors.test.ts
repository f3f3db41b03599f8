import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../common/document.js';
import { detectFormat, ImportError, parseDocument } from '../../electron/services/import/index.js';
import { asImportError, formatMegabytes } from '../../electron/services/import/errors.js';
import { zip } from '../fixtures/import/zip-writer.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

function thrown(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an error');
}

async function rejection(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected the import to fail');
}

describe('detectFormat', () => {
  it.each([
    ['richtlijn-adhd.pdf', 'x.pdf', 'pdf'],
    ['richtlijn-adhd.pdf', 'verkeerde-naam.txt', 'pdf'],
    ['richtlijn.docx', 'richtlijn.docx', 'docx'],
    ['richtlijn.docx', 'zonder-extensie', 'docx'],
    ['richtlijn-site.html', 'pagina.txt', 'html'],
    ['zorgstandaard.md', 'zorgstandaard.md', 'markdown'],
    ['zorgstandaard.md', 'zorgstandaard.MARKDOWN', 'markdown'],
    ['handreiking-cp1252.txt', 'handreiking.txt', 'text'],
    ['geen-pdf.pdf', 'download.pdf', 'pdf'],
  ])('%s named %s is %s', (file, name, format) => {
    expect(detectFormat(fixture(file), name)).toBe(format);
  });

  it('sniffs HTML after a BOM, an XML declaration or a comment', () => {
    expect(detectFormat(bytesOf('\uFEFF<!DOCTYPE html><html></html>'), 'a.txt')).toBe('html');
    expect(detectFormat(bytesOf('<?xml version="1.0"?>\n<!-- opgeslagen -->\n<html xmlns="http://www.w3.org/1999/xhtml">'), 'a')).toBe('html');
    expect(detectFormat(bytesOf('Gewone tekst over <html> tags'), 'a.txt')).toBe('text');
  });

  it.each([
    [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'oud.doc', /\.docx/],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'scan.png', /OCR/],
    [new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'foto.txt', /OCR/],
    [bytesOf('a,b,c'), 'lijst.csv', /CSV/],
    [bytesOf('tekst'), 'notities.odt', /OpenDocument/],
    [bytesOf('tekst'), 'bestand.xyz', /\.xyz/],
    [bytesOf('tekst'), 'geen-extensie', /geen herkenbare extensie/],
  ])('refuses %#', (bytes, name, message) => {
    const error = thrown(() => detectFormat(bytes, name));
    expect(error.code).toBe('ONBEKEND_FORMAAT');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('Richtsnoer leest PDF');
  });

  it('refuses a spreadsheet even though it is a ZIP like .docx', () => {
    const xlsx = zip([{ name: 'xl/workbook.xml', data: bytesOf('<workbook/>') }]);
    expect(thrown(() => detectFormat(xlsx, 'tabel.xlsx')).message).toMatch(/Spreadsheets/);
    expect(thrown(() => detectFormat(xlsx, 'tabel.docx')).message).toMatch(/Spreadsheets/);
  });
});

describe('parseDocument errors', () => {
  it('refuses a file over the limit with the limit in MB and a pointer to Instellingen', async () => {
    const error = await rejection(parseDocument(new Uint8Array(3 * 1024 * 1024), 'groot.pdf', { maxBytes: 2 * 1024 * 1024 }));
    expect(error.code).toBe('TE_GROOT');
    expect(error.message).toBe(
      'Het bestand is 3 MB; de grens voor importeren is 2 MB. Je kunt de grens aanpassen in Instellingen, of het document opsplitsen.',
    );
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe('1,5 MB');
    expect(formatMegabytes(25 * 1024 * 1024)).toBe('25 MB');
  });

  it.each([
    [new Uint8Array(0), 'leeg.pdf'],
    [new Uint8Array(0), 'leeg.txt'],
    [bytesOf('   \n\n\t  \r\n'), 'wit.txt'],
    [bytesOf('\uFEFF'), 'bom.md'],
    [bytesOf('<html><body>   </body></html>'), 'leeg.html'],
    [bytesOf('• – | *'), 'tekens.txt'],
  ])('refuses an empty file or one without text (%#) as LEEG', async (bytes, name) => {
    const error = await rejection(parseDocument(bytes, name, { maxBytes: 1e6 }));
    expect(error.code).toBe('LEEG');
    expect(error.message).toMatch(/leeg of bevat geen tekst/);
  });

  it('refuses a binary file with a text extension as an unknown format', async () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 32);
    const error = await rejection(parseDocument(binary, 'data.txt', { maxBytes: 1e6 }));
    expect(error.code).toBe('ONBEKEND_FORMAAT');
  });

  it('wraps unexpected failures as BESCHADIGD with a Dutch message and keeps the cause for the log', () => {
    const wrapped = asImportError(new TypeError('Cannot read properties of undefined'));
    expect(wrapped.code).toBe('BESCHADIGD');
    expect(wrapped.message).toMatch(/^Het bestand kon niet worden gelezen/);
    expect(wrapped.detail).toBe('TypeError: Cannot read properties of undefined');
    expect(asImportError('string')).toBeInstanceOf(ImportError);
    expect(JSON.parse(JSON.stringify(wrapped))).toEqual({ code: 'BESCHADIGD', message: wrapped.message });
  });

  it('turns a non-Uint8Array input into an ImportError too', async () => {
    const error = await rejection(parseDocument('tekst' as unknown as Uint8Array, 'a.txt', { maxBytes: 1e6 }));
    expect(error.code).toBe('BESCHADIGD');
  });

  it('survives a progress callback that throws', async () => {
    const doc = await parseDocument(bytesOf('1 Doel\n\nTekst.'), 'a.txt', {
      maxBytes: 1e6,
      onProgress: () => {
        throw new Error('kapotte voortgangsbalk');
      },
    });
    expect(doc.sections[0]?.heading).toBe('Doel');
  });
});

describe('cancellation', () => {
  const samples: [string, string][] = [
    ['richtlijn-adhd.pdf', 'a.pdf'],
    ['richtlijn.docx', 'a.docx'],
    ['richtlijn-site.html', 'a.html'],
    ['zorgstandaard.md', 'a.md'],
    ['handreiking-cp1252.txt', 'a.txt'],
  ];

  it.each(samples)('an already-aborted signal stops %s before any work', async (file, name) => {
    const controller = new AbortController();
    controller.abort();
    const steps: string[] = [];
    const error = await rejection(parseDocument(fixture(file), name, { maxBytes: 1e7, signal: controller.signal, onProgress: (_f, s) => steps.push(s) }));
    expect(error.code).toBe('GEANNULEERD');
    expect(error.message).toBe('Het importeren is geannuleerd; er is niets opgeslagen.');
    expect(steps).toEqual([]);
  });

  it('stops a long text import soon after the signal aborts, from a timer', async () => {
    const paragraphs = Array.from({ length: 20000 }, (_, i) => `${(i % 9) + 1}.${(i % 7) + 1} Kop ${i}\n\nAlinea ${i} met wat tekst erin.`).join('\n\n');
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    const error = await rejection(parseDocument(bytesOf(paragraphs), 'lang.txt', { maxBytes: 1e8, signal: controller.signal }));
    expect(error.code).toBe('GEANNULEERD');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('yields to the event loop during a long import so timers keep running', async () => {
    const paragraphs = Array.from({ length: 20000 }, (_, i) => `Alinea ${i} met wat tekst erin.`).join('\n\n');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await parseDocument(bytesOf(paragraphs), 'lang.txt', { maxBytes: 1e8 });
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(2);
  });

  it('reports progress from 0 to 1 in Dutch, never going back', async () => {
    const seen: [number, string][] = [];
    await parseDocument(fixture('richtlijn-site.html'), 'a.html', { maxBytes: 1e6, onProgress: (f, s) => seen.push([f, s]) });
    expect(seen.map(([, s]) => s)).toEqual(['Bestand herkennen', 'Tekst lezen', 'Structuur herkennen', 'Klaar']);
    const fractions = seen.map(([f]) => f);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });
});

describe('contract', () => {
  it('produces every format the contract names', async () => {
    const formats = new Set<string>();
    for (const [file, name] of [
      ['richtlijn-adhd.pdf', 'a.pdf'],
      ['richtlijn.docx', 'a.docx'],
      ['richtlijn-site.html', 'a.html'],
      ['zorgstandaard.md', 'a.md'],
      ['handreiking-utf16le.txt', 'a.txt'],
    ] as const) {
      formats.add((await parseDocument(fixture(file), name, { maxBytes: 1e7 })).format);
    }
    expect([...formats].sort()).toEqual([...IMPORT_FORMATS].sort());
  }, 30_000);
});
