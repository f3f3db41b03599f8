import { z } from 'zod';
import { CONFIDENCES, KNOWLEDGE_BASES, OWNER_ROLES, STANDARD_STATUSES, type Standard, type StandardSummary } from '../../common/catalogue.js';
import { ApiError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getStandard, insertStandard, listStandards, setRetired, standardIdExists, updateStandardRow, type StandardFields } from '../../db/queries/standards.js';
import { organisationExists, vocabularyHas } from '../../db/queries/vocabulary.js';
import { slugFor } from '../../common/naming.js';
import { optionalText, parseInput, yearSchema } from './validation.js';

const standardFieldsSchema = z
  .object({
    title: z.string({ error: 'Titel is verplicht.' }).trim().min(3, 'Een titel heeft minstens 3 tekens.').max(300, 'Een titel heeft hoogstens 300 tekens.'),
    shortTitle: optionalText(120),
    type: z.string({ error: 'Kies een type.' }).trim().min(1, 'Kies een type.'),
    status: z.enum(STANDARD_STATUSES, { error: 'Kies een geldige status.' }),
    ownerText: optionalText(500),
    owners: z
      .array(z.object({ organisationId: z.string().min(1), role: z.enum(OWNER_ROLES, { error: 'Kies een geldige rol.' }) }))
      .max(30)
      .default([]),
    subsectors: z.array(z.string().trim().min(1).max(80)).max(30).default([]),
    topic: optionalText(1000),
    targetUsers: optionalText(500),
    knowledgeBasis: z.array(z.enum(KNOWLEDGE_BASES, { error: 'Kies wetenschap, praktijk of ervaring.' })).max(3).default([]),
    yearPublished: yearSchema,
    yearRevised: yearSchema,
    url: optionalText(2000).refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), 'Een webadres begint met http:// of https://.'),
    confidence: z.enum(CONFIDENCES, { error: 'Kies geverifieerd of te controleren.' }).default('verified'),
    notes: optionalText(5000),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.yearPublished !== null && f.yearRevised !== null && f.yearRevised < f.yearPublished) {
      ctx.addIssue({ code: 'custom', path: ['yearRevised'], message: 'Het jaar van herziening ligt niet vóór het jaar van publicatie.' });
    }
  });

const idSchema = z.string({ error: 'Geef het id van een standaard.' }).min(1, 'Geef het id van een standaard.').max(120);

export const catalogueSchemas = {
  list: z.object({ includeRetired: z.boolean().default(false) }).strict().default({ includeRetired: false }),
  get: z.object({ id: idSchema }).strict(),
  create: standardFieldsSchema,
  update: z
    .object({
      id: idSchema,
      patch: z.record(z.string(), z.unknown()),
      expectedUpdatedAt: z.string().optional(),
    })
    .strict(),
  retire: z.object({ id: idSchema, reason: z.string({ error: 'Geef een reden.' }).trim().min(3, 'Geef een reden van minstens 3 tekens.').max(1000) }).strict(),
  restore: z.object({ id: idSchema }).strict(),
};

type Fields = z.output<typeof standardFieldsSchema>;

/** Checks that reference other tables; zod cannot see the database. */
function checkReferences(db: Db, fields: Fields): void {
  const problems: Record<string, string> = {};
  if (!vocabularyHas(db, 'type', fields.type)) problems.type = `Onbekend type "${fields.type}".`;
  fields.owners.forEach((o, i) => {
    if (!organisationExists(db, o.organisationId)) problems[`owners.${i}.organisationId`] = `Onbekende organisatie "${o.organisationId}".`;
  });
  const entries = Object.entries(problems);
  if (entries.length > 0) throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. ${entries.map(([, m]) => m).join(' ')}`, problems);
}

function requireStandard(db: Db, id: string): Standard {
  const standard = getStandard(db, id);
  if (!standard) throw new ApiError('NIET_GEVONDEN', `Er is geen standaard met id "${id}".`);
  return standard;
}

function fieldsOf(s: Standard): StandardFields {
  return {
    title: s.title,
    shortTitle: s.shortTitle,
    type: s.type,
    status: s.status,
    ownerText: s.ownerText,
    owners: s.owners.map((o) => ({ organisationId: o.organisationId, role: o.role })),
    subsectors: s.subsectors,
    topic: s.topic,
    targetUsers: s.targetUsers,
    knowledgeBasis: s.knowledgeBasis,
    yearPublished: s.yearPublished,
    yearRevised: s.yearRevised,
    url: s.url,
    confidence: s.confidence,
    notes: s.notes,
  };
}

function uniqueId(db: Db, title: string): string {
  const base = slugFor(title) || 'standaard';
  let id = base;
  for (let n = 2; standardIdExists(db, id); n++) id = `${base}-${n}`;
  return id;
}

/** Field-by-field differences, for the audit log. */
function changes(before: StandardFields, after: StandardFields): Record<string, { van: unknown; naar: unknown }> {
  const diff: Record<string, { van: unknown; naar: unknown }> = {};
  for (const key of Object.keys(after) as Array<keyof StandardFields>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = { van: before[key], naar: after[key] };
  }
  return diff;
}

export function createCatalogueService(db: Db, actor: () => string) {
  return {
    list(args: z.output<typeof catalogueSchemas.list>): StandardSummary[] {
      return listStandards(db, args);
    },
    get(args: z.output<typeof catalogueSchemas.get>): Standard {
      return requireStandard(db, args.id);
    },
    create(fields: Fields): Standard {
      checkReferences(db, fields);
      const now = new Date().toISOString();
      const id = db
        .transaction(() => {
          const newId = uniqueId(db, fields.title);
          insertStandard(db, newId, fields, { source: 'gebruiker', now, seedHash: null, userModified: true, catalogueId: null });
          writeAudit(db, { actor: actor(), action: 'aangemaakt', entity: 'standard', entityId: newId, details: { title: fields.title } }, now);
          return newId;
        })
        .immediate();
      return requireStandard(db, id);
    },
    // Read, check and write in one IMMEDIATE transaction: Electron and browser mode may share a
    // workspace file, and a check made before taking the write lock could pass for both processes
    // and let the second write silently overwrite the first.
    update(args: z.output<typeof catalogueSchemas.update>): Standard {
      return db
        .transaction(() => {
          const current = requireStandard(db, args.id);
          if (args.expectedUpdatedAt !== undefined && args.expectedUpdatedAt !== current.updatedAt) {
            throw new ApiError('CONFLICT', 'Deze standaard is intussen gewijzigd. Laad de pagina opnieuw en breng je wijziging opnieuw aan.');
          }
          const before = fieldsOf(current);
          const next = parseInput(standardFieldsSchema, { ...before, ...args.patch });
          checkReferences(db, next);
          const diff = changes(before, next);
          if (Object.keys(diff).length === 0) return current;
          const now = new Date().toISOString();
          updateStandardRow(db, args.id, next, { now, userModified: true });
          writeAudit(db, { actor: actor(), action: 'gewijzigd', entity: 'standard', entityId: args.id, details: diff }, now);
          return requireStandard(db, args.id);
        })
        .immediate();
    },
    retire(args: z.output<typeof catalogueSchemas.retire>): Standard {
      return db
        .transaction(() => {
          const current = requireStandard(db, args.id);
          if (current.retired) throw new ApiError('CONFLICT', 'Deze standaard is al uit de catalogus teruggetrokken.');
          const now = new Date().toISOString();
          setRetired(db, args.id, { at: now, reason: args.reason }, now);
          writeAudit(db, { actor: actor(), action: 'teruggetrokken', entity: 'standard', entityId: args.id, details: { reden: args.reason } }, now);
          return requireStandard(db, args.id);
        })
        .immediate();
    },
    restore(args: z.output<typeof catalogueSchemas.restore>): Standard {
      return db
        .transaction(() => {
          const current = requireStandard(db, args.id);
          if (!current.retired) throw new ApiError('CONFLICT', 'Deze standaard staat al in de catalogus.');
          const now = new Date().toISOString();
          setRetired(db, args.id, null, now);
          writeAudit(db, { actor: actor(), action: 'teruggezet', entity: 'standard', entityId: args.id }, now);
          return requireStandard(db, args.id);
        })
        .immediate();
    },
  };
}
