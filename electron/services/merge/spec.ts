/**
 * How one table takes part in a merge, declared rather than coded: what identifies a row across
 * workspaces, which columns point at other rows, which fields are compared (and how they read in
 * Dutch), and the few table rules (ordinals, numbers, what is never brought in). specs.ts holds the
 * declarations; plan.ts and apply.ts are the one engine that runs them all.
 */
import type { MergeKind } from '../../../common/merge.js';
import type { Db } from '../../../db/open.js';
import type { Ref, Row, Side } from './model.js';
import type { Placement, Texts } from './texts.js';

/**
 * hard: the row cannot be placed without it; soft: empty when it cannot be placed; weak: only
 * kept when you already have it (never makes a text come along).
 */
export type RefMode = 'hard' | 'soft' | 'weak';

export interface RefSpec {
  /** A spec's table, or 'standard' | 'organisation' | 'document_version' | 'section'. */
  table: string;
  mode?: RefMode;
}

export interface FieldSpec {
  column: string;
  label: string;
  /** How a value reads (refs read as the row they point at). */
  show?: (value: unknown, side: Side) => string;
}

/** Child rows that are part of a row's content: an annotation's tags, an item's leerlijnen. */
export interface SetSpec {
  label: string;
  table: string;
  /** The child column pointing at the row. */
  parent: string;
  /** The child column holding the member. */
  member: string;
  /** When the member is a row of another table (tag ids). */
  ref?: string;
  show: (members: unknown[], side: Side) => string;
}

/** A passage in a section (offsets into its text) that is placed again in your text. */
export interface SpanSpec {
  /** The label of the compared pseudo-field; null: the place is not compared. */
  label: string | null;
  section: string;
  start?: string;
  end?: string;
  quote?: string;
  /** Denormalised columns that follow the section. */
  version?: string;
  number?: string;
  heading?: string;
  versionLabel?: string;
  prefix?: string;
  suffix?: string;
  /** Annotations: anchor_state and original_quote follow; not found → 'los' on the version. */
  annotation?: boolean;
}

export interface Entry {
  spec: TableSpec | null;
  /** The table, or 'alignment_cell_section' / 'alignment_rejection' for the custom steps. */
  table: string;
  kind: MergeKind;
  /** Identity in your id space; also the conflict key. */
  key: string;
  their: Row;
  mine: Row | null;
  outcome: 'nieuw' | 'gelijk' | 'conflict' | 'overgeslagen';
  conflictType?: 'gewijzigd' | 'verwijderd';
  tombstone?: { at: string; actor: string; action: string };
  reason?: string;
  /** Skipped because what it belongs to is skipped: counted, not listed one by one. */
  cascaded?: boolean;
  refs: Map<string, Ref>;
  placements: Map<string, Placement>;
  /** Per set (by its table): their members, as refs into your workspace or as plain values. */
  members: Map<string, Array<{ token: string; ref?: Ref; value: unknown }>>;
  title: string;
  context: string | null;
  diffs: Array<{ label: string; mine: string; theirs: string; column: string }>;
}

export interface PlanCtx {
  mine: Side;
  theirs: Side;
  texts: Texts;
  /** Your row for a ref that is yours. */
  myRow(table: string, ref: Ref | undefined): Row | undefined;
}

export interface ApplyCtx {
  db: Db;
  actor: string;
  from: string;
  now: string;
  /** Your id for a ref: undefined when the thing it points at was not added (a choice kept yours). */
  myId(ref: Ref | undefined): number | string | null | undefined;
  /** coalesce(max(column) + 1, 0) within the scope (columns = values, NULL-safe). */
  next(table: string, column: string, scope: Record<string, unknown>): number;
}

export interface TableSpec {
  table: string;
  kind: MergeKind;
  /** ORDER BY for reading their rows: parents before children within the table. */
  order?: string;
  /** 'id' when the table has an id column; null for tables keyed by their columns. */
  pk: 'id' | null;
  /** The id is itself the stable id (annotation UUIDs): copied, not generated. */
  keepPk?: boolean;
  refs: Record<string, RefSpec>;
  /** Columns that identify a row across workspaces (refs compare as your ids). */
  identity: string[];
  /** Other ways to recognise the same row when the identity finds none (e.g. a tag by its path). */
  alternates?: string[][];
  /** An empty column counts as a value in alternates (a top-level tag has no parent); else skipped. */
  alternatesMatchNull?: boolean;
  /** Identity columns compared without regard to case. */
  nocase?: string[];
  fields: FieldSpec[];
  sets?: SetSpec[];
  spans?: SpanSpec[];
  /** Columns copied with their version on 'hun' besides the compared fields (who/when). */
  carry?: string[];
  title(row: Row, side: Side): string;
  context?(row: Row, side: Side): string | null;
  /** The group a row is counted in, when it is not always `kind`. */
  kindOf?(row: Row): MergeKind;
  /** A reason never to bring this row in (new or in conflict), or null. */
  skip?(entry: Entry, ctx: PlanCtx): string | null;
  /** Rows you deleted (from your audit log), keyed like Entry.key. */
  tombstones?(db: Db): Map<string, { at: string; actor: string; action: string }>;
  /** Adjusts the values of a new row (ordinals, numbers, labels) just before it is inserted. */
  beforeInsert?(values: Row, ctx: ApplyCtx, entry: Entry): void;
  afterInsert?(myId: number | string, values: Row, ctx: ApplyCtx): void;
  beforeUpdate?(values: Row, mine: Row, ctx: ApplyCtx): void;
  /** Whose history an audit entry about this row belongs to (entity, entity id). */
  auditOf(db: Db, myId: number | string): [string, string];
}
