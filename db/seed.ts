import { createHash } from 'node:crypto';
import { loadStandardsData, type SeedStandard, type StandardsData } from '../standards-data/schema.js';
import type { Db } from './open.js';
import { writeAudit } from './queries/audit.js';
import { insertStandard, updateStandardRow, type StandardFields } from './queries/standards.js';
import { seedCodebook } from './seed-codebook.js';

export interface SeedReport {
  inserted: number;
  updated: number;
  keptUserEdits: number;
  unchanged: number;
}

const SEED_SOURCE = 'KBL-catalogus (standards-catalogue.csv)';

function seedFields(s: SeedStandard): StandardFields {
  return {
    title: s.title,
    shortTitle: s.shortTitle,
    type: s.type,
    status: s.status,
    ownerText: s.ownerText,
    owners: s.owners,
    subsectors: s.subsectors,
    topic: s.topic,
    targetUsers: s.targetUsers,
    knowledgeBasis: [],
    yearPublished: s.yearPublished,
    yearRevised: s.yearRevised,
    url: s.url,
    confidence: s.confidence,
    notes: null,
  };
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

/**
 * Brings the seed data into a workspace. Idempotent: a second run changes nothing. A seeded row the
 * user never touched follows a newer seed; a row the user edited or retired is never overwritten.
 * Vocabularies and organisations are reference data and are upserted (user-added ones are kept).
 * The codebook is seeded once per entry and then belongs to the user (see seed-codebook.ts).
 */
export function seedDatabase(db: Db, data: StandardsData = loadStandardsData(), now = new Date().toISOString()): SeedReport {
  const report: SeedReport = { inserted: 0, updated: 0, keptUserEdits: 0, unchanged: 0 };
  db.transaction(() => {
    const upsertVocab = db.prepare(
      `INSERT INTO vocabulary (kind, value, label, description, ordinal) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, value) DO UPDATE SET label = excluded.label, description = excluded.description, ordinal = excluded.ordinal`,
    );
    for (const [kind, entries] of Object.entries(data.vocabularies)) {
      entries.forEach((entry, ordinal) => upsertVocab.run(kind, entry.value, entry.label, entry.description ?? null, ordinal));
    }
    const upsertOrg = db.prepare(
      `INSERT INTO organisation (id, abbreviation, name, kind, perspective, from_seed) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (id) DO UPDATE SET abbreviation = excluded.abbreviation, name = excluded.name, kind = excluded.kind, perspective = excluded.perspective
       WHERE organisation.from_seed = 1`,
    );
    for (const o of data.organisations) upsertOrg.run(o.id, o.abbreviation, o.name, o.kind, o.perspective);
    // Reference data like the vocabularies it comes from, so no audit entry; each tag's created_at
    // says when it arrived.
    seedCodebook(db, data.vocabularies, now);

    const state = db.prepare('SELECT seed_hash, user_modified FROM standard WHERE id = ?');
    for (const seed of data.standards) {
      const fields = seedFields(seed);
      const hash = hashOf(fields);
      const existing = state.get(seed.id) as { seed_hash: string | null; user_modified: number } | undefined;
      if (!existing) {
        insertStandard(db, seed.id, fields, { source: SEED_SOURCE, now, seedHash: hash, userModified: false, catalogueId: seed.catalogueId });
        report.inserted++;
      } else if (existing.user_modified === 1) {
        report.keptUserEdits++;
      } else if (existing.seed_hash !== hash) {
        updateStandardRow(db, seed.id, fields, { now, seedHash: hash, userModified: false });
        writeAudit(db, { actor: 'systeem', action: 'bijgewerkt-uit-catalogus', entity: 'standard', entityId: seed.id }, now);
        report.updated++;
      } else {
        report.unchanged++;
      }
    }
    if (report.inserted > 0) {
      writeAudit(db, { actor: 'systeem', action: 'catalogus-geladen', entity: 'catalogue', entityId: 'seed', details: { ...report } }, now);
    }
  }).immediate();
  return report;
}
