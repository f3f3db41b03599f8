/**
 * Child process for tests/unit/concurrency-second-writer.test.ts.
 *
 *   node --import tsx tests/crash/holder.ts hold <dir>   opens the workspace, prints {"ready":…} and
 *       then obeys stdin lines: "write <text>" (standards.update notes, answers {"wrote":…}) and
 *       "exit" (closes the workspace and exits 0)
 *   node --import tsx tests/crash/holder.ts try <dir>    tries to open the workspace and prints
 *       {"opened":true} or {"opened":false,"apiError":…,"code":…,"message":…,"ms":…}
 */
import readline from 'node:readline';
import type { StandardSummary } from '../../common/catalogue.js';
import { ApiError } from '../../common/errors.js';
import { createApi, invokeApi } from '../../electron/api.js';
import { openWorkspace } from '../../electron/workspace.js';

const [mode, dir] = process.argv.slice(2);
if ((mode !== 'hold' && mode !== 'try') || !dir) {
  console.error('usage: holder.ts hold|try <dir>');
  process.exit(2);
}
const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (mode === 'try') {
  const started = performance.now();
  try {
    const workspace = openWorkspace(dir);
    const api = createApi(workspace.db, { mode: 'test', appVersion: 'holder', workspacePath: workspace.file });
    const first = invokeApi(api, 'standards.list', {});
    workspace.db.close();
    say({ opened: true, ms: performance.now() - started, listed: first.ok });
  } catch (error) {
    const e = error as { code?: string; message?: string };
    say({ opened: false, apiError: error instanceof ApiError, code: e.code, message: e.message, ms: performance.now() - started });
  }
} else {
  const workspace = openWorkspace(dir);
  const api = createApi(workspace.db, { mode: 'test', appVersion: 'holder', workspacePath: workspace.file });
  const id = (invokeApi(api, 'standards.list', {}) as { value: StandardSummary[] }).value[0]?.id as string;
  const write = (notes: string) => invokeApi(api, 'standards.update', { id, patch: { notes } });
  say({ ready: true, pid: process.pid, id, first: write(`van A ${process.pid}`) });
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.startsWith('write ')) say({ wrote: write(line.slice(6)) });
    else if (line === 'exit') {
      workspace.db.close();
      process.exit(0);
    }
  });
}
