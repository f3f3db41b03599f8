/**
 * The report's PDF in the desktop app: the report HTML (no scripts, its own strict CSP) loaded in
 * a hidden, sandboxed window with JavaScript switched off, printed with printToPDF, and the window
 * destroyed. Chromium refuses URLs over 2 MB, so a large report goes through a private temporary
 * file instead of a data: URL, removed once the page is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import type { PdfPrinter } from './services/report-api.js';

export type PdfElectron = { BrowserWindow: typeof BrowserWindow };

/** Below Chromium's 2 MB limit on URLs, with room to spare. */
export const MAX_DATA_URL_CHARS = 1_500_000;

export function createPdfPrinter(electron: PdfElectron, tempRoot = os.tmpdir()): PdfPrinter {
  const { BrowserWindow } = electron;
  return async (html: string): Promise<Uint8Array> => {
    const window = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: {
        // The report is a document, not an app: no script at all, in a sandboxed process.
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        safeDialogs: true,
        spellcheck: false,
        devTools: false,
      },
    });
    let dir: string | null = null;
    try {
      const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
      if (url.length <= MAX_DATA_URL_CHARS) {
        await window.loadURL(url);
      } else {
        dir = fs.mkdtempSync(path.join(tempRoot, 'richtsnoer-rapport-'));
        const file = path.join(dir, 'rapport.html');
        fs.writeFileSync(file, html, { mode: 0o600 });
        await window.loadFile(file);
      }
      const pdf = await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        // The page sizes, margins, landscape pages and page numbers come from the report's @page rules.
        preferCSSPageSize: true,
        displayHeaderFooter: false,
        generateDocumentOutline: true,
        generateTaggedPDF: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      if (!window.isDestroyed()) window.destroy();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
