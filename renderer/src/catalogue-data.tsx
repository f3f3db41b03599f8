import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Organisation, StandardSummary, Vocabularies } from '../../common/catalogue';
import { createCatalogueIndex, type CatalogueIndex } from '../../common/catalogue-search';
import { call } from './api-client';

/**
 * The catalogue as the whole UI shares it: loaded once, searched in memory on every keystroke,
 * reloaded after an edit. Retired standards are loaded too (the list hides them unless asked).
 */
export interface CatalogueData {
  standards: StandardSummary[];
  organisations: Organisation[];
  vocabularies: Vocabularies;
  activeIndex: CatalogueIndex;
  allIndex: CatalogueIndex;
  label: (kind: string, value: string) => string;
  reload: () => Promise<void>;
}

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: Omit<CatalogueData, 'reload'> };

const Context = createContext<(CatalogueData & { status: 'ready' }) | { status: 'loading' | 'error'; message?: string; reload: () => Promise<void> } | null>(null);

function build(standards: StandardSummary[], organisations: Organisation[], vocabularies: Vocabularies): Omit<CatalogueData, 'reload'> {
  const labels = new Map<string, string>();
  for (const [kind, entries] of Object.entries(vocabularies)) for (const e of entries) labels.set(`${kind}\u0000${e.value}`, e.label);
  const label = (kind: string, value: string) => labels.get(`${kind}\u0000${value}`) ?? value;
  const labelFns = { type: (v: string) => label('type', v), subsector: (v: string) => label('subsector', v) };
  return {
    standards,
    organisations,
    vocabularies,
    label,
    activeIndex: createCatalogueIndex(standards.filter((s) => !s.retired), labelFns),
    allIndex: createCatalogueIndex(standards, labelFns),
  };
}

export function CatalogueProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const reload = useCallback(async () => {
    try {
      const [standards, organisations, vocabularies] = await Promise.all([
        call('standards.list', { includeRetired: true }),
        call('organisations.list'),
        call('vocabularies.all'),
      ]);
      setState({ status: 'ready', data: build(standards, organisations, vocabularies) });
    } catch (error) {
      setState({ status: 'error', message: (error as Error).message });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const value = useMemo(
    () => (state.status === 'ready' ? { status: 'ready' as const, ...state.data, reload } : { status: state.status, message: state.status === 'error' ? state.message : undefined, reload }),
    [state, reload],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCatalogueState() {
  const value = useContext(Context);
  if (!value) throw new Error('useCatalogueState outside CatalogueProvider');
  return value;
}

/** For components rendered only once the catalogue is ready. */
export function useCatalogue(): CatalogueData {
  const value = useCatalogueState();
  if (value.status !== 'ready') throw new Error('Catalogue not ready');
  return value;
}
