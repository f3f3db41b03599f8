/**
 * Helpers for the pilot tests: three short ADHD guideline texts in the style of the youth-care,
 * JGZ and GGZ standards (same themes, different wording and order), and a pilot built on them.
 */
import type { AlignmentGrid, Pilot } from '../../common/pilots.js';
import { importText } from './documents.js';
import type { TestWorkspace } from './test-db.js';

export const ADHD_STANDARDS = {
  jeugdhulp: 'richtlijn-adhd-voor-jeugdhulp-en-jeugdbescherming',
  jgz: 'jgz-richtlijn-adhd-signalering-begeleiding-en-toeleiding-naar-diagnostiek',
  ggz: 'zorgstandaard-adhd',
} as const;

export const ADHD_TEXTS: Record<keyof typeof ADHD_STANDARDS, string> = {
  jeugdhulp: `# 1 Signalering
Professionals in de jeugdhulp letten op signalen van concentratieproblemen, impulsiviteit en hyperactiviteit thuis en op school.

## Aanbeveling 1
Bespreek signalen van ADHD altijd met ouders en jeugdige voordat je verwijst.

# 2 Diagnostiek
Diagnostiek van ADHD gebeurt door een gekwalificeerde professional met informatie uit meerdere bronnen, zoals ouders, school en de jeugdige zelf.

# 3 Psycho-educatie
Geef ouders en jeugdige uitleg over ADHD, over de gevolgen voor het dagelijks leven en over wat helpt.

# 4 Behandeling met medicatie
Medicatie wordt pas overwogen als psycho-educatie en ouderbegeleiding onvoldoende effect hebben. Evalueer het effect van medicatie na zes weken.

# 5 Samenwerking met school
Stem de aanpak af met de leerkracht en de intern begeleider van de school.
`,
  jgz: `# 1 Signaleren van ADHD
De jeugdarts en jeugdverpleegkundige signaleren concentratieproblemen, impulsiviteit en hyperactiviteit tijdens contactmomenten en bespreken deze met ouders.

# 2 Psycho-educatie en begeleiding
De JGZ geeft ouders en jeugdige uitleg over ADHD en over de gevolgen voor het dagelijks leven, en biedt begeleiding bij opvoeden.

# 3 Toeleiding naar diagnostiek
Bij aanhoudende signalen verwijst de jeugdarts naar diagnostiek door een gekwalificeerde professional, met informatie van ouders en school.

# 4 Medicatie
De JGZ start geen medicatie. Medicatie moet worden overwogen door de behandelaar als psycho-educatie onvoldoende helpt; evalueer het effect na vier weken.
`,
  ggz: `# 1 Vroege onderkenning
Vroege onderkenning van ADHD vraagt aandacht voor concentratieproblemen, impulsiviteit en hyperactiviteit in het gezin en op school.

# 2 Diagnostiek
De diagnose ADHD wordt gesteld door een gekwalificeerde professional op basis van informatie uit meerdere bronnen: ouders, school en de jeugdige.

# 3 Psycho-educatie
Psycho-educatie voor ouders en jeugdige over ADHD en over wat helpt in het dagelijks leven is de eerste stap.

# 4 Medicamenteuze behandeling
Medicatie wordt aanbevolen wanneer psycho-educatie en ouderbegeleiding onvoldoende effect hebben. Evalueer het effect van medicatie na zes weken.

# 5 Terugval en nazorg
Spreek met ouders af wanneer zij opnieuw contact opnemen bij terugval.
`,
};

export interface AdhdPilot {
  pilot: Pilot;
  versionIds: { jeugdhulp: number; jgz: number; ggz: number };
}

/** Imports the three texts and makes a pilot with them in scope (phase voorstel, no members). */
export async function adhdPilot(ws: TestWorkspace, title = 'ADHD horizontaal'): Promise<AdhdPilot> {
  const ids = {} as AdhdPilot['versionIds'];
  for (const key of Object.keys(ADHD_STANDARDS) as Array<keyof typeof ADHD_STANDARDS>) {
    const job = await importText(ws, ADHD_STANDARDS[key], ADHD_TEXTS[key], '2024');
    ids[key] = job.versionId as number;
  }
  const created = ws.ok<Pilot>('pilots.create', { title, kinds: ['horizontaal'], topic: 'ADHD', origin: 'signalering' });
  const pilot = ws.ok<Pilot>('pilots.setVersions', { pilotId: created.id, versionIds: [ids.jeugdhulp, ids.jgz, ids.ggz] });
  return { pilot, versionIds: ids };
}

/** The row of the grid whose theme matches, or throws. */
export function rowByTheme(grid: AlignmentGrid, pattern: RegExp) {
  const row = grid.rows.find((r) => pattern.test(r.theme));
  if (!row) throw new Error(`no row matching ${pattern}: ${grid.rows.map((r) => r.theme).join(', ')}`);
  return row;
}
