/**
 * A workspace made from a project file's bytes, as a colleague has it after copying the file into
 * place: a second, independent copy of the same work (for the merge tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApi, invokeApi } from '../../electron/api.js';
import { openDatabase } from '../../db/open.js';
import { removeDir, tempDir, TEST_APP_VERSION, type TestWorkspace } from './test-db.js';

export function workspaceCopy(bytes: Uint8Array, userName: string): TestWorkspace {
  const dir = tempDir('richtsnoer-copy-');
  const file = path.join(dir, 'werkruimte.sqlite');
  fs.writeFileSync(file, bytes);
  const db = openDatabase(file);
  const api = createApi(db, { mode: 'test', appVersion: TEST_APP_VERSION, workspacePath: file });
  const call = (method: string, args?: unknown) => invokeApi(api, method, args);
  const ws: TestWorkspace = {
    db,
    dir,
    file,
    api,
    call,
    cleanup() {
      if (db.open) db.close();
      removeDir(dir);
    },
    ok<T>(method: string, args?: unknown): T {
      const result = call(method, args);
      if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    },
  };
  ws.ok('settings.setUserName', { name: userName });
  return ws;
}
