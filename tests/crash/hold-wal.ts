/**
 * Child process for the "WAL left behind" test (tests/unit/damaged-workspace.test.ts): opens the
 * workspace, turns automatic checkpoints off so every write stays in the -wal file, makes a few API
 * writes, prints what it wrote as one JSON line and then waits to be killed with SIGKILL.
 *
 *   node --import tsx tests/crash/hold-wal.ts <dir>
 */
import type { ImportJob, Section } from '../../common/document.js';
import type { Standard, StandardSummary } from '../../common/catalogue.js';
import { createApi, invokeApi } from '../../electron/api.js';
import { openWorkspace } from '../../electron/workspace.js';
import { parseMarkdown } from './mini-parser.js';

export interface HeldWrites {
  notes: Record<string, string>;
  created: { id: string; title: string };
  version: { id: number; standardId: string; headings: string[] };
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: hold-wal.ts <dir>');
  process.exit(2);
}
const workspace = openWorkspace(dir);
workspace.db.pragma('wal_autocheckpoint = 0');
const api = createApi(workspace.db, { mode: 'test', appVersion: 'hold-wal', workspacePath: workspace.file }, { parse: parseMarkdown });
function call<T>(method: string, args?: unknown): T {
  const result = invokeApi(api, method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function main(): Promise<void> {
  const ids = call<StandardSummary[]>('standards.list', {}).slice(0, 3).map((s) => s.id);
  const notes: Record<string, string> = {};
  for (const [i, id] of ids.entries()) {
    notes[id] = `alleen in de WAL ${i} ${process.pid}`;
    call('standards.update', { id, patch: { notes: notes[id] } });
  }
  const title = `Uit de WAL ${process.pid}`;
  const created = call<Standard>('standards.create', { title, type: call<Standard>('standards.get', { id: ids[0] }).type, status: 'concept' });
  const text = '# Inleiding walvis\n\nDeze tekst staat alleen in de WAL.\n\n## Aanpak\n\nOuderbegeleiding in stappen.\n';
  let job = call<ImportJob>('imports.start', { standardId: created.id, fileName: 'wal.md', dataBase64: Buffer.from(text).toString('base64'), label: '2026', status: 'concept' });
  while (job.state === 'bezig') {
    await new Promise((resolve) => setTimeout(resolve, 2));
    job = call<ImportJob>('imports.status', { jobId: job.id });
  }
  if (job.versionId === null) throw new Error(`import ${job.state}: ${JSON.stringify(job.error)}`);
  const sections = call<{ sections: Section[] }>('versions.get', { versionId: job.versionId }).sections;
  const held: HeldWrites = { notes, created: { id: created.id, title }, version: { id: job.versionId, standardId: created.id, headings: sections.map((s) => s.heading) } };
  process.stdout.write(`${JSON.stringify(held)}\n`);
  setInterval(() => {}, 60_000);
}

main().catch((error: unknown) => {
  console.error('[hold-wal] failed', error);
  process.exit(1);
});
