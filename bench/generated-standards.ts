import type { Db } from '../db/open.js';
import { createApi, invokeApi } from '../electron/api.js';

/**
 * Adds generated standards through the api until the workspace holds `total`, with the
 * catalogue's types in turn: the 10× cases of the benchmarks (1,500 standards and more).
 */
export function addGeneratedStandards(db: Db, file: string, total: number): void {
  const api = createApi(db, { mode: 'test', appVersion: 'bench', workspacePath: file });
  const types = (db.prepare('SELECT type FROM standard ORDER BY id').all() as Array<{ type: string }>).map((r) => r.type);
  const existing = types.length;
  for (let i = existing; i < total; i++) {
    const result = invokeApi(api, 'standards.create', { title: `Gegenereerde standaard ${i + 1}`, type: types[i % existing], status: 'concept' });
    if (!result.ok) throw new Error(result.error.message);
  }
}
