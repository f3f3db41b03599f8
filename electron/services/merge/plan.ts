/**
 * The merge plan: every row of the colleague's file, table by table, classified against your
 * workspace as new (only theirs), identical, in conflict (both have it, with different content; or
 * you deleted it and they still have it) or skipped (cannot be placed, with the reason). Only reads:
 * the plan is computed for the preview and again inside the apply transaction, and the two must
 * come out the same (fingerprint), so apply acts on exactly what the user saw.
 */
import { createHash } from 'node:crypto';
import { MERGE_KIND_LABEL, MERGE_KINDS, type MergeConflict, type MergeKind, type MergeKindCount, type MergePlan, type MergeSkipped } from '../../../common/merge.js';
import type { ProjectInfo } from '../../../common/workspace.js';
import type { Db } from '../../../db/open.js';
import { changedNote, clip, EMPTY, mineRef, NULL_REF, type Ref, type Row, Side, sectionName, showDateTime, tokenOf, versionName } from './model.js';
import type { Entry, PlanCtx, RefSpec, SpanSpec, TableSpec } from './spec.js';
import { SPECS } from './specs.js';
import { placementToken, Texts, type Placement } from './texts.js';

export interface Plan {
  entries: Entry[];
  /** table → their id (or key, for tables without one) → entry. */
  byTheir: Map<string, Map<unknown, Entry>>;
  mine: Side;
  theirs: Side;
  texts: Texts;
  fingerprint: string;
}

const keyOf = (table: string, parts: string[]) => `${table}|${parts.join('|')}`;
const isPending = (token: string) => token.startsWith('n:') || token === 'x';

/** The comparable form of a plain value. */
const canon = (v: unknown) => JSON.stringify(v ?? null);

function identityValue(spec: TableSpec, column: string, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return spec.nocase?.includes(column) ? String(value).toLowerCase() : String(value);
}

/** Members of a set per parent id, on one side. */
function membersByParent(side: Side, table: string, parent: string, member: string): Map<unknown, unknown[]> {
  const map = new Map<unknown, unknown[]>();
  for (const r of side.rows(table, `${parent}, ${member}`)) {
    const list = map.get(r[parent]) ?? [];
    list.push(r[member]);
    map.set(r[parent], list);
  }
  return map;
}

/** Where one of your rows' passages is, as a token comparable with placementToken. */
function myPlacementToken(row: Row, span: SpanSpec): string {
  const section = row[span.section];
  if (section === null || section === undefined) {
    if (!span.annotation) return 'null';
    const version = span.version ? row[span.version] : null;
    return `los:${version === null || version === undefined ? 'x' : `m:${String(version)}`}`;
  }
  const start = span.start ? (row[span.start] ?? '') : '';
  const end = span.end ? (row[span.end] ?? '') : '';
  return `m:${String(section)}:${String(start)}-${String(end)}`;
}

/** A passage as it reads on its own side: "Zorgstandaard ADHD – 2019 › 4 Medicatie: “…”". */
function showPlace(side: Side, row: Row, span: SpanSpec): string {
  const section = row[span.section];
  const version = span.version ? row[span.version] : side.sectionHead(section)?.version_id;
  if (section === null || section === undefined) return span.annotation ? `Niet geplaatst${version ? ` (${versionName(side, version)})` : ''}` : EMPTY;
  const quote = span.quote ? row[span.quote] : null;
  return `${versionName(side, side.sectionHead(section)?.version_id ?? version)} › ${sectionName(side, section)}${quote ? `: “${clip(quote, 120)}”` : ''}`;
}

export function computePlan(mineDb: Db, theirsDb: Db): Plan {
  const mine = new Side(mineDb, 'mijn');
  const theirs = new Side(theirsDb, 'hun');
  const texts = new Texts(mine, theirs);
  const entries: Entry[] = [];
  const byTheir = new Map<string, Map<unknown, Entry>>();
  const ctx: PlanCtx = { mine, theirs, texts, myRow: (table, ref) => (ref?.kind === 'mine' ? mine.byId(table, ref.id) : undefined) };

  const register = (table: string, id: unknown, entry: Entry) => {
    let map = byTheir.get(table);
    if (!map) byTheir.set(table, (map = new Map()));
    map.set(id, entry);
    entries.push(entry);
  };

  /** A their-side reference, translated into your workspace. */
  function resolve(target: RefSpec, value: unknown, self?: { table: string; id: unknown }): Ref {
    if (value === null || value === undefined) return NULL_REF;
    // A row naming itself (the first version of a list is its own series): settled on insert.
    if (self && target.table === self.table && value === self.id) return { kind: 'new', table: self.table, theirId: value as number };
    switch (target.table) {
      case 'standard':
        return texts.standardRef(value);
      case 'organisation':
        return texts.organisationRef(value);
      case 'document_version':
        return texts.versionRef(value);
      case 'section':
        return texts.sectionRef(value);
    }
    const entry = byTheir.get(target.table)?.get(value);
    if (!entry) return { kind: 'lost', reason: 'Waar het bij hoort, ontbreekt in het projectbestand.' };
    if (entry.outcome === 'overgeslagen') return { kind: 'lost', reason: `Hoort bij iets dat niet wordt overgenomen (${entry.title}).`, cascade: true };
    if (entry.mine) return mineRef(entry.mine.id);
    return { kind: 'new', table: target.table, theirId: value as number | string };
  }

  /** Soft refs that cannot be placed become empty; weak refs are kept only when you have the row. */
  function effective(target: RefSpec, ref: Ref): Ref {
    const mode = target.mode ?? 'hard';
    if (mode === 'soft' && ref.kind === 'lost') return NULL_REF;
    if (mode === 'weak' && ref.kind !== 'mine') return NULL_REF;
    return ref;
  }

  function planTable(spec: TableSpec): void {
    const order = spec.order ?? (spec.pk ? 'id' : 'rowid');
    const tombstones = spec.tombstones?.(mineDb) ?? new Map<string, { at: string; actor: string; action: string }>();
    const myKeys = new Map<string, Row>();
    const myAlternates = (spec.alternates ?? []).map(() => new Map<string, Row>());
    for (const r of mine.rows(spec.table, order)) {
      const get = (c: string) => (spec.refs[c] ? tokenOf(mineRef(r[c])) : identityValue(spec, c, r[c]));
      myKeys.set(keyOf(spec.table, spec.identity.map(get)), r);
      spec.alternates?.forEach((cols, i) => {
        const parts = cols.map(get);
        if (spec.alternatesMatchNull || !parts.includes('null')) (myAlternates[i] as Map<string, Row>).set(keyOf(spec.table, parts), r);
      });
    }
    const myMembers = (spec.sets ?? []).map((s) => membersByParent(mine, s.table, s.parent, s.member));
    const theirMembers = (spec.sets ?? []).map((s) => membersByParent(theirs, s.table, s.parent, s.member));
    const matched = new Set<unknown>();

    let rows = theirs.rows(spec.table, order);
    if (spec.table === 'tag') rows = parentsFirst(rows);
    for (const their of rows) {
      const refs = new Map<string, Ref>();
      for (const [c, target] of Object.entries(spec.refs)) refs.set(c, effective(target, resolve(target, their[c], { table: spec.table, id: their.id })));
      const get = (c: string) => (spec.refs[c] ? tokenOf(refs.get(c) as Ref) : identityValue(spec, c, their[c]));
      const parts = spec.identity.map(get);
      const key = keyOf(spec.table, parts);
      const entry: Entry = {
        spec,
        table: spec.table,
        kind: spec.kindOf?.(their) ?? spec.kind,
        key,
        their,
        mine: null,
        outcome: 'nieuw',
        refs,
        placements: new Map(),
        members: new Map(),
        title: spec.title(their, theirs),
        context: spec.context?.(their, theirs) ?? null,
        diffs: [],
      };
      for (const span of spec.spans ?? []) entry.placements.set(span.section, placeSpan(span, their, refs));
      (spec.sets ?? []).forEach((set, i) => {
        const values = (theirMembers[i] as Map<unknown, unknown[]>).get(their.id) ?? [];
        entry.members.set(
          set.table,
          values.map((value) => {
            if (!set.ref) return { token: canon(value), value };
            const ref = resolve({ table: set.ref }, value);
            return { token: tokenOf(ref), ref, value };
          }),
        );
      });

      const lost = [...refs.entries()].find(([, ref]) => ref.kind === 'lost');
      if (lost) {
        const ref = lost[1] as Extract<Ref, { kind: 'lost' }>;
        entry.outcome = 'overgeslagen';
        entry.reason = ref.reason;
        entry.cascaded = ref.cascade === true;
      } else {
        let found = parts.some(isPending) ? undefined : myKeys.get(key);
        if (!found) {
          spec.alternates?.forEach((cols, i) => {
            if (found) return;
            const alt = cols.map(get);
            if ((!spec.alternatesMatchNull && alt.includes('null')) || alt.some(isPending)) return;
            const candidate = (myAlternates[i] as Map<string, Row>).get(keyOf(spec.table, alt));
            if (candidate && !matched.has(candidate)) found = candidate;
          });
        }
        if (found) matched.add(found);
        entry.mine = found ?? null;
        const skip = spec.skip?.(entry, ctx) ?? null;
        const placeLost = [...entry.placements.values()].find((p) => p.kind === 'lost' && spec.spans?.some((s) => s.annotation));
        if (skip) {
          entry.outcome = 'overgeslagen';
          entry.reason = skip;
        } else if (placeLost?.kind === 'lost') {
          entry.outcome = 'overgeslagen';
          entry.reason = placeLost.reason;
        } else if (!found) {
          const tomb = tombstones.get(key);
          if (tomb) {
            entry.outcome = 'conflict';
            entry.conflictType = 'verwijderd';
            entry.tombstone = tomb;
          }
        } else {
          entry.diffs = compare(spec, entry, found, myMembers);
          entry.outcome = entry.diffs.length ? 'conflict' : 'gelijk';
          if (entry.outcome === 'conflict') entry.conflictType = 'gewijzigd';
        }
      }
      if (entry.outcome === 'nieuw' || entry.outcome === 'conflict') {
        for (const ref of refs.values()) texts.note(ref);
        for (const p of entry.placements.values()) {
          if (p.kind === 'new') texts.note({ kind: 'new', table: 'section', theirId: p.theirSectionId });
          if (p.kind === 'loose') texts.note(p.version);
        }
      }
      register(spec.table, spec.pk ? their.id : key, entry);
    }
  }

  function placeSpan(span: SpanSpec, their: Row, refs: Map<string, Ref>): Placement {
    const section = their[span.section];
    if (section === null || section === undefined) {
      if (!span.annotation) return { kind: 'none' };
      const version = refs.get(span.version ?? '') ?? NULL_REF;
      return version.kind === 'null' ? { kind: 'none' } : version.kind === 'lost' ? { kind: 'lost', reason: version.reason } : { kind: 'loose', version };
    }
    return texts.place({
      sectionId: section as number,
      start: span.start ? ((their[span.start] as number | null) ?? null) : null,
      end: span.end ? ((their[span.end] as number | null) ?? null) : null,
      quote: span.quote ? ((their[span.quote] as string | null) ?? null) : null,
      prefix: span.prefix ? String(their[span.prefix] ?? '') : '',
      suffix: span.suffix ? String(their[span.suffix] ?? '') : '',
      sectionNumber: span.number ? ((their[span.number] as string | null) ?? null) : null,
      sectionHeading: span.heading ? ((their[span.heading] as string | null) ?? null) : null,
    });
  }

  function compare(spec: TableSpec, entry: Entry, mineRow: Row, myMembers: Array<Map<unknown, unknown[]>>): Entry['diffs'] {
    const diffs: Entry['diffs'] = [];
    const their = entry.their;
    for (const f of spec.fields) {
      const ref = spec.refs[f.column];
      const t = ref ? tokenOf(entry.refs.get(f.column) as Ref) : canon(their[f.column]);
      const m = ref ? tokenOf(mineRef(mineRow[f.column])) : canon(mineRow[f.column]);
      if (t === m) continue;
      const show = f.show ?? ((v: unknown) => (v === null || v === undefined || String(v).trim() === '' ? EMPTY : String(v)));
      diffs.push({ column: f.column, label: f.label, mine: show(mineRow[f.column], mine), theirs: show(their[f.column], theirs) });
    }
    (spec.sets ?? []).forEach((set, i) => {
      const theirTokens = (entry.members.get(set.table) ?? []).map((m) => m.token).sort();
      const myValues = (myMembers[i] as Map<unknown, unknown[]>).get(mineRow.id) ?? [];
      const myTokens = myValues.map((v) => (set.ref ? tokenOf(mineRef(v)) : canon(v))).sort();
      if (theirTokens.join('\n') === myTokens.join('\n')) return;
      const theirValues = (entry.members.get(set.table) ?? []).map((m) => m.value);
      diffs.push({ column: set.table, label: set.label, mine: set.show(myValues, mine), theirs: set.show(theirValues, theirs) });
    });
    for (const span of spec.spans ?? []) {
      if (span.label === null) continue;
      const p = entry.placements.get(span.section) as Placement;
      if (placementToken(p) === myPlacementToken(mineRow, span)) continue;
      diffs.push({ column: span.section, label: span.label, mine: showPlace(mine, mineRow, span), theirs: showPlace(theirs, their, span) });
    }
    return diffs;
  }

  for (const spec of SPECS) {
    planTable(spec);
    if (spec.table === 'alignment_cell') {
      planPlacements();
      planRejections();
    }
  }

  /**
   * The sections in the grid: per pilot a section sits in at most one row. Theirs is new when you
   * have not placed the section; in conflict when you placed it in another row.
   */
  function planPlacements(): void {
    const sql = `SELECT cs.cell_id, cs.section_id, cs.ordinal, cs.confidence, c.row_id, c.version_id, r.pilot_id
                   FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id
                  ORDER BY r.pilot_id, r.ordinal, c.row_id, cs.ordinal, cs.section_id`;
    const mineAt = new Map<string, Row>();
    for (const p of mineDb.prepare(sql).all() as Row[]) mineAt.set(`m:${String(p.pilot_id)}|m:${String(p.section_id)}`, p);
    for (const p of theirsDb.prepare(sql).all() as Row[]) {
      const rowEntry = byTheir.get('alignment_row')?.get(p.row_id);
      const cellEntry = byTheir.get('alignment_cell')?.get(p.cell_id);
      const section = texts.sectionRef(p.section_id);
      const pilot = rowEntry?.refs.get('pilot_id') ?? NULL_REF;
      const row: Ref = rowEntry?.mine ? mineRef(rowEntry.mine.id) : { kind: 'new', table: 'alignment_row', theirId: p.row_id as number };
      const cell: Ref = cellEntry?.mine ? mineRef(cellEntry.mine.id) : { kind: 'new', table: 'alignment_cell', theirId: p.cell_id as number };
      const key = `alignment_cell_section|${tokenOf(pilot)}|${tokenOf(section)}`;
      const entry: Entry = {
        spec: null,
        table: 'alignment_cell_section',
        kind: 'uitlijning',
        key,
        their: p,
        mine: null,
        outcome: 'nieuw',
        refs: new Map([
          ['row_id', row],
          ['cell_id', cell],
          ['section_id', section],
        ]),
        placements: new Map(),
        members: new Map(),
        title: `Sectie ${sectionName(theirs, p.section_id)} (${versionName(theirs, p.version_id)}) in rij “${String(theirs.byId('alignment_row', p.row_id)?.theme ?? EMPTY)}”`,
        context: rowEntry?.context ?? null,
        diffs: [],
      };
      if (!rowEntry || !cellEntry || rowEntry.outcome === 'overgeslagen' || cellEntry.outcome === 'overgeslagen') {
        entry.outcome = 'overgeslagen';
        entry.reason = 'Hoort bij een rij die niet wordt overgenomen.';
        entry.cascaded = true;
      } else if (section.kind === 'lost') {
        entry.outcome = 'overgeslagen';
        entry.reason = section.reason;
      } else if (pilot.kind === 'mine' && section.kind === 'mine') {
        const at = mineAt.get(`m:${String(pilot.id)}|m:${String(section.id)}`);
        if (at) {
          entry.mine = at;
          if (tokenOf(row) === `m:${String(at.row_id)}`) entry.outcome = 'gelijk';
          else {
            entry.outcome = 'conflict';
            entry.conflictType = 'gewijzigd';
            entry.diffs = [{ column: 'row_id', label: 'In rij', mine: String(mine.byId('alignment_row', at.row_id)?.theme ?? EMPTY), theirs: String(theirs.byId('alignment_row', p.row_id)?.theme ?? EMPTY) }];
          }
        }
      }
      if (entry.outcome === 'nieuw' || entry.outcome === 'conflict') texts.note(section);
      register('alignment_cell_section', key, entry);
    }
  }

  /** Pairs of sections someone rejected: never proposed together again. Kept on both sides. */
  function planRejections(): void {
    const mineHas = new Set<string>();
    for (const r of mine.rows('alignment_rejection', 'pilot_id, section_a, section_b')) {
      mineHas.add(`m:${String(r.pilot_id)}|${[`m:${String(r.section_a)}`, `m:${String(r.section_b)}`].sort().join('|')}`);
    }
    for (const r of theirs.rows('alignment_rejection', 'pilot_id, section_a, section_b')) {
      const pilotEntry = byTheir.get('pilot')?.get(r.pilot_id);
      const pilot: Ref = !pilotEntry || pilotEntry.outcome === 'overgeslagen' ? { kind: 'lost', reason: '', cascade: true } : pilotEntry.mine ? mineRef(pilotEntry.mine.id) : { kind: 'new', table: 'pilot', theirId: r.pilot_id as number };
      const a = texts.sectionRef(r.section_a);
      const b = texts.sectionRef(r.section_b);
      const key = `alignment_rejection|${tokenOf(pilot)}|${[tokenOf(a), tokenOf(b)].sort().join('|')}`;
      const entry: Entry = {
        spec: null,
        table: 'alignment_rejection',
        kind: 'uitlijning',
        key,
        their: r,
        mine: null,
        outcome: 'nieuw',
        refs: new Map([
          ['pilot_id', pilot],
          ['section_a', a],
          ['section_b', b],
        ]),
        placements: new Map(),
        members: new Map(),
        title: `Afgewezen koppeling ${sectionName(theirs, r.section_a)} – ${sectionName(theirs, r.section_b)}`,
        context: pilotEntry?.title ?? null,
        diffs: [],
      };
      if (pilot.kind === 'lost' || a.kind === 'lost' || b.kind === 'lost') {
        entry.outcome = 'overgeslagen';
        entry.reason = 'De secties van deze afgewezen koppeling zijn niet allebei terug te vinden.';
        entry.cascaded = true;
      } else if (mineHas.has(key.slice('alignment_rejection|'.length))) {
        entry.outcome = 'gelijk';
      }
      if (entry.outcome === 'nieuw') {
        texts.note(a);
        texts.note(b);
      }
      register('alignment_rejection', key, entry);
    }
  }

  const fingerprint = createHash('sha256')
    .update(JSON.stringify(entries.map((e) => [e.key, e.outcome, e.conflictType ?? null, e.reason ?? null, e.diffs.map((d) => [d.label, d.mine, d.theirs])])))
    .update(JSON.stringify([...texts.needed].sort((x, y) => x - y)))
    .digest('hex');
  return { entries, byTheir, mine, theirs, texts, fingerprint };
}

/** Tags in an order where every tag comes after its parent (a move can put a tag under a newer one). */
function parentsFirst(rows: Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: Row[] = [];
  const done = new Set<unknown>();
  const visit = (r: Row, depth: number) => {
    if (done.has(r.id) || depth > rows.length) return;
    const parent = byId.get(r.parent_id);
    if (parent) visit(parent, depth + 1);
    if (done.has(r.id)) return;
    done.add(r.id);
    out.push(r);
  };
  for (const r of rows) visit(r, 0);
  return out;
}

const MAX_LISTED_SKIPS = 200;
const EXAMPLES = 5;

/** The plan as the screen shows it. */
export function planView(plan: Plan, planId: string, source: ProjectInfo): MergePlan {
  const counts = new Map<MergeKind, MergeKindCount>(MERGE_KINDS.map((kind) => [kind, { kind, label: MERGE_KIND_LABEL[kind], nieuw: 0, gelijk: 0, conflicten: 0, overgeslagen: 0, examples: [] }]));
  const conflicts: MergeConflict[] = [];
  const skipped: MergeSkipped[] = [];
  let notListed = 0;
  for (const e of plan.entries) {
    const c = counts.get(e.kind) as MergeKindCount;
    if (e.outcome === 'nieuw') {
      c.nieuw++;
      if (c.examples.length < EXAMPLES) c.examples.push(e.title);
    } else if (e.outcome === 'gelijk') c.gelijk++;
    else if (e.outcome === 'overgeslagen') {
      c.overgeslagen++;
      if (e.cascaded || skipped.length >= MAX_LISTED_SKIPS) notListed++;
      else skipped.push({ kind: e.kind, title: e.title, reason: e.reason ?? '' });
    } else {
      c.conflicten++;
      conflicts.push(conflictOf(e));
    }
  }
  const texts = [...plan.texts.needed].map((id) => versionName(plan.theirs, id));
  const teksten = counts.get('teksten') as MergeKindCount;
  teksten.nieuw = texts.length;
  teksten.examples = texts.slice(0, EXAMPLES);
  const all = [...counts.values()];
  const sum = (k: 'nieuw' | 'gelijk' | 'conflicten' | 'overgeslagen') => all.filter((c) => c.kind !== 'teksten').reduce((n, c) => n + c[k], 0);
  return {
    planId,
    source,
    counts: all,
    conflicts,
    skipped,
    skippedNotListed: notListed,
    texts,
    totals: { nieuw: sum('nieuw'), gelijk: sum('gelijk'), conflicten: sum('conflicten'), overgeslagen: sum('overgeslagen') },
  };
}

function conflictOf(e: Entry): MergeConflict {
  if (e.conflictType === 'verwijderd') {
    const t = e.tombstone as { at: string; actor: string; action: string };
    return {
      key: e.key,
      kind: e.kind,
      title: e.title,
      context: e.context,
      type: 'verwijderd',
      fields: [{ label: 'Stand', mine: `${t.action === 'rijen samengevoegd' ? 'Samengevoegd met een andere rij' : t.action === 'voorstel afgewezen' ? 'Afgewezen' : 'Verwijderd'} door ${t.actor} op ${showDateTime(t.at)}`, theirs: 'Bestaat nog' }],
      mineNote: null,
      theirsNote: changedNote(e.their),
    };
  }
  return {
    key: e.key,
    kind: e.kind,
    title: e.title,
    context: e.context,
    type: 'gewijzigd',
    fields: e.diffs.map(({ label, mine, theirs }) => ({ label, mine, theirs })),
    mineNote: changedNote(e.mine),
    theirsNote: changedNote(e.their),
  };
}
