import { useEffect } from 'react';
import { CatalogueProvider, useCatalogueState } from './catalogue-data';
import { CommandPalette } from './components/CommandPalette';
import { href, navigate, useRoute, type Route } from './router';
import { AboutScreen } from './screens/AboutScreen';
import { CompareScreen } from './compare/CompareScreen';
import { ReadOnlyBanner } from './components/ReadOnlyBanner';
import { WorkspaceScreen } from './screens/WorkspaceScreen';
import { CatalogueScreen } from './screens/CatalogueScreen';
import { ListScreen } from './lists/ListScreen';
import { ListsScreen } from './lists/ListsScreen';
import { PilotScreen } from './pilots/PilotScreen';
import { PilotsScreen } from './pilots/PilotsScreen';
import { CodebookScreen } from './screens/CodebookScreen';
import { ChainScreen } from './review/ChainScreen';
import { RoundScreen } from './review/RoundScreen';
import { RoundsScreen } from './review/RoundsScreen';
import { TagsScreen } from './screens/TagsScreen';
import { ReadingView } from './screens/ReadingView';
import { SearchScreen } from './screens/SearchScreen';
import { StandardDetail } from './screens/StandardDetail';
import { StandardForm } from './screens/StandardForm';

function Screen({ route }: { route: Route }) {
  const catalogue = useCatalogueState();
  if (catalogue.status === 'loading') return <p className="loading">Catalogus laden…</p>;
  if (catalogue.status === 'error') {
    return (
      <div className="screen">
        <h1>De catalogus kon niet worden geladen</h1>
        <p className="error" role="alert">
          {catalogue.message}
        </p>
        <button type="button" className="button" onClick={() => void catalogue.reload()}>
          Opnieuw proberen
        </button>
      </div>
    );
  }
  switch (route.name) {
    case 'catalogue':
      return <CatalogueScreen params={route.params} />;
    case 'standard':
      return <StandardDetail id={route.id} key={route.id} />;
    case 'edit':
      return <StandardForm id={route.id} key={`edit-${route.id}`} />;
    case 'new':
      return <StandardForm id={null} key="new" />;
    case 'version':
      return <ReadingView standardId={route.id} versionId={route.versionId} sectionId={route.sectionId} placeId={route.placeId} anchoring={route.anchoring} key={`v-${route.versionId}-${route.placeId ?? ''}`} />;
    case 'search':
      return <SearchScreen params={route.params} />;
    case 'codebook':
      return <CodebookScreen />;
    case 'lists':
      return <ListsScreen />;
    case 'list':
      return <ListScreen id={route.id} tab={route.tab} key={`list-${route.id}`} />;
    case 'tags':
      return <TagsScreen params={route.params} />;
    case 'about':
      return <AboutScreen />;
    case 'compare':
      return <CompareScreen params={route.params} />;
    case 'workspace':
      return <WorkspaceScreen />;
    case 'pilots':
      return <PilotsScreen />;
    case 'pilot':
      return <PilotScreen id={route.id} tab={route.tab} params={route.params} key={`pilot-${route.id}`} />;
    case 'rounds':
      return <RoundsScreen params={route.params} />;
    case 'round':
      return <RoundScreen id={route.id} tab={route.tab} key={`round-${route.id}`} />;
    case 'chain':
      return <ChainScreen params={route.params} />;
    case 'not-found':
      return (
        <div className="screen">
          <h1>Pagina niet gevonden</h1>
          <p>
            Er is geen scherm op <code>{route.path}</code>. <a href={href.catalogue()}>Naar de catalogus</a>
          </p>
        </div>
      );
  }
}

const TITLES: Record<Route['name'], string> = {
  catalogue: 'Kwaliteitsstandaarden',
  standard: 'Standaard',
  edit: 'Standaard bewerken',
  new: 'Nieuwe standaard',
  version: 'Tekst',
  search: 'Zoeken in teksten',
  codebook: 'Codeboek',
  lists: 'Lijsten',
  list: 'Lijst',
  tags: 'Tags en passages',
  about: 'Over Richtsnoer',
  compare: 'Vergelijken',
  workspace: 'Werkruimte',
  pilots: 'Harmonisatie',
  pilot: 'Pilot',
  rounds: 'Commentaarrondes',
  round: 'Commentaarronde',
  chain: 'Keten',
  'not-found': 'Niet gevonden',
};

export function App() {
  const route = useRoute();
  useEffect(() => {
    if (route.name !== 'standard' && route.name !== 'version') document.title = `${TITLES[route.name]} · Richtsnoer`;
  }, [route.name]);
  useEffect(() => {
    // "/" jumps to the catalogue search from anywhere outside a text field.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || target.closest('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      if (route.name !== 'catalogue') navigate(href.catalogue());
      setTimeout(() => document.querySelector<HTMLInputElement>('.search-field input')?.focus(), 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.name]);

  return (
    <CatalogueProvider>
      <a className="skip-link" href="#main">
        Naar de inhoud
      </a>
      <div className="shell">
        <header className="topbar">
          <a className="brand" href={href.catalogue()}>
            Richtsnoer
          </a>
          <nav aria-label="Hoofdmenu">
            <ul>
              <li>
                <a href={href.catalogue()} aria-current={route.name === 'catalogue' || route.name === 'standard' || route.name === 'edit' || route.name === 'version' ? 'page' : undefined}>
                  Kwaliteitsstandaarden
                </a>
              </li>
              <li>
                <a href={href.search()} aria-current={route.name === 'search' ? 'page' : undefined}>
                  Zoeken in teksten
                </a>
              </li>
              <li>
                <a href={href.pilots()} aria-current={route.name === 'pilots' || route.name === 'pilot' ? 'page' : undefined}>
                  Harmonisatie
                </a>
              </li>
              <li>
                <a href={href.rounds()} aria-current={route.name === 'rounds' || route.name === 'round' || route.name === 'chain' ? 'page' : undefined}>
                  Commentaarrondes
                </a>
              </li>
              <li>
                <a href={href.tags()} aria-current={route.name === 'tags' ? 'page' : undefined}>
                  Tags en passages
                </a>
              </li>
              <li>
                <a href={href.lists()} aria-current={route.name === 'lists' || route.name === 'list' ? 'page' : undefined}>
                  Lijsten
                </a>
              </li>
              <li>
                <a href={href.codebook()} aria-current={route.name === 'codebook' ? 'page' : undefined}>
                  Codeboek
                </a>
              </li>
              <li>
                <a href={href.workspace()} aria-current={route.name === 'workspace' ? 'page' : undefined}>
                  Werkruimte
                </a>
              </li>
              <li>
                <a href={href.about()} aria-current={route.name === 'about' ? 'page' : undefined}>
                  Over
                </a>
              </li>
            </ul>
          </nav>
          <button type="button" className="palette-button" onClick={() => window.dispatchEvent(new Event('richtsnoer:palette'))}>
            Ga naar… <kbd>Ctrl K</kbd>
          </button>
        </header>
        <ReadOnlyBanner />
        <main id="main" tabIndex={-1}>
          <Screen route={route} />
        </main>
      </div>
      <CommandPalette />
    </CatalogueProvider>
  );
}
