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
 * - no half-done transaction: each version has sections and exactly one audit entry that made it
 *   (an import, or the merge that copied it in); the tree (ordinals, parents) is consistent; every
 *   anchored annotation's quote is the text at its offsets; per kind, the number of audit entries
 *   equals the number of changes made, each change of this cycle has its audit entry with the right
 *   values, and a standard's updated_at is the time of its latest audit entry (no change without
 *   its audit entry, and no audit entry without its change).
 *
 * About half of the writes are the working group's (tests/crash/workgroup-writes.ts, checked by
 * tests/crash/workgroup-model.ts): pilots and the versions in scope, alignment proposals (many rows
 * in one transaction: a cut-off one must be exactly what the aligner proposes, every row and cell,
 * or absent), cell classifications with notes, decisions with their required fields, grid
 * comments, review rounds with their invitations, comments (numbered without gaps) and answers,
 * lists, items, voting rounds and votes. Every pilot's grid, round, comment, answer, item and vote
 * must be as acknowledged, and each of their audit entries one for one in order with its values.
 * Structure edits move grid cells and review comments along (section-followers.ts); the model does
 * the same. Once per run, from cycle 3 until it succeeds, the writer first merges a colleague's
 * project file (pilot, grid, review round): a cut-off merge leaves nothing of it, a completed one
 * all of it, equal to what the colleague made, and its backup ('voor-samenvoegen') is there and sound.
 *
 * One workspace is reused, so each cycle continues from the state the previous kill left.
 * RICHTSNOER_CRASH_CYCLES (default 50) sets the number of cycles, RICHTSNOER_CRASH_SEED the base
 * seed (default: random, printed), RICHTSNOER_CRASH_TSX=1 runs the writer under tsx instead of the
 * bundled copy. On a failure the workspace folder is kept and its path printed. A third test runs
 * the working-group writes in-process and shows the checks fail on each kind of damage.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, schemaVersion } from '../../db/migrate.js';
import { openDatabase, type Db } from '../../db/open.js';
import { seedDatabase } from '../../db/seed.js';
import { integrityProblem, listBackups } from '../../db/backup.js';
import { CHILD_ENV, prepareChild, type ChildScript } from '../crash/bundle.js';
import { colleagueFile, type Colleague } from '../crash/colleague.js';
import { mergedContent, mergedVersionIds, outlineIn, readMerged } from '../crash/prints.js';
import { isWorkAck, isWorkIntent, parseLog, prng, type Ack, type DocAck, type DocIntent, type Intent, type LogLine, type OutlineEntry } from '../crash/protocol.js';
import { absorbMerged, applyWorkAck, checkWork, newWorkModel, sectionMerged, sectionSplit, settleWork, WORK_ENTITIES, type WorkModel } from '../crash/workgroup-model.js';
import { createWorkgroupWriter } from '../crash/workgroup-writes.js';
import { importText, miniParser } from '../helpers/documents.js';
import { ADHD_STANDARDS, ADHD_TEXTS } from '../helpers/pilots.js';
import { removeDir, seededWorkspace, tempDir } from '../helpers/test-db.js';

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
function runWriter(file: string, logFile: string, seed: number, cycle: number, delay: number, fromSpawn = false, extra: string[] = []): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...(writer?.args ?? []), file, logFile, String(seed), String(cycle), ...extra], { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
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

type Kind = DocIntent['op'];
interface Model {
  shortTitles: Map<string, string>;
  created: Map<string, string>;
  outlines: Map<number, OutlineEntry[]>;
  annotations: Map<string, { quote: string; note: string; tagId: number }>;
  counts: Record<Kind, number>;
  /** Pilots and their grids, review rounds, lists and votes: tests/crash/workgroup-model.ts. */
  work: WorkModel;
  /** Versions the merge copied in (their creation audit entry is 'overgenomen bij samenvoegen'). */
  mergedVersions: number;
  /** The merge's backups ('voor-samenvoegen'), by name. */
  backups: string[];
  /** The colleague's file: what it holds (as mergedContent gives it), which a merge must bring exactly. */
  colleague: Colleague | null;
}

const newModel = (): Model => ({
  shortTitles: new Map(),
  created: new Map(),
  outlines: new Map(),
  annotations: new Map(),
  counts: { update: 0, create: 0, import: 0, heading: 0, split: 0, merge: 0, annotate: 0, mergein: 0 },
  work: newWorkModel(),
  mergedVersions: 0,
  backups: [],
  colleague: null,
});

/** Folds an ack into the model; returns how the writer's answer differs from what the write should have done. */
function applyAck(model: Model, ack: Ack): string[] {
  if (isWorkAck(ack)) return applyWorkAck(model.work, ack);
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
      model.outlines.set(ack.versionId, ack.outline);
      break;
    case 'split': {
      // The new section follows the one that was split.
      const newId = ack.outline[ack.outline.findIndex(([id]) => id === ack.sectionId) + 1]?.[0];
      model.outlines.set(ack.versionId, ack.outline);
      if (newId !== undefined) sectionSplit(model.work, ack.sectionId, newId);
      break;
    }
    case 'merge': {
      // It went into the section before it.
      const before = model.outlines.get(ack.versionId) ?? [];
      const intoId = before[before.findIndex(([id]) => id === ack.sectionId) - 1]?.[0];
      model.outlines.set(ack.versionId, ack.outline);
      if (intoId !== undefined) sectionMerged(model.work, ack.sectionId, intoId);
      break;
    }
    case 'annotate':
      model.annotations.set(ack.annotationId, { quote: ack.quote, note: ack.note, tagId: ack.tagId });
      break;
    case 'mergein': {
      for (const v of ack.merged.versions) model.outlines.set(v.id, v.outline);
      model.mergedVersions += ack.merged.versions.length;
      model.backups.push(ack.backup);
      absorbMerged(model.work, ack.merged);
      const arrived = mergedContent(ack.merged);
      const expected = model.colleague?.content;
      if (JSON.stringify(arrived) !== JSON.stringify(expected)) return [`the merge brought ${JSON.stringify(arrived).slice(0, 1500)}, the colleague's file holds ${JSON.stringify(expected).slice(0, 1500)}`];
      break;
    }
  }
  return [];
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

/**
 * The last intent of the log when no ack or refusal followed it: the write the kill may have cut.
 * Decides from the database whether it was applied, checks that it was applied completely (or not
 * at all), and folds it into the model. Returns a description for the cycle summary.
 */
function settlePending(db: Db, model: Model, intent: Intent, problems: string[]): { op: Intent['op']; applied: boolean } {
  const fail = (message: string) => problems.push(`unacknowledged ${intent.op}: ${message}`);
  if (isWorkIntent(intent)) return { op: intent.op, applied: settleWork(db, model.work, intent, fail) };
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
    case 'mergein': {
      const merges = all<{ backup: string }>(db, "SELECT details ->> '$.backUp' AS backup FROM audit_log WHERE entity = 'werkruimte' AND action = 'samengevoegd' ORDER BY id");
      if (merges.length <= model.counts.mergein) return { op: intent.op, applied: false };
      const merged = readMerged(db, mergedVersionIds(db).slice(model.mergedVersions), model.colleague?.pilotGuid ?? '', model.colleague?.roundGuid ?? '');
      for (const p of applyAck(model, { op: 'mergein', backup: merges[merges.length - 1]?.backup ?? '', merged })) fail(p);
      return { op: intent.op, applied: true };
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
  mergein: ['werkruimte', 'samengevoegd'],
};

/** Audit entries with these values must exist for an ack of this cycle. */
function auditFor(db: Db, ack: DocAck): boolean {
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
    case 'mergein':
      return q("entity = 'werkruimte' AND action = 'samengevoegd' AND details ->> '$.backUp' = ?", ack.backup);
  }
}

/** Backups already found sound (a backup never changes). */
const soundBackups = new Set<string>();

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
  // A version is created by an import or copied in by a merge: one audit entry either way.
  const imported = new Map(
    all<{ entity_id: string; n: number }>(db, "SELECT entity_id, count(*) AS n FROM audit_log WHERE entity = 'document_version' AND action IN ('geimporteerd', 'overgenomen bij samenvoegen') GROUP BY entity_id").map((r) => [
      Number(r.entity_id),
      r.n,
    ]),
  );
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

  // Audit entries by the writer, per kind: exactly as many as changes made, and nothing else
  // (checkWork accounts for the working group's entities one by one).
  const counted = new Map(
    all<{ entity: string; action: string; n: number }>(
      db,
      `SELECT entity, action, count(*) AS n FROM audit_log WHERE actor <> 'systeem' AND entity NOT IN (${WORK_ENTITIES.map(() => '?').join(', ')}) GROUP BY entity, action`,
      ...WORK_ENTITIES,
    ).map((r) => [`${r.entity}/${r.action}`, r.n]),
  );
  for (const [kind, [entity, action]] of Object.entries(AUDIT_OF) as Array<[Kind, [string, string]]>) {
    const key = `${entity}/${action}`;
    if ((counted.get(key) ?? 0) !== model.counts[kind]) problems.push(`${counted.get(key) ?? 0} audit entries ${key}, ${model.counts[kind]} ${kind} writes were made`);
    counted.delete(key);
  }
  const copied = counted.get('document_version/overgenomen bij samenvoegen') ?? 0;
  if (copied !== model.mergedVersions) problems.push(`${copied} versions copied in by a merge, the merge brought ${model.mergedVersions}`);
  counted.delete('document_version/overgenomen bij samenvoegen');
  if (counted.size > 0) problems.push(`unexpected audit entries: ${JSON.stringify([...counted])}`);
  for (const ack of cycleAcks) if (!isWorkAck(ack) && !auditFor(db, ack)) problems.push(`no matching audit entry for ${JSON.stringify(ack).slice(0, 300)}`);

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

  // The merge took its backup first: it is there, and (like every backup listed) a sound database.
  const backups = listBackups(db.name);
  for (const name of model.backups) if (!backups.some((b) => b.name === name)) problems.push(`the merge's backup ${name} is not there`);
  for (const b of backups) {
    if (soundBackups.has(b.name)) continue;
    const problem = integrityProblem(path.join(path.dirname(db.name), 'backups', b.name));
    if (problem) problems.push(`backup ${b.name}: ${problem}`);
    else soundBackups.add(b.name);
  }

  // Pilots and their grids, review rounds, lists and votes, and their audit entries one for one.
  problems.push(...checkWork(db, model.work));
  return problems;
}

describe('kill -9 during API writes', () => {
  it(`${CYCLES} cycles: acknowledged writes survive, nothing half-done is visible`, async () => {
    const dir = tempDir('richtsnoer-crash-');
    const file = path.join(dir, 'werkruimte.sqlite');
    const model = newModel();
    const started = Date.now();
    model.colleague = await colleagueFile(dir);
    let mergedInCycle: number | null = null;
    const stats = { acks: 0, refused: 0, pendingApplied: 0, pendingNotApplied: 0, readyMs: 0, checkMs: 0 };
    /** Per kind, the cut-off writes: + applied, - not. */
    const cutOff = new Map<string, string>();
    /** Per kind: [writes, ms] (a step's reads included). */
    const timing = new Map<string, [number, number]>();
    let keep = true;
    try {
      for (let cycle = 1; cycle <= CYCLES; cycle++) {
        const seed = (BASE_SEED + cycle * 7919) >>> 0;
        // From cycle 3 on, until it is done, the writer starts by merging the colleague's file in
        // (~0.3 s: preview, backup, apply). The first attempt is almost always cut off somewhere in
        // it; later ones get more time, so the merge also completes once.
        const merging = cycle >= 3 && model.counts.mergein === 0;
        const delay = 50 + Math.floor(prng(seed ^ 0x5eed)() * (merging && cycle > 3 ? 851 : 301));
        const logFile = path.join(dir, `ack-${cycle}.log`);
        const context = `cycle ${cycle} of ${CYCLES}, seed ${seed} (base ${BASE_SEED}: RICHTSNOER_CRASH_SEED=${BASE_SEED}), kill ${delay} ms after ready${merging ? ' (merging)' : ''}, workspace kept at ${dir}`;
        const run = await runWriter(file, logFile, seed, cycle, delay, false, merging && model.colleague ? [model.colleague.file] : []);
        if (!run.killed) throw new Error(`the writer exited by itself (code ${run.code}, signal ${run.signal}) — ${context}\n${run.stderr}`);
        if (run.readyAfter === null) throw new Error(`the writer was killed before it was ready — ${context}\n${run.stderr}`);
        stats.readyMs += run.readyAfter;

        const lines: LogLine[] = parseLog(fs.readFileSync(logFile, 'utf8'));
        const acks: Ack[] = [];
        // Where a write's answer already differs from what it should have done.
        const answered: string[] = [];
        let pending: Intent | null = null;
        for (const line of lines) {
          if (line.t === 'intent') pending = line.intent;
          else if (line.t === 'ack') {
            answered.push(...applyAck(model, line.ack).map((p) => `write ${line.n} (${line.ack.op}): ${p}`));
            const t = timing.get(line.ack.op) ?? [0, 0];
            timing.set(line.ack.op, [t[0] + 1, t[1] + (line.ms ?? 0)]);
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
          problems = [...answered];
          if (pending) {
            const settled = settlePending(db, model, pending, problems);
            if (settled.applied) stats.pendingApplied++;
            else stats.pendingNotApplied++;
            cutOff.set(settled.op, `${(cutOff.get(settled.op) ?? '')}${settled.applied ? '+' : '-'}`);
          }
          problems.push(...checkDatabase(db, model, acks));
        } finally {
          db.close();
        }
        stats.checkMs += Date.now() - checkStarted;
        if (mergedInCycle === null && model.counts.mergein > 0) mergedInCycle = cycle;
        if (problems.length > 0) throw new Error(`crash check failed — ${context}\n${problems.slice(0, 30).join('\n')}`);
      }
      keep = false;
    } finally {
      if (!keep) removeDir(dir);
    }
    const versions = model.outlines.size;
    const work = model.work;
    const grids = [...work.pilots.values()].map((p) => p.grid);
    console.log(
      `[crash-kill] ${CYCLES} cycles in ${((Date.now() - started) / 1000).toFixed(1)} s (base seed ${BASE_SEED}): ${stats.acks} acknowledged writes, ` +
        `${stats.refused} refused, cut-off writes applied ${stats.pendingApplied} / not applied ${stats.pendingNotApplied}; ${versions} versions, ` +
        `${model.annotations.size} annotations; writer ready after ${Math.round(stats.readyMs / CYCLES)} ms, checks ${Math.round(stats.checkMs / CYCLES)} ms per cycle`,
    );
    console.log(
      `[crash-kill] writes per kind: ${JSON.stringify({ ...model.counts, ...work.counts })}; cut off (+ applied, - not): ${JSON.stringify(Object.fromEntries(cutOff))}; ` +
        `${work.pilots.size} pilots with ${grids.reduce((n, g) => n + g.length, 0)} grid rows (${grids.reduce((n, g) => n + g.filter((r) => r.decision).length, 0)} decided, ` +
        `${grids.reduce((n, g) => n + g.reduce((m, r) => m + r.cells.filter((c) => c[1] !== null).length, 0), 0)} cells classified, ${grids.reduce((n, g) => n + g.reduce((m, r) => m + r.comments.length, 0), 0)} comments); ` +
        `${work.rounds.size} review rounds with ${work.comments.size} comments (${work.answers.size} answered); ${work.lists.size} lists, ${work.items.size} items, ${work.votingRounds.size} voting rounds, ${work.votes.size} votes`,
    );
    console.log(
      `[crash-kill] colleague's file merged in cycle ${mergedInCycle ?? '-'} (${model.mergedVersions} versions copied, backup ${model.backups[0] ?? '-'}; attempts cut off: ${cutOff.get('mergein') ?? ''})`,
    );
    console.log(`[crash-kill] mean ms per write: ${JSON.stringify(Object.fromEntries([...timing].map(([op, [count, ms]]) => [op, Math.round(ms / count)])))}`);
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

describe('the checks of the working-group writes', () => {
  /**
   * The kill test only shows that the checks pass. Here the same writes run in-process on a
   * workspace, and the checks must pass on it, then fail on each way a crash (or a service) could
   * leave things half-done; and settling a write must say "not applied" before it ran and
   * "applied, completely" after.
   */
  it('pass on the writes as made, and catch each missing, half-done or unaudited one', async () => {
    const ws = seededWorkspace(undefined, { parse: miniParser });
    try {
      const versions: Array<{ id: number; standardId: string }> = [];
      for (const key of Object.keys(ADHD_STANDARDS) as Array<keyof typeof ADHD_STANDARDS>) {
        for (const label of ['2019', '2024']) {
          const text = `${ADHD_TEXTS[key]}\n# Herziening ${label}\nWat in ${label} is gewijzigd.\n`;
          versions.push({ id: (await importText(ws, ADHD_STANDARDS[key], text, label)).versionId as number, standardId: ADHD_STANDARDS[key] });
        }
      }
      const random = prng(20260611);
      let n = 0;
      const writer = createWorkgroupWriter({
        call: <T,>(method: string, args?: unknown): T => {
          const result = ws.call(method, args);
          if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { apiCode: result.error.code });
          return result.value as T;
        },
        random,
        pick: <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T,
        between: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
        tag: () => `z${n}`,
        versions,
      });
      const model = newWorkModel();
      const settled: string[] = [];
      for (n = 1; n <= 120; n++) {
        const write = writer.plan(random());
        if (!write) continue;
        const before = structuredClone(model);
        const problems: string[] = [];
        const fail = (message: string) => problems.push(`${write.intent.op}: ${message}`);
        // Before it ran: not applied, and nothing wrong.
        expect(settleWork(ws.db, before, write.intent, fail), JSON.stringify(write.intent)).toBe(false);
        let ack;
        try {
          ack = write.perform();
        } catch (error) {
          const code = (error as { apiCode?: string }).apiCode;
          if (code === 'CONFLICT' || code === 'ONGELDIGE_INVOER') continue;
          throw error;
        }
        expect(applyWorkAck(model, ack)).toEqual([]);
        // After it ran, as if the kill came before its ack: applied, completely.
        expect(settleWork(ws.db, before, write.intent, fail), JSON.stringify(write.intent)).toBe(true);
        expect(problems).toEqual([]);
        if (n % 20 === 0) expect(checkWork(ws.db, before)).toEqual([]);
        settled.push(write.intent.op);
      }
      expect(checkWork(ws.db, model)).toEqual([]);
      // Every kind was made (and settled) at least once.
      expect(Object.entries(model.counts).filter(([, count]) => count === 0)).toEqual([]);

      const corruptions: Array<[string, string, RegExp]> = [
        ['a classification lost', "UPDATE alignment_cell SET classification = NULL WHERE id = (SELECT max(id) FROM alignment_cell WHERE classification IS NOT NULL)", /pilot \d+: grid differs/],
        ['a decision without its text', 'UPDATE alignment_row SET decision_text = NULL WHERE id = (SELECT max(id) FROM alignment_row WHERE decision IS NOT NULL)', /grid differs/],
        [
          'a proposed row short of a section',
          "DELETE FROM alignment_cell_section WHERE rowid = (SELECT max(cs.rowid) FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id WHERE r.status = 'voorstel')",
          /grid differs/,
        ],
        ['a grid comment gone', 'DELETE FROM alignment_comment WHERE id = (SELECT max(id) FROM alignment_comment)', /grid differs/],
        ['a pilot short of a version', 'DELETE FROM pilot_version WHERE rowid = (SELECT max(rowid) FROM pilot_version)', /pilot \d+: versions/],
        ['a comment number taken without its comment', 'UPDATE review_round SET last_nr = last_nr + 1 WHERE id = (SELECT round_id FROM review_comment ORDER BY id DESC LIMIT 1)', /last number/],
        [
          'an organisation that commented, not marked as responded',
          "UPDATE review_invitation SET status = 'uitgenodigd', responded_at = NULL WHERE id = (SELECT invitation_id FROM review_comment ORDER BY id DESC LIMIT 1)",
          /invitation \d+: uitgenodigd/,
        ],
        ['an answer changed', "UPDATE review_response SET response = response || '.' WHERE id = (SELECT max(id) FROM review_response)", /answer to comment/],
        ['an item at a gap', 'UPDATE bdl_item SET ordinal = ordinal + 1 WHERE id = (SELECT max(id) FROM bdl_item)', /items of \d+\/\w+ at positions/],
        ['a voting round short of an item', 'DELETE FROM voting_round_item WHERE (round_id, item_id) = (SELECT round_id, item_id FROM voting_round_item ORDER BY round_id DESC, ordinal DESC LIMIT 1)', /voting round \d+/],
        ['a vote changed', "UPDATE vote SET vote = CASE vote WHEN 'eens' THEN 'oneens' ELSE 'eens' END WHERE rowid = (SELECT max(rowid) FROM vote)", /vote /],
        ['a change without its audit entry', "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE entity = 'pilot')", /audit of pilot\/\d+/],
        [
          'an audit entry without its change',
          "INSERT INTO audit_log (at, actor, action, entity, entity_id, details) SELECT at, actor, action, entity, entity_id, details FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE entity = 'review_comment')",
          /audit of review_comment\/\d+/,
        ],
      ];
      for (const [what, sql, expected] of corruptions) {
        ws.db.exec('SAVEPOINT corrupt');
        try {
          expect(ws.db.prepare(sql).run().changes, what).toBe(1);
          const problems = checkWork(ws.db, model);
          expect(problems.join('\n'), what).toMatch(expected);
        } finally {
          ws.db.exec('ROLLBACK TO corrupt; RELEASE corrupt');
        }
      }
      expect(checkWork(ws.db, model)).toEqual([]);

      // A proposal cut off by the kill: applied with every row and cell, and caught when one is short.
      const pilotId = [...model.pilots].find(([, p]) => p.versions.length >= 2)?.[0] as number;
      const proposal = ws.call('alignment.propose', { pilotId });
      expect(proposal.ok).toBe(true);
      const settle = (m: WorkModel) => {
        const problems: string[] = [];
        return { applied: settleWork(ws.db, m, { op: 'propose', pilotId }, (p) => problems.push(p)), problems };
      };
      expect(settle(structuredClone(model))).toEqual({ applied: true, problems: [] });
      ws.db.exec('SAVEPOINT corrupt');
      try {
        ws.db.prepare("DELETE FROM alignment_cell_section WHERE rowid = (SELECT max(cs.rowid) FROM alignment_cell_section cs JOIN alignment_cell c ON c.id = cs.cell_id JOIN alignment_row r ON r.id = c.row_id WHERE r.pilot_id = ? AND r.status = 'voorstel')").run(pilotId);
        const half = settle(structuredClone(model));
        expect(half.applied).toBe(true);
        expect(half.problems.join('\n')).toMatch(/proposed rows stored, the aligner proposes/);
      } finally {
        ws.db.exec('ROLLBACK TO corrupt; RELEASE corrupt');
      }
    } finally {
      ws.cleanup();
    }
  }, 60_000);
});
