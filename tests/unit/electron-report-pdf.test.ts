/**
 * The desktop app's report PDF (electron/report-pdf.ts) against the fake electron module: a hidden,
 * sandboxed window without JavaScript, the page from a data: URL (or a private temp file when too
 * large for a URL), printed with the report's own page sizes, and always cleaned up. And startApp
 * hands the printer to the api, so PDF is offered in the desktop app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pilot } from '../../common/pilots.js';
import { startApp, type ElectronMain } from '../../electron/main.js';
import { createPdfPrinter, MAX_DATA_URL_CHARS, type PdfElectron } from '../../electron/report-pdf.js';
import { asReal, createFakeElectron, type FakeElectron } from '../fakes/electron.js';
import { removeDir, tempDir } from '../helpers/test-db.js';

vi.mock('electron', () => ({}));

let dir: string;
beforeEach(() => {
  dir = tempDir('richtsnoer-pdf-');
});
afterEach(() => removeDir(dir));

interface Printed {
  options: Record<string, unknown>;
  url: string | undefined;
  file: string | undefined;
  fileText: string | undefined;
}

/** The fake electron with windows that can load files and print, recording what they did. */
function printingElectron(fail = false) {
  const fake = createFakeElectron();
  const printed: Printed[] = [];
  const windows: Array<InstanceType<typeof fake.BrowserWindow> & { destroyed: boolean; files: string[] }> = [];
  class PrintingWindow extends fake.BrowserWindow {
    destroyed = false;
    files: string[] = [];
    constructor(options: Record<string, unknown>) {
      super(options);
      windows.push(this);
      Object.assign(this.webContents, {
        printToPDF: async (options: Record<string, unknown>) => {
          if (fail) throw new Error('printing failed');
          const file = this.files.at(-1);
          printed.push({ options, url: this.loadedUrls.at(-1), file, fileText: file ? fs.readFileSync(file, 'utf8') : undefined });
          return Buffer.from('%PDF-1.7 nep');
        },
      });
    }
    loadFile(file: string): Promise<void> {
      this.files.push(file);
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  return { electron: asReal<PdfElectron>({ BrowserWindow: PrintingWindow }), printed, windows };
}

const REPORT = '<!doctype html><html lang="nl"><head><style>@page { size: A4 }</style></head><body><h1>Harmonisatierapport</h1></body></html>';

describe('createPdfPrinter', () => {
  it('prints in a hidden, sandboxed window without JavaScript, with the report’s own page sizes, then destroys it', async () => {
    const { electron, printed, windows } = printingElectron();
    const bytes = await createPdfPrinter(electron, dir)(REPORT);
    expect(Buffer.from(bytes).toString()).toBe('%PDF-1.7 nep');
    const [window] = windows;
    expect(window?.options).toMatchObject({ show: false });
    expect(window?.options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, devTools: false });
    expect(window?.options.webPreferences).not.toHaveProperty('preload');
    const [print] = printed;
    expect(print?.url?.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(print?.url?.split(',')[1] ?? '', 'base64').toString('utf8')).toBe(REPORT);
    expect(print?.options).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    expect(window?.destroyed).toBe(true);
  });

  it('goes through a private temporary file when the report is too large for a URL, and removes it', async () => {
    const { electron, printed, windows } = printingElectron();
    const large = REPORT.replace('<h1>', `<p>${'Tegenstrijdige passage. '.repeat(Math.ceil(MAX_DATA_URL_CHARS / 20))}</p><h1>`);
    await createPdfPrinter(electron, dir)(large);
    const [print] = printed;
    expect(print?.url).toBeUndefined();
    expect(print?.file?.startsWith(dir)).toBe(true);
    expect(print?.fileText).toBe(large);
    expect(fs.existsSync(path.dirname(print?.file ?? dir))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('cleans up when printing fails, and says so', async () => {
    const { electron, windows } = printingElectron(true);
    const large = 'x'.repeat(MAX_DATA_URL_CHARS);
    await expect(createPdfPrinter(electron, dir)(large)).rejects.toThrow('printing failed');
    expect(windows[0]?.destroyed).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('startApp', () => {
  let started: FakeElectron | null = null;
  afterEach(() => started?.app.emit('will-quit'));

  it('gives the api a PDF printer, so the Rapport tab offers PDF in the desktop app', async () => {
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>Richtsnoer</title>');
    started = createFakeElectron({ userData: path.join(dir, 'userData') });
    startApp(asReal<ElectronMain>(started), { rendererDir: path.join(dir, 'renderer'), preloadPath: path.join(dir, 'preload.cjs') });
    await new Promise((resolve) => setImmediate(resolve));
    const from = 'app://richtsnoer/index.html';
    const pilot = (await started.invokeFrom(from, 'api', 'pilots.create', { title: 'ADHD', kinds: ['horizontaal'], origin: 'signalering' })) as { ok: true; value: Pilot };
    const options = await started.invokeFrom(from, 'api', 'reports.options', { pilotId: pilot.value.id });
    expect(options).toMatchObject({ ok: true, value: { pdf: true } });
  });
});
