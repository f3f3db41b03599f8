/**
 * Damaged workspace files. A real workspace (seeded catalogue, one imported version with sections,
 * an annotation, an edit) is closed and copied RICHTSNOER_DAMAGE_COPIES (default 200) times with
 * seeded damage: flipped bytes in random pages, truncation, a zeroed page, an overwritten header
 * (all of it or one field), appended garbage, a garbage -wal file next to it, or two of these.
 *
 * Each copy is opened in a child process (tests/crash/open-damaged.ts), so a native crash would end
 * that batch, not the test run: openDatabase plus API reads, and on a fresh copy openWorkspace (what
 * the app calls at start) plus the same reads. Each must work or fail with a clear Dutch message
 * (an ApiError from the open, an { ok: false } answer from a read), never anything else.
 *
 * RICHTSNOER_DAMAGE_SEED fixes the base seed (default random; it is in every failure message and
 * each copy's own seed is printed with it).
 *
 * Also: a -wal file left behind by a process killed with SIGKILL is recovered on open.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentVersion, Section } from '../../common/document.js';
import type { Standard } from '../../common/catalogue.js';
import type { Tag } from '../../common/tags.js';
import { openDatabase } from '../../db/open.js';
import { createApi, invokeApi } from '../../electron/api.js';
import { openWorkspace } from '../../electron/workspace.js';
import { CHILD_ENV, prepareChild, type ChildScript } from '../crash/bundle.js';
import type { HeldWrites } from '../crash/hold-wal.js';
import type { Outcome, Stage } from '../crash/open-damaged.js';
import { checkIndexes, importText, miniParser, SAMPLE } from '../helpers/documents.js';
import { removeDir, seededWorkspace, tempDir } from '../helpers/test-db.js';

const COPIES = Number(process.env.RICHTSNOER_DAMAGE_COPIES ?? 200);
const BASE_SEED = process.env.RICHTSNOER_DAMAGE_SEED ? Number(process.env.RICHTSNOER_DAMAGE_SEED) : Math.floor(Math.random() * 2 ** 31);
const BATCHES = 4;
const REPRO = `RICHTSNOER_DAMAGE_SEED=${BASE_SEED}`;

/**
 * What counts as a clear Dutch answer to a damaged file. The first is the one openDatabase gives for
 * SQLITE_CORRUPT/NOTADB; then its general refusal (its tail is SQLite's own English text, e.g.
 * "unsupported file format", or "table … already exists" when a damaged user_version makes the
 * migrations start again), the refusal of a newer schema (a damaged user_version can say so), the
 * API's general DATABASE/INTERN answers, and "not found" for a row the damage took away.
 */
const CLEAR_DUTCH = [
  /beschadigd/i,
  /^De werkruimte kon niet worden geopend/,
  /^Deze werkruimte is gemaakt met een nieuwere versie van Richtsnoer/,
  /^De database kon de opdracht niet uitvoeren; er is niets gewijzigd\.$/,
  /^Er ging onverwacht iets mis; er is niets gewijzigd\.$/,
  /^Er is geen (standaard|versie) met/,
];
const INTERNALS = /SqliteError|SQLITE_|\bat .*\.ts:\d+|TypeError|SyntaxError|undefined is not|Cannot read/;
const isClearDutch = (message: string | undefined) => typeof message === 'string' && CLEAR_DUTCH.some((re) => re.test(message)) && !INTERNALS.test(message);

let dir = '';
let template = '';
let standardId = '';
let versionId = 0;
let sectionCount = 0;
let opener: ChildScript | null = null;
let holder: ChildScript | null = null;
const outcomes: Outcome[] = [];
const batches: Array<{ from: number; to: number; code: number | null; signal: string | null; stderr: string; lastStarted: number | null }> = [];

function runBatch(from: number, to: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const work = path.join(dir, `batch-${from}`);
    fs.mkdirSync(work, { recursive: true });
    const child = spawn(process.execPath, [...(opener?.args ?? []), template, work, String(BASE_SEED), String(from), String(to), standardId, String(versionId)], {
      env: CHILD_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      let lastStarted: number | null = null;
      for (const line of stdout.split('\n')) {
        if (line === '') continue;
        const parsed = JSON.parse(line) as Outcome | { i: number; start: true };
        if ('start' in parsed) lastStarted = parsed.i;
        else {
          outcomes.push(parsed);
          lastStarted = null;
        }
      }
      batches.push({ from, to, code, signal, stderr: stderr.slice(0, 2000), lastStarted });
      resolve();
    });
  });
}

beforeAll(async () => {
  dir = tempDir('richtsnoer-damaged-');
  // The workspace every copy starts from.
  const ws = seededWorkspace(undefined, { parse: miniParser });
  standardId = (ws.ok<Array<{ id: string }>>('standards.list', {})[0] as { id: string }).id;
  const job = await importText(ws, standardId, SAMPLE);
  versionId = job.versionId as number;
  const sections = ws.ok<{ sections: Section[] }>('versions.get', { versionId }).sections;
  sectionCount = sections.length;
  const target = sections.find((s) => s.text.includes('ouderbegeleiding')) as Section;
  const at = target.text.indexOf('ouderbegeleiding');
  const tag = ws.ok<Tag[]>('tags.list')[0] as Tag;
  ws.ok('annotations.create', { sectionId: target.id, start: at, end: at + 'ouderbegeleiding'.length, quote: 'ouderbegeleiding', tagIds: [tag.id] });
  ws.ok('standards.update', { id: standardId, patch: { notes: 'voor de beschadigde kopieën' } });
  ws.db.close(); // checkpoints: the whole workspace is in the one file
  template = path.join(dir, 'template.sqlite');
  fs.copyFileSync(ws.file, template);
  ws.cleanup();

  [opener, holder] = await Promise.all([prepareChild('tests/crash/open-damaged.ts'), prepareChild('tests/crash/hold-wal.ts')]);
  const size = Math.ceil(COPIES / BATCHES);
  const ranges = Array.from({ length: BATCHES }, (_, b) => [b * size, Math.min(COPIES, (b + 1) * size)] as const).filter(([from, to]) => to > from);
  // Two at a time: the machine has two cores.
  for (let b = 0; b < ranges.length; b += 2) await Promise.all(ranges.slice(b, b + 2).map(([from, to]) => runBatch(from, to)));
  outcomes.sort((a, b) => a.i - b.i);
}, 180_000);

afterAll(() => {
  opener?.cleanup();
  holder?.cleanup();
  if (dir) removeDir(dir);
});

const describeCopy = (o: Outcome) => `copy ${o.i} (seed ${o.seed}, ${o.kind}: ${o.description}; base ${REPRO})`;

/** Problems with one stage of one copy: an uncaught error, an unclear message, a failing close. */
function stageProblems(o: Outcome, name: string, stage: Stage): string[] {
  const problems: string[] = [];
  if (stage.open === 'uncaught') problems.push(`${name}: uncaught ${stage.error?.name} ${stage.error?.code ?? ''} "${stage.error?.message}"\n${stage.error?.stack ?? ''}`);
  if (stage.open === 'refused' && !isClearDutch(stage.error?.message)) problems.push(`${name}: refused with an unclear message "${stage.error?.message}"`);
  for (const read of stage.reads) {
    if (!read.ok && (!['DATABASE', 'INTERN', 'NIET_GEVONDEN'].includes(read.code ?? '') || !isClearDutch(read.message))) {
      problems.push(`${name}: ${read.method} answered ${read.code} "${read.message}"`);
    }
  }
  if (stage.closeError) problems.push(`${name}: close threw "${stage.closeError}"`);
  return problems.map((p) => `${describeCopy(o)} — ${p}`);
}

/** How often each answer came, for the log: shows the damage really reached the database. */
function tally(stage: (o: Outcome) => Stage): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) {
    const s = stage(o);
    const key = s.open === 'opened' ? (s.reads.every((r) => r.ok) ? 'opened, all reads ok' : 'opened, some reads refused') : `${s.open}: ${s.error?.message.slice(0, 70)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const reads = new Map<string, number>();
  for (const o of outcomes) for (const r of stage(o).reads) if (!r.ok) reads.set(`${r.method} → ${r.code} ${r.message?.slice(0, 60)}`, (reads.get(`${r.method} → ${r.code} ${r.message?.slice(0, 60)}`) ?? 0) + 1);
  const lines = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(3)} ${k}`);
  return [...lines(counts), '  refused reads:', ...lines(reads)].join('\n');
}

describe(`damaged workspace files (${COPIES} copies, ${REPRO})`, () => {
  it('the undamaged workspace opens and reads back (the control)', () => {
    const copyDir = path.join(dir, 'control');
    fs.mkdirSync(copyDir);
    fs.copyFileSync(template, path.join(copyDir, 'werkruimte.sqlite'));
    const ws = openWorkspace(copyDir);
    try {
      const api = createApi(ws.db, { mode: 'test', appVersion: 'x', workspacePath: ws.file });
      const version = invokeApi(api, 'versions.get', { versionId });
      expect(version).toMatchObject({ ok: true, value: { version: { id: versionId, standardId }, sections: expect.any(Array) } });
      expect((version as { value: { sections: Section[] } }).value.sections).toHaveLength(sectionCount);
      expect(invokeApi(api, 'standards.get', { id: standardId })).toMatchObject({ ok: true, value: { notes: 'voor de beschadigde kopieën' } });
      expect(invokeApi(api, 'search.fulltext', { query: 'ouderbegeleiding' })).toMatchObject({ ok: true });
      expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      ws.db.close();
    }
  });

  it('no copy crashes the process: every batch exits normally and reports every copy', () => {
    const crashed = batches.filter((b) => b.code !== 0 || b.signal !== null);
    expect(
      crashed.map((b) => `copies ${b.from}..${b.to - 1}: exit ${b.code} signal ${b.signal}, last started copy ${b.lastStarted} (seed base ${REPRO})\n${b.stderr}`),
    ).toEqual([]);
    expect(outcomes.map((o) => o.i)).toEqual(Array.from({ length: COPIES }, (_, i) => i));
  });

  it('openDatabase and the API reads: each copy works or gives a clear Dutch error, never an uncaught one', () => {
    console.log(`[damaged-workspace] openDatabase, ${COPIES} copies (${REPRO}):\n${tally((o) => o.database)}`);
    expect(outcomes.flatMap((o) => stageProblems(o, 'openDatabase', o.database))).toEqual([]);
    // The damage reached the database: many copies are refused as damaged, and many still open.
    const refused = outcomes.filter((o) => o.database.open === 'refused' && /beschadigd/i.test(o.database.error?.message ?? '')).length;
    const opened = outcomes.filter((o) => o.database.open === 'opened').length;
    expect(refused).toBeGreaterThan(COPIES / 10);
    expect(opened).toBeGreaterThan(COPIES / 10);
  });

  /**
   * KNOWN BUG, outside the files this test may change: openWorkspace (electron/workspace.ts) runs
   * seedDatabase on the freshly opened database without catching its errors. On a file whose
   * header is intact but whose pages are damaged, the seed's first reads throw a raw SqliteError
   * (SQLITE_CORRUPT "database disk image is malformed", or even SQLITE_CONSTRAINT_UNIQUE from a
   * damaged index), which reaches the user untranslated ("De werkruimte kon niet worden geopend.
   * database disk image is malformed" in Electron, "Richtsnoer kon niet starten: database disk
   * image is malformed" in browser mode), and the database (with its writer lock) is left open.
   * The fix: in openWorkspace, catch around seedDatabase, close the db, and throw
   * ApiError('DATABASE', 'Beschadigd bestand: …') for SQLITE_CORRUPT/NOTADB (and a Dutch DATABASE
   * error otherwise). Then drop `.fails` here.
   */
  it('openWorkspace (the app start) and the API reads: each copy works or gives a clear Dutch error', () => {
    console.log(`[damaged-workspace] openWorkspace, ${COPIES} copies (${REPRO}):\n${tally((o) => o.workspace)}`);
    expect(outcomes.flatMap((o) => stageProblems(o, 'openWorkspace', o.workspace))).toEqual([]);
  });

  it('a -wal file left behind by a process killed with SIGKILL is recovered on open', async () => {
    const walDir = path.join(dir, 'wal');
    fs.mkdirSync(walDir);
    const file = path.join(walDir, 'werkruimte.sqlite');
    fs.copyFileSync(template, file);
    const child = spawn(process.execPath, [...(holder?.args ?? []), walDir], { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const held = await new Promise<HeldWrites>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] as string) as HeldWrites);
      });
      void exited.then(({ code }) => reject(new Error(`hold-wal exited (${code}) before writing:\n${stderr}`)));
    });

    // Everything is in the -wal file: a copy of the main file alone does not have it.
    const wal = `${file}-wal`;
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    const mainOnly = path.join(walDir, 'alleen-hoofdbestand.sqlite');
    fs.copyFileSync(file, mainOnly);
    const bare = new Database(mainOnly, { readonly: true });
    try {
      expect(bare.prepare('SELECT count(*) AS n FROM standard WHERE id = ?').get(held.created.id)).toEqual({ n: 0 });
    } finally {
      bare.close();
    }

    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fs.existsSync(wal)).toBe(true);

    // The app opens it (its writer lock died with the process) and sees every write.
    const ws = openWorkspace(walDir);
    try {
      expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
      checkIndexes(ws.db);
      const api = createApi(ws.db, { mode: 'test', appVersion: 'x', workspacePath: ws.file });
      for (const [id, notes] of Object.entries(held.notes)) expect(invokeApi(api, 'standards.get', { id })).toMatchObject({ ok: true, value: { notes } });
      expect(invokeApi(api, 'standards.get', { id: held.created.id })).toMatchObject({ ok: true, value: { title: held.created.title } });
      const versions = invokeApi(api, 'versions.list', { standardId: held.created.id });
      expect(versions).toMatchObject({ ok: true, value: [{ id: held.version.id }] });
      const stored = invokeApi(api, 'versions.get', { versionId: held.version.id });
      expect(stored.ok && (stored.value as { sections: Section[] }).sections.map((s) => s.heading)).toEqual(held.version.headings);
      expect(invokeApi(api, 'search.fulltext', { query: 'walvis' })).toMatchObject({ ok: true, value: { totalHits: 1 } });
      expect((invokeApi(api, 'versions.list', { standardId }) as { value: DocumentVersion[] }).value).toHaveLength(1);
      expect((invokeApi(api, 'standards.get', { id: standardId }) as { value: Standard }).value.title).toBeTruthy();
    } finally {
      ws.db.close();
    }
    // A clean close checkpoints the recovered WAL into the main file and removes it.
    expect(fs.existsSync(wal)).toBe(false);
    const after = openDatabase(file, { readonly: true });
    try {
      expect(after.prepare('SELECT title FROM standard WHERE id = ?').get(held.created.id)).toEqual({ title: held.created.title });
    } finally {
      after.close();
    }
  }, 30_000);
});
