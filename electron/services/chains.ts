/**
 * Vertical harmonisation chains (Keten): per standard or pilot, each recommendation → the
 * preconditions it needs → the level that must arrange them → status, owner, addressees and
 * evidence. The knelpunten overview counts bottlenecks per level and per addressee, for one chain
 * or for the whole programme (the yearly signal on preconditions). Every write is one IMMEDIATE
 * transaction that re-reads what it checks and writes an audit entry.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import {
  ADDRESSEE_LABEL,
  ADDRESSEES,
  CHAIN_LEVEL_LABEL,
  CHAIN_LEVELS,
  CHAIN_STATUS_LABEL,
  CHAIN_STATUSES,
  EVIDENCE_KIND_LABEL,
  EVIDENCE_KINDS,
  PRECONDITION_KIND_LABEL,
  PRECONDITION_KINDS,
  type Addressee,
  type BottleneckLink,
  type BottleneckOverview,
  type Chain,
  type ChainEvidence,
  type ChainLevel,
  type ChainLink,
  type ChainRecommendation,
  type ChainScope,
  type ChainStatus,
  type EvidenceKind,
  type PreconditionKind,
  type ProcurementItem,
  type RecommendationCandidate,
} from '../../common/review.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { organisationExists } from '../../db/queries/vocabulary.js';
import { verifySpan } from './annotations.js';
import {
  clearableText,
  invalid,
  offsetSchema,
  oneOf,
  pilotIdSchema,
  quoteSchema,
  requiredText,
  requirePilot,
  requireSection,
  requireStandard,
  rowId,
  sectionLabel,
  shortQuote,
  standardIdSchema,
} from './review-schemas.js';

const MAX_TEXT = 20_000;
const recommendationId = rowId('aanbeveling');
const linkId = rowId('randvoorwaarde');

const scopeFields = { standardId: standardIdSchema.optional(), pilotId: pilotIdSchema.optional() };
const needsScope = { message: 'Kies een standaard of een pilot.', path: ['standardId'] };
const levelSchema = oneOf(CHAIN_LEVELS, CHAIN_LEVEL_LABEL, 'een niveau');
const statusSchema = oneOf(CHAIN_STATUSES, CHAIN_STATUS_LABEL, 'een status');
const kindSchema = oneOf(PRECONDITION_KINDS, PRECONDITION_KIND_LABEL, 'een soort randvoorwaarde');
const addresseesSchema = z
  .array(oneOf(ADDRESSEES, ADDRESSEE_LABEL, 'een adressaat'), { error: 'Geef een lijst van adressaten.' })
  .max(ADDRESSEES.length * 2, 'Te veel adressaten.')
  .transform((v) => ADDRESSEES.filter((a) => v.includes(a)));
const organisationIdSchema = z.string({ error: 'Kies een organisatie.' }).trim().min(1, 'Kies een organisatie.').max(120, 'Kies een organisatie.').nullable().optional();

const linkFields = {
  preconditionKind: kindSchema,
  precondition: requiredText('de randvoorwaarde', 2000),
  level: levelSchema,
  status: statusSchema,
  owner: clearableText(500),
  ownerOrganisationId: organisationIdSchema,
  addressees: addresseesSchema,
  note: clearableText(MAX_TEXT),
};

export const chainSchemas = {
  get: z.object(scopeFields).strict().refine((a) => a.standardId !== undefined || a.pilotId !== undefined, needsScope),
  /** No scope: every chain of the programme. */
  overview: z.object(scopeFields).strict().default({}),
  candidates: z
    .object({ ...scopeFields, versionId: rowId('versie').optional() })
    .strict()
    .refine((a) => a.standardId !== undefined || a.pilotId !== undefined, needsScope),
  addRecommendation: z
    .object({ ...scopeFields, sectionId: rowId('sectie').optional(), text: requiredText('de tekst van de aanbeveling', MAX_TEXT).optional(), label: clearableText(200) })
    .strict()
    .refine((a) => a.standardId !== undefined || a.pilotId !== undefined, needsScope)
    .refine((a) => a.sectionId !== undefined || a.text !== undefined, { message: 'Kies een aanbeveling uit de tekst, of typ de aanbeveling.', path: ['text'] }),
  updateRecommendation: z
    .object({ recommendationId, text: requiredText('de tekst van de aanbeveling', MAX_TEXT).optional(), label: clearableText(200) })
    .strict()
    .refine((a) => a.text !== undefined || a.label !== undefined, { message: 'Geef een nieuwe tekst of aanduiding.', path: ['text'] }),
  recommendation: z.object({ recommendationId }).strict(),
  moveRecommendation: z.object({ recommendationId, direction: z.enum(['omhoog', 'omlaag'], { error: 'Kies omhoog of omlaag.' }) }).strict(),
  addLink: z
    .object({ recommendationId, ...linkFields, status: statusSchema.default('onbekend'), addressees: addresseesSchema.default([]) })
    .strict(),
  updateLink: z
    .object({
      linkId,
      preconditionKind: kindSchema.optional(),
      precondition: linkFields.precondition.optional(),
      level: levelSchema.optional(),
      status: statusSchema.optional(),
      owner: linkFields.owner,
      ownerOrganisationId: organisationIdSchema,
      addressees: addresseesSchema.optional(),
      note: linkFields.note,
    })
    .strict()
    .refine((a) => Object.entries(a).some(([k, v]) => k !== 'linkId' && v !== undefined), { message: 'Geef minstens één veld om te wijzigen.', path: ['precondition'] }),
  link: z.object({ linkId }).strict(),
  addEvidence: z
    .object({
      linkId,
      kind: oneOf(EVIDENCE_KINDS, EVIDENCE_KIND_LABEL, 'een soort bewijs'),
      standardId: standardIdSchema.optional(),
      sectionId: rowId('sectie').optional(),
      start: offsetSchema('het begin').optional(),
      end: offsetSchema('het einde').optional(),
      quote: quoteSchema.optional(),
      reference: clearableText(1000),
      text: clearableText(MAX_TEXT),
    })
    .strict()
    .superRefine((a, ctx) => {
      const span = [a.start, a.end, a.quote];
      if (a.kind === 'kader' && a.standardId === undefined) ctx.addIssue({ code: 'custom', message: 'Kies het kader of de standaard uit de catalogus.', path: ['standardId'] });
      if (a.kind === 'passage' && a.sectionId === undefined) ctx.addIssue({ code: 'custom', message: 'Kies de sectie met de passage.', path: ['sectionId'] });
      if ((a.kind === 'inkoop' || a.kind === 'tekst') && !a.reference && !a.text) ctx.addIssue({ code: 'custom', message: 'Beschrijf de bron: een verwijzing of de tekst.', path: ['text'] });
      if (a.kind !== 'passage' && (a.sectionId !== undefined || span.some((v) => v !== undefined))) ctx.addIssue({ code: 'custom', message: 'Alleen een passage heeft een sectie en selectie.', path: ['sectionId'] });
      if (a.kind !== 'kader' && a.kind !== 'passage' && a.standardId !== undefined) ctx.addIssue({ code: 'custom', message: 'Alleen een kader of passage verwijst naar een standaard.', path: ['standardId'] });
      if (span.some((v) => v !== undefined) && span.some((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'Geef begin, einde en citaat van de selectie samen.', path: ['quote'] });
      else if (a.start !== undefined && a.end !== undefined && a.end <= a.start) ctx.addIssue({ code: 'custom', message: 'Het einde van de selectie ligt na het begin.', path: ['end'] });
    }),
  evidence: z.object({ evidenceId: rowId('bewijs') }).strict(),
};

type Scope = { standardId?: string | undefined; pilotId?: number | undefined };

// ---------------------------------------------------------------------------------------------
// Reading

interface RecommendationRow {
  id: number;
  guid: string;
  standard_id: string | null;
  standard_title: string | null;
  pilot_id: number | null;
  pilot_title: string | null;
  version_id: number | null;
  version_label: string | null;
  section_id: number | null;
  label: string | null;
  text: string;
  ordinal: number;
}

interface LinkRow {
  id: number;
  guid: string;
  recommendation_id: number;
  ordinal: number;
  precondition_kind: PreconditionKind;
  precondition: string;
  level: ChainLevel;
  status: ChainStatus;
  owner: string | null;
  owner_organisation_id: string | null;
  owner_name: string | null;
  addressees: string | null;
  note: string | null;
  updated_at: string;
  updated_by: string;
}

interface EvidenceRow {
  id: number;
  guid: string;
  link_id: number;
  kind: EvidenceKind;
  standard_id: string | null;
  standard_title: string | null;
  version_id: number | null;
  version_label: string | null;
  section_id: number | null;
  start_offset: number | null;
  end_offset: number | null;
  quote: string | null;
  section_number: string | null;
  section_heading: string | null;
  reference: string | null;
  text: string | null;
}

/** WHERE clause over chain_recommendation r for a scope; no scope is the whole programme. */
function scopeWhere(scope: Scope): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.standardId !== undefined) {
    parts.push('r.standard_id = ?');
    params.push(scope.standardId);
  }
  if (scope.pilotId !== undefined) {
    parts.push('r.pilot_id = ?');
    params.push(scope.pilotId);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

const splitAddressees = (value: string | null): Addressee[] => {
  const set = new Set((value ?? '').split(',').filter(Boolean));
  return ADDRESSEES.filter((a) => set.has(a));
};

export function evidenceSummary(e: Pick<ChainEvidence, 'kind' | 'standardTitle' | 'versionLabel' | 'sectionNumber' | 'sectionHeading' | 'quote' | 'reference' | 'text' | 'broken'>): string {
  const words = [e.reference, e.text].filter((v): v is string => Boolean(v)).join(': ');
  switch (e.kind) {
    case 'kader':
      return [e.standardTitle ?? 'Onbekend kader', words].filter(Boolean).join(', ');
    case 'passage': {
      const where = [e.standardTitle, e.versionLabel, sectionLabel(e.sectionNumber, e.sectionHeading)].filter(Boolean).join(' – ');
      return `${where}: “${shortQuote(e.quote ?? '')}”${e.broken ? ' (passage niet meer in de tekst)' : ''}${words ? ` (${words})` : ''}`;
    }
    case 'inkoop':
      return `Inkoop: ${words}`;
    case 'tekst':
      return words;
  }
}

function toEvidence(r: EvidenceRow): ChainEvidence {
  const base = {
    id: r.id,
    guid: r.guid,
    kind: r.kind,
    standardId: r.standard_id,
    standardTitle: r.standard_title,
    versionId: r.version_id,
    versionLabel: r.version_label,
    sectionId: r.section_id,
    sectionNumber: r.section_number,
    sectionHeading: r.section_heading,
    start: r.section_id === null ? null : r.start_offset,
    end: r.section_id === null ? null : r.end_offset,
    quote: r.quote,
    reference: r.reference,
    text: r.text,
    broken: r.kind === 'passage' && r.section_id === null,
  };
  return { ...base, summary: evidenceSummary(base) };
}

function procurementOf(links: readonly ChainLink[]): ProcurementItem[] {
  const items: ProcurementItem[] = [];
  for (const l of links) {
    const clauses = l.evidence.filter((e) => e.kind === 'inkoop');
    for (const e of clauses) {
      items.push({ linkId: l.id, evidenceId: e.id, precondition: l.precondition, level: l.level, status: l.status, clause: [e.reference, e.text].filter(Boolean).join(': ') });
    }
    // A precondition procurement must arrange, with no clause yet, is a procurement item still to be made.
    if (clauses.length === 0 && l.level === 'gemeente_inkoop') {
      items.push({ linkId: l.id, evidenceId: null, precondition: l.precondition, level: l.level, status: l.status, clause: `${l.precondition} (nog geen inkoopafspraak vastgelegd)` });
    }
  }
  return items;
}

export function readRecommendations(db: Db, scope: Scope): ChainRecommendation[] {
  const where = scopeWhere(scope);
  const recs = db
    .prepare(
      `SELECT r.id, r.guid, r.standard_id, s.title AS standard_title, r.pilot_id, p.title AS pilot_title, r.version_id, v.label AS version_label,
              r.section_id, r.label, r.text, r.ordinal
         FROM chain_recommendation r
         LEFT JOIN standard s ON s.id = r.standard_id
         LEFT JOIN pilot p ON p.id = r.pilot_id
         LEFT JOIN document_version v ON v.id = r.version_id
        WHERE ${where.sql}
        ORDER BY r.pilot_id IS NOT NULL, r.pilot_id, r.standard_id, r.ordinal, r.id`,
    )
    .all(...where.params) as RecommendationRow[];
  if (recs.length === 0) return [];
  const links = db
    .prepare(
      `SELECT l.id, l.guid, l.recommendation_id, l.ordinal, l.precondition_kind, l.precondition, l.level, l.status, l.owner, l.owner_organisation_id,
              o.name AS owner_name, l.note, l.updated_at, l.updated_by,
              (SELECT group_concat(a.addressee) FROM chain_link_addressee a WHERE a.link_id = l.id) AS addressees
         FROM chain_link l
         JOIN chain_recommendation r ON r.id = l.recommendation_id
         LEFT JOIN organisation o ON o.id = l.owner_organisation_id
        WHERE ${where.sql}
        ORDER BY l.recommendation_id, l.ordinal, l.id`,
    )
    .all(...where.params) as LinkRow[];
  const evidence = db
    .prepare(
      `SELECT e.id, e.guid, e.link_id, e.kind, e.standard_id, s.title AS standard_title, e.version_id, e.version_label, e.section_id, e.start_offset, e.end_offset,
              e.quote, e.section_number, e.section_heading, e.reference, e.text
         FROM chain_evidence e
         JOIN chain_link l ON l.id = e.link_id
         JOIN chain_recommendation r ON r.id = l.recommendation_id
         LEFT JOIN standard s ON s.id = e.standard_id
        WHERE ${where.sql}
        ORDER BY e.link_id, e.id`,
    )
    .all(...where.params) as EvidenceRow[];
  const evidenceByLink = new Map<number, ChainEvidence[]>();
  for (const e of evidence) evidenceByLink.set(e.link_id, [...(evidenceByLink.get(e.link_id) ?? []), toEvidence(e)]);
  const linksByRec = new Map<number, ChainLink[]>();
  for (const l of links) {
    const link: ChainLink = {
      id: l.id,
      guid: l.guid,
      recommendationId: l.recommendation_id,
      ordinal: l.ordinal,
      preconditionKind: l.precondition_kind,
      precondition: l.precondition,
      level: l.level,
      status: l.status,
      owner: l.owner,
      ownerOrganisationId: l.owner_organisation_id,
      ownerLabel: l.owner_name ?? l.owner,
      addressees: splitAddressees(l.addressees),
      note: l.note,
      evidence: evidenceByLink.get(l.id) ?? [],
      updatedAt: l.updated_at,
      updatedBy: l.updated_by,
    };
    linksByRec.set(l.recommendation_id, [...(linksByRec.get(l.recommendation_id) ?? []), link]);
  }
  return recs.map((r) => {
    const recLinks = linksByRec.get(r.id) ?? [];
    return {
      id: r.id,
      guid: r.guid,
      standardId: r.standard_id,
      standardTitle: r.standard_title,
      pilotId: r.pilot_id,
      pilotTitle: r.pilot_title,
      versionId: r.version_id,
      versionLabel: r.version_label,
      sectionId: r.section_id,
      label: r.label,
      text: r.text,
      ordinal: r.ordinal,
      broken: r.version_label !== null && r.section_id === null,
      links: recLinks,
      procurement: procurementOf(recLinks),
    };
  });
}

interface BottleneckRow {
  id: number;
  recommendation_id: number;
  rec_label: string | null;
  rec_text: string;
  standard_id: string | null;
  standard_title: string | null;
  pilot_id: number | null;
  precondition_kind: PreconditionKind;
  precondition: string;
  level: ChainLevel;
  owner: string | null;
  addressees: string | null;
}

/** The knelpunten in a scope (no scope: the whole programme), per level, per addressee and per kind. */
export function bottleneckOverview(db: Db, scope: Scope): BottleneckOverview {
  const where = scopeWhere(scope);
  const rows = db
    .prepare(
      `SELECT l.id, l.recommendation_id, r.label AS rec_label, r.text AS rec_text, r.standard_id, s.title AS standard_title, r.pilot_id,
              l.precondition_kind, l.precondition, l.level, coalesce(o.name, l.owner) AS owner,
              (SELECT group_concat(a.addressee) FROM chain_link_addressee a WHERE a.link_id = l.id) AS addressees
         FROM chain_link l
         JOIN chain_recommendation r ON r.id = l.recommendation_id
         LEFT JOIN standard s ON s.id = r.standard_id
         LEFT JOIN organisation o ON o.id = l.owner_organisation_id
        WHERE l.status = 'knelpunt' AND ${where.sql}
        ORDER BY r.standard_id, r.ordinal, r.id, l.ordinal, l.id`,
    )
    .all(...where.params) as BottleneckRow[];
  const statusRows = db
    .prepare(`SELECT l.status, count(*) AS n FROM chain_link l JOIN chain_recommendation r ON r.id = l.recommendation_id WHERE ${where.sql} GROUP BY l.status`)
    .all(...where.params) as Array<{ status: ChainStatus; n: number }>;
  const links: BottleneckLink[] = rows.map((r) => ({
    linkId: r.id,
    recommendationId: r.recommendation_id,
    recommendation: r.rec_label ? `${r.rec_label}: ${shortQuote(r.rec_text, 200)}` : shortQuote(r.rec_text, 200),
    standardId: r.standard_id,
    standardTitle: r.standard_title,
    pilotId: r.pilot_id,
    preconditionKind: r.precondition_kind,
    precondition: r.precondition,
    level: r.level,
    owner: r.owner,
    addressees: splitAddressees(r.addressees),
  }));
  const statusCounts = Object.fromEntries(CHAIN_STATUSES.map((s) => [s, statusRows.find((r) => r.status === s)?.n ?? 0])) as Record<ChainStatus, number>;
  const perAddressee: BottleneckOverview['perAddressee'] = ADDRESSEES.map((a) => {
    const with_ = links.filter((l) => l.addressees.includes(a));
    return { addressee: a, count: with_.length, links: with_ };
  });
  const without = links.filter((l) => l.addressees.length === 0);
  if (without.length) perAddressee.push({ addressee: null, count: without.length, links: without });
  return {
    total: links.length,
    statusCounts,
    perLevel: CHAIN_LEVELS.map((level) => {
      const at = links.filter((l) => l.level === level);
      return { level, count: at.length, links: at };
    }),
    perAddressee,
    perKind: PRECONDITION_KINDS.map((kind) => ({ kind, count: links.filter((l) => l.preconditionKind === kind).length })).filter((k) => k.count > 0),
  };
}

export function chainScope(db: Db, scope: Scope): ChainScope {
  const standard = scope.standardId === undefined ? null : requireStandard(db, scope.standardId);
  const pilot = scope.pilotId === undefined ? null : requirePilot(db, scope.pilotId);
  const title = [pilot ? `Pilot ${pilot.title}` : null, standard?.title].filter(Boolean).join(' – ') || 'Alle standaarden';
  return { standardId: standard?.id ?? null, pilotId: pilot?.id ?? null, title };
}

export function readChain(db: Db, scope: Scope): Chain {
  return { scope: chainScope(db, scope), recommendations: readRecommendations(db, scope), overview: bottleneckOverview(db, scope) };
}

// ---------------------------------------------------------------------------------------------
// Writing

interface RecRow {
  id: number;
  standard_id: string | null;
  pilot_id: number | null;
  section_id: number | null;
  label: string | null;
  text: string;
  ordinal: number;
}

function requireRecommendation(db: Db, id: number): RecRow {
  const row = db.prepare('SELECT id, standard_id, pilot_id, section_id, label, text, ordinal FROM chain_recommendation WHERE id = ?').get(id) as RecRow | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen aanbeveling met nummer ${id} in een keten.`);
  return row;
}

interface LinkRowPlain {
  id: number;
  recommendation_id: number;
  ordinal: number;
  precondition_kind: PreconditionKind;
  precondition: string;
  level: ChainLevel;
  status: ChainStatus;
  owner: string | null;
  owner_organisation_id: string | null;
  note: string | null;
}

function requireLink(db: Db, id: number): LinkRowPlain {
  const row = db
    .prepare('SELECT id, recommendation_id, ordinal, precondition_kind, precondition, level, status, owner, owner_organisation_id, note FROM chain_link WHERE id = ?')
    .get(id) as LinkRowPlain | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen randvoorwaarde met nummer ${id}.`);
  return row;
}

function checkOrganisation(db: Db, id: string | null | undefined): void {
  if (id && !organisationExists(db, id)) throw invalid('ownerOrganisationId', `Onbekende organisatie "${id}".`);
}

function setAddressees(db: Db, link: number, addressees: readonly Addressee[]): void {
  db.prepare('DELETE FROM chain_link_addressee WHERE link_id = ?').run(link);
  const insert = db.prepare('INSERT INTO chain_link_addressee (link_id, addressee) VALUES (?, ?)');
  for (const a of addressees) insert.run(link, a);
}

const currentAddressees = (db: Db, link: number): Addressee[] =>
  splitAddressees((db.prepare('SELECT group_concat(addressee) AS a FROM chain_link_addressee WHERE link_id = ?').get(link) as { a: string | null }).a);

export function createChainsService(db: Db, actor: () => string) {
  const audit = (entity: string, id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity, entityId: String(id), details }, now);
  const recommendation = (id: number): ChainRecommendation => {
    const row = requireRecommendation(db, id);
    const scope: Scope = row.pilot_id !== null ? { pilotId: row.pilot_id } : { standardId: row.standard_id ?? undefined };
    return readRecommendations(db, scope).find((r) => r.id === id) as ChainRecommendation;
  };
  const link = (id: number): ChainLink => {
    const row = requireLink(db, id);
    return recommendation(row.recommendation_id).links.find((l) => l.id === id) as ChainLink;
  };

  return {
    get(args: Scope): Chain {
      return readChain(db, args);
    },

    overview(args: Scope): BottleneckOverview & { scope: ChainScope } {
      return { scope: chainScope(db, args), ...bottleneckOverview(db, args) };
    },

    /** Sections marked as recommendation in the newest version of the standard, or in the pilot's versions. */
    candidates(args: Scope & { versionId?: number | undefined }): RecommendationCandidate[] {
      const scope = chainScope(db, args);
      let versionIds: number[];
      if (args.versionId !== undefined) {
        versionIds = [args.versionId];
      } else if (scope.pilotId !== null) {
        versionIds = (db.prepare('SELECT version_id FROM pilot_version WHERE pilot_id = ? ORDER BY ordinal').all(scope.pilotId) as Array<{ version_id: number }>).map((r) => r.version_id);
      } else {
        const newest = db.prepare('SELECT id FROM document_version WHERE standard_id = ? ORDER BY imported_at DESC, id DESC LIMIT 1').get(scope.standardId) as { id: number } | undefined;
        versionIds = newest ? [newest.id] : [];
      }
      const inChain = new Set(
        (db.prepare(`SELECT r.section_id FROM chain_recommendation r WHERE r.section_id IS NOT NULL AND ${scopeWhere(args).sql}`).all(...scopeWhere(args).params) as Array<{ section_id: number }>).map(
          (r) => r.section_id,
        ),
      );
      const select = db.prepare(
        `SELECT s.id, s.version_id, v.label AS version_label, v.standard_id, st.title AS standard_title, s.number, s.heading, s.text
           FROM section s JOIN document_version v ON v.id = s.version_id JOIN standard st ON st.id = v.standard_id
          WHERE s.version_id = ? AND s.kind = 'recommendation' ORDER BY s.ordinal`,
      );
      return versionIds.flatMap((v) =>
        (select.all(v) as Array<{ id: number; version_id: number; version_label: string; standard_id: string; standard_title: string; number: string | null; heading: string; text: string }>)
          .filter((s) => scope.standardId === null || s.standard_id === scope.standardId)
          .map((s) => ({
            sectionId: s.id,
            versionId: s.version_id,
            versionLabel: s.version_label,
            standardId: s.standard_id,
            standardTitle: s.standard_title,
            label: s.number ?? s.heading,
            text: s.text.trim() || s.heading,
            inChain: inChain.has(s.id),
          })),
      );
    },

    addRecommendation(args: z.output<typeof chainSchemas.addRecommendation>): ChainRecommendation {
      return db
        .transaction(() => {
          const scope = chainScope(db, args);
          let standardId = scope.standardId;
          let fromSection: { versionId: number; sectionId: number; label: string | null; text: string } | null = null;
          if (args.sectionId !== undefined) {
            const s = requireSection(db, args.sectionId);
            if (standardId !== null && s.standard_id !== standardId) throw invalid('sectionId', 'Deze sectie hoort bij een andere standaard.');
            standardId = s.standard_id;
            const taken = db.prepare(`SELECT 1 FROM chain_recommendation r WHERE r.section_id = ? AND ${scopeWhere(args).sql}`).get(s.id, ...scopeWhere(args).params);
            if (taken) throw new ApiError('CONFLICT', 'Deze aanbeveling staat al in de keten.');
            fromSection = { versionId: s.version_id, sectionId: s.id, label: s.number ?? s.heading, text: s.text.trim() || s.heading };
          }
          const now = new Date().toISOString();
          const ordinal = (
            db.prepare('SELECT coalesce(max(ordinal) + 1, 0) AS n FROM chain_recommendation WHERE standard_id IS ? AND pilot_id IS ?').get(standardId, scope.pilotId) as { n: number }
          ).n;
          const id = Number(
            db
              .prepare(
                `INSERT INTO chain_recommendation (guid, standard_id, pilot_id, version_id, section_id, label, text, ordinal, created_at, created_by, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(
                randomUUID(),
                standardId,
                scope.pilotId,
                fromSection?.versionId ?? null,
                fromSection?.sectionId ?? null,
                args.label === undefined ? (fromSection?.label ?? null) : args.label,
                args.text ?? fromSection?.text,
                ordinal,
                now,
                actor(),
                now,
              ).lastInsertRowid,
          );
          audit('chain_recommendation', id, 'aangemaakt', { standaard: standardId, pilot: scope.pilotId, sectie: fromSection?.sectionId ?? null }, now);
          return recommendation(id);
        })
        .immediate();
    },

    updateRecommendation(args: z.output<typeof chainSchemas.updateRecommendation>): ChainRecommendation {
      return db
        .transaction(() => {
          const row = requireRecommendation(db, args.recommendationId);
          const next = { text: args.text ?? row.text, label: args.label === undefined ? row.label : args.label };
          if (next.text === row.text && next.label === row.label) return recommendation(row.id);
          const now = new Date().toISOString();
          db.prepare('UPDATE chain_recommendation SET text = ?, label = ?, updated_at = ? WHERE id = ?').run(next.text, next.label, now, row.id);
          audit('chain_recommendation', row.id, 'gewijzigd', { ...(next.text !== row.text ? { tekst: { van: row.text, naar: next.text } } : {}), ...(next.label !== row.label ? { aanduiding: { van: row.label, naar: next.label } } : {}) }, now);
          return recommendation(row.id);
        })
        .immediate();
    },

    moveRecommendation(args: z.output<typeof chainSchemas.moveRecommendation>): ChainRecommendation {
      return db
        .transaction(() => {
          const row = requireRecommendation(db, args.recommendationId);
          const siblings = db
            .prepare('SELECT id, ordinal FROM chain_recommendation WHERE standard_id IS ? AND pilot_id IS ? ORDER BY ordinal, id')
            .all(row.standard_id, row.pilot_id) as Array<{ id: number; ordinal: number }>;
          const at = siblings.findIndex((s) => s.id === row.id);
          const to = args.direction === 'omhoog' ? at - 1 : at + 1;
          if (to < 0 || to >= siblings.length) return recommendation(row.id);
          const order = siblings.map((s) => s.id);
          [order[at], order[to]] = [order[to] as number, order[at] as number];
          const set = db.prepare('UPDATE chain_recommendation SET ordinal = ? WHERE id = ?');
          order.forEach((id, k) => set.run(k, id));
          const now = new Date().toISOString();
          audit('chain_recommendation', row.id, 'verplaatst', { richting: args.direction }, now);
          return recommendation(row.id);
        })
        .immediate();
    },

    deleteRecommendation(args: { recommendationId: number }): { deleted: number; links: number } {
      return db
        .transaction(() => {
          const row = requireRecommendation(db, args.recommendationId);
          const links = (db.prepare('SELECT count(*) AS n FROM chain_link WHERE recommendation_id = ?').get(row.id) as { n: number }).n;
          db.prepare('DELETE FROM chain_recommendation WHERE id = ?').run(row.id);
          audit('chain_recommendation', row.id, 'verwijderd', { tekst: row.text, randvoorwaarden: links }, new Date().toISOString());
          return { deleted: row.id, links };
        })
        .immediate();
    },

    addLink(args: z.output<typeof chainSchemas.addLink>): ChainLink {
      return db
        .transaction(() => {
          const rec = requireRecommendation(db, args.recommendationId);
          checkOrganisation(db, args.ownerOrganisationId);
          const now = new Date().toISOString();
          const ordinal = (db.prepare('SELECT coalesce(max(ordinal) + 1, 0) AS n FROM chain_link WHERE recommendation_id = ?').get(rec.id) as { n: number }).n;
          const id = Number(
            db
              .prepare(
                `INSERT INTO chain_link (guid, recommendation_id, ordinal, precondition_kind, precondition, level, status, owner, owner_organisation_id, note, created_at, created_by, updated_at, updated_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(randomUUID(), rec.id, ordinal, args.preconditionKind, args.precondition, args.level, args.status, args.owner ?? null, args.ownerOrganisationId ?? null, args.note ?? null, now, actor(), now, actor())
              .lastInsertRowid,
          );
          setAddressees(db, id, args.addressees);
          audit('chain_link', id, 'aangemaakt', { aanbeveling: rec.id, randvoorwaarde: args.precondition, niveau: args.level, status: args.status }, now);
          return link(id);
        })
        .immediate();
    },

    updateLink(args: z.output<typeof chainSchemas.updateLink>): ChainLink {
      return db
        .transaction(() => {
          const row = requireLink(db, args.linkId);
          checkOrganisation(db, args.ownerOrganisationId);
          const pick = <T>(v: T | undefined, old: T): T => (v === undefined ? old : v);
          const next = {
            precondition_kind: pick(args.preconditionKind, row.precondition_kind),
            precondition: pick(args.precondition, row.precondition),
            level: pick(args.level, row.level),
            status: pick(args.status, row.status),
            owner: pick(args.owner, row.owner),
            owner_organisation_id: pick(args.ownerOrganisationId, row.owner_organisation_id),
            note: pick(args.note, row.note),
          };
          const diff: Record<string, unknown> = Object.fromEntries(
            (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]).map((k) => [k, { van: row[k], naar: next[k] }]),
          );
          const before = currentAddressees(db, row.id);
          if (args.addressees && args.addressees.join(',') !== before.join(',')) diff.adressaten = { van: before, naar: args.addressees };
          if (Object.keys(diff).length === 0) return link(row.id);
          const now = new Date().toISOString();
          db.prepare(
            `UPDATE chain_link SET precondition_kind = ?, precondition = ?, level = ?, status = ?, owner = ?, owner_organisation_id = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
          ).run(next.precondition_kind, next.precondition, next.level, next.status, next.owner, next.owner_organisation_id, next.note, now, actor(), row.id);
          if (args.addressees) setAddressees(db, row.id, args.addressees);
          audit('chain_link', row.id, 'gewijzigd', diff, now);
          return link(row.id);
        })
        .immediate();
    },

    deleteLink(args: { linkId: number }): { deleted: number } {
      return db
        .transaction(() => {
          const row = requireLink(db, args.linkId);
          db.prepare('DELETE FROM chain_link WHERE id = ?').run(row.id);
          db.prepare('UPDATE chain_link SET ordinal = ordinal - 1 WHERE recommendation_id = ? AND ordinal > ?').run(row.recommendation_id, row.ordinal);
          audit('chain_link', row.id, 'verwijderd', { aanbeveling: row.recommendation_id, randvoorwaarde: row.precondition }, new Date().toISOString());
          return { deleted: row.id };
        })
        .immediate();
    },

    addEvidence(args: z.output<typeof chainSchemas.addEvidence>): ChainLink {
      return db
        .transaction(() => {
          const row = requireLink(db, args.linkId);
          const now = new Date().toISOString();
          let values: Record<string, unknown> = { standardId: null, versionId: null, sectionId: null, start: null, end: null, quote: null, versionLabel: null, number: null, heading: null };
          if (args.kind === 'kader') {
            values.standardId = requireStandard(db, args.standardId as string).id;
          } else if (args.kind === 'passage') {
            const s = requireSection(db, args.sectionId as number);
            if (args.standardId !== undefined && args.standardId !== s.standard_id) throw invalid('sectionId', 'Deze sectie hoort bij een andere standaard.');
            // A whole section is quoted by its opening; an exact selection is checked against the text.
            const span = args.quote !== undefined ? verifySpan(s.text, args.start as number, args.end as number, args.quote) : null;
            const quote = span?.quote ?? shortQuote(s.text.trim() || s.heading, 500);
            values = { standardId: s.standard_id, versionId: s.version_id, sectionId: s.id, start: span?.start ?? null, end: span?.end ?? null, quote, versionLabel: s.label, number: s.number, heading: s.heading };
          }
          const id = Number(
            db
              .prepare(
                `INSERT INTO chain_evidence (guid, link_id, kind, standard_id, version_id, section_id, start_offset, end_offset, quote, version_label, section_number, section_heading, reference, text, created_at, created_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
              )
              .run(
                randomUUID(),
                row.id,
                args.kind,
                values.standardId,
                values.versionId,
                values.sectionId,
                values.start,
                values.end,
                values.quote,
                values.versionLabel,
                values.number,
                values.heading,
                args.reference ?? null,
                args.text ?? null,
                now,
                actor(),
              ).lastInsertRowid,
          );
          db.prepare('UPDATE chain_link SET updated_at = ?, updated_by = ? WHERE id = ?').run(now, actor(), row.id);
          audit('chain_link', row.id, 'bewijs toegevoegd', { bewijs: id, soort: args.kind, standaard: values.standardId, sectie: values.sectionId }, now);
          return link(row.id);
        })
        .immediate();
    },

    removeEvidence(args: { evidenceId: number }): ChainLink {
      return db
        .transaction(() => {
          const e = db.prepare('SELECT id, link_id, kind FROM chain_evidence WHERE id = ?').get(args.evidenceId) as { id: number; link_id: number; kind: string } | undefined;
          if (!e) throw new ApiError('NIET_GEVONDEN', `Er is geen bewijs met nummer ${args.evidenceId}.`);
          const now = new Date().toISOString();
          db.prepare('DELETE FROM chain_evidence WHERE id = ?').run(e.id);
          db.prepare('UPDATE chain_link SET updated_at = ?, updated_by = ? WHERE id = ?').run(now, actor(), e.link_id);
          audit('chain_link', e.link_id, 'bewijs verwijderd', { bewijs: e.id, soort: e.kind }, now);
          return link(e.link_id);
        })
        .immediate();
    },
  };
}
