import { useState } from 'react';
import { call } from '../api-client';
import { formatDateTime } from '../format';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { ImportDialog } from './ImportDialog';
import { ErrorText } from './StatusMessage';

const FORMAT_LABEL: Record<string, string> = { pdf: 'PDF', docx: 'Word', html: 'HTML', markdown: 'Markdown', text: 'Tekst' };

/** The imported texts of one standard, with "Versie importeren". */
export function VersionsPanel({ standardId }: { standardId: string }) {
  const versions = useLoad(() => call('versions.list', { standardId }), [standardId]);
  const [importing, setImporting] = useState(false);

  return (
    <section aria-labelledby="versies">
      <div className="section-head">
        <h2 id="versies">Teksten en versies</h2>
        <button type="button" className="button primary" onClick={() => setImporting(true)}>
          Versie importeren
        </button>
      </div>
      <ErrorText error={versions.error} />
      {versions.data && versions.data.length === 0 && <p className="muted">Nog geen tekst geïmporteerd. Importeer een PDF, Word-, HTML-, Markdown- of tekstbestand om de standaard te kunnen lezen, doorzoeken en vergelijken.</p>}
      {versions.data && versions.data.length > 0 && (
        <table className="simple-table" data-testid="versions">
          <thead>
            <tr>
              <th scope="col">Versie</th>
              <th scope="col">Status</th>
              <th scope="col">Bestand</th>
              <th scope="col">Omvang</th>
              <th scope="col">Geïmporteerd</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((v) => (
              <tr key={v.id}>
                <td>
                  <a href={href.version(standardId, v.id)}>{v.label}</a>
                </td>
                <td>
                  <span className={`badge ${v.status === 'concept' ? 'badge-status-concept' : ''}`}>{v.status === 'concept' ? 'Concept' : 'Gepubliceerd'}</span>
                </td>
                <td>
                  {v.fileName} <span className="muted small">({FORMAT_LABEL[v.format] ?? v.format})</span>
                </td>
                <td>
                  {v.sectionCount} secties · {v.wordCount.toLocaleString('nl-NL')} woorden{v.pageCount ? ` · ${v.pageCount} p.` : ''}
                </td>
                <td>
                  {formatDateTime(v.importedAt)} door {v.importedBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {importing && (
        <ImportDialog
          standardId={standardId}
          versions={versions.data ?? []}
          onClose={() => {
            setImporting(false);
            versions.reload();
          }}
          onImported={(job) => {
            if (job.versionId === null) return;
            const a = job.anchoring;
            const note = a ? `?verankerd=${a.placed}-${a.moved}-${a.unplaced}` : '';
            navigate(href.version(standardId, job.versionId) + note);
          }}
        />
      )}
    </section>
  );
}
