/**
 * A second writer on one workspace. The Electron app already keeps a second copy of itself out
 * (single-instance lock), but browser mode, a second data folder pointing at the same files, or a
 * script can still open the workspace: the database layer (openDatabase, see acquireWriterLock in
 * db/open.ts) refuses a second writer at once with a Dutch message, in another process as in the
 * same one, while readers (readonly opens) stay welcome. The lock is an OS lock that dies with its
 * process, so a process killed with SIGKILL never locks the user out.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../common/errors.js';
import { openDatabase, WORKSPACE_IN_USE_MESSAGE } from '../../db/open.js';
import { createApi, invokeApi } from '../../electron/api.js';
import { openWorkspace } from '../../electron/workspace.js';
import { CHILD_ENV, prepareChild, type ChildScript } from '../crash/bundle.js';
import { removeDir, tempDir } from '../helpers/test-db.js';

let holderScript: ChildScript | null = null;
let template = '';
let templateDir = '';
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  holderScript = await prepareChild('tests/crash/holder.ts');
  // One seeded workspace to copy: seeding each time would cost more than the tests.
  templateDir = tempDir('richtsnoer-lock-template-');
  const ws = openWorkspace(templateDir);
  ws.db.close();
  template = ws.file;
}, 60_000);
afterAll(() => {
  holderScript?.cleanup();
  removeDir(templateDir);
});
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function workspaceDir(): string {
  const dir = tempDir('richtsnoer-lock-');
  fs.copyFileSync(template, path.join(dir, 'werkruimte.sqlite'));
  cleanups.push(() => removeDir(dir));
  return dir;
}

/** A child process with JSON lines on stdout; next() waits for the next one. */
class Child {
  readonly proc: ChildProcessWithoutNullStreams;
  private lines: unknown[] = [];
  private waiting: Array<(line: unknown) => void> = [];
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[]) {
    this.proc = spawn(process.execPath, [...(holderScript?.args ?? []), ...args], { env: CHILD_ENV });
    let buffer = '';
    this.proc.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as unknown;
        buffer = buffer.slice(nl + 1);
        const waiter = this.waiting.shift();
        if (waiter) waiter(line);
        else this.lines.push(line);
      }
    });
    this.proc.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    cleanups.push(() => {
      if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    });
  }

  next<T>(timeoutMs = 15_000): Promise<T> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer from the child within ${timeoutMs} ms; stderr:\n${this.stderr}`)), timeoutMs);
      this.waiting.push((line) => {
        clearTimeout(timer);
        resolve(line as T);
      });
    });
  }

  send(line: string): void {
    this.proc.stdin.write(`${line}\n`);
  }
}

interface Ready { ready: true; pid: number; id: string; first: { ok: boolean } }
interface Tried { opened: boolean; apiError?: boolean; code?: string; message?: string; ms: number }

/** Opens in this process and returns what happened, with the time it took. */
function tryOpen(dir: string): { error: unknown; ms: number } {
  const started = performance.now();
  try {
    openWorkspace(dir).db.close();
    return { error: null, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

function notesIn(dir: string, id: string): string | null {
  const db = openDatabase(path.join(dir, 'werkruimte.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT notes FROM standard WHERE id = ?').get(id) as { notes: string | null }).notes;
  } finally {
    db.close();
  }
}

describe('a second writer on one workspace', () => {
  it('process A holds it: B is refused at once with a Dutch message, A keeps working, and after A exits B opens', async () => {
    const dir = workspaceDir();
    const a = new Child(['hold', dir]);
    const ready = await a.next<Ready>();
    expect(ready.first.ok).toBe(true);

    // B in this process: openWorkspace and the plain openDatabase are both refused, fast.
    const refused = tryOpen(dir);
    expect(refused.error).toBeInstanceOf(ApiError);
    expect(refused.error).toMatchObject({ code: 'DATABASE', message: WORKSPACE_IN_USE_MESSAGE });
    expect(WORKSPACE_IN_USE_MESSAGE).toMatch(/^De werkruimte is al geopend in een ander Richtsnoer-venster of -proces\./);
    expect(refused.ms).toBeLessThan(1000); // not busy_timeout (5 s) per statement
    expect(() => openDatabase(path.join(dir, 'werkruimte.sqlite'))).toThrow(WORKSPACE_IN_USE_MESSAGE);
    expect(() => openDatabase(path.join(dir, 'werkruimte.sqlite'), { migrate: false })).toThrow(WORKSPACE_IN_USE_MESSAGE);

    // B in another process: the same.
    const b = new Child(['try', dir]);
    const tried = await b.next<Tried>();
    expect(tried).toMatchObject({ opened: false, apiError: true, code: 'DATABASE', message: WORKSPACE_IN_USE_MESSAGE });
    expect(tried.ms).toBeLessThan(1000);
    expect(await b.exited).toEqual({ code: 0, signal: null });

    // A was not disturbed: it still writes, and a reader sees what it committed.
    a.send('write na de weigering');
    expect(await a.next<{ wrote: { ok: boolean } }>()).toEqual({ wrote: expect.objectContaining({ ok: true }) });
    expect(notesIn(dir, ready.id)).toBe('na de weigering');

    a.send('exit');
    expect(await a.exited).toEqual({ code: 0, signal: null });
    const after = new Child(['try', dir]);
    expect(await after.next<Tried>()).toMatchObject({ opened: true, listed: true });
    const ws = openWorkspace(dir);
    try {
      expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const api = createApi(ws.db, { mode: 'test', appVersion: 'x', workspacePath: ws.file });
      expect(invokeApi(api, 'standards.get', { id: ready.id })).toMatchObject({ ok: true, value: { notes: 'na de weigering' } });
      expect(invokeApi(api, 'audit.list', { entity: 'standard', entityId: ready.id })).toMatchObject({ ok: true, value: [{ action: 'gewijzigd' }, { action: 'gewijzigd' }] });
    } finally {
      ws.db.close();
    }
  }, 30_000);

  it('A killed with SIGKILL leaves no lock behind: B opens at once and has what A wrote', async () => {
    const dir = workspaceDir();
    const a = new Child(['hold', dir]);
    const ready = await a.next<Ready>();
    a.send('write vlak voor kill -9');
    await a.next();
    a.proc.kill('SIGKILL');
    expect(await a.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(fs.existsSync(path.join(dir, 'werkruimte.sqlite.lock'))).toBe(true); // the file stays; its lock does not

    const opened = tryOpen(dir);
    expect(opened.error).toBeNull();
    expect(opened.ms).toBeLessThan(2000);
    expect(notesIn(dir, ready.id)).toBe('vlak voor kill -9');
  }, 30_000);

  it('this process holds it: another process is refused; readers are still welcome', async () => {
    const dir = workspaceDir();
    const ws = openWorkspace(dir);
    try {
      const api = createApi(ws.db, { mode: 'test', appVersion: 'x', workspacePath: ws.file });
      const id = (invokeApi(api, 'standards.list', {}) as { value: Array<{ id: string }> }).value[0]?.id as string;
      expect(invokeApi(api, 'standards.update', { id, patch: { notes: 'van dit proces' } })).toMatchObject({ ok: true });

      const b = new Child(['try', dir]);
      expect(await b.next<Tried>()).toMatchObject({ opened: false, apiError: true, code: 'DATABASE', message: WORKSPACE_IN_USE_MESSAGE });

      // A read-only open writes nothing, so it needs no lock (e.g. a backup or export tool).
      expect(notesIn(dir, id)).toBe('van dit proces');
      expect(invokeApi(api, 'standards.get', { id })).toMatchObject({ ok: true, value: { notes: 'van dit proces' } });
    } finally {
      ws.db.close();
    }
    expect(tryOpen(dir).error).toBeNull();
  }, 30_000);

  it('the lock is released when opening fails halfway, and by close', () => {
    const dir = workspaceDir();
    const file = path.join(dir, 'werkruimte.sqlite');
    const first = openDatabase(file);
    first.close();
    const second = openDatabase(file);
    second.close();
    second.close(); // closing twice is harmless
    // A migration that fails after the lock was taken: openDatabase closes the database and the lock.
    const broken = tempDir('richtsnoer-lock-migrations-');
    cleanups.push(() => removeDir(broken));
    for (const name of fs.readdirSync(path.resolve('db', 'migrations'))) fs.copyFileSync(path.resolve('db', 'migrations', name), path.join(broken, name));
    const next = fs.readdirSync(broken).filter((f) => f.endsWith('.sql')).length + 1;
    fs.writeFileSync(path.join(broken, `${String(next).padStart(3, '0')}-kapot.sql`), 'CREATE TABLE kapot (id INTEGER PRIMARY KEY); SELECT * FROM bestaat_niet;');
    const saved = process.env.RICHTSNOER_MIGRATIONS_DIR;
    process.env.RICHTSNOER_MIGRATIONS_DIR = broken;
    try {
      expect(() => openDatabase(file)).toThrow(ApiError);
    } finally {
      if (saved === undefined) delete process.env.RICHTSNOER_MIGRATIONS_DIR;
      else process.env.RICHTSNOER_MIGRATIONS_DIR = saved;
    }
    const again = openDatabase(file);
    again.close();
  });

  it('an in-memory database and read-only opens take no lock', () => {
    const dir = workspaceDir();
    const file = path.join(dir, 'werkruimte.sqlite');
    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    a.close();
    b.close();
    const writer = openDatabase(file);
    try {
      const readers = [openDatabase(file, { readonly: true }), openDatabase(file, { readonly: true })];
      for (const r of readers) r.close();
    } finally {
      writer.close();
    }
  });
});
