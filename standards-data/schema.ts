import { z } from 'zod';
import catalogueJson from './catalogue.json' with { type: 'json' };
import organisationsJson from './organisations.json' with { type: 'json' };
import vocabulariesJson from './vocabularies.json' with { type: 'json' };

/** The versioned seed data, validated on load so a bad edit to a JSON file fails loudly in tests. */
const year = z.number().int().min(1900).max(2100).nullable();

export const seedStandardSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  catalogueId: z.string(),
  title: z.string().min(1),
  shortTitle: z.string().nullable(),
  type: z.string().min(1),
  status: z.enum(['concept', 'vastgesteld', 'in_herziening', 'vervallen', 'onbekend']),
  ownerText: z.string().nullable(),
  owners: z.array(z.object({ organisationId: z.string(), role: z.enum(['eigenaar', 'autoriserend', 'ontwikkelaar', 'beheerder']) })),
  subsectors: z.array(z.string()),
  topic: z.string().nullable(),
  targetUsers: z.string().nullable(),
  yearPublished: year,
  yearRevised: year,
  url: z.string().nullable(),
  confidence: z.enum(['verified', 'plausible']),
});
export type SeedStandard = z.infer<typeof seedStandardSchema>;

export const seedOrganisationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  abbreviation: z.string().nullable(),
  name: z.string().min(1),
  kind: z.string().min(1),
  perspective: z.string().nullable(),
  aliases: z.array(z.string().min(1)),
});
export type SeedOrganisation = z.infer<typeof seedOrganisationSchema>;

const vocabularyEntry = z.object({ value: z.string().min(1), label: z.string().min(1), description: z.string().optional() });
export const vocabulariesSchema = z.record(z.string(), z.array(vocabularyEntry));
export type Vocabularies = z.infer<typeof vocabulariesSchema>;

export interface StandardsData {
  standards: SeedStandard[];
  organisations: SeedOrganisation[];
  vocabularies: Vocabularies;
}

export function loadStandardsData(): StandardsData {
  return {
    standards: z.array(seedStandardSchema).parse(catalogueJson),
    organisations: z.array(seedOrganisationSchema).parse(organisationsJson),
    vocabularies: vocabulariesSchema.parse(vocabulariesJson),
  };
}
