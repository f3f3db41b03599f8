/**
 * The texts under a merge: versions of standards and their sections, which everything else points
 * into. A version is the same in both workspaces when it is the same imported file of the same
 * standard (standard id + sha256). Sections of such a version are matched by reading order and
 * heading, then by number and heading, then by heading alone, each only where the match is unique
 * (structure corrections may differ per workspace). A passage (annotation, comment, link) whose
 * quote is not where it was is found again by quote, exactly then fuzzily, as when a new version
 * replaces an old one (anchoring.ts). A version only the colleague has is copied from the project
 * file, with its sections, when something that is added needs it.
 */
import { writeAudit } from '../../../db/queries/audit.js';
import type { Db } from '../../../db/open.js';
import { createAnchorer, type AnchorResult, type AnchorSection } from '../anchoring.js';
import { NULL_REF, type Ref, type Row, type Side, showDateTime, standardName } from './model.js';

interface SectionText {
  id: number;
  version_id: number;
  ordinal: number;
  number: string | null;
  heading: string;
  text: string;
}

/** Where a passage of theirs lands in your workspace. */
export type Placement =
  | { kind: 'none' }
  /** In one of your sections; offsets null when the whole section is meant. */
  | { kind: 'mine'; sectionId: number; start: number | null; end: number | null; quote: string | null; exact: boolean }
  /** In a version that comes along from their file: their section id, their offsets. */
  | { kind: 'new'; theirSectionId: number; start: number | null; end: number | null; quote: string | null }
  /** The version is there (yours, or coming along) but the passage is not found in it. */
  | { kind: 'loose'; version: Ref }
  /** Not even the version can be placed. */
  | { kind: 'lost'; reason: string };

export interface PassageOfTheirs {
  sectionId: number | null;
  start: number | null;
  end: number | null;
  quote: string | null;
  prefix?: string;
  suffix?: string;
  sectionNumber?: string | null;
  sectionHeading?: string | null;
}

/** A comparable string for a placement (same token: same place). */
export function placementToken(p: Placement): string {
  switch (p.kind) {
    case 'none':
      return 'null';
    case 'mine':
      return `m:${p.sectionId}:${p.start ?? ''}-${p.end ?? ''}`;
    case 'new':
      return `n:${p.theirSectionId}:${p.start ?? ''}-${p.end ?? ''}`;
    case 'loose':
      return `los:${p.version.kind === 'mine' ? `m:${p.version.id}` : p.version.kind === 'new' ? `n:${p.version.theirId}` : 'x'}`;
    case 'lost':
      return 'x';
  }
}

export class Texts {
  private readonly myVersionByKey = new Map<string, number>();
  private readonly sectionMaps = new Map<number, Map<number, number>>();
  private readonly anchorers = new Map<number, (target: Parameters<ReturnType<typeof createAnchorer>>[0]) => AnchorResult | null>();
  private readonly sectionTexts = new Map<string, SectionText | undefined>();
  /** Their versions that the plan adds (referenced by something new or by a conflict). */
  readonly needed = new Set<number>();
  /** Apply: their version id → your new version id; their section id → yours. */
  private readonly importedVersions = new Map<number, number>();
  private readonly importedSections = new Map<number, number>();
  readonly importedLabels: string[] = [];

  /** Texts you deleted (standard:sha256 → who, when), from your audit log: never brought back unasked. */
  private readonly deletedVersions = new Map<string, { at: string; actor: string; label: string }>();

  constructor(
    readonly mine: Side,
    readonly theirs: Side,
  ) {
    for (const v of mine.rows('document_version', 'id')) this.myVersionByKey.set(`${String(v.standard_id)}:${String(v.sha256)}`, v.id as number);
    // The delete entry does not name the file; the import entry of the same version before it does.
    const deleted = mine.db
      .prepare(
        `SELECT d.at, d.actor, json_extract(d.details, '$.label') AS label,
                (SELECT json_extract(i.details, '$.standardId') || ':' || json_extract(i.details, '$.sha256') FROM audit_log i
                  WHERE i.entity = 'document_version' AND i.action = 'geimporteerd' AND i.entity_id = d.entity_id AND i.id < d.id ORDER BY i.id DESC LIMIT 1) AS key
           FROM audit_log d WHERE d.entity = 'document_version' AND d.action = 'verwijderd'`,
      )
      .all() as Array<{ at: string; actor: string; label: string | null; key: string | null }>;
    for (const d of deleted) if (d.key) this.deletedVersions.set(d.key, { at: d.at, actor: d.actor, label: d.label ?? '' });
  }

  /** Their standard in your catalogue, or why not. */
  standardRef(standardId: unknown): Ref {
    if (standardId === null || standardId === undefined) return NULL_REF;
    if (this.mine.byId('standard', standardId)) return { kind: 'mine', id: String(standardId) };
    return { kind: 'lost', reason: `De standaard “${standardName(this.theirs, standardId)}” staat niet in jouw catalogus.` };
  }

  organisationRef(organisationId: unknown): Ref {
    if (organisationId === null || organisationId === undefined) return NULL_REF;
    if (this.mine.byId('organisation', organisationId)) return { kind: 'mine', id: String(organisationId) };
    return { kind: 'lost', reason: `De organisatie “${String(organisationId)}” staat niet in jouw lijst van organisaties.` };
  }

  versionRef(theirVersionId: unknown): Ref {
    if (theirVersionId === null || theirVersionId === undefined) return NULL_REF;
    const v = this.theirs.byId('document_version', theirVersionId);
    if (!v) return { kind: 'lost', reason: 'De versie ontbreekt in het projectbestand.' };
    const key = `${String(v.standard_id)}:${String(v.sha256)}`;
    const mine = this.myVersionByKey.get(key);
    if (mine !== undefined) return { kind: 'mine', id: mine };
    const standard = this.standardRef(v.standard_id);
    if (standard.kind === 'lost') return standard;
    const deleted = this.deletedVersions.get(key);
    if (deleted) {
      return {
        kind: 'lost',
        reason: `${deleted.actor} heeft de tekst “${standardName(this.theirs, v.standard_id)} – ${String(v.label)}” in jouw werkruimte verwijderd (${showDateTime(deleted.at)}); wat erbij hoort, wordt niet teruggezet. Importeer de tekst opnieuw om het wel over te nemen.`,
      };
    }
    return { kind: 'new', table: 'document_version', theirId: v.id as number };
  }

  /** Their section in your workspace: the matched section, one that comes along, or lost. */
  sectionRef(theirSectionId: unknown): Ref {
    if (theirSectionId === null || theirSectionId === undefined) return NULL_REF;
    const head = this.theirs.sectionHead(theirSectionId);
    if (!head) return { kind: 'lost', reason: 'De sectie ontbreekt in het projectbestand.' };
    const version = this.versionRef(head.version_id);
    if (version.kind === 'new') return { kind: 'new', table: 'section', theirId: head.id };
    if (version.kind !== 'mine') return version.kind === 'lost' ? version : { kind: 'lost', reason: 'De sectie hoort bij geen versie.' };
    const mine = this.sectionMap(head.version_id, version.id as number).get(head.id);
    if (mine !== undefined) return { kind: 'mine', id: mine };
    const label = [head.number, head.heading].filter(Boolean).join(' ');
    return { kind: 'lost', reason: `De sectie “${label}” is in jouw versie van de tekst niet terug te vinden (de indeling is anders).` };
  }

  /** Marks a ref's version as needed by the plan (for the list of texts that come along). */
  note(ref: Ref): void {
    if (ref.kind !== 'new') return;
    if (ref.table === 'document_version') this.needed.add(ref.theirId as number);
    if (ref.table === 'section') {
      const head = this.theirs.sectionHead(ref.theirId);
      if (head) this.needed.add(head.version_id);
    }
  }

  private sectionsOf(side: Side, versionId: number): SectionText[] {
    return side.db.prepare('SELECT id, version_id, ordinal, number, heading, text FROM section WHERE version_id = ? ORDER BY ordinal').all(versionId) as SectionText[];
  }

  private readonly textQueries = new Map<Side, ReturnType<Db['prepare']>>();

  private sectionText(side: Side, id: number): SectionText | undefined {
    const key = `${side.who}:${id}`;
    if (!this.sectionTexts.has(key)) {
      let query = this.textQueries.get(side);
      if (!query) this.textQueries.set(side, (query = side.db.prepare('SELECT id, version_id, ordinal, number, heading, text FROM section WHERE id = ?')));
      this.sectionTexts.set(key, query.get(id) as SectionText | undefined);
    }
    return this.sectionTexts.get(key);
  }

  /**
   * Their sections of one version → yours of the same version. One to one: by reading order and
   * heading first, then by number and heading, then heading, each only when unambiguous.
   */
  private sectionMap(theirVersionId: number, myVersionId: number): Map<number, number> {
    let map = this.sectionMaps.get(theirVersionId);
    if (map) return map;
    map = new Map();
    const theirs = this.sectionsOf(this.theirs, theirVersionId);
    const mine = this.sectionsOf(this.mine, myVersionId);
    const used = new Set<number>();
    const byOrdinal = new Map(mine.map((s) => [s.ordinal, s]));
    for (const t of theirs) {
      const m = byOrdinal.get(t.ordinal);
      if (m && m.heading === t.heading && !used.has(m.id)) {
        map.set(t.id, m.id);
        used.add(m.id);
      }
    }
    const unique = (t: SectionText, same: (m: SectionText) => boolean) => {
      if (map.has(t.id)) return;
      const candidates = mine.filter((m) => !used.has(m.id) && same(m));
      if (candidates.length === 1) {
        map.set(t.id, (candidates[0] as SectionText).id);
        used.add((candidates[0] as SectionText).id);
      }
    };
    for (const t of theirs) unique(t, (m) => m.heading === t.heading && m.number === t.number);
    for (const t of theirs) unique(t, (m) => m.heading === t.heading);
    this.sectionMaps.set(theirVersionId, map);
    return map;
  }

  private anchorerFor(myVersionId: number) {
    let anchorer = this.anchorers.get(myVersionId);
    if (!anchorer) {
      const sections: AnchorSection[] = this.sectionsOf(this.mine, myVersionId).map((s) => ({ id: s.id, number: s.number, heading: s.heading, text: s.text }));
      anchorer = createAnchorer(sections);
      this.anchorers.set(myVersionId, anchorer);
    }
    return anchorer;
  }

  /**
   * Where their passage lands: the same section when the quote is still at its offsets there,
   * else found again by quote in your version (exactly, then fuzzily), else 'loose' on the version.
   */
  place(p: PassageOfTheirs): Placement {
    if (p.sectionId === null) return { kind: 'none' };
    const head = this.theirs.sectionHead(p.sectionId);
    if (!head) return { kind: 'lost', reason: 'De sectie ontbreekt in het projectbestand.' };
    const version = this.versionRef(head.version_id);
    if (version.kind === 'lost' || version.kind === 'null') return { kind: 'lost', reason: version.kind === 'lost' ? version.reason : 'De sectie hoort bij geen versie.' };
    if (version.kind === 'new') return { kind: 'new', theirSectionId: head.id, start: p.start, end: p.end, quote: p.quote };
    const myVersion = version.id as number;
    const mapped = this.sectionMap(head.version_id, myVersion).get(head.id);
    if (mapped !== undefined) {
      if (p.start === null || p.end === null) return { kind: 'mine', sectionId: mapped, start: null, end: null, quote: p.quote, exact: true };
      const text = this.sectionText(this.mine, mapped)?.text ?? '';
      if (p.quote !== null && text.slice(p.start, p.end) === p.quote) return { kind: 'mine', sectionId: mapped, start: p.start, end: p.end, quote: p.quote, exact: true };
    }
    if (p.quote) {
      const found = this.anchorerFor(myVersion)({
        quote: p.quote,
        prefix: p.prefix ?? '',
        suffix: p.suffix ?? '',
        sectionNumber: p.sectionNumber ?? head.number,
        sectionHeading: p.sectionHeading ?? head.heading,
        start: p.start,
        end: p.end,
        oldText: this.sectionText(this.theirs, head.id)?.text ?? null,
      });
      if (found) {
        // A whole-section reference found by its quote stays a whole-section reference.
        if (p.start === null) return { kind: 'mine', sectionId: found.sectionId, start: null, end: null, quote: p.quote, exact: found.exact };
        return { kind: 'mine', sectionId: found.sectionId, start: found.start, end: found.end, quote: found.quote, exact: found.exact };
      }
    } else if (mapped !== undefined) {
      return { kind: 'mine', sectionId: mapped, start: null, end: null, quote: null, exact: true };
    }
    return { kind: 'loose', version };
  }

  /** The text of one of your sections (apply: context around a placed passage). */
  myText(sectionId: number): SectionText | undefined {
    return this.sectionText(this.mine, sectionId);
  }

  // -------------------------------------------------------------------------------------------
  // Apply (inside the merge transaction)

  /** Your id for their version: matched, or copied from their file now (once). */
  myVersion(db: Db, ref: Ref, actor: string, from: string): number | null {
    if (ref.kind === 'mine') return ref.id as number;
    if (ref.kind !== 'new') return null;
    const theirId = ref.theirId as number;
    const done = this.importedVersions.get(theirId);
    if (done !== undefined) return done;
    const v = this.theirs.byId('document_version', theirId) as Row;
    const columns = this.mine.columns('document_version').filter((c) => c !== 'id');
    const myId = Number(
      db.prepare(`INSERT INTO document_version (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => v[c] ?? null)).lastInsertRowid,
    );
    this.importedVersions.set(theirId, myId);
    const sectionColumns = this.mine.columns('section').filter((c) => c !== 'id');
    const insert = db.prepare(`INSERT INTO section (${sectionColumns.map((c) => `"${c}"`).join(', ')}) VALUES (${sectionColumns.map(() => '?').join(', ')})`);
    const sections = this.theirs.db.prepare(`SELECT * FROM section WHERE version_id = ? ORDER BY ordinal`).all(theirId) as Row[];
    const parents: Array<[number, number]> = [];
    for (const s of sections) {
      const values = sectionColumns.map((c) => (c === 'version_id' ? myId : c === 'parent_id' ? null : (s[c] ?? null)));
      const id = Number(insert.run(...values).lastInsertRowid);
      this.importedSections.set(s.id as number, id);
      if (s.parent_id !== null) parents.push([id, s.parent_id as number]);
    }
    // Parents are set once every section has its new id (the foreign key is deferred anyway).
    const setParent = db.prepare('UPDATE section SET parent_id = ? WHERE id = ?');
    for (const [id, theirParent] of parents) setParent.run(this.importedSections.get(theirParent) ?? null, id);
    const label = `${standardName(this.theirs, v.standard_id)} – ${String(v.label)}`;
    this.importedLabels.push(label);
    writeAudit(db, {
      actor,
      action: 'overgenomen bij samenvoegen',
      entity: 'document_version',
      entityId: String(myId),
      details: { standaard: v.standard_id, label: v.label, bestand: v.file_name, secties: sections.length, van: from },
    });
    return myId;
  }

  /** Your id for their section: matched, or in a version copied now. */
  mySection(db: Db, ref: Ref, actor: string, from: string): number | null {
    if (ref.kind === 'mine') return ref.id as number;
    if (ref.kind !== 'new') return null;
    const head = this.theirs.sectionHead(ref.theirId);
    if (!head) return null;
    this.myVersion(db, { kind: 'new', table: 'document_version', theirId: head.version_id }, actor, from);
    return this.importedSections.get(head.id) ?? null;
  }

  /** Their section's text (for a placement in a version that came along). */
  theirText(sectionId: number): SectionText | undefined {
    return this.sectionText(this.theirs, sectionId);
  }
}
