/**
 * Carries out a merge plan inside the caller's transaction: new rows are inserted (with your ids
 * for everything they point at, texts copied from the file where needed), conflicts resolved
 * 'hun' overwrite your row with theirs and leave an audit entry with what was there before, and
 * 'mijn' leaves yours alone. What belongs to something you chose not to bring back (a row you
 * deleted and keep deleted) is skipped with it. Anything that throws rolls the whole merge back.
 */
import type Database from 'better-sqlite3';
import { MERGE_KIND_LABEL, MERGE_KINDS, type MergeChoice, type MergeKind, type MergeKindResult } from '../../../common/merge.js';
import type { Db } from '../../../db/open.js';
import { writeAudit } from '../../../db/queries/audit.js';
import { contextOf } from '../anchoring.js';
import type { Ref, Row } from './model.js';
import type { Plan } from './plan.js';
import type { ApplyCtx, Entry, SpanSpec, TableSpec } from './spec.js';
import type { Placement } from './texts.js';

export interface ApplyOptions {
  actor: string;
  /** Who the file is from, for audit entries and labels. */
  from: string;
  now: string;
}

export interface ApplyOutcome {
  counts: MergeKindResult[];
  textsImported: string[];
  /** Titles of what was added, for the audit entry. */
  added: string[];
}

export function applyPlan(db: Db, plan: Plan, choices: Record<string, MergeChoice>, options: ApplyOptions): ApplyOutcome {
  const inserted = new Map<string, Map<unknown, number | string>>();
  const statements = new Map<string, Database.Statement<unknown[]>>();
  const prepare = (sql: string): Database.Statement<unknown[]> => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare<unknown[]>(sql)));
    return s;
  };
  const counts = new Map<MergeKind, MergeKindResult>(
    MERGE_KINDS.map((kind) => [kind, { kind, label: MERGE_KIND_LABEL[kind], toegevoegd: 0, overgenomen: 0, behouden: 0, overgeslagen: 0 }]),
  );
  const added: string[] = [];
  const { texts } = plan;

  const myId = (ref: Ref | undefined): number | string | null | undefined => {
    if (!ref || ref.kind === 'null') return null;
    if (ref.kind === 'mine') return ref.id;
    if (ref.kind === 'lost') return undefined;
    if (ref.table === 'document_version') return texts.myVersion(db, ref, options.actor, options.from) ?? undefined;
    if (ref.table === 'section') return texts.mySection(db, ref, options.actor, options.from) ?? undefined;
    return inserted.get(ref.table)?.get(ref.theirId);
  };
  const ctx: ApplyCtx = {
    db,
    actor: options.actor,
    from: options.from,
    now: options.now,
    myId,
    next(table, column, scope) {
      const cols = Object.keys(scope);
      const where = cols.length ? `WHERE ${cols.map((c) => `"${c}" IS ?`).join(' AND ')}` : '';
      return prepare(`SELECT coalesce(max("${column}") + 1, 0) FROM "${table}" ${where}`).pluck().get(...cols.map((c) => scope[c])) as number;
    },
  };

  const remember = (table: string, theirKey: unknown, id: number | string) => {
    let map = inserted.get(table);
    if (!map) inserted.set(table, (map = new Map()));
    map.set(theirKey, id);
  };

  /** Writes where a passage lands into `values`; false when the row cannot do without it. */
  function place(values: Row, span: SpanSpec, p: Placement, their: Row): void {
    let sectionId: number | null = null;
    let start: number | null = null;
    let end: number | null = null;
    let quote: string | null = span.quote ? ((their[span.quote] as string | null) ?? null) : null;
    let exact = true;
    if (p.kind === 'mine') {
      ({ sectionId, start, end } = p);
      quote = p.quote ?? quote;
      exact = p.exact;
    } else if (p.kind === 'new') {
      sectionId = texts.mySection(db, { kind: 'new', table: 'section', theirId: p.theirSectionId }, options.actor, options.from);
      ({ start, end } = p);
    }
    values[span.section] = sectionId;
    if (span.start) values[span.start] = sectionId === null ? null : start;
    if (span.end) values[span.end] = sectionId === null ? null : end;
    if (span.quote) values[span.quote] = quote;
    if (sectionId === null) {
      if (p.kind === 'loose' && span.version) values[span.version] = myId(p.version) ?? null;
      if (span.annotation) values.anchor_state = 'los';
      return;
    }
    const section = prepare('SELECT s.version_id, s.number, s.heading, s.text, v.label FROM section s JOIN document_version v ON v.id = s.version_id WHERE s.id = ?').get(sectionId) as {
      version_id: number;
      number: string | null;
      heading: string;
      text: string;
      label: string;
    };
    if (span.version) values[span.version] = section.version_id;
    if (span.number) values[span.number] = section.number;
    if (span.heading) values[span.heading] = section.heading;
    if (span.versionLabel) values[span.versionLabel] = section.label;
    if (span.annotation && start !== null && end !== null) {
      const context = contextOf(section.text, start, end);
      if (span.prefix) values[span.prefix] = context.prefix;
      if (span.suffix) values[span.suffix] = context.suffix;
      const original = their.original_quote ?? their.quote;
      values.original_quote = quote === their.quote ? their.original_quote : original;
      values.anchor_state = !exact ? 'verplaatst' : their.anchor_state === 'los' ? 'geplaatst' : their.anchor_state;
    }
  }

  function setMembers(spec: TableSpec, entry: Entry, id: number | string): void {
    for (const set of spec.sets ?? []) {
      prepare(`DELETE FROM "${set.table}" WHERE "${set.parent}" = ?`).run(id);
      const insert = prepare(`INSERT OR IGNORE INTO "${set.table}" ("${set.parent}", "${set.member}") VALUES (?, ?)`);
      for (const m of entry.members.get(set.table) ?? []) {
        const value = m.ref ? myId(m.ref) : m.value;
        if (value !== undefined && value !== null) insert.run(id, value);
      }
    }
  }

  /** Inserts their row; false when something it needs was not brought in. */
  function insert(spec: TableSpec, entry: Entry): boolean {
    const their = entry.their;
    const columns = plan.mine.columns(spec.table).filter((c) => c !== 'id' || spec.keepPk);
    const values: Row = {};
    const selfRefs: string[] = [];
    for (const c of columns) {
      const target = spec.refs[c];
      if (!target) {
        values[c] = their[c] ?? null;
        continue;
      }
      const ref = entry.refs.get(c);
      if (ref?.kind === 'new' && ref.table === spec.table && ref.theirId === their.id) {
        // The first version of a list names itself as its series: set once its id is known.
        values[c] = -1;
        selfRefs.push(c);
        continue;
      }
      const id = myId(ref);
      if (id === undefined && (target.mode ?? 'hard') === 'hard') return false;
      values[c] = id ?? null;
    }
    for (const span of spec.spans ?? []) place(values, span, entry.placements.get(span.section) as Placement, their);
    spec.beforeInsert?.(values, ctx, entry);
    const names = Object.keys(values);
    const result = prepare(`INSERT INTO "${spec.table}" (${names.map((c) => `"${c}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...names.map((c) => values[c]));
    const id = spec.keepPk ? (their.id as string) : Number(result.lastInsertRowid);
    for (const c of selfRefs) prepare(`UPDATE "${spec.table}" SET "${c}" = ? WHERE id = ?`).run(id, id);
    if (spec.pk) remember(spec.table, their.id, id);
    setMembers(spec, entry, id);
    spec.afterInsert?.(id, values, ctx);
    return true;
  }

  /** Overwrites your row with theirs (a conflict resolved 'hun'), recording what was there. */
  function overwrite(spec: TableSpec, entry: Entry): boolean {
    const mine = entry.mine as Row;
    const their = entry.their;
    const values: Row = {};
    for (const f of spec.fields) {
      if (!spec.refs[f.column]) {
        values[f.column] = their[f.column] ?? null;
        continue;
      }
      const id = myId(entry.refs.get(f.column));
      if (id === undefined && (spec.refs[f.column]?.mode ?? 'hard') === 'hard') return false;
      values[f.column] = id ?? null;
    }
    for (const c of spec.carry ?? []) values[c] = their[c] ?? null;
    for (const span of spec.spans ?? []) if (span.label !== null) place(values, span, entry.placements.get(span.section) as Placement, their);
    spec.beforeUpdate?.(values, mine, ctx);
    const names = Object.keys(values);
    prepare(`UPDATE "${spec.table}" SET ${names.map((c) => `"${c}" = ?`).join(', ')} WHERE id = ?`).run(...names.map((c) => values[c]), mine.id);
    if (spec.sets?.length) setMembers(spec, entry, mine.id as number | string);
    const [entity, entityId] = spec.auditOf(db, mine.id as number | string);
    writeAudit(
      db,
      {
        actor: options.actor,
        action: 'overgenomen bij samenvoegen',
        entity,
        entityId,
        details: {
          van: options.from,
          wat: entry.title,
          velden: entry.diffs.map((d) => ({ veld: d.label, was: d.mine, wordt: d.theirs })),
          // The raw values that were overwritten, so nothing is lost (restore by hand if needed).
          eerder: Object.fromEntries(names.map((c) => [c, mine[c] ?? null])),
        },
      },
      options.now,
    );
    return true;
  }

  /** Something you deleted and chose to have back from their file: inserted, and on record. */
  function restore(spec: TableSpec, entry: Entry): boolean {
    if (!insert(spec, entry)) return false;
    const id = spec.keepPk ? (entry.their.id as string) : (inserted.get(spec.table)?.get(entry.their.id) as number);
    const [entity, entityId] = spec.auditOf(db, id);
    writeAudit(db, { actor: options.actor, action: 'teruggezet bij samenvoegen', entity, entityId, details: { van: options.from, wat: entry.title, eerderVerwijderd: entry.tombstone ?? null } }, options.now);
    return true;
  }

  /** A section of theirs into the row of theirs, in the cell of its version. */
  function placeSection(entry: Entry, moveFrom: Row | null): boolean {
    const cell = myId(entry.refs.get('cell_id'));
    const section = myId(entry.refs.get('section_id'));
    if (cell === undefined || cell === null || section === undefined || section === null) return false;
    if (moveFrom) prepare('DELETE FROM alignment_cell_section WHERE cell_id = ? AND section_id = ?').run(moveFrom.cell_id, section);
    const pilot = prepare('SELECT r.pilot_id FROM alignment_cell c JOIN alignment_row r ON r.id = c.row_id WHERE c.id = ?').pluck().get(cell);
    // A section sits in one row per pilot; one placed meanwhile by another choice stays there.
    const taken = prepare(
      'SELECT 1 FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id WHERE cs.section_id = ? AND r.pilot_id = ?',
    ).get(section, pilot);
    if (taken) return false;
    prepare('INSERT INTO alignment_cell_section (cell_id, section_id, ordinal, confidence) VALUES (?, ?, ?, ?)').run(cell, section, ctx.next('alignment_cell_section', 'ordinal', { cell_id: cell }), entry.their.confidence ?? null);
    if (moveFrom) {
      writeAudit(
        db,
        { actor: options.actor, action: 'overgenomen bij samenvoegen', entity: 'pilot', entityId: String(pilot), details: { van: options.from, wat: entry.title, velden: entry.diffs.map((d) => ({ veld: d.label, was: d.mine, wordt: d.theirs })) } },
        options.now,
      );
    }
    return true;
  }

  function addRejection(entry: Entry): boolean {
    const pilot = myId(entry.refs.get('pilot_id'));
    const a = myId(entry.refs.get('section_a'));
    const b = myId(entry.refs.get('section_b'));
    if (pilot == null || a == null || b == null || a === b) return false;
    const [lo, hi] = [Number(a), Number(b)].sort((x, y) => x - y);
    prepare('INSERT OR IGNORE INTO alignment_rejection (pilot_id, section_a, section_b) VALUES (?, ?, ?)').run(pilot, lo, hi);
    return true;
  }

  for (const entry of plan.entries) {
    const c = counts.get(entry.kind) as MergeKindResult;
    if (entry.outcome === 'gelijk') {
      if (entry.spec?.pk && entry.mine) remember(entry.table, entry.their.id, entry.mine.id as number | string);
      continue;
    }
    if (entry.outcome === 'overgeslagen') {
      c.overgeslagen++;
      continue;
    }
    const choice: MergeChoice = entry.outcome === 'nieuw' ? 'hun' : (choices[entry.key] as MergeChoice);
    if (entry.outcome === 'conflict' && choice === 'mijn') {
      if (entry.spec?.pk && entry.mine) remember(entry.table, entry.their.id, entry.mine.id as number | string);
      c.behouden++;
      continue;
    }
    let done: boolean;
    if (entry.table === 'alignment_cell_section') done = placeSection(entry, entry.outcome === 'conflict' ? entry.mine : null);
    else if (entry.table === 'alignment_rejection') done = addRejection(entry);
    else if (entry.outcome === 'nieuw') done = insert(entry.spec as TableSpec, entry);
    else if (entry.conflictType === 'verwijderd') done = restore(entry.spec as TableSpec, entry);
    else {
      done = overwrite(entry.spec as TableSpec, entry);
      if (entry.spec?.pk && entry.mine) remember(entry.table, entry.their.id, entry.mine.id as number | string);
    }
    if (!done) c.overgeslagen++;
    else if (entry.outcome === 'nieuw') {
      c.toegevoegd++;
      added.push(entry.title);
    } else c.overgenomen++;
  }
  return { counts: [...counts.values()], textsImported: texts.importedLabels, added };
}
