import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { REVIEW_FIELD_LABELS } from './review-schemas.js';

// Zod's own messages in Dutch for anything a schema does not word itself.
z.config(z.locales.nl());

/** Dutch names of fields, so an error says "Titel" rather than "title". */
const FIELD_LABELS: Record<string, string> = {
  ...REVIEW_FIELD_LABELS,
  // Pilots and the alignment grid.
  pilotId: 'Pilot',
  kinds: 'Soort',
  origin: 'Herkomst',
  phase: 'Fase',
  memberId: 'Lid',
  organisationId: 'Organisatie',
  role: 'Rol',
  versionIds: 'Versies',
  heldOn: 'Datum',
  perspectives: 'Perspectieven',
  reflectionId: 'Reflectiemoment',
  rowId: 'Rij',
  intoRowId: 'Samenvoegen met',
  theme: 'Thema',
  toIndex: 'Positie',
  sectionIds: 'Secties',
  classification: 'Indeling',
  decision: 'Besluit',
  dissent: 'Afwijkende standpunten',
  minConfidence: 'Zekerheid',
  // Merging a colleague's project file.
  planId: 'Voorbeeld',
  resolutions: 'Keuzes',
  // Comparison.
  left: 'Links',
  right: 'Rechts',
  reference: 'Referentie',
  others: 'Andere teksten',
  id: 'Id',
  title: 'Titel',
  shortTitle: 'Korte titel',
  type: 'Type',
  status: 'Status',
  ownerText: 'Eigenaar (tekst)',
  owners: 'Organisaties',
  subsectors: 'Subsectoren',
  topic: 'Onderwerp',
  targetUsers: 'Doelgroep gebruikers',
  knowledgeBasis: 'Kennisbasis',
  yearPublished: 'Jaar van publicatie',
  yearRevised: 'Jaar van herziening',
  url: 'Webadres',
  confidence: 'Betrouwbaarheid',
  notes: 'Notities',
  reason: 'Reden',
  patch: 'Wijzigingen',
  expectedUpdatedAt: 'Versie',
  limit: 'Aantal',
  name: 'Naam',
  standardId: 'Standaard',
  versionId: 'Versie',
  sectionId: 'Sectie',
  label: 'Versienaam',
  fileName: 'Bestandsnaam',
  dataBase64: 'Bestand',
  jobId: 'Import',
  atBlock: 'Splitspunt',
  atOffset: 'Splitspunt',
  heading: 'Kop',
  number: 'Nummer',
  kind: 'Soort',
  query: 'Zoekterm',
  types: 'Typen',
  versionStatus: 'Status van de versie',
  standardIds: 'Standaarden',
  megabytes: 'Maximale bestandsgrootte',
  replacesVersionId: 'Vervangt versie',
  parentId: 'Bovenliggende tag',
  color: 'Kleur',
  description: 'Beschrijving',
  position: 'Positie',
  sourceId: 'Tag',
  targetId: 'Doeltag',
  annotations: 'Annotaties',
  children: 'Onderliggende tags',
  csv: 'CSV',
  tagId: 'Tag',
  tagIds: 'Tags',
  newTagNames: 'Nieuwe tags',
  start: 'Begin',
  end: 'Einde',
  quote: 'Citaat',
  note: 'Notitie',
  author: 'Auteur',
  authorA: 'Auteur A',
  authorB: 'Auteur B',
  all: 'Alle tags',
  not: 'Zonder tags',
  any: 'Een van de tags',
  offset: 'Vanaf',
  listId: 'Lijst',
  itemId: 'Item',
  linkId: 'Link',
  versionLabel: 'Versienaam',
  category: 'Categorie',
  statement: 'Stelling',
  rationale: 'Onderbouwing',
  evidenceTypes: 'Soort kennis',
  targetGroup: 'Doelgroep',
  setting: 'Setting',
  useContexts: 'Gebruikscontext',
  knowledgeQuestion: 'Kennisvraag',
  clientWording: 'Cliëntversie',
  leerlijnen: 'Leerlijnen',
  ordinal: 'Positie',
  annotationId: 'Annotatie',
  sessionId: 'Dialoogsessie',
  date: 'Datum',
  delegates: 'Afgevaardigden',
  perspective: 'Perspectief',
  organisation: 'Organisatie',
  change: 'Wijziging',
  roundId: 'Stemronde',
  rule: 'Consensusregel',
  minAgree: 'Drempel eens',
  requireMedianAgree: 'Mediaan eens',
  perPerspective: 'Per perspectief',
  itemIds: 'Items',
  carryOverFrom: 'Meenemen uit ronde',
  delegate: 'Afgevaardigde',
  vote: 'Stem',
  comment: 'Toelichting',
  audience: 'Versie',
  grouping: 'Indeling',
};

export function fieldLabel(path: PropertyKey[]): string {
  const names = path.filter((p): p is string => typeof p === 'string');
  const last = names[names.length - 1];
  return last ? (FIELD_LABELS[last] ?? last) : 'Invoer';
}

/** Zod's Dutch locale still says "key"; name unknown fields in plain Dutch. */
function messageOf(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? `Onbekend veld: ${issue.keys.map((k) => `"${k}"`).join(', ')}.` : issue.message;
}

/** Parses API input; on failure throws one ApiError with a Dutch summary and per-field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= messageOf(issue);
  }
  const summary = result.error.issues
    .slice(0, 3)
    .map((issue) => `${fieldLabel(issue.path)}: ${messageOf(issue).replace(/\.?$/, '.')}`)
    .join(' ');
  throw new ApiError('ONGELDIGE_INVOER', `Controleer de invoer. ${summary}`, fields);
}

/** Optional text that treats "" and whitespace as "not given". */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max, `Maximaal ${max} tekens.`)
    .transform((v) => v.trim())
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null);

export const yearSchema = z
  .number({ error: 'Vul een jaartal in (bijvoorbeeld 2019).' })
  .int('Een jaartal is een heel getal.')
  .min(1900, 'Een jaartal ligt tussen 1900 en 2100.')
  .max(2100, 'Een jaartal ligt tussen 1900 en 2100.')
  .nullable()
  .default(null);
