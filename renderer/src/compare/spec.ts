import type { CompareSpec } from '../../../common/compare';

/**
 * Columns in the URL: `v:<versionId>` for a whole version, `s:<id>,<id>` for sections of one
 * version (a cell of the pilot grid). Anything else is not a column.
 */
export function parseSpec(value: string | null): CompareSpec | null {
  if (!value) return null;
  const version = /^v:(\d{1,15})$/.exec(value.trim());
  if (version) return { versionId: Number(version[1]) };
  const sections = /^s:(\d{1,15}(?:,\d{1,15})*)$/.exec(value.trim());
  if (sections) return { sectionIds: (sections[1] as string).split(',').map(Number) };
  return null;
}

export function formatSpec(spec: CompareSpec): string {
  return 'versionId' in spec ? `v:${spec.versionId}` : `s:${spec.sectionIds.join(',')}`;
}

/** The columns of a #/vergelijken link: links, rechts and up to two extra. */
export function parseColumns(params: URLSearchParams): { specs: CompareSpec[]; invalid: boolean } {
  const raw = [params.get('links'), params.get('rechts'), ...params.getAll('extra').slice(0, 2)];
  const specs = raw.map(parseSpec);
  const valid = specs.filter((s): s is CompareSpec => s !== null);
  return { specs: valid, invalid: valid.length !== raw.filter((r) => r !== null).length || valid.length < 2 };
}

/** The query of a #/vergelijken link; specs need no escaping, so the link stays readable. */
export function columnsQuery(specs: readonly CompareSpec[]): string {
  return specs.map((s, i) => `${i === 0 ? 'links' : i === 1 ? 'rechts' : 'extra'}=${formatSpec(s)}`).join('&');
}
