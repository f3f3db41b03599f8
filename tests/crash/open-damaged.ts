/**
 * Child process for tests/unit/damaged-workspace.test.ts: makes damaged copies of a workspace
 * (tests/crash/damage.ts) one at a time, opens each with openDatabase and, on a fresh copy, the way
 * the app does (openWorkspace), and makes a few API reads after each. A native crash would only end
 * this process, not the test run, and the last "start" line says which copy did it.
 *
 *   node --import tsx tests/crash/open-damaged.ts <template.sqlite> <workdir> <baseSeed> <from> <to> <standardId> <versionId>
 *
 * Prints one JSON line per copy: {"i":…,"start":true} before, then the outcome.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../common/errors.js';
import { createApi, invokeApi } from '../../electron/api.js';
import { openDatabase, type Db } from '../../db/open.js';
import { openWorkspace } from '../../electron/workspace.js';
import { copySeed, damage, type DamageKind } from './damage.js';

/** What one way of opening did with a damaged copy. */
export interface Stage {
  /** opened: the open returned; refused: it threw an ApiError; uncaught: it threw anything else. */
  open: 'opened' | 'refused' | 'uncaught';
  error?: { name: string; code?: string; message: string; stack?: string };
  reads: Array<{ method: string; ok: boolean; code?: string; message?: string }>;
  /** Closing threw (anything). */
  closeError?: string;
}

export interface Outcome {
  i: number;
  seed: number;
  kind: DamageKind;
  description: string;
  /** openDatabase (the database layer) and the API reads on it. */
  database: Stage;
  /** openWorkspace (what the app calls at start: openDatabase, then the seed) and the API reads. */
  workspace: Stage;
}

const [template, workDir, baseSeedArg, fromArg, toArg, standardId, versionIdArg] = process.argv.slice(2);
if (!template || !workDir || !baseSeedArg || !fromArg || !toArg || !standardId || !versionIdArg) {
  console.error('usage: open-damaged.ts <template.sqlite> <workdir> <baseSeed> <from> <to> <standardId> <versionId>');
  process.exit(2);
}
const bytes = fs.readFileSync(template);
const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
const versionId = Number(versionIdArg);
const reads: Array<[string, unknown]> = [
  ['standards.list', {}],
  ['standards.get', { id: standardId }],
  ['versions.list', { standardId }],
  ['versions.get', { versionId }],
  ['search.fulltext', { query: 'ouderbegeleiding' }],
  ['audit.list', {}],
];

// invokeApi logs unexpected (INTERN) failures with console.error; the outcome records them already.
console.error = () => {};

function attempt(open: () => Db): Stage {
  const stage: Stage = { open: 'opened', reads: [] };
  let db: Db;
  try {
    db = open();
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string; stack?: string };
    stage.open = error instanceof ApiError ? 'refused' : 'uncaught';
    stage.error = {
      name: e.name ?? typeof error,
      message: String(e.message ?? error),
      ...(e.code ? { code: e.code } : {}),
      ...(error instanceof ApiError ? {} : { stack: e.stack?.split('\n').slice(0, 6).join('\n') }),
    };
    return stage;
  }
  const api = createApi(db, { mode: 'test', appVersion: 'damaged', workspacePath: 'kopie' });
  for (const [method, args] of reads) {
    const result = invokeApi(api, method, args);
    stage.reads.push(result.ok ? { method, ok: true } : { method, ok: false, code: result.error.code, message: result.error.message });
  }
  try {
    db.close();
  } catch (error) {
    stage.closeError = String((error as Error).message);
  }
  return stage;
}

for (let i = Number(fromArg); i < Number(toArg); i++) {
  const seed = copySeed(Number(baseSeedArg), i);
  const copy = damage(bytes, pageSize, seed);
  const dir = path.join(workDir, `kopie-${i}`);
  const file = path.join(dir, 'werkruimte.sqlite');
  // A fresh copy for each way of opening: the first may have recovered or rewritten the file.
  const place = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, copy.db);
    if (copy.wal) fs.writeFileSync(`${file}-wal`, copy.wal);
  };
  process.stdout.write(`${JSON.stringify({ i, start: true })}\n`);
  place();
  const database = attempt(() => openDatabase(file));
  place();
  const workspace = attempt(() => openWorkspace(dir).db);
  const outcome: Outcome = { i, seed, kind: copy.kind, description: copy.description, database, workspace };
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}
