/**
 * Small formatting helpers for the report model: Dutch dates in the programme's time zone (so a
 * report says the same wherever it is generated), counts with the right noun, and cutting long
 * texts at a word boundary.
 */
import type { PilotVersion } from '../../../common/pilots.js';

const ZONE = 'Europe/Amsterdam';
const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE });
const shortDateTime = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: ZONE });
const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: ZONE });

/** "12 maart 2026". A plain YYYY-MM-DD is a calendar day and is not shifted by time zones. */
export function dutchDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate.format(new Date(`${value}T12:00:00Z`));
  return longDate.format(typeof value === 'string' ? new Date(value) : value);
}

/** "12-03-2026 14:05" for an ISO timestamp. */
export function dutchDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : shortDateTime.format(d).replace(',', '');
}

/** YYYY-MM-DD of the day in the Netherlands. */
export function dayOf(date: Date): string {
  return isoDay.format(date);
}

/** "3 thema's", "1 thema". */
export const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A text cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function cut(text: string, max: number): { text: string; cut: boolean } {
  const clean = text.trim();
  if (clean.length <= max) return { text: clean, cut: false };
  const slice = clean.slice(0, max);
  const space = slice.lastIndexOf(' ');
  return { text: `${(space > max * 0.6 ? slice.slice(0, space) : slice).trimEnd()}…`, cut: true };
}

export const words = (text: string): number => (text.match(/\S+/g) ?? []).length;

/** "Aanvullend" for 'aanvullend'; for value lists without their own labels. */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');

/** Dutch enumeration: "A, B en C". */
export function enumerate(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}

/**
 * The column name of a version: the standard's short title, with the version label when the pilot
 * holds two versions of one standard.
 */
export function versionNames(versions: readonly PilotVersion[]): Map<number, string> {
  const perStandard = new Map<string, number>();
  for (const v of versions) perStandard.set(v.standardId, (perStandard.get(v.standardId) ?? 0) + 1);
  return new Map(
    versions.map((v) => {
      const name = v.standardShortTitle ?? v.standardTitle;
      return [v.versionId, (perStandard.get(v.standardId) ?? 0) > 1 ? `${name} (${v.label})` : name];
    }),
  );
}

/** Equal widths for a table's columns after fixed shares for the first ones. */
export function widths(first: readonly number[], columns: number): number[] {
  const used = first.reduce((a, b) => a + b, 0);
  const rest = columns - first.length;
  return [...first, ...Array.from({ length: rest }, () => Math.round(((100 - used) / Math.max(1, rest)) * 10) / 10)];
}
