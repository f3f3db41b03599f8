import { Command } from 'cmdk';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCatalogueState } from '../catalogue-data';
import { href, navigate } from '../router';

interface Screen {
  label: string;
  to: string;
  keywords: string;
}

const SCREENS: Screen[] = [
  { label: 'Kwaliteitsstandaarden (catalogus)', to: href.catalogue(), keywords: 'catalogus lijst standaarden zoeken' },
  { label: 'Zoeken in teksten', to: href.search(), keywords: 'zoeken tekst volledige fulltext doorzoeken' },
  { label: 'Tags en passages', to: href.tags(), keywords: 'tags passages annotaties matrix samenhang overeenstemming kappa' },
  { label: 'Lijsten beter doen, laten, onderzoeken', to: href.lists(), keywords: 'lijsten beter doen laten onderzoeken dialoogsessie stemronde delphi' },
  { label: 'Codeboek', to: href.codebook(), keywords: 'codeboek tags beheren labels' },
  { label: 'Nieuwe standaard toevoegen', to: href.new(), keywords: 'toevoegen aanmaken nieuw' },
  { label: 'Over Richtsnoer en instellingen', to: href.about(), keywords: 'over instellingen naam versie werkruimte' },
];

/**
 * Ctrl+K (⌘K): jump to any screen or standard by typing. Standards are matched with the same fuzzy
 * catalogue search as the list; a native <dialog> keeps focus inside and Escape closes it.
 */
export function CommandPalette() {
  const catalogue = useCatalogueState();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('richtsnoer:palette', onOpen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('richtsnoer:palette', onOpen);
    };
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLInputElement>('[cmdk-input]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
    if (!open) setQuery('');
  }, [open]);

  const standards = useMemo(() => {
    if (catalogue.status !== 'ready') return [];
    if (!query.trim()) return catalogue.standards.filter((s) => !s.retired).slice(0, 30);
    return catalogue.allIndex.search({ query, facets: {}, yearFrom: null, yearTo: null }, 'relevance').results.slice(0, 50);
  }, [catalogue, query]);

  const screens = SCREENS.filter((s) => {
    const q = query.trim().toLowerCase();
    return !q || s.label.toLowerCase().includes(q) || s.keywords.includes(q);
  });

  const go = (to: string) => {
    setOpen(false);
    navigate(to);
  };

  return (
    <dialog ref={dialogRef} className="palette" aria-label="Opdrachtenpalet" onClose={() => setOpen(false)}>
      {open && (
        <Command label="Opdrachtenpalet" shouldFilter={false} loop>
          <Command.Input value={query} onValueChange={setQuery} placeholder="Ga naar een scherm of standaard…" autoFocus />
          <Command.List>
            <Command.Empty>Niets gevonden.</Command.Empty>
            {screens.length > 0 && (
              <Command.Group heading="Schermen">
                {screens.map((s) => (
                  <Command.Item key={s.to} value={`scherm ${s.to}`} onSelect={() => go(s.to)}>
                    {s.label}
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {standards.length > 0 && (
              <Command.Group heading="Standaarden">
                {standards.map((s) => (
                  <Command.Item key={s.id} value={`standaard ${s.id}`} onSelect={() => go(href.standard(s.id))}>
                    <span>{s.title}</span>
                    {s.retired && <span className="muted small"> (teruggetrokken)</span>}
                  </Command.Item>
                ))}
              </Command.Group>
            )}
          </Command.List>
        </Command>
      )}
    </dialog>
  );
}
