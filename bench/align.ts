/**
 * Speed and quality of the alignment proposal (electron/services/align).
 *
 * Speed: generated standards on one topic, guideline-like: chapters per theme (signalering,
 * diagnostiek, medicatie, …) with paragraphs and "Aanbeveling" sections, Dutch sentences with
 * compounds and diacritics, each standard with its own wording, chapter order and length. The
 * target is 3 standards × 150 sections under 1 s; 6 × 150 and 3 × 1,500 show how it scales.
 *
 * Quality: precision and recall on the gold alignments of tests/helpers/align-gold.ts (a
 * hand-made three-standard ADHD case and revisions of real documents).
 */
import type { AlignInput, AlignSection } from '../electron/services/align/index.js';
import { proposeAlignment } from '../electron/services/align/index.js';
import { alignQualityOf, type Quality } from '../tests/helpers/align-gold.js';
import { stats, time, type Stats } from './stats.js';

const THEMES: Array<{ headings: string[]; objects: string[] }> = [
  { headings: ['Signalering', 'Vroegsignalering', 'Vroege onderkenning'], objects: ['de signalen van onrust', 'de concentratieproblemen', 'het gedrag in de klas', 'de zorgen van ouders', 'de contactmomenten', 'de screeningsvragenlijst'] },
  { headings: ['Diagnostiek', 'Diagnostisch onderzoek', 'Toeleiding naar diagnostiek'], objects: ['de ontwikkelingsanamnese', 'de DSM-5-criteria', 'de informatie van meerdere informanten', 'de observatie op school', 'de differentiaaldiagnose', 'de comorbiditeit'] },
  { headings: ['Psycho-educatie', 'Voorlichting', 'Uitleg aan ouders en jeugdige'], objects: ['de uitleg over ADHD', 'de schriftelijke informatie', 'het begrip in het gezin', 'de gedeelde besluitvorming', 'de schuldgevoelens van ouders', 'de behandelopties'] },
  { headings: ['Ouderbegeleiding', 'Oudertraining', 'Ondersteuning van ouders'], objects: ['de oudertraining', 'het belonen van gewenst gedrag', 'de opvoedingsvaardigheden', 'de gezinsbegeleiding', 'de structuur thuis', 'de consequente aanpak'] },
  { headings: ['Gedragstherapie', 'Psychosociale interventies', 'Gedragsinterventies'], objects: ['de gedragstherapie', 'de planningstraining', 'de sociale vaardigheidstraining', 'de cognitieve gedragstherapie', 'het behandelplan', 'de behandeldoelen'] },
  { headings: ['Medicatie', 'Medicamenteuze behandeling', 'Farmacotherapie'], objects: ['het medicatiegebruik', 'de methylfenidaatdosering', 'de bijwerkingen', 'de bloeddrukmeting', 'de hartfrequentie', 'de stoppoging'] },
  { headings: ['Monitoring', 'Evaluatie van de behandeling', 'Follow-up'], objects: ['de voortgangsmeting', 'de lengte en het gewicht', 'de halfjaarlijkse controle', 'de evaluatievragenlijst', 'het beloop', 'de terugvalpreventie'] },
  { headings: ['Samenwerking met school', 'Onderwijs', 'School en leerkracht'], objects: ['de leerkrachtbegeleiding', 'het klassenmanagement', 'de intern begeleider', 'het onderwijsaanbod', 'de werkplek in de klas', 'het zorgadviesteam'] },
  { headings: ['Samenwerking in de keten', 'Regie en coördinatie', 'Organisatie van zorg'], objects: ['de coördinatie van zorg', 'de regiebehandelaar', 'de verwijzing naar de huisarts', 'de afspraken met het wijkteam', 'de overdracht', 'het gezinsplan'] },
  { headings: ['Slaap en leefstijl', 'Leefstijladviezen', 'Slaapproblemen'], objects: ['de slaaphygiëne', 'de inslaapproblemen', 'de schermtijd', 'de beweging overdag', 'de voeding', 'het dagritme'] },
  { headings: ['Transitie naar volwassenheid', 'Overgang naar de volwassenenzorg', 'Jongvolwassenen'], objects: ['de transitie na het achttiende jaar', 'de warme overdracht', 'de zelfstandigheid van de jongere', 'de volwassenen-ggz', 'de continuïteit van medicatie', 'de voorbereiding op de overgang'] },
  { headings: ['Veiligheid', 'Jeugdbescherming', 'Onveilige opvoedsituaties'], objects: ['de veiligheidsinschatting', 'de meldcode', 'de risicotaxatie', 'de gezinsvoogd', 'de uithuisplaatsing', 'het veiligheidsplan'] },
];
const SUBJECTS = [
  ['De jeugdprofessional', 'De jeugdarts', 'De gedragswetenschapper', 'De huisarts'],
  ['De jeugdverpleegkundige', 'Het wijkteam', 'De praktijkondersteuner', 'De orthopedagoog'],
  ['De regiebehandelaar', 'De kinder- en jeugdpsychiater', 'De GZ-psycholoog', 'De behandelaar'],
];
const VERBS = [
  ['bespreekt', 'evalueert', 'signaleert', 'bevordert'],
  ['onderzoekt', 'documenteert', 'volgt', 'ondersteunt'],
  ['beoordeelt', 'coördineert', 'monitort', 'verheldert'],
];
const TAILS = ['met ouders en jeugdige', 'in overleg met school', 'binnen zes weken', 'op basis van wetenschappelijk onderzoek', 'wanneer de situatie daarom vraagt', 'samen met het netwerk van het gezin', 'en legt dit vast in het dossier', 'volgens de afspraken in de regio'];

/** A small deterministic generator (LCG), so runs compare like with like. */
function random(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One standard of `size` sections: a chapter per theme (themes in a standard-specific order),
 * paragraphs of 6–12 sentences of which about two thirds are about the chapter's theme, and every
 * fourth paragraph an "Aanbeveling".
 */
function generateStandard(standard: number, size: number, versionId: number, firstId: number): AlignSection[] {
  const next = random(standard + 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const order = THEMES.map((_, i) => i).sort((a, b) => ((a * 7 + standard * 3) % 12) - ((b * 7 + standard * 3) % 12) || a - b);
  const perChapter = Math.max(1, Math.ceil(size / THEMES.length) - 1);
  const sections: AlignSection[] = [];
  let recommendation = 0;
  for (let c = 0; sections.length < size; c++) {
    const theme = THEMES[order[c % order.length] as number] as (typeof THEMES)[number];
    const chapterId = firstId + sections.length;
    const chapter = c + 1;
    sections.push({ id: chapterId, versionId, number: String(chapter), heading: theme.headings[standard % theme.headings.length] as string, text: '', kind: 'chapter', level: 1, ordinal: sections.length, parentId: null });
    for (let p = 1; p <= perChapter && sections.length < size; p++) {
      const sentences: string[] = [];
      const n = 6 + Math.floor(next() * 7);
      for (let k = 0; k < n; k++) {
        const object = next() < 0.65 ? pick(theme.objects) : pick(pick(THEMES).objects);
        sentences.push(`${pick(SUBJECTS[standard % 3] as string[])} ${pick(VERBS[standard % 3] as string[])} ${object} ${pick(TAILS)}.`);
      }
      const isRecommendation = p % 4 === 0;
      if (isRecommendation) recommendation++;
      const object = pick(theme.objects).replace(/^(de|het) /, '');
      sections.push({
        id: firstId + sections.length,
        versionId,
        number: isRecommendation ? `Aanbeveling ${recommendation}` : `${chapter}.${p}`,
        heading: isRecommendation ? `Aanbeveling ${recommendation}` : object[0]?.toUpperCase() + object.slice(1),
        text: sentences.join(' '),
        kind: isRecommendation ? 'recommendation' : 'section',
        level: 2,
        ordinal: sections.length,
        parentId: chapterId,
      });
    }
  }
  return sections;
}

export function generateAlignInput(standards: number, sectionsEach: number): AlignInput {
  const versions: AlignInput['versions'] = [];
  for (let s = 0; s < standards; s++) versions.push({ versionId: s + 1, sections: generateStandard(s, sectionsEach, s + 1, 1 + s * (sectionsEach + 10)) });
  return { versions, placedSectionIds: [], rejectedPairs: [] };
}

export interface AlignRow {
  name: string;
  size: string;
  result: Stats;
}

export function benchAlign(): AlignRow[] {
  const rows: AlignRow[] = [];
  // 3 × 150 is the target (a pilot of three standards); 6 × 150 the most versions a pilot has;
  // 3 × 1,500 the 10× case. Cost grows with the number of versions squared (every version is
  // compared with every other), so 30 × 150 takes some seconds and is left out.
  for (const [standards, each, runs] of [
    [3, 150, 20],
    [6, 150, 5],
    [3, 1500, 3],
  ] as const) {
    const input = generateAlignInput(standards, each);
    rows.push({ name: 'Voorstel uitlijning (harmonisatiepilot)', size: `${standards} standaarden × ${each} secties`, result: stats(time(() => void proposeAlignment(input), runs, 1)) });
  }
  return rows;
}

/** Precision and recall of the proposal on the gold alignments, overall and per case. */
export async function alignQuality(): Promise<{ precision: number; recall: number; pairs: number; cases: Quality[] }> {
  const q = await alignQualityOf();
  return { precision: q.overall.precision, recall: q.overall.recall, pairs: q.overall.sure, cases: q.cases };
}
