/**
 * The starting codebook: three groups ("Focusthema's", "Leerlijnen", "Perspectieven") with the
 * vocabulary entries of DOMAIN.md below them. Idempotent and respectful of the user's codebook:
 * every seed entry is handed out once (tag_seed remembers it), so a renamed, moved, merged or
 * deleted seeded tag is never overwritten or brought back; a later vocabulary entry is added once.
 * Label changes in a later vocabulary are not applied to existing tags: the codebook is the user's.
 */
import { createHash } from 'node:crypto';
import { TAG_PALETTE, type TagOrigin } from '../common/tags.js';
import type { Vocabularies } from '../standards-data/schema.js';
import type { Db } from './open.js';
import { insertTag, nextTagOrdinal, siblingNamed } from './queries/tags.js';

export interface CodebookSeedReport {
  created: number;
}

const GROUPS: ReadonlyArray<{ kind: Exclude<TagOrigin, 'eigen' | 'groep'>; name: string; description: string; color: string }> = [
  { kind: 'focus_theme', name: "Focusthema's", description: "De vijf focusthema's van de KBL-leeragenda.", color: '#4e79a7' },
  { kind: 'leerlijn', name: 'Leerlijnen', description: 'De veertien leerlijnen van de KBL-leeragenda.', color: '#59a14f' },
  { kind: 'perspective', name: 'Perspectieven', description: 'De zes KBL-perspectieven.', color: '#b07aa1' },
];

/**
 * A UUID (version-5 layout) from a seed key, so a seeded tag has the same guid in every
 * workspace: codebooks exported from two workspaces then agree on what "Leerlijnen" is.
 */
export function seedGuid(seedKey: string): string {
  const hex = createHash('sha256').update(`richtsnoer-tag:${seedKey}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

const hasCodebook = (db: Db): boolean => db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'tag_seed'").get() !== undefined;

/** Runs inside the caller's transaction (seedDatabase). */
export function seedCodebook(db: Db, vocabularies: Vocabularies, now: string): CodebookSeedReport {
  const report: CodebookSeedReport = { created: 0 };
  // Tests build workspaces migration by migration; before 003 there is no codebook to seed.
  if (!hasCodebook(db)) return report;
  const seeded = db.prepare('SELECT tag_id FROM tag_seed WHERE seed_key = ?');
  const linked = db.prepare('SELECT 1 FROM tag_seed WHERE tag_id = ?');
  const record = db.prepare('INSERT INTO tag_seed (seed_key, tag_id, seeded_at) VALUES (?, ?, ?)');

  /** The tag for a seed key: the one handed out before (or null if the user removed it), else a new one. */
  const ensure = (key: string, parentId: number | null, name: string, color: string, description: string | null, origin: TagOrigin): number | null => {
    const before = seeded.get(key) as { tag_id: number | null } | undefined;
    if (before) return before.tag_id;
    // A tag of the same name already there (made by the user) is adopted rather than duplicated.
    const existing = siblingNamed(db, parentId, name);
    if (existing) {
      const free = linked.get(existing.id) === undefined;
      record.run(key, free ? existing.id : null, now);
      return free ? existing.id : null;
    }
    const id = insertTag(db, { guid: seedGuid(key), parentId, name, color, description, origin, ordinal: nextTagOrdinal(db, parentId), now });
    record.run(key, id, now);
    report.created++;
    return id;
  };

  let colour = 0;
  for (const group of GROUPS) {
    const groupId = ensure(`groep:${group.kind}`, null, group.name, group.color, group.description, 'groep');
    for (const entry of vocabularies[group.kind] ?? []) {
      const color = TAG_PALETTE[colour++ % TAG_PALETTE.length] as string;
      ensure(`${group.kind}:${entry.value}`, groupId, entry.label, color, entry.description ?? null, group.kind);
    }
  }
  return report;
}
