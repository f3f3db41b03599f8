/**
 * Crash safety under kill -9. A child process (tests/crash/writer.ts) opens the workspace as the
 * app does and makes real API writes in a loop, logging an intent before and an fsynced ack after
 * every write; the test kills it with SIGKILL at a random moment and then opens the database again
 * (through openDatabase: WAL recovery, the stale writer lock of the dead process) and checks:
 *
 * - PRAGMA integrity_check is ok, foreign_key_check is empty, FTS5 integrity-check passes for both
 *   section indexes (the indexes match the section table);
 * - every acknowledged write is there with its exact value: short titles, created standards, the
 *   outline (section ids and headings in reading order) of every version, annotations (quote, note,
 *   tag); the last, unacknowledged write is there completely or not at all;
 * - no half-done transaction: each version has sections and exactly one import audit entry; the
 *   tree (ordinals, parents) is consistent; every anchored annotation's quote is the text at its
 *   offsets; per kind, the number of audit entries equals the number of changes made, each change
 *   of this cycle has its audit entry with the right values, and a standard's updated_at is the time
 *   of its latest audit entry (no change without its audit entry, and no audit entry without its change).
 *
 * One workspace is reused, so each cycle continues from the state the previous kill left.
 * RICHTSNOER_CRASH_CYCLES (default 50) sets the number of cycles, RICHTSNOER_CRASH_SEED the base
 * seed (default: random, printed), RICHTSNOER_CRASH_TSX=1 runs the writer under tsx instead of the
 * bundled copy. On a failure the workspace folder is kept and its path printed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, schemaVersion } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { seedDatabase } from '../../db/seed.js';
import { CHILD_ENV, prepareChild, type ChildScript } from '../crash/bundle.js';
import { parseLog, prng, type Ack, type Intent, type LogLine, type OutlineEntry } from '../crash/protocol.js';
import { removeDir, tempDir } from '../helpers/test-db.js';

const CYCLES = Number(process.env.RICHTSNOER_CRASH_CYCLES ?? 50);
const BASE_SEED = process.env.RICHTSNOER_CRASH_SEED ? Number(process.env.RICHTSNOER_CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);

let writer: ChildScript | null = null;
beforeAll(async () => {
  writer = await prepareChild('tests/crash/writer.ts');
}, 60_000);
afterAll(() => writer?.cleanup());

interface ChildRun {
  /** True when the test killed it; false when it exited by itself (a failure). */
  killed: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** ms from spawn to "ready" (null if it never got there). */
  readyAfter: number | null;
}

/**
 * Starts the writer and kills it with SIGKILL `delay` ms after it printed "ready" (or after spawn,
 * with fromSpawn, to land in the middle of opening, migrating and seeding).
 */
function runWriter(file: string, logFile: string, seed: number, cycle: number, delay: number, fromSpawn = false): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...(writer?.args ?? []), file, logFile, String(seed), String(cycle)], { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let killed = false;
    let readyAfter: number | null = null;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const guard = setTimeout(kill, 20_000);
    if (fromSpawn) setTimeout(kill, delay);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (readyAfter === null && chunk.toString().includes('ready')) {
        readyAfter = Date.now() - started;
        if (!fromSpawn) setTimeout(kill, delay);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ killed: killed && signal === 'SIGKILL', code, signal, stderr, readyAfter });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The model: what the acknowledged (and the applied unacknowledged) writes say must be stored.

type Kind = Intent['op'];
interface Model {
  shortTitles: Map<string, string>;
  created: Map<string, string>;
  outlines: Map<number, OutlineEntry[]>;
  annotations: Map<string, { quote: string; note: string; tagId: number }>;
  counts: Record<Kind, number>;
}

const newModel = (): Model => ({
  shortTitles: new Map(),
  created: new Map(),
  outlines: new Map(),
  annotations: new Map(),
  counts: { update: 0, create: 0, import: 0, heading: 0, split: 0, merge: 0, annotate: 0 },
});

function applyAck(model: Model, ack: Ack): void {
  model.counts[ack.op]++;
  switch (ack.op) {
    case 'update':
      model.shortTitles.set(ack.standardId, ack.shortTitle);
      break;
    case 'create':
      model.created.set(ack.standardId, ack.title);
      break;
    case 'import':
    case 'heading':
    case 'split':
    case 'merge':
      model.outlines.set(ack.versionId, ack.outline);
      break;
    case 'annotate':
      model.annotations.set(ack.annotationId, { quote: ack.quote, note: ack.note, tagId: ack.tagId });
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the database.

const all = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T>(db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T | undefined;

interface SectionRow {
  id: number;
  version_id: number;
  parent_id: number | null;
  ordinal: number;
  level: number;
  heading: string;
  text: string;
}

function sectionsByVersion(db: Db): Map<number, SectionRow[]> {
  const byVersion = new Map<number, SectionRow[]>();
  for (const v of all<{ id: number }>(db, 'SELECT id FROM document_version ORDER BY id')) byVersion.set(v.id, []);
  for (const s of all<SectionRow>(db, 'SELECT id, version_id, parent_id, ordinal, level, heading, text FROM section ORDER BY version_id, ordinal')) {
    const list = byVersion.get(s.version_id);
    if (list) list.push(s);
  }
  return byVersion;
}

const outlineIn = (db: Db, versionId: number): OutlineEntry[] =>
  all<{ id: number; heading: string }>(db, 'SELECT id, heading FROM section WHERE version_id = ? ORDER BY ordinal', versionId).map((s) => [s.id, s.heading]);

/**
 * The last intent of the log when no ack or refusal followed it: the write the kill may have cut.
 * Decides from the database whether it was applied, checks that it was applied completely (or not
 * at all), and folds it into the model. Returns a description for the cycle summary.
 */
function settlePending(db: Db, model: Model, intent: Intent, problems: string[]): { op: Kind; applied: boolean } {
  const fail = (message: string) => problems.push(`unacknowledged ${intent.op}: ${message}`);
  switch (intent.op) {
    case 'update': {
      const row = one<{ short_title: string | null }>(db, 'SELECT short_title FROM standard WHERE id = ?', intent.standardId);
      const applied = row?.short_title === intent.shortTitle;
      if (applied) applyAck(model, { op: 'update', standardId: intent.standardId, shortTitle: intent.shortTitle, updatedAt: '' });
      return { op: intent.op, applied };
    }
    case 'create': {
      const rows = all<{ id: string }>(db, 'SELECT id FROM standard WHERE title = ?', intent.title);
      if (rows.length > 1) fail(`${rows.length} standards titled "${intent.title}"`);
      const id = rows[0]?.id;
      if (id !== undefined) applyAck(model, { op: 'create', standardId: id, title: intent.title });
      return { op: intent.op, applied: id !== undefined };
    }
    case 'import': {
      const rows = all<{ id: number }>(db, 'SELECT id FROM document_version WHERE standard_id = ? AND label = ?', intent.standardId, intent.label);
      if (rows.length > 1) fail(`${rows.length} versions labelled ${intent.label}`);
      const id = rows[0]?.id;
      if (id === undefined) return { op: intent.op, applied: false };
      const outline = outlineIn(db, id);
      if (JSON.stringify(outline.map(([, h]) => h)) !== JSON.stringify(intent.headings)) {
        fail(`version ${id} has headings ${JSON.stringify(outline.map(([, h]) => h))}, the import had ${JSON.stringify(intent.headings)}`);
      }
      applyAck(model, { op: 'import', standardId: intent.standardId, versionId: id, label: intent.label, outline });
      return { op: intent.op, applied: true };
    }
    case 'heading': {
      const before = model.outlines.get(intent.versionId) ?? [];
      const row = one<{ heading: string }>(db, 'SELECT heading FROM section WHERE id = ?', intent.sectionId);
      const applied = row?.heading === intent.heading;
      if (applied) {
        const outline = before.map(([id, h]): OutlineEntry => [id, id === intent.sectionId ? intent.heading : h]);
        applyAck(model, { op: 'heading', versionId: intent.versionId, sectionId: intent.sectionId, outline });
      }
      return { op: intent.op, applied };
    }
    case 'split': {
      const before = model.outlines.get(intent.versionId) ?? [];
      const now = outlineIn(db, intent.versionId);
      const known = new Set(before.map(([id]) => id));
      const added = now.filter(([id]) => !known.has(id));
      if (added.length === 0) return { op: intent.op, applied: false };
      const at = before.findIndex(([id]) => id === intent.sectionId);
      const expected: OutlineEntry[] = [...before.slice(0, at + 1), [added[0]?.[0] ?? -1, intent.heading], ...before.slice(at + 1)];
      if (added.length !== 1 || JSON.stringify(now) !== JSON.stringify(expected)) fail(`version ${intent.versionId} outline ${JSON.stringify(now)}, expected ${JSON.stringify(expected)}`);
      applyAck(model, { op: 'split', versionId: intent.versionId, sectionId: intent.sectionId, outline: now });
      return { op: intent.op, applied: true };
    }
    case 'merge': {
      const gone = one<{ id: number }>(db, 'SELECT id FROM section WHERE id = ?', intent.sectionId) === undefined;
      if (gone) {
        const outline = (model.outlines.get(intent.versionId) ?? []).filter(([id]) => id !== intent.sectionId);
        applyAck(model, { op: 'merge', versionId: intent.versionId, sectionId: intent.sectionId, outline });
      }
      return { op: intent.op, applied: gone };
    }
    case 'annotate': {
      const rows = all<{ id: string; quote: string }>(db, 'SELECT id, quote FROM annotation WHERE note = ?', intent.note);
      if (rows.length > 1) fail(`${rows.length} annotations with note ${intent.note}`);
      const row = rows[0];
      if (row) applyAck(model, { op: 'annotate', annotationId: row.id, versionId: intent.versionId, quote: intent.quote, note: intent.note, tagId: intent.tagId });
      return { op: intent.op, applied: row !== undefined };
    }
  }
}

/** The audit entry (entity, action) each kind of write makes. */
const AUDIT_OF: Record<Kind, [entity: string, action: string]> = {
  update: ['standard', 'gewijzigd'],
  create: ['standard', 'aangemaakt'],
  import: ['document_version', 'geimporteerd'],
  heading: ['document_version', 'sectie-gewijzigd'],
  split: ['document_version', 'sectie-gesplitst'],
  merge: ['document_version', 'sectie-samengevoegd'],
  annotate: ['annotation', 'aangemaakt'],
};

/** Audit entries with these values must exist for an ack of this cycle. */
function auditFor(db: Db, ack: Ack): boolean {
  const q = (sql: string, ...params: unknown[]) => (one<{ n: number }>(db, `SELECT count(*) AS n FROM audit_log WHERE ${sql}`, ...params)?.n ?? 0) === 1;
  switch (ack.op) {
    case 'update':
      return q("entity = 'standard' AND entity_id = ? AND action = 'gewijzigd' AND details ->> '$.shortTitle.naar' = ? AND at = ?", ack.standardId, ack.shortTitle, ack.updatedAt);
    case 'create':
      return q("entity = 'standard' AND entity_id = ? AND action = 'aangemaakt' AND details ->> '$.title' = ?", ack.standardId, ack.title);
    case 'import':
      return q("entity = 'document_version' AND entity_id = ? AND action = 'geimporteerd' AND details ->> '$.label' = ?", String(ack.versionId), ack.label);
    case 'heading':
      return q("entity = 'document_version' AND entity_id = ? AND action = 'sectie-gewijzigd' AND details ->> '$.sectionId' = ? AND details ->> '$.kop.naar' = ?", String(ack.versionId), ack.sectionId, ack.outline.find(([id]) => id === ack.sectionId)?.[1] ?? '');
    case 'split': {
      // The new section follows the one that was split.
      const at = ack.outline.findIndex(([id]) => id === ack.sectionId);
      const [newId, newHeading] = ack.outline[at + 1] ?? [-1, ''];
      return q(
        "entity = 'document_version' AND entity_id = ? AND action = 'sectie-gesplitst' AND details ->> '$.sectionId' = ? AND details ->> '$.nieuw.sectionId' = ? AND details ->> '$.nieuw.heading' = ?",
        String(ack.versionId),
        ack.sectionId,
        newId,
        newHeading,
      );
    }
    case 'merge':
      return q("entity = 'document_version' AND entity_id = ? AND action = 'sectie-samengevoegd' AND details ->> '$.sectionId' = ?", String(ack.versionId), ack.sectionId);
    case 'annotate':
      return q("entity = 'annotation' AND entity_id = ? AND action = 'aangemaakt'", ack.annotationId);
  }
}

/** Everything a crash must not break; returns the problems found (empty = all good). */
function checkDatabase(db: Db, model: Model, cycleAcks: Ack[]): string[] {
  const problems: string[] = [];
  const integrity = all<{ integrity_check: string }>(db, 'PRAGMA integrity_check').map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
  const fk = all<Record<string, unknown>>(db, 'PRAGMA foreign_key_check');
  if (fk.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
  for (const fts of ['section_word', 'section_trigram']) {
    try {
      db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`).run();
    } catch (error) {
      problems.push(`${fts} integrity-check: ${(error as Error).message}`);
    }
  }
  if (schemaVersion(db) !== loadMigrations().length) problems.push(`schema version ${schemaVersion(db)}`);

  // Versions and their trees.
  const byVersion = sectionsByVersion(db);
  const imported = new Map(all<{ entity_id: string; n: number }>(db, "SELECT entity_id, count(*) AS n FROM audit_log WHERE entity = 'document_version' AND action = 'geimporteerd' GROUP BY entity_id").map((r) => [Number(r.entity_id), r.n]));
  for (const [versionId, sections] of byVersion) {
    if (sections.length === 0) problems.push(`version ${versionId} has no sections`);
    if (imported.get(versionId) !== 1) problems.push(`version ${versionId} has ${imported.get(versionId) ?? 0} import audit entries`);
    const stack: SectionRow[] = [];
    sections.forEach((s, i) => {
      if (s.ordinal !== i) problems.push(`section ${s.id}: ordinal ${s.ordinal} at position ${i}`);
      while (stack.length > 0 && (stack[stack.length - 1] as SectionRow).level >= s.level) stack.pop();
      const parent = stack[stack.length - 1]?.id ?? null;
      if (s.parent_id !== parent) problems.push(`section ${s.id}: parent ${s.parent_id}, expected ${parent}`);
      stack.push(s);
    });
  }
  for (const versionId of imported.keys()) if (!byVersion.has(versionId)) problems.push(`import audit entry for missing version ${versionId}`);

  // Annotations: anchored ones point at their quote; each has a tag and its audit entry.
  const sectionText = new Map<number, { text: string; version: number }>();
  for (const list of byVersion.values()) for (const s of list) sectionText.set(s.id, { text: s.text, version: s.version_id });
  const annotations = all<{ id: string; section_id: number | null; version_id: number | null; start_offset: number | null; end_offset: number | null; quote: string; original_quote: string | null; note: string | null; anchor_state: string }>(
    db,
    'SELECT id, section_id, version_id, start_offset, end_offset, quote, original_quote, note, anchor_state FROM annotation',
  );
  const tagsOf = new Map<string, number[]>();
  for (const r of all<{ annotation_id: string; tag_id: number }>(db, 'SELECT annotation_id, tag_id FROM annotation_tag ORDER BY tag_id')) tagsOf.set(r.annotation_id, [...(tagsOf.get(r.annotation_id) ?? []), r.tag_id]);
  const annotationAudits = new Set(all<{ entity_id: string }>(db, "SELECT entity_id FROM audit_log WHERE entity = 'annotation' AND action = 'aangemaakt'").map((r) => r.entity_id));
  for (const a of annotations) {
    if (a.section_id !== null) {
      const section = sectionText.get(a.section_id);
      if (!section) problems.push(`annotation ${a.id} on missing section ${a.section_id}`);
      else {
        if (section.version !== a.version_id) problems.push(`annotation ${a.id}: version ${a.version_id}, its section is in ${section.version}`);
        const at = section.text.slice(a.start_offset ?? 0, a.end_offset ?? 0);
        if (at !== a.quote) problems.push(`annotation ${a.id}: text at its offsets is ${JSON.stringify(at)}, quote ${JSON.stringify(a.quote)}`);
      }
    }
    if (!tagsOf.has(a.id)) problems.push(`annotation ${a.id} has no tags`);
    if (!annotationAudits.has(a.id)) problems.push(`annotation ${a.id} has no audit entry`);
  }
  const annotationIds = new Set(annotations.map((a) => a.id));
  for (const id of annotationAudits) if (!annotationIds.has(id)) problems.push(`audit entry for missing annotation ${id}`);

  // A standard's last change and its last audit entry are one write.
  for (const r of all<{ id: string; updated_at: string; last_at: string }>(
    db,
    `SELECT s.id, s.updated_at, (SELECT a.at FROM audit_log a WHERE a.entity = 'standard' AND a.entity_id = s.id ORDER BY a.id DESC LIMIT 1) AS last_at
       FROM standard s WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'standard' AND a.entity_id = s.id)`,
  )) {
    if (r.updated_at !== r.last_at) problems.push(`standard ${r.id}: updated_at ${r.updated_at}, last audit entry at ${r.last_at}`);
  }

  // Audit entries by the writer, per kind: exactly as many as changes made, and nothing else.
  const counted = new Map(all<{ entity: string; action: string; n: number }>(db, "SELECT entity, action, count(*) AS n FROM audit_log WHERE actor <> 'systeem' GROUP BY entity, action").map((r) => [`${r.entity}/${r.action}`, r.n]));
  for (const [kind, [entity, action]] of Object.entries(AUDIT_OF) as Array<[Kind, [string, string]]>) {
    const key = `${entity}/${action}`;
    if ((counted.get(key) ?? 0) !== model.counts[kind]) problems.push(`${counted.get(key) ?? 0} audit entries ${key}, ${model.counts[kind]} ${kind} writes were made`);
    counted.delete(key);
  }
  if (counted.size > 0) problems.push(`unexpected audit entries: ${JSON.stringify([...counted])}`);
  for (const ack of cycleAcks) if (!auditFor(db, ack)) problems.push(`no matching audit entry for ${JSON.stringify(ack).slice(0, 300)}`);

  // Every acknowledged value, exactly.
  for (const [id, shortTitle] of model.shortTitles) {
    const row = one<{ short_title: string | null }>(db, 'SELECT short_title FROM standard WHERE id = ?', id);
    if (row?.short_title !== shortTitle) problems.push(`standard ${id}: short title ${row?.short_title}, acknowledged ${shortTitle}`);
  }
  for (const [id, title] of model.created) {
    const row = one<{ title: string }>(db, 'SELECT title FROM standard WHERE id = ?', id);
    if (row?.title !== title) problems.push(`created standard ${id}: ${row ? `title ${row.title}` : 'missing'}`);
  }
  if (byVersion.size !== model.outlines.size) problems.push(`${byVersion.size} versions stored, ${model.outlines.size} acknowledged`);
  for (const [versionId, outline] of model.outlines) {
    const stored = (byVersion.get(versionId) ?? []).map((s): OutlineEntry => [s.id, s.heading]);
    if (JSON.stringify(stored) !== JSON.stringify(outline)) problems.push(`version ${versionId}: outline ${JSON.stringify(stored)}, acknowledged ${JSON.stringify(outline)}`);
  }
  if (annotations.length !== model.annotations.size) problems.push(`${annotations.length} annotations stored, ${model.annotations.size} acknowledged`);
  for (const [id, expected] of model.annotations) {
    const row = annotations.find((a) => a.id === id);
    if (!row) problems.push(`annotation ${id} missing`);
    else if ((row.original_quote ?? row.quote) !== expected.quote || row.note !== expected.note || !(tagsOf.get(id) ?? []).includes(expected.tagId)) {
      problems.push(`annotation ${id}: ${JSON.stringify({ quote: row.original_quote ?? row.quote, note: row.note, tags: tagsOf.get(id) })}, acknowledged ${JSON.stringify(expected)}`);
    }
  }

  // The full-text indexes find this cycle's new headings (word and trigram).
  for (const ack of cycleAcks) {
    if (ack.op !== 'heading') continue;
    const heading = model.outlines.get(ack.versionId)?.find(([id]) => id === ack.sectionId)?.[1];
    if (heading === undefined) continue; // merged away later
    const token = heading.split(' ').pop() as string;
    const word = all<{ rowid: number }>(db, 'SELECT rowid FROM section_word WHERE section_word MATCH ?', `heading : ${token}`).map((r) => r.rowid);
    const trigram = all<{ rowid: number }>(db, 'SELECT rowid FROM section_trigram WHERE section_trigram MATCH ?', `heading : "${token}"`).map((r) => r.rowid);
    if (!word.includes(ack.sectionId) || !trigram.includes(ack.sectionId)) problems.push(`heading ${heading} of section ${ack.sectionId} not found in the indexes (${JSON.stringify({ word, trigram })})`);
  }
  return problems;
}

describe('kill -9 during API writes', () => {
  it(`${CYCLES} cycles: acknowledged writes survive, nothing half-done is visible`, async () => {
    const dir = tempDir('richtsnoer-crash-');
    const file = path.join(dir, 'werkruimte.sqlite');
    const model = newModel();
    const started = Date.now();
    const stats = { acks: 0, refused: 0, pendingApplied: 0, pendingNotApplied: 0, readyMs: 0, checkMs: 0 };
    let keep = true;
    try {
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const seed = (BASE_SEED + cycle * 7919) >>> 0;
        const delay = 50 + Math.floor(prng(seed ^ 0x5eed)() * 351);
        const logFile = path.join(dir, `ack-${cycle}.log`);
        const context = `cycle ${cycle} of ${CYCLES}, seed ${seed} (base ${BASE_SEED}: RICHTSNOER_CRASH_SEED=${BASE_SEED}), kill ${delay} ms after ready, workspace kept at ${dir}`;
        const run = await runWriter(file, logFile, seed, cycle, delay);
        if (!run.killed) throw new Error(`the writer exited by itself (code ${run.code}, signal ${run.signal}) — ${context}\n${run.stderr}`);
        if (run.readyAfter === null) throw new Error(`the writer was killed before it was ready — ${context}\n${run.stderr}`);
        stats.readyMs += run.readyAfter;

        const lines: LogLine[] = parseLog(fs.readFileSync(logFile, 'utf8'));
        const acks: Ack[] = [];
        let pending: Intent | null = null;
        for (const line of lines) {
          if (line.t === 'intent') pending = line.intent;
          else if (line.t === 'ack') {
            applyAck(model, line.ack);
            acks.push(line.ack);
            pending = null;
          } else if (line.t === 'refused') {
            stats.refused++;
            pending = null;
          }
        }
        stats.acks += acks.length;

        const checkStarted = Date.now();
        // The app's own open: WAL recovery, and the writer lock the killed process left must not block.
        const db = openDatabase(file);
        let problems: string[];
        try {
          problems = [];
          if (pending) {
            const settled = settlePending(db, model, pending, problems);
            if (settled.applied) stats.pendingApplied++;
            else stats.pendingNotApplied++;
          }
          problems.push(...checkDatabase(db, model, acks));
        } finally {
          db.close();
        }
        stats.checkMs += Date.now() - checkStarted;
        if (problems.length > 0) throw new Error(`crash check failed — ${context}\n${problems.slice(0, 30).join('\n')}`);
      }
      keep = false;
    } finally {
      if (!keep) removeDir(dir);
    }
    const versions = model.outlines.size;
    console.log(
      `[crash-kill] ${CYCLES} cycles in ${((Date.now() - started) / 1000).toFixed(1)} s (base seed ${BASE_SEED}): ${stats.acks} acknowledged writes, ` +
        `${stats.refused} refused, cut-off writes applied ${stats.pendingApplied} / not applied ${stats.pendingNotApplied}; ${versions} versions, ` +
        `${model.annotations.size} annotations; writer ready after ${Math.round(stats.readyMs / CYCLES)} ms, checks ${Math.round(stats.checkMs / CYCLES)} ms per cycle`,
    );
    expect(stats.acks).toBeGreaterThan(CYCLES);
  }, CYCLES * 5_000 + 60_000);

  it('a kill while the workspace is being created, migrated or seeded leaves a workspace that opens', async () => {
    // How long a writer takes to create and seed a fresh workspace here; the kills are spread
    // around that moment (0.5x-1.2x), so they land before, during and after the first seed.
    const calibration = tempDir('richtsnoer-crash-open-');
    const probe = await runWriter(path.join(calibration, 'werkruimte.sqlite'), path.join(calibration, 'ack.log'), 1, 0, 0);
    removeDir(calibration);
    const readyAfter = probe.readyAfter ?? 500;
    const landed = new Map<string, number>();
    const runs = 8;
    for (let i = 0; i < runs; i++) {
      const seed = (BASE_SEED + 104729 * (i + 1)) >>> 0;
      const dir = tempDir('richtsnoer-crash-open-');
      const file = path.join(dir, 'werkruimte.sqlite');
      const delay = Math.round(readyAfter * (0.5 + 0.7 * prng(seed)()));
      const context = `run ${i + 1}, seed ${seed}, kill ${delay} ms after spawn (ready took ${readyAfter} ms), kept at ${dir}`;
      const run = await runWriter(file, path.join(dir, 'ack.log'), seed, 0, delay, true);
      if (!run.killed) throw new Error(`the writer exited by itself (code ${run.code}) — ${context}\n${run.stderr}`);
      const stage = run.readyAfter !== null ? 'after the open' : !fs.existsSync(file) ? 'before the file existed' : 'while opening';
      landed.set(stage, (landed.get(stage) ?? 0) + 1);
      const db = openDatabase(file);
      try {
        expect(all<{ integrity_check: string }>(db, 'PRAGMA integrity_check'), context).toEqual([{ integrity_check: 'ok' }]);
        expect(all(db, 'PRAGMA foreign_key_check'), context).toEqual([]);
        expect(schemaVersion(db), context).toBe(loadMigrations().length);
        // The seed is one transaction: all of the catalogue or none of it.
        const seeded = one<{ n: number }>(db, "SELECT count(*) AS n FROM standard WHERE source <> 'gebruiker'")?.n;
        expect([0, 154], context).toContain(seeded);
        // And the app can start on it: the seed completes (or was complete), nothing left half.
        seedDatabase(db);
        expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM standard WHERE source <> 'gebruiker'")?.n, context).toBe(154);
        expect(one<{ n: number }>(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'catalogus-geladen'")?.n, context).toBe(1);
      } finally {
        db.close();
      }
      removeDir(dir);
    }
    console.log(`[crash-kill] kills during creation (ready after ${readyAfter} ms): ${JSON.stringify(Object.fromEntries(landed))}`);
  }, 60_000);
});
