import type { Organisation, Vocabularies } from '../../common/catalogue.js';
import type { Db } from '../open.js';

export function listVocabularies(db: Db): Vocabularies {
  const rows = db.prepare('SELECT kind, value, label, description FROM vocabulary ORDER BY kind, ordinal, label').all() as Array<{ kind: string; value: string; label: string; description: string | null }>;
  const result: Vocabularies = {};
  for (const row of rows) (result[row.kind] ??= []).push({ value: row.value, label: row.label, description: row.description });
  return result;
}

export function listOrganisations(db: Db): Organisation[] {
  return db.prepare('SELECT id, abbreviation, name, kind, perspective FROM organisation ORDER BY coalesce(abbreviation, name) COLLATE NOCASE').all() as Organisation[];
}

export function organisationExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM organisation WHERE id = ?').get(id) !== undefined;
}

export function vocabularyHas(db: Db, kind: string, value: string): boolean {
  return db.prepare('SELECT 1 FROM vocabulary WHERE kind = ? AND value = ?').get(kind, value) !== undefined;
}
