/**
 * Zod building blocks shared by the list, item, dialogue and voting services, with Dutch messages.
 */
import { z } from 'zod';
import { EVIDENCE_TYPES, ITEM_CATEGORIES, ITEM_STATUSES, PERSPECTIVES, USE_CONTEXTS } from '../../common/lists.js';

export const MAX_STATEMENT = 1000;
export const MAX_LONG_TEXT = 20_000;
export const MAX_SHORT_TEXT = 500;

export const rowId = (what: string) =>
  z.number({ error: `Geef het nummer van een ${what}.` }).int(`Geef het nummer van een ${what}.`).positive(`Geef het nummer van een ${what}.`).max(Number.MAX_SAFE_INTEGER);

/** Required text, trimmed. */
export const requiredText = (what: string, max: number) =>
  z.string({ error: `Vul ${what} in.` }).trim().min(1, `Vul ${what} in.`).max(max, `Maximaal ${max} tekens.`);

/** Optional text: undefined leaves it alone (update) or means none (create); "" and null clear it. */
export const clearableText = (max: number) =>
  z
    .string({ error: 'Dit veld is tekst.' })
    .max(max, `Maximaal ${max} tekens.`)
    .transform((v) => v.trim() || null)
    .nullable()
    .optional();

/** A set of fixed values: duplicates collapse, order follows the fixed list. */
const valueSet = <T extends string>(values: readonly T[], message: string) =>
  z
    .array(z.enum(values as unknown as [T, ...T[]], { error: message }), { error: message })
    .max(values.length * 2, message)
    .transform((v) => values.filter((x) => v.includes(x)));

export const categorySchema = z.enum(ITEM_CATEGORIES, { error: 'Kies beter doen, beter laten of beter onderzoeken.' });
export const itemStatusSchema = z.enum(ITEM_STATUSES, { error: 'Kies concept, besproken, vastgesteld of vervallen.' });
export const evidenceTypesSchema = valueSet(EVIDENCE_TYPES, 'Kies uit wetenschap, praktijk en ervaring.');
export const useContextsSchema = valueSet(USE_CONTEXTS, 'Kies uit keuze professional, inrichting organisatie en inkoop gemeente.');
export const perspectiveSchema = z.enum(PERSPECTIVES, { error: 'Kies een perspectief: ervaring, professionals, wijkteams, organisaties, gemeenten of kennis.' });
export const leerlijnenSchema = z
  .array(z.string({ error: 'Een leerlijn is tekst.' }).trim().min(1, 'Kies een leerlijn.').max(200, 'Kies een leerlijn.'), { error: 'Geef een lijst van leerlijnen.' })
  .max(50, 'Hoogstens 50 leerlijnen.')
  .transform((v) => [...new Set(v)]);

export const ordinalSchema = z.number({ error: 'Een positie is een getal.' }).int('Een positie is een heel getal.').min(0, 'Een positie is 0 of meer.').max(100_000, 'Een positie is hoogstens 100000.');

/** The fields of an item a user edits (all optional: create fills in defaults, update changes what is given). */
export const itemFields = {
  category: categorySchema.optional(),
  statement: requiredText('de stelling', MAX_STATEMENT).optional(),
  rationale: clearableText(MAX_LONG_TEXT),
  evidenceTypes: evidenceTypesSchema.optional(),
  targetGroup: clearableText(MAX_SHORT_TEXT),
  setting: clearableText(MAX_SHORT_TEXT),
  useContexts: useContextsSchema.optional(),
  status: itemStatusSchema.optional(),
  knowledgeQuestion: clearableText(MAX_STATEMENT * 2),
  clientWording: clearableText(MAX_STATEMENT * 2),
  leerlijnen: leerlijnenSchema.optional(),
  pilotId: rowId('pilot').nullable().optional(),
};

export const dateSchema = z
  .string({ error: 'Geef een datum als JJJJ-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Geef een datum als JJJJ-MM-DD.')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'Deze datum bestaat niet.');
