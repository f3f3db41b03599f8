import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../common/errors.js';
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
  let seed: SeedReport;
  try {
    seed = seedDatabase(db);
  } catch (error) {
    // A file with a sound header but damaged pages fails here, not in openDatabase: close it (and
    // release the workspace lock) and say so in Dutch instead of passing SQLite's English on.
    db.close();
    if (error instanceof ApiError) throw error;
    const code = (error as { code?: string }).code ?? '';
    throw new ApiError(
      'DATABASE',
      code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CONSTRAINT')
        ? 'Beschadigd bestand: dit is geen leesbare Richtsnoer-werkruimte. Zet een reservekopie terug of begin een nieuwe werkruimte.'
        : `De werkruimte kon niet worden geopend: ${(error as Error).message}`,
    );
  }
  return { db, file, seed };
}
