import type { ImportErrorCode } from '../../../common/document.js';

/**
 * The only error type parseDocument() lets out. The message is Dutch, safe to show as is, and says
 * what the user can do; `detail` keeps the technical cause for the log (never shown in the UI).
 */
export class ImportError extends Error {
  readonly code: ImportErrorCode;
  readonly detail: string | undefined;
  constructor(code: ImportErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'ImportError';
    this.code = code;
    this.detail = detail;
  }
  toJSON(): { code: ImportErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isImportError(value: unknown): value is ImportError {
  return value instanceof ImportError;
}

/** "12,3 MB" in Dutch notation. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const rounded = mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10;
  return `${String(rounded).replace('.', ',')} MB`;
}

/** Ready-made errors, so every importer words the same problem the same way. */
export const importErrors = {
  tooLarge(size: number, maxBytes: number): ImportError {
    return new ImportError(
      'TE_GROOT',
      `Het bestand is ${formatMegabytes(size)}; de grens voor importeren is ${formatMegabytes(maxBytes)}. ` +
        'Je kunt de grens aanpassen in Instellingen, of het document opsplitsen.',
    );
  },
  empty(): ImportError {
    return new ImportError('LEEG', 'Het bestand is leeg of bevat geen tekst. Kies een bestand met de tekst van de standaard.');
  },
  unknownFormat(what?: string): ImportError {
    return new ImportError(
      'ONBEKEND_FORMAAT',
      `${what ?? 'Dit bestandstype kan niet worden geïmporteerd.'} ` +
        'Richtsnoer leest PDF, Word (.docx), webpagina’s (.html), Markdown (.md) en platte tekst (.txt).',
    );
  },
  notPdf(): ImportError {
    return new ImportError(
      'GEEN_PDF',
      'Dit bestand heet .pdf maar is geen PDF. Misschien is de download mislukt; download het document opnieuw.',
    );
  },
  encrypted(): ImportError {
    return new ImportError(
      'VERSLEUTELD',
      'Deze PDF is beveiligd met een wachtwoord en kan niet worden gelezen. ' +
        'Vraag de eigenaar om een onbeveiligde versie, of sla de PDF zonder beveiliging op.',
    );
  },
  noTextLayer(pages: number): ImportError {
    return new ImportError(
      'GEEN_TEKSTLAAG',
      `Deze PDF (${pages} ${pages === 1 ? 'pagina' : 'pagina’s'}) is gescand of bestaat uit afbeeldingen, zonder tekstlaag; ` +
        'maak eerst een doorzoekbare PDF (OCR) en importeer die.',
    );
  },
  damaged(what: string, detail?: string): ImportError {
    return new ImportError('BESCHADIGD', `${what} Probeer het bestand opnieuw te downloaden of op te slaan.`, detail);
  },
  zipTooLarge(detail: string): ImportError {
    return new ImportError(
      'BESCHADIGD',
      'Dit Word-bestand is ongewoon groot of sterk ingepakt en wordt daarom niet geopend (het kan een zogenaamde zip-bom zijn). ' +
        'Sla het document opnieuw op in Word, zonder grote ingevoegde bestanden.',
      detail,
    );
  },
  cancelled(): ImportError {
    return new ImportError('GEANNULEERD', 'Het importeren is geannuleerd; er is niets opgeslagen.');
  },
};

/**
 * Turns anything thrown inside an importer into an ImportError: importers call libraries that throw
 * their own errors (or strings), and the caller must only ever see an ImportError.
 */
export function asImportError(error: unknown, what = 'Het bestand kon niet worden gelezen; het lijkt beschadigd.'): ImportError {
  if (error instanceof ImportError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return importErrors.damaged(what, detail);
}
