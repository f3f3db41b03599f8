import { useEffect, useMemo, useState } from 'react';
import type { CompareSpec } from '../../../common/compare';
import { DEFAULT_DIFF_OPTIONS, DIFF_OPTION_KEYS, type DiffOptions } from '../../../common/diff/types';
import { call } from '../api-client';
import { href, navigate } from '../router';
import { useLoad } from '../use-api';
import { CompareWithDialog } from './CompareWithDialog';
import type { CompareResult } from './model';
import { SideBySide } from './SideBySide';
import { columnsQuery, formatSpec, parseColumns } from './spec';

const OPTIONS_KEY = 'richtsnoer.vergelijken.opties';
const MAX_COLUMNS = 4;

/** The options last used, so a reviewer who ignores numbering keeps doing so. */
function storedOptions(): DiffOptions {
  try {
    const raw = JSON.parse(localStorage.getItem(OPTIONS_KEY) ?? '{}') as Record<string, unknown>;
    return Object.fromEntries(DIFF_OPTION_KEYS.map((k) => [k, typeof raw[k] === 'boolean' ? raw[k] : DEFAULT_DIFF_OPTIONS[k]])) as unknown as DiffOptions;
  } catch {
    return { ...DEFAULT_DIFF_OPTIONS };
  }
}

const goTo = (specs: readonly CompareSpec[]) => navigate(`#/vergelijken?${columnsQuery(specs)}`);

/**
 * #/vergelijken?links=v:12&rechts=v:13[&extra=s:4,5]: two to four texts side by side, the first
 * the reference. Columns can be swapped, added ("Kolom toevoegen…") and removed; the options
 * are remembered.
 */
export function CompareScreen({ params }: { params: URLSearchParams }) {
  const { specs, invalid } = useMemo(() => parseColumns(params), [params]);
  const key = specs.map(formatSpec).join('|');
  const [options, setOptions] = useState<DiffOptions>(storedOptions);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    try {
      localStorage.setItem(OPTIONS_KEY, JSON.stringify(options));
    } catch {
      // Storage may be unavailable; the options then last for this screen only.
    }
  }, [options]);

  const result = useLoad<CompareResult | null>(() => {
    if (invalid) return Promise.resolve(null);
    const [first, second, ...rest] = specs as [CompareSpec, CompareSpec, ...CompareSpec[]];
    return rest.length === 0 ? call('compare.texts', { left: first, right: second, options }) : call('compare.multi', { reference: first, others: [second, ...rest], options });
  }, [key, invalid, JSON.stringify(options)]);

  useEffect(() => {
    const r = result.data;
    if (!r) return;
    const columns = 'reference' in r ? [r.reference, ...r.others.map((o) => o.column)] : [r.left, r.right];
    document.title = `Vergelijken: ${columns.map((c) => `${c.label.standardTitle} ${c.label.versionLabel}`).join(' · ')} · Richtsnoer`;
  }, [result.data]);

  if (invalid) {
    return (
      <div className="screen">
        <h1>Vergelijken</h1>
        <p className="error" role="alert">
          Deze link noemt geen twee teksten om te vergelijken. Open een versie en kies <strong>Vergelijk met…</strong>, of gebruik een link als <code>#/vergelijken?links=v:1&amp;rechts=v:2</code>.
        </p>
        <a href={href.catalogue()}>Naar de catalogus</a>
      </div>
    );
  }

  return (
    <div className="compare-screen">
      <header className="compare-head">
        <h1>Vergelijken</h1>
        <div className="actions">
          {specs.length === 2 && (
            <button type="button" className="button small" onClick={() => goTo([specs[1] as CompareSpec, specs[0] as CompareSpec])}>
              ⇄ Kolommen wisselen
            </button>
          )}
          {specs.length < MAX_COLUMNS && (
            <button type="button" className="button small" onClick={() => setAdding(true)}>
              + Kolom toevoegen…
            </button>
          )}
        </div>
      </header>
      {result.error && (
        <div className="screen">
          <p className="error" role="alert">
            {result.error}
          </p>
          <button type="button" className="button" onClick={result.reload}>
            Opnieuw proberen
          </button>
        </div>
      )}
      {!result.data && !result.error && (
        <p className="loading" role="status">
          Teksten vergelijken…
        </p>
      )}
      {result.data && (
        <SideBySide
          result={result.data}
          options={options}
          onOptionsChange={setOptions}
          busy={result.loading}
          globalKeys
          onReferenceChange={(index) => goTo([specs[index] as CompareSpec, ...specs.filter((_, i) => i !== index)])}
          columnActions={(index) =>
            specs.length > 2 ? (
              <button type="button" className="button small cmp-remove" aria-label={`Kolom ${index + 1} weghalen`} title="Kolom weghalen" onClick={() => goTo(specs.filter((_, i) => i !== index))}>
                ×
              </button>
            ) : null
          }
        />
      )}
      {adding && (
        <CompareWithDialog
          title="Kolom toevoegen"
          exclude={specs.flatMap((s) => ('versionId' in s ? [s.versionId] : []))}
          onClose={() => setAdding(false)}
          onPick={(v) => {
            setAdding(false);
            goTo([...specs, { versionId: v.versionId }]);
          }}
        />
      )}
    </div>
  );
}
