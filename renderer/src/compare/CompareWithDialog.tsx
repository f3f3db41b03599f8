import { useEffect, useMemo, useRef, useState } from 'react';
import type { VersionStatus } from '../../../common/document';
import { foldText } from '../../../common/text';
import { call } from '../api-client';
import { ErrorText } from '../components/StatusMessage';
import { formatDateTime } from '../format';
import { useLoad } from '../use-api';

/** A version to pick: what the dialog shows of versions.all. */
export interface VersionChoice {
  versionId: number;
  standardTitle: string;
  label: string;
  status: VersionStatus;
  importedAt: string;
  sectionCount: number;
}

/**
 * "Vergelijk met…": pick another imported version, of this or any other standard. Versions are
 * grouped by standard; typing filters on standard and version label.
 */
export function CompareWithDialog({ title, exclude, onPick, onClose }: { title: string; exclude: readonly number[]; onPick: (version: VersionChoice) => void; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const versions = useLoad(
    () =>
      call('versions.all').then((list) =>
        list
          .map((v): VersionChoice => ({ versionId: v.id, standardTitle: v.standardShortTitle?.trim() || v.standardTitle, label: v.label, status: v.status, importedAt: v.importedAt, sectionCount: v.sectionCount }))
          .sort((a, b) => a.standardTitle.localeCompare(b.standardTitle, 'nl') || b.importedAt.localeCompare(a.importedAt)),
      ),
    [],
  );
  const [query, setQuery] = useState('');
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const groups = useMemo(() => {
    const q = foldText(query.trim());
    const out = new Map<string, VersionChoice[]>();
    for (const v of versions.data ?? []) {
      if (exclude.includes(v.versionId)) continue;
      if (q && !foldText(`${v.standardTitle} ${v.label}`).includes(q)) continue;
      out.set(v.standardTitle, [...(out.get(v.standardTitle) ?? []), v]);
    }
    return [...out];
  }, [versions.data, query, exclude]);

  return (
    <dialog ref={ref} className="dialog wide cmp-pick" aria-labelledby="cmp-pick-title" onClose={onClose}>
      <h2 id="cmp-pick-title">{title}</h2>
      <label className="field">
        Zoek een standaard of versie
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      </label>
      <ErrorText error={versions.error} />
      {versions.loading && !versions.data && <p className="muted">Versies laden…</p>}
      {versions.data && groups.length === 0 && <p className="muted">{query ? 'Geen versie gevonden.' : 'Er zijn nog geen andere versies geïmporteerd.'}</p>}
      <div className="cmp-pick-list">
        {groups.map(([standard, list]) => (
          <section key={standard} aria-label={standard}>
            <h3>{standard}</h3>
            <ul>
              {list.map((v) => (
                <li key={v.versionId}>
                  <button type="button" className="link-button" onClick={() => onPick(v)}>
                    {v.label}
                  </button>{' '}
                  <span className="muted small">
                    {v.status === 'concept' ? 'concept' : 'gepubliceerd'} · {v.sectionCount} secties · geïmporteerd {formatDateTime(v.importedAt)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => ref.current?.close()}>
          Annuleren
        </button>
      </div>
    </dialog>
  );
}
