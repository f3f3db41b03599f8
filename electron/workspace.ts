import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { seedDatabase, type SeedReport } from '../db/seed.js';

/** The same folder Electron's app.getPath('userData') gives, so both modes share one workspace. */
export function defaultDataDir(): string {
  if (process.env.RICHTSNOER_DATA_DIR) return path.resolve(process.env.RICHTSNOER_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Richtsnoer');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Richtsnoer');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Richtsnoer');
}

export interface Workspace {
  db: Db;
  file: string;
  seed: SeedReport;
}

/** Opens (creating if needed) the workspace database, migrates it and brings in the catalogue. */
export function openWorkspace(dataDir = defaultDataDir()): Workspace {
  const file = path.join(dataDir, 'werkruimte.sqlite');
  const db = openDatabase(file);
  const seed = seedDatabase(db);
  return { db, file, seed };
}
