/**
 * Helpers for the codebook and annotation tests: tags by path, annotating a quote found in a
 * section, and the invariant every write must keep (a placed annotation's quote is its text).
 */
import { expect } from 'vitest';
import type { Section } from '../../common/document.js';
import type { Annotation, Tag } from '../../common/tags.js';
import type { Db } from '../../db/open.js';
import type { VersionWithSections } from '../../electron/services/documents.js';
import type { TestWorkspace } from './test-db.js';

export function tagByPath(ws: TestWorkspace, path: string): Tag {
  const tag = ws.ok<Tag[]>('tags.list').find((t) => t.path === path);
  if (!tag) throw new Error(`no tag "${path}"`);
  return tag;
}

export const tagIdOf = (ws: TestWorkspace, path: string): number => tagByPath(ws, path).id;

export function sectionsOf(ws: TestWorkspace, versionId: number): Section[] {
  return ws.ok<VersionWithSections>('versions.get', { versionId }).sections;
}

export function sectionByHeading(ws: TestWorkspace, versionId: number, heading: string): Section {
  const section = sectionsOf(ws, versionId).find((s) => s.heading === heading);
  if (!section) throw new Error(`no section "${heading}" in version ${versionId}`);
  return section;
}

/** Offsets of the n-th (0-based) occurrence of quote in the section's text. */
export function spanOf(section: Section, quote: string, occurrence = 0): { sectionId: number; start: number; end: number; quote: string } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = section.text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`"${quote}" (occurrence ${occurrence}) not in section "${section.heading}"`);
  }
  return { sectionId: section.id, start: at, end: at + quote.length, quote };
}

/** annotations.create for a quote found in a section. */
export function annotate(ws: TestWorkspace, section: Section, quote: string, tagIds: number[], extra: Record<string, unknown> = {}): Annotation {
  return ws.ok<Annotation>('annotations.create', { ...spanOf(section, quote), tagIds, ...extra });
}

/**
 * The invariant: every annotation with a section has offsets inside its text, and the text there is
 * its quote; the denormalised version and standard match the section's; 'los' ones have no offsets.
 */
export function checkAnnotations(db: Db): void {
  const rows = db
    .prepare(
      `SELECT a.id, a.quote, a.start_offset AS start, a.end_offset AS end, a.anchor_state AS state, a.version_id AS versionId, a.standard_id AS standardId,
              s.text, s.version_id AS sectionVersion, v.standard_id AS sectionStandard
       FROM annotation a LEFT JOIN section s ON s.id = a.section_id LEFT JOIN document_version v ON v.id = s.version_id`,
    )
    .all() as Array<{ id: string; quote: string; start: number | null; end: number | null; state: string; versionId: number | null; standardId: string; text: string | null; sectionVersion: number | null; sectionStandard: string | null }>;
  for (const r of rows) {
    if (r.state === 'los') {
      expect({ id: r.id, start: r.start, end: r.end, text: r.text }).toEqual({ id: r.id, start: null, end: null, text: null });
      continue;
    }
    expect({ id: r.id, quote: r.text?.slice(r.start ?? 0, r.end ?? 0) }).toEqual({ id: r.id, quote: r.quote });
    expect({ id: r.id, versionId: r.versionId, standardId: r.standardId }).toEqual({ id: r.id, versionId: r.sectionVersion, standardId: r.sectionStandard });
  }
  const untagged = db.prepare('SELECT count(*) AS n FROM annotation a WHERE NOT EXISTS (SELECT 1 FROM annotation_tag t WHERE t.annotation_id = a.id)').get() as { n: number };
  expect(untagged.n).toBe(0);
}
