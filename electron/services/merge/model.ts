/**
 * The vocabulary of merging: a Side (your workspace or the colleague's copy, read whole tables at a
 * time and cached), references translated into "your id space" (Ref), and the Dutch display of
 * values. Everything here only reads.
 */
import type { Db } from '../../../db/open.js';

export type Row = Record<string, unknown>;

/** One database taking part in a merge. Rows are read once per plan; a plan never writes. */
export class Side {
  private readonly tables = new Map<string, Row[]>();
  private readonly indexes = new Map<string, Map<unknown, Row>>();
  private readonly columnNames = new Map<string, string[]>();
  private headQuery: ReturnType<Db['prepare']> | null = null;
  private readonly heads = new Map<unknown, { id: number; version_id: number; ordinal: number; number: string | null; heading: string } | undefined>();

  constructor(
    readonly db: Db,
    readonly who: 'mijn' | 'hun',
  ) {}

  /** Every row of a table, in `order` (the table's rowid order by default). */
  rows(table: string, order = 'rowid'): Row[] {
    const key = `${table} ${order}`;
    let rows = this.tables.get(key);
    if (!rows) {
      rows = this.db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).all() as Row[];
      this.tables.set(key, rows);
    }
    return rows;
  }

  /** A row by its `id` column (tables with one). */
  byId(table: string, id: unknown): Row | undefined {
    if (id === null || id === undefined) return undefined;
    let index = this.indexes.get(table);
    if (!index) {
      index = new Map(this.rows(table).map((r) => [r.id, r]));
      this.indexes.set(table, index);
    }
    return index.get(id);
  }

  /** A section's place and heading, without its text (sections are the one big table). */
  sectionHead(id: unknown): { id: number; version_id: number; ordinal: number; number: string | null; heading: string } | undefined {
    if (id === null || id === undefined) return undefined;
    if (!this.heads.has(id)) {
      this.headQuery ??= this.db.prepare('SELECT id, version_id, ordinal, number, heading FROM section WHERE id = ?');
      this.heads.set(id, this.headQuery.get(id) as never);
    }
    return this.heads.get(id);
  }

  columns(table: string): string[] {
    let names = this.columnNames.get(table);
    if (!names) {
      names = (this.db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table) as Array<{ name: string }>).map((c) => c.name);
      this.columnNames.set(table, names);
    }
    return names;
  }
}

/**
 * A reference of the colleague's row, translated into your workspace:
 * - null: the column is empty;
 * - mine: it is (or matches) your row with this id;
 * - new: their row that the merge adds (its id in their file); it gets your id on apply;
 * - lost: it cannot be placed in your workspace (the reason says why, in Dutch).
 */
export type Ref =
  | { kind: 'null' }
  | { kind: 'mine'; id: number | string }
  | { kind: 'new'; table: string; theirId: number | string }
  /** cascade: lost because what it belongs to is not brought in (counted, not listed). */
  | { kind: 'lost'; reason: string; cascade?: boolean };

export const NULL_REF: Ref = { kind: 'null' };

/** A comparable string for a ref: two refs with the same token point at the same thing. */
export function tokenOf(ref: Ref): string {
  switch (ref.kind) {
    case 'null':
      return 'null';
    case 'mine':
      return `m:${ref.id}`;
    case 'new':
      return `n:${ref.table}:${ref.theirId}`;
    case 'lost':
      return 'x';
  }
}

export const mineRef = (id: unknown): Ref => (id === null || id === undefined ? NULL_REF : { kind: 'mine', id: id as number | string });

// ---------------------------------------------------------------------------------------------
// Display (Dutch)

export const EMPTY = '—';

export function clip(text: unknown, max = 80): string {
  const s = String(text ?? '').replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

export const showText = (v: unknown): string => (v === null || v === undefined || String(v).trim() === '' ? EMPTY : String(v));

export const showEnum =
  (labels: Record<string, string>) =>
  (v: unknown): string =>
    v === null || v === undefined ? EMPTY : (labels[String(v)] ?? String(v));

/** A JSON array column ("[\"wetenschap\",\"praktijk\"]"), each value through its label. */
export const showJsonList =
  (labels: Record<string, string> = {}) =>
  (v: unknown): string => {
    let values: unknown[] = [];
    try {
      const parsed = JSON.parse(String(v ?? '[]')) as unknown;
      if (Array.isArray(parsed)) values = parsed;
    } catch {
      return showText(v);
    }
    return values.length ? values.map((x) => labels[String(x)] ?? String(x)).join(', ') : EMPTY;
  };

export const showBool = (v: unknown): string => (v === null || v === undefined ? EMPTY : Number(v) ? 'ja' : 'nee');

export const showPercent = (v: unknown): string => (typeof v === 'number' ? `${Math.round(v * 100)} %` : showText(v));

const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short' });

export function showDateTime(iso: unknown): string {
  if (typeof iso !== 'string') return EMPTY;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** "Zorgstandaard ADHD – Gepubliceerd 2019" for a version row's id on a side. */
export function versionName(side: Side, versionId: unknown): string {
  const v = side.byId('document_version', versionId);
  if (!v) return EMPTY;
  const s = side.byId('standard', v.standard_id);
  return `${String(s?.short_title ?? s?.title ?? v.standard_id)} – ${String(v.label)}`;
}

export function sectionName(side: Side, sectionId: unknown): string {
  const s = side.sectionHead(sectionId);
  if (!s) return EMPTY;
  return [s.number, s.heading].filter((x) => x !== null && x !== undefined && String(x).trim() !== '').join(' ');
}

export function standardName(side: Side, standardId: unknown): string {
  const s = side.byId('standard', standardId);
  return s ? String(s.short_title ?? s.title) : showText(standardId);
}

/** Who changed a row last and when, from whichever of the usual columns it has. */
export function changedNote(row: Row | null | undefined): string | null {
  if (!row) return null;
  const who = ['updated_by', 'decided_by', 'answered_by', 'recorded_by', 'created_by', 'author', 'imported_by'].map((c) => row[c]).find((v) => typeof v === 'string' && v.trim());
  const when = ['updated_at', 'decided_at', 'answered_at', 'voted_at', 'created_at', 'imported_at'].map((c) => row[c]).find((v) => typeof v === 'string' && v.trim());
  if (!who && !when) return null;
  return ['gewijzigd', who ? `door ${String(who)}` : '', when ? `op ${showDateTime(when)}` : ''].filter(Boolean).join(' ');
}
