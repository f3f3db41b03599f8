import { useRef, useState } from 'react';
import { call } from '../api-client';
import { downloadBase64, downloadText } from '../files';

/**
 * "Exporteren" on the catalogue: the standards on screen (after search, facets and sorting), in
 * that order, as CSV or Excel. The ids go to the backend, which reads every field fresh.
 */
export function CatalogueExport({ ids, label }: { ids: string[]; label: string }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    const args = { ids, ...(label.trim() ? { label: label.trim().slice(0, 80) } : {}) };
    try {
      if (format === 'csv') downloadText(await call('catalogue.exportCsv', args));
      else downloadBase64(await call('catalogue.exportXlsx', args));
      if (menu.current) menu.current.open = false;
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const count = `${ids.length} ${ids.length === 1 ? 'standaard' : 'standaarden'}`;
  return (
    <div className="catalogue-export">
      <details ref={menu} className="export-menu">
        <summary className="button">Exporteren</summary>
        <div className="export-menu-items" role="group" aria-label={`Exporteer de ${count} in deze lijst`}>
          <p className="muted small">De {count} in deze lijst, in deze volgorde.</p>
          <button type="button" className="button" disabled={busy || ids.length === 0} onClick={() => void run('csv')}>
            CSV (Excel, puntkomma)
          </button>
          <button type="button" className="button" disabled={busy || ids.length === 0} onClick={() => void run('xlsx')}>
            Excel-werkmap (.xlsx)
          </button>
        </div>
      </details>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
