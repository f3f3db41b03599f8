/**
 * Harmonisation pilots: create and edit a pilot, its members, the standard versions in scope,
 * reflection moments and its phase. The lifecycle rule lives here: a pilot starts only with its two
 * agreements (inbedding; flexibiliteit / lerend aspect) and is evaluated only with both results.
 * Every write is one IMMEDIATE transaction that re-reads what it checks and writes an audit entry.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { PERSPECTIVES } from '../../common/lists.js';
import {
  MEMBER_ROLES,
  PILOT_KINDS,
  PILOT_ORIGINS,
  PILOT_PHASE_LABEL,
  PILOT_PHASES,
  missingAgreements,
  type Pilot,
  type PilotPhase,
  type PilotSummary,
} from '../../common/pilots.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { getPilot, getPilotRow, listPilots, type PilotRow } from '../../db/queries/pilots.js';
import { clearableText, MAX_LONG_TEXT, perspectiveSchema, requiredText, rowId } from './list-schemas.js';

const pilotId = rowId('pilot');

const kindsSchema = z
  .array(z.enum(PILOT_KINDS, { error: 'Kies horizontaal, verticaal of vereenvoudigen.' }), { error: 'Kies minstens één soort pilot.' })
  .min(1, 'Kies minstens één soort pilot.')
  .max(6, 'Kies minstens één soort pilot.')
  .transform((v) => PILOT_KINDS.filter((k) => v.includes(k)));
const originSchema = z.enum(PILOT_ORIGINS, { error: 'Kies de herkomst: signalering en agendering, aangedragen door partner, of opvolging.' });
const roleSchema = z.enum(MEMBER_ROLES, { error: 'Kies een rol: voorzitter, lid, secretaris, adviseur of projectleider.' });
const isoDate = z
  .string({ error: 'Geef een datum (jjjj-mm-dd).' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Geef een datum als jjjj-mm-dd.')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Deze datum bestaat niet.');

const memberFields = {
  name: requiredText('een naam', 200),
  organisationId: z.string().trim().min(1).max(120).nullable().optional(),
  organisation: clearableText(300),
  perspective: perspectiveSchema,
  role: roleSchema,
};

export const pilotSchemas = {
  create: z
    .object({
      title: requiredText('een titel', 300),
      kinds: kindsSchema,
      topic: clearableText(300),
      origin: originSchema,
      description: clearableText(MAX_LONG_TEXT),
    })
    .strict(),
  get: z.object({ pilotId }).strict(),
  update: z
    .object({
      pilotId,
      title: requiredText('een titel', 300).optional(),
      kinds: kindsSchema.optional(),
      topic: clearableText(300),
      origin: originSchema.optional(),
      description: clearableText(MAX_LONG_TEXT),
      agreementEmbedding: clearableText(MAX_LONG_TEXT),
      agreementFlexibility: clearableText(MAX_LONG_TEXT),
      evaluationResult: clearableText(MAX_LONG_TEXT),
      evaluationLearning: clearableText(MAX_LONG_TEXT),
    })
    .strict(),
  setPhase: z.object({ pilotId, phase: z.enum(PILOT_PHASES, { error: 'Kies een fase: voorstel, gestart, lopend, geëvalueerd of afgesloten.' }) }).strict(),
  addMember: z.object({ pilotId, ...memberFields }).strict(),
  updateMember: z
    .object({
      memberId: rowId('lid'),
      name: memberFields.name.optional(),
      organisationId: memberFields.organisationId,
      organisation: memberFields.organisation,
      perspective: perspectiveSchema.optional(),
      role: roleSchema.optional(),
    })
    .strict(),
  removeMember: z.object({ memberId: rowId('lid') }).strict(),
  setVersions: z
    .object({
      pilotId,
      versionIds: z.array(rowId('versie'), { error: 'Geef de versies als lijst.' }).max(8, 'Een pilot vergelijkt hoogstens 8 versies.'),
      /** Removing a version whose cells hold sections, classifications or notes needs this. */
      discardCells: z.boolean().optional(),
    })
    .strict()
    .refine((a) => new Set(a.versionIds).size === a.versionIds.length, { message: 'Een versie staat twee keer in de lijst.', path: ['versionIds'] }),
  addReflection: z
    .object({
      pilotId,
      heldOn: isoDate,
      perspectives: z.array(perspectiveSchema, { error: 'Geef de aanwezige perspectieven als lijst.' }).max(12).transform((v) => PERSPECTIVES.filter((p) => v.includes(p))),
      notes: clearableText(MAX_LONG_TEXT),
    })
    .strict(),
  removeReflection: z.object({ reflectionId: rowId('reflectiemoment') }).strict(),
};

export function requirePilot(db: Db, id: number): PilotRow {
  const row = getPilotRow(db, id);
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen pilot met nummer ${id}.`);
  return row;
}

/** Whether moving from one phase to another is allowed, and if not, why (in Dutch). */
export function phaseRefusal(row: PilotRow, to: PilotPhase): string | null {
  const from = PILOT_PHASES.indexOf(row.phase);
  const target = PILOT_PHASES.indexOf(to);
  if (target === from) return null;
  // Stepping back corrects a mistake and is allowed; forward goes one phase at a time.
  if (target > from + 1) {
    return `Een pilot gaat één fase tegelijk vooruit: van "${PILOT_PHASE_LABEL[row.phase]}" naar "${PILOT_PHASE_LABEL[PILOT_PHASES[from + 1] as PilotPhase]}".`;
  }
  if (to === 'gestart') {
    const missing = missingAgreements({ agreementEmbedding: row.agreement_embedding, agreementFlexibility: row.agreement_flexibility });
    if (missing.length) return `De pilot kan niet starten zonder ${missing.join(' en ')}. Leg ${missing.length === 2 ? 'ze' : 'die'} eerst vast bij "Afspraken".`;
  }
  if (to === 'geevalueerd') {
    const missing: string[] = [];
    if (!row.evaluation_result?.trim()) missing.push('het resultaat voor de standaard');
    if (!row.evaluation_learning?.trim()) missing.push('het leerresultaat');
    if (missing.length) return `Vul eerst ${missing.join(' en ')} in bij "Evaluatie".`;
  }
  return null;
}

export function createPilotsService(db: Db, actor: () => string) {
  const audit = (id: number, action: string, details: Record<string, unknown>) => writeAudit(db, { actor: actor(), action, entity: 'pilot', entityId: String(id), details });
  const touch = (id: number) => db.prepare('UPDATE pilot SET updated_at = ? WHERE id = ?').run(new Date().toISOString(), id);
  const one = (id: number): Pilot => getPilot(db, id) as Pilot;

  function requireOrganisation(id: string | null | undefined): void {
    if (id && !db.prepare('SELECT 1 FROM organisation WHERE id = ?').get(id)) throw new ApiError('NIET_GEVONDEN', 'Deze organisatie staat niet in de lijst van organisaties.', { organisationId: 'Kies een organisatie uit de lijst.' });
  }

  function memberRow(memberId: number) {
    const row = db.prepare('SELECT * FROM pilot_member WHERE id = ?').get(memberId) as
      | { id: number; pilot_id: number; name: string; organisation_id: string | null; organisation: string | null; perspective: string; role: string }
      | undefined;
    if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen lid met nummer ${memberId}.`);
    return row;
  }

  return {
    list: (): PilotSummary[] => listPilots(db),

    get(args: { pilotId: number }): Pilot {
      requirePilot(db, args.pilotId);
      return one(args.pilotId);
    },

    create(args: z.output<typeof pilotSchemas.create>): Pilot {
      return db
        .transaction(() => {
          const now = new Date().toISOString();
          const { lastInsertRowid } = db
            .prepare(
              `INSERT INTO pilot (guid, title, kinds, topic, origin, phase, description, created_at, created_by, updated_at)
               VALUES (?, ?, ?, ?, ?, 'voorstel', ?, ?, ?, ?)`,
            )
            .run(randomUUID(), args.title, JSON.stringify(args.kinds), args.topic ?? null, args.origin, args.description ?? null, now, actor(), now);
          const id = Number(lastInsertRowid);
          audit(id, 'aangemaakt', { titel: args.title, soorten: args.kinds, herkomst: args.origin });
          return one(id);
        })
        .immediate();
    },

    update(args: z.output<typeof pilotSchemas.update>): Pilot {
      return db
        .transaction(() => {
          const row = requirePilot(db, args.pilotId);
          const next = {
            title: args.title ?? row.title,
            kinds: args.kinds ? JSON.stringify(args.kinds) : row.kinds,
            topic: args.topic === undefined ? row.topic : args.topic,
            origin: args.origin ?? row.origin,
            description: args.description === undefined ? row.description : args.description,
            agreement_embedding: args.agreementEmbedding === undefined ? row.agreement_embedding : args.agreementEmbedding,
            agreement_flexibility: args.agreementFlexibility === undefined ? row.agreement_flexibility : args.agreementFlexibility,
            evaluation_result: args.evaluationResult === undefined ? row.evaluation_result : args.evaluationResult,
            evaluation_learning: args.evaluationLearning === undefined ? row.evaluation_learning : args.evaluationLearning,
          };
          // A started pilot keeps its agreements: clearing one would make its start unfounded.
          if (PILOT_PHASES.indexOf(row.phase) >= 1 && missingAgreements({ agreementEmbedding: next.agreement_embedding, agreementFlexibility: next.agreement_flexibility }).length) {
            throw new ApiError('CONFLICT', 'Een gestarte pilot houdt zijn afspraken over inbedding en flexibiliteit. Pas de tekst aan in plaats van hem leeg te maken.');
          }
          const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => next[k] !== row[k]);
          if (changed.length === 0) return one(row.id);
          db.prepare(
            `UPDATE pilot SET title = ?, kinds = ?, topic = ?, origin = ?, description = ?, agreement_embedding = ?, agreement_flexibility = ?,
                              evaluation_result = ?, evaluation_learning = ?, updated_at = ? WHERE id = ?`,
          ).run(next.title, next.kinds, next.topic, next.origin, next.description, next.agreement_embedding, next.agreement_flexibility, next.evaluation_result, next.evaluation_learning, new Date().toISOString(), row.id);
          audit(row.id, 'gewijzigd', Object.fromEntries(changed.map((k) => [k, { van: row[k], naar: next[k] }])));
          return one(row.id);
        })
        .immediate();
    },

    setPhase(args: z.output<typeof pilotSchemas.setPhase>): Pilot {
      return db
        .transaction(() => {
          const row = requirePilot(db, args.pilotId);
          if (row.phase === args.phase) return one(row.id);
          const refusal = phaseRefusal(row, args.phase);
          if (refusal) throw new ApiError('CONFLICT', refusal);
          db.prepare('UPDATE pilot SET phase = ?, updated_at = ? WHERE id = ?').run(args.phase, new Date().toISOString(), row.id);
          audit(row.id, 'fase', { van: row.phase, naar: args.phase });
          return one(row.id);
        })
        .immediate();
    },

    /** Only a proposal can be deleted: once started, a pilot's decisions are part of the record. */
    delete(args: { pilotId: number }): { deleted: number } {
      return db
        .transaction(() => {
          const row = requirePilot(db, args.pilotId);
          if (row.phase !== 'voorstel') throw new ApiError('CONFLICT', `Alleen een pilot in de fase "Voorstel" kan worden verwijderd; deze is "${PILOT_PHASE_LABEL[row.phase]}". Zet hem op "Afgesloten".`);
          db.prepare('UPDATE bdl_item SET pilot_id = NULL WHERE pilot_id = ?').run(row.id);
          db.prepare('DELETE FROM pilot WHERE id = ?').run(row.id);
          audit(row.id, 'verwijderd', { titel: row.title });
          return { deleted: row.id };
        })
        .immediate();
    },

    addMember(args: z.output<typeof pilotSchemas.addMember>): Pilot {
      return db
        .transaction(() => {
          requirePilot(db, args.pilotId);
          requireOrganisation(args.organisationId);
          const ordinal = (db.prepare('SELECT coalesce(max(ordinal), -1) + 1 AS n FROM pilot_member WHERE pilot_id = ?').get(args.pilotId) as { n: number }).n;
          db.prepare('INSERT INTO pilot_member (pilot_id, name, organisation_id, organisation, perspective, role, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
            args.pilotId,
            args.name,
            args.organisationId ?? null,
            args.organisationId ? null : (args.organisation ?? null),
            args.perspective,
            args.role,
            ordinal,
          );
          touch(args.pilotId);
          audit(args.pilotId, 'lid toegevoegd', { naam: args.name, perspectief: args.perspective, rol: args.role });
          return one(args.pilotId);
        })
        .immediate();
    },

    updateMember(args: z.output<typeof pilotSchemas.updateMember>): Pilot {
      return db
        .transaction(() => {
          const row = memberRow(args.memberId);
          requireOrganisation(args.organisationId);
          const organisationId = args.organisationId === undefined ? row.organisation_id : args.organisationId;
          const next = {
            name: args.name ?? row.name,
            organisation_id: organisationId,
            organisation: organisationId ? null : args.organisation === undefined ? row.organisation : args.organisation,
            perspective: args.perspective ?? row.perspective,
            role: args.role ?? row.role,
          };
          db.prepare('UPDATE pilot_member SET name = ?, organisation_id = ?, organisation = ?, perspective = ?, role = ? WHERE id = ?').run(next.name, next.organisation_id, next.organisation, next.perspective, next.role, row.id);
          touch(row.pilot_id);
          audit(row.pilot_id, 'lid gewijzigd', { lid: row.id, van: { naam: row.name, perspectief: row.perspective, rol: row.role }, naar: { naam: next.name, perspectief: next.perspective, rol: next.role } });
          return one(row.pilot_id);
        })
        .immediate();
    },

    removeMember(args: { memberId: number }): Pilot {
      return db
        .transaction(() => {
          const row = memberRow(args.memberId);
          db.prepare('DELETE FROM pilot_member WHERE id = ?').run(row.id);
          touch(row.pilot_id);
          audit(row.pilot_id, 'lid verwijderd', { naam: row.name, perspectief: row.perspective, rol: row.role });
          return one(row.pilot_id);
        })
        .immediate();
    },

    /**
     * The versions in scope, in column order. Dropping a version whose cells hold work
     * (sections, classifications, notes) is refused unless discardCells says so; the audit entry
     * then keeps what was dropped.
     */
    setVersions(args: z.output<typeof pilotSchemas.setVersions>): Pilot {
      return db
        .transaction(() => {
          const row = requirePilot(db, args.pilotId);
          for (const versionId of args.versionIds) {
            if (!db.prepare('SELECT 1 FROM document_version WHERE id = ?').get(versionId)) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${versionId}.`);
          }
          const current = (db.prepare('SELECT version_id FROM pilot_version WHERE pilot_id = ? ORDER BY ordinal').all(row.id) as Array<{ version_id: number }>).map((r) => r.version_id);
          const dropped = current.filter((v) => !args.versionIds.includes(v));
          const droppedWork: Array<{ rij: string; versie: number; indeling: string | null; notitie: string | null; secties: number }> = [];
          for (const versionId of dropped) {
            const cells = db
              .prepare(
                `SELECT r.theme, c.id, c.classification, c.note, (SELECT count(*) FROM alignment_cell_section WHERE cell_id = c.id) AS sections
                   FROM alignment_cell c JOIN alignment_row r ON r.id = c.row_id WHERE r.pilot_id = ? AND c.version_id = ?`,
              )
              .all(row.id, versionId) as Array<{ theme: string; id: number; classification: string | null; note: string | null; sections: number }>;
            for (const c of cells) {
              if (c.classification || c.note || c.sections) droppedWork.push({ rij: c.theme, versie: versionId, indeling: c.classification, notitie: c.note, secties: c.sections });
            }
            const decided = db.prepare("SELECT theme FROM alignment_row WHERE pilot_id = ? AND decision = 'overnemen' AND decision_version_id = ?").get(row.id, versionId) as { theme: string } | undefined;
            if (decided) throw new ApiError('CONFLICT', `Het besluit bij "${decided.theme}" neemt de formulering van deze versie over. Pas dat besluit eerst aan.`);
          }
          if (droppedWork.length && !args.discardCells) {
            throw new ApiError('CONFLICT', `De versie die je weghaalt heeft ${droppedWork.length} ${droppedWork.length === 1 ? 'cel' : 'cellen'} met secties, indelingen of notities in de uitlijning. Bevestig dat die vervallen.`);
          }
          for (const versionId of dropped) {
            db.prepare('DELETE FROM alignment_cell WHERE version_id = ? AND row_id IN (SELECT id FROM alignment_row WHERE pilot_id = ?)').run(versionId, row.id);
          }
          db.prepare('DELETE FROM pilot_version WHERE pilot_id = ?').run(row.id);
          const insert = db.prepare('INSERT INTO pilot_version (pilot_id, version_id, ordinal) VALUES (?, ?, ?)');
          args.versionIds.forEach((v, i) => insert.run(row.id, v, i));
          touch(row.id);
          if (dropped.length || args.versionIds.length !== current.length || args.versionIds.some((v, i) => current[i] !== v)) {
            audit(row.id, 'versies', { van: current, naar: args.versionIds, ...(droppedWork.length ? { vervallenCellen: droppedWork } : {}) });
          }
          return one(row.id);
        })
        .immediate();
    },

    addReflection(args: z.output<typeof pilotSchemas.addReflection>): Pilot {
      return db
        .transaction(() => {
          requirePilot(db, args.pilotId);
          db.prepare('INSERT INTO pilot_reflection (pilot_id, held_on, perspectives, notes, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)').run(
            args.pilotId,
            args.heldOn,
            JSON.stringify(args.perspectives),
            args.notes ?? null,
            new Date().toISOString(),
            actor(),
          );
          touch(args.pilotId);
          audit(args.pilotId, 'reflectiemoment', { datum: args.heldOn, perspectieven: args.perspectives });
          return one(args.pilotId);
        })
        .immediate();
    },

    removeReflection(args: { reflectionId: number }): Pilot {
      return db
        .transaction(() => {
          const row = db.prepare('SELECT * FROM pilot_reflection WHERE id = ?').get(args.reflectionId) as { id: number; pilot_id: number; held_on: string; notes: string | null } | undefined;
          if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen reflectiemoment met nummer ${args.reflectionId}.`);
          db.prepare('DELETE FROM pilot_reflection WHERE id = ?').run(row.id);
          touch(row.pilot_id);
          audit(row.pilot_id, 'reflectiemoment verwijderd', { datum: row.held_on, notities: row.notes });
          return one(row.pilot_id);
        })
        .immediate();
    },
  };
}
