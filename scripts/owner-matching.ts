export type OwnerRole = 'eigenaar' | 'autoriserend' | 'ontwikkelaar' | 'beheerder';
export interface OwnerMatch { organisationId: string; role: OwnerRole }
interface KnownOrganisation { id: string; aliases: string[] }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Which part of an owner phrase names a developer or maintainer rather than the owner itself. */
function roleOfSegment(segment: string): OwnerRole {
  if (/\b(ontwikkelaar|uitvoering|redactie|auteurs|projectleiding|projectgroep)\b/i.test(segment)) return 'ontwikkelaar';
  if (/\bbeheer\b/i.test(segment)) return 'beheerder';
  return 'eigenaar';
}

/**
 * Recognises organisations in a free-text owner phrase such as
 * "AJN; V&VN vakgroep Jeugd; NVDA (beheer NCJ); ontwikkelaar TNO i.s.m. NJi".
 * Parenthesised and ";"-separated parts are read separately so "(beheer NCJ)" makes NCJ the maintainer.
 */
export function matchOwners(ownerText: string, organisations: KnownOrganisation[]): OwnerMatch[] {
  const segments = ownerText
    .split(/;|\(|\)/)
    .map((s) => s.trim())
    .filter(Boolean);
  const found = new Map<string, OwnerMatch>();
  for (const segment of segments) {
    const role = roleOfSegment(segment);
    for (const organisation of organisations) {
      const hit = organisation.aliases.some((alias) =>
        new RegExp(`(^|[^\\p{L}\\p{N}&])${escape(alias)}($|[^\\p{L}\\p{N}&])`, 'u').test(segment),
      );
      const key = `${organisation.id}:${role}`;
      if (hit && !found.has(key)) found.set(key, { organisationId: organisation.id, role });
    }
  }
  return [...found.values()];
}
