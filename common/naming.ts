/** Stable, readable ids and short titles for catalogue rows; both derived, never invented content. */
export function slugFor(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' en ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/**
 * Title patterns and the setting label that keeps short titles distinct: "Richtlijn ADHD voor
 * jeugdhulp en jeugdbescherming" and "JGZ-richtlijn ADHD" become "ADHD (jeugdhulp)" and "ADHD (JGZ)".
 */
const PATTERNS: Array<{ pattern: RegExp; setting: string | null }> = [
  { pattern: /^Richtlijn\s+(.+?)\s+voor jeugdhulp en jeugdbescherming$/i, setting: 'jeugdhulp' },
  { pattern: /^JGZ-richtlijn\s+(.+)$/i, setting: 'JGZ' },
  { pattern: /^NHG-Standaard\s+(.+)$/i, setting: 'NHG' },
  { pattern: /^Zorgstandaard\s+(.+)$/i, setting: 'GGZ' },
  { pattern: /^Generieke module\s+(.+)$/i, setting: 'generieke module' },
  { pattern: /^Multidisciplinaire richtlijn\s+(.+)$/i, setting: 'MDR' },
  { pattern: /^Richtlijn\s+(.+)$/i, setting: null },
];

export function shortTitleFor(title: string): string | null {
  for (const { pattern, setting } of PATTERNS) {
    const match = pattern.exec(title.trim());
    const core = match?.[1]?.trim();
    if (!core) continue;
    const capitalised = core.charAt(0).toUpperCase() + core.slice(1);
    return setting ? `${capitalised} (${setting})` : capitalised;
  }
  return null;
}
