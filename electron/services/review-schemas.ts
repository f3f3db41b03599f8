/**
 * Zod building blocks shared by the chain and review-round services, with Dutch messages, and the
 * look-ups both need (a standard, a pilot, a section with its version).
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import type { Db } from '../../db/open.js';
import { rowId } from './list-schemas.js';

export { clearableText, dateSchema, requiredText, rowId } from './list-schemas.js';

export const standardIdSchema = z.string({ error: 'Geef het id van een standaard.' }).trim().min(1, 'Geef het id van een standaard.').max(120, 'Geef het id van een standaard.');
export const pilotIdSchema = rowId('pilot');

export const offsetSchema = (label: string) =>
  z.number({ error: `Geef ${label} als getal.` }).int(`Geef ${label} als heel getal.`).min(0, `${label[0]?.toUpperCase()}${label.slice(1)} is 0 of meer.`).max(10_000_000);
export const quoteSchema = z.string({ error: 'Geef de geselecteerde tekst mee.' }).min(1, 'Selecteer eerst tekst.').max(50_000, 'Een citaat heeft hoogstens 50.000 tekens.');

/** One of a fixed list, with a Dutch message naming the choices. */
export const oneOf = <T extends string>(values: readonly T[], labels: Record<T, string>, what: string) =>
  z.enum(values as unknown as [T, ...T[]], { error: `Kies ${what}: ${values.map((v) => labels[v].toLowerCase()).join(', ')}.` });

/**
 * Dutch names of the fields of the chain and review-round methods. validation.ts names fields in
 * zod's messages from its own list; these belong there too (see the report of issue 7).
 */
export const REVIEW_FIELD_LABELS: Record<string, string> = {
  pilotId: 'Pilot',
  recommendationId: 'Aanbeveling',
  linkId: 'Randvoorwaarde',
  evidenceId: 'Bewijs',
  preconditionKind: 'Soort randvoorwaarde',
  precondition: 'Randvoorwaarde',
  level: 'Niveau',
  addressees: 'Adressaten',
  owner: 'Eigenaar',
  ownerOrganisationId: 'Eigenaar',
  reference: 'Verwijzing',
  text: 'Tekst',
  direction: 'Richting',
  roundId: 'Commentaarronde',
  previousVersionId: 'Vorige versie',
  nextVersionId: 'Volgende versie',
  opensOn: 'Startdatum',
  deadline: 'Reactietermijn',
  organisations: 'Organisaties',
  organisationId: 'Organisatie',
  invitationId: 'Organisatie',
  contact: 'Contactpersoon',
  commentId: 'Commentaar',
  body: 'Commentaar',
  response: 'Reactie werkgroep',
  disposition: 'Besluit',
  motivation: 'Motivering',
  changeSectionId: 'Gewijzigde passage',
  changeStart: 'Gewijzigde passage',
  changeEnd: 'Gewijzigde passage',
  changeQuote: 'Gewijzigde passage',
  unanswered: 'Onbeantwoord',
  order: 'Volgorde',
  dataBase64: 'Bestand',
  sectionId: 'Sectie',
  standardId: 'Standaard',
  versionId: 'Versie',
};

/** A refusal in the shape parseInput gives: "Controleer de invoer. <Veld>: <probleem>", with the field. */
export const invalid = (field: string, message: string): ApiError =>
  new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. ${REVIEW_FIELD_LABELS[field] ?? field}: ${message}`, { [field]: message });

export function requireStandard(db: Db, id: string): { id: string; title: string; short_title: string | null } {
  const row = db.prepare('SELECT id, title, short_title FROM standard WHERE id = ?').get(id) as { id: string; title: string; short_title: string | null } | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen standaard met id "${id}".`);
  return row;
}

export function requirePilot(db: Db, id: number): { id: number; title: string } {
  const row = db.prepare('SELECT id, title FROM pilot WHERE id = ?').get(id) as { id: number; title: string } | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen pilot met nummer ${id}.`);
  return row;
}

export interface SectionWithVersion {
  id: number;
  version_id: number;
  number: string | null;
  heading: string;
  kind: string;
  text: string;
  standard_id: string;
  label: string;
}

export function requireSection(db: Db, id: number): SectionWithVersion {
  const row = db
    .prepare('SELECT s.id, s.version_id, s.number, s.heading, s.kind, s.text, v.standard_id, v.label FROM section s JOIN document_version v ON v.id = s.version_id WHERE s.id = ?')
    .get(id) as SectionWithVersion | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen sectie met nummer ${id}.`);
  return row;
}

export function requireVersion(db: Db, id: number): { id: number; standard_id: string; label: string; imported_at: string } {
  const row = db.prepare('SELECT id, standard_id, label, imported_at FROM document_version WHERE id = ?').get(id) as
    | { id: number; standard_id: string; label: string; imported_at: string }
    | undefined;
  if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen versie met nummer ${id}.`);
  return row;
}

/** "§4.2 Medicatie" — the section as a reader finds it; a number equal to the heading shows once. */
export function sectionLabel(number: string | null, heading: string | null): string {
  if (!heading) return number ? `§${number}` : '';
  return number && number !== heading ? `§${number} ${heading}` : heading;
}

/** A long quote cut for one-line summaries. */
export function shortQuote(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
