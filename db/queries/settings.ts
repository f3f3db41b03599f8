import type { Db } from '../open.js';

/** Used when the row is missing (a workspace edited by hand); migration 002 writes the same value. */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export function getSetting(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM setting WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function importMaxBytes(db: Db): number {
  const value = Number(getSetting(db, 'import.maxBytes'));
  return Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_IMPORT_MAX_BYTES;
}
