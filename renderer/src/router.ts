import { useEffect, useState } from 'react';

/**
 * Hash routes, so every screen has a deep link that works the same over app:// and http://:
 * #/catalogus?q=adhd&type=richtlijn, #/standaard/<id>, #/standaard/<id>/bewerken, #/nieuw, #/over.
 */
export type Route =
  | { name: 'catalogue'; params: URLSearchParams }
  | { name: 'standard'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'new' }
  | { name: 'version'; id: string; versionId: number; sectionId: number | null; placeId: string | null; anchoring: { placed: number; moved: number; unplaced: number } | null }
  | { name: 'search'; params: URLSearchParams }
  | { name: 'lists' }
  | { name: 'list'; id: number; tab: string }
  | { name: 'codebook' }
  | { name: 'tags'; params: URLSearchParams }
  | { name: 'about' }
  | { name: 'workspace' }
  | { name: 'pilots' }
  | { name: 'pilot'; id: number; tab: string; params: URLSearchParams }
  | { name: 'compare'; params: URLSearchParams }
  | { name: 'rounds'; params: URLSearchParams }
  | { name: 'round'; id: number; tab: string }
  | { name: 'chain'; params: URLSearchParams }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/catalogus';
  const [path = '/', query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  if (parts.length === 0 || (parts[0] === 'catalogus' && parts.length === 1)) return { name: 'catalogue', params: new URLSearchParams(query) };
  if (parts[0] === 'standaard' && parts[1] && parts.length === 2) return { name: 'standard', id: parts[1] };
  if (parts[0] === 'standaard' && parts[1] && parts[2] === 'bewerken' && parts.length === 3) return { name: 'edit', id: parts[1] };
  if (parts[0] === 'standaard' && parts[1] && parts[2] === 'versie' && parts[3] && /^\d+$/.test(parts[3]) && parts.length === 4) {
    const search = new URLSearchParams(query);
    const section = search.get('sectie');
    const anchored = /^(\d+)-(\d+)-(\d+)$/.exec(search.get('verankerd') ?? '');
    return {
      name: 'version',
      id: parts[1],
      versionId: Number(parts[3]),
      sectionId: section && /^\d+$/.test(section) ? Number(section) : null,
      placeId: search.get('plaats'),
      anchoring: anchored ? { placed: Number(anchored[1]), moved: Number(anchored[2]), unplaced: Number(anchored[3]) } : null,
    };
  }
  if (parts[0] === 'codeboek' && parts.length === 1) return { name: 'codebook' };
  if (parts[0] === 'lijsten' && parts.length === 1) return { name: 'lists' };
  if (parts[0] === 'lijst' && parts[1] && /^\d+$/.test(parts[1]) && parts.length <= 3) return { name: 'list', id: Number(parts[1]), tab: parts[2] ?? 'items' };
  if (parts[0] === 'tags' && parts.length === 1) return { name: 'tags', params: new URLSearchParams(query) };
  if (parts[0] === 'zoeken' && parts.length === 1) return { name: 'search', params: new URLSearchParams(query) };
  if (parts[0] === 'nieuw' && parts.length === 1) return { name: 'new' };
  if (parts[0] === 'over' && parts.length === 1) return { name: 'about' };
  if (parts[0] === 'vergelijken' && parts.length === 1) return { name: 'compare', params: new URLSearchParams(query) };
  if (parts[0] === 'werkruimte' && parts.length === 1) return { name: 'workspace' };
  if (parts[0] === 'harmonisatie' && parts.length === 1) return { name: 'pilots' };
  if (parts[0] === 'pilot' && parts[1] && /^\d+$/.test(parts[1]) && parts.length <= 3) return { name: 'pilot', id: Number(parts[1]), tab: parts[2] ?? 'overzicht', params: new URLSearchParams(query) };
  if (parts[0] === 'rondes' && parts.length === 1) return { name: 'rounds', params: new URLSearchParams(query) };
  if (parts[0] === 'ronde' && parts[1] && /^\d+$/.test(parts[1]) && parts.length <= 3) return { name: 'round', id: Number(parts[1]), tab: parts[2] ?? 'commentaren' };
  if (parts[0] === 'keten' && parts.length === 1) return { name: 'chain', params: new URLSearchParams(query) };
  return { name: 'not-found', path };
}

export const href = {
  rounds: (params?: URLSearchParams) => `#/rondes${params && params.toString() ? `?${params.toString()}` : ''}`,
  round: (id: number, tab?: string) => `#/ronde/${id}${tab && tab !== 'commentaren' ? `/${tab}` : ''}`,
  /** The chain of a standard (?standaard=) or a pilot (?pilot=); neither is the whole programme. */
  chain: (scope: { standardId?: string | null; pilotId?: number | null } = {}) =>
    `#/keten${scope.standardId ? `?standaard=${encodeURIComponent(scope.standardId)}` : scope.pilotId ? `?pilot=${scope.pilotId}` : ''}`,
  catalogue: (params?: URLSearchParams) => `#/catalogus${params && params.toString() ? `?${params.toString()}` : ''}`,
  standard: (id: string) => `#/standaard/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/standaard/${encodeURIComponent(id)}/bewerken`,
  new: () => '#/nieuw',
  version: (id: string, versionId: number, sectionId?: number) => `#/standaard/${encodeURIComponent(id)}/versie/${versionId}${sectionId ? `?sectie=${sectionId}` : ''}`,
  search: (params?: URLSearchParams) => `#/zoeken${params && params.toString() ? `?${params.toString()}` : ''}`,
  about: () => '#/over',
  /** Columns as `v:<versionId>` or `s:<sectionId>,<sectionId>`; the first is the reference. */
  compare: (left: string, right: string, extra: readonly string[] = []) => `#/vergelijken?links=${left}&rechts=${right}${extra.map((e) => `&extra=${e}`).join('')}`,
  workspace: () => '#/werkruimte',
  codebook: () => '#/codeboek',
  lists: () => '#/lijsten',
  list: (id: number, tab?: string) => `#/lijst/${id}${tab && tab !== 'items' ? `/${tab}` : ''}`,
  tags: (params?: URLSearchParams) => `#/tags${params && params.toString() ? `?${params.toString()}` : ''}`,
  pilots: () => '#/harmonisatie',
  pilot: (id: number, tab?: string, params?: URLSearchParams) => `#/pilot/${id}${tab && tab !== 'overzicht' ? `/${tab}` : params && params.toString() ? '/overzicht' : ''}${params && params.toString() ? `?${params.toString()}` : ''}`,
};

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    history.replaceState(null, '', to);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = to.replace(/^#/, '');
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
