/**
 * Word diff of two 5,000-word sections of a guideline (a revision: about 5 % of the words
 * changed, some sentences moved), with the default options, against
 * `git diff --no-index --word-diff` on the same pair written to temp files: the usual command-line
 * way to get a word diff. git's figure includes starting a process; ours runs in-process.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffTexts } from '../common/diff/index.js';
import { stats, time, type Stats } from './stats.js';

/** A small deterministic PRNG (mulberry32), so every run diffs the same texts. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['De jeugdprofessional', 'De huisarts', 'De jeugdarts', 'Het wijkteam', 'De behandelaar', 'De gedragswetenschapper', 'De werkgroep', 'De school', 'De zorgaanbieder', 'De gemeente', 'De orthopedagoog', 'De verpleegkundige'];
const MODALS = ['moet', 'dient', 'kan', 'mag', 'overweegt', 'zal'];
const VERBS = ['bespreken', 'evalueren', 'onderzoeken', 'vastleggen', 'afstemmen', 'signaleren', 'begeleiden', 'toetsen', 'verwijzen', 'volgen', 'ondersteunen', 'verduidelijken'];
const OBJECTS = [
  'de signalen van concentratieproblemen', 'de hulpvraag van het gezin', 'de voortgang van de behandeling', 'het gebruik van medicatie', 'de wensen van de jeugdige',
  'de rol van de leerkracht', 'de risico’s voor de ontwikkeling', 'het behandelplan', 'de uitkomsten van de screening', 'de samenwerking met de school',
  'de inzet van ouderbegeleiding', 'de effecten van psycho-educatie', 'de bijwerkingen', 'de veiligheid thuis', 'het netwerk rond het kind',
];
const TAILS = [
  'met de ouders', 'binnen {n} weken', 'na {n} maanden', 'in overleg met de jeugdige', 'samen met de school', 'bij twijfel over de diagnose', 'voordat medicatie wordt overwogen',
  'bij kinderen jonger dan {n} jaar', 'als de klachten aanhouden', 'volgens het afgesproken plan', 'in het dossier', 'met aandacht voor de context van het gezin',
];
const OPENERS = ['', '', '', 'Daarnaast ', 'Bovendien ', 'In de praktijk ', 'Zo nodig ', 'Bij voorkeur '];

function sentence(rnd: () => number): string {
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)] as T;
  const tail = pick(TAILS).replace('{n}', String(2 + Math.floor(rnd() * 16)));
  const opener = pick(OPENERS);
  const subject = opener ? pick(SUBJECTS).replace(/^De /, 'de ').replace(/^Het /, 'het ') : pick(SUBJECTS);
  const core = opener ? `${opener}${pick(MODALS)} ${subject} ${pick(OBJECTS)} ${tail} ${pick(VERBS)}` : `${subject} ${pick(MODALS)} ${pick(OBJECTS)} ${tail} ${pick(VERBS)}`;
  return `${core}${rnd() < 0.3 ? `, omdat ${pick(OBJECTS)} ${pick(TAILS).replace('{n}', String(1 + Math.floor(rnd() * 9)))} belangrijk is` : ''}.`;
}

/** A section of about `words` words: sentences in paragraphs of three to six. */
export function guidelineText(words: number, seed: number): string[][] {
  const rnd = random(seed);
  const paragraphs: string[][] = [];
  let count = 0;
  while (count < words) {
    const paragraph: string[] = [];
    for (let s = 3 + Math.floor(rnd() * 4); s > 0 && count < words; s--) {
      const text = sentence(rnd);
      paragraph.push(text);
      count += text.split(/\s+/).length;
    }
    paragraphs.push(paragraph);
  }
  return paragraphs;
}

const REPLACEMENTS: Record<string, string> = { moet: 'kan', kan: 'moet', dient: 'moet', mag: 'kan', de: 'het', binnen: 'na', met: 'zonder', bespreken: 'doornemen', evalueren: 'beoordelen', ouders: 'verzorgers' };

/**
 * A revision of the paragraphs: about `rate` of the words replaced, dropped or followed by an
 * inserted word, and `moves` sentences moved to another paragraph.
 */
export function revise(paragraphs: string[][], rate: number, moves: number, seed: number): string[][] {
  const rnd = random(seed);
  const out = paragraphs.map((p) =>
    p.map((s) =>
      s
        .split(' ')
        .flatMap((w) => {
          if (rnd() >= rate) return [w];
          const r = rnd();
          if (r < 0.15) return [];
          if (r < 0.3) return [w, rnd() < 0.5 ? 'niet' : 'zorgvuldig'];
          if (/^\d+$/.test(w)) return [String(Number(w) + 1)];
          return [REPLACEMENTS[w] ?? `${w}e`];
        })
        .join(' '),
    ),
  );
  for (let m = 0; m < moves; m++) {
    const from = out[Math.floor(rnd() * out.length)] as string[];
    if (from.length < 2) continue;
    const [moved] = from.splice(Math.floor(rnd() * from.length), 1);
    const to = out[Math.floor(rnd() * out.length)] as string[];
    to.splice(Math.floor(rnd() * (to.length + 1)), 0, moved as string);
  }
  return out;
}

export const joinParagraphs = (paragraphs: string[][]) => paragraphs.map((p) => p.join(' ')).join('\n\n');

export function benchDiff(): Array<{ name: string; size: string; result: Stats; baseline?: { name: string; result: Stats } }> {
  const original = guidelineText(5000, 20260301);
  const left = joinParagraphs(original);
  const right = joinParagraphs(revise(original, 0.05, 6, 7));
  const words = (t: string) => t.split(/\s+/).filter(Boolean).length;
  const size = `2 × ${words(left).toLocaleString('nl-NL')} woorden, ${diffTexts(left, right).changes.length} wijzigingen`;
  const ours = stats(time(() => void diffTexts(left, right), 30, 3));
  const rows: Array<{ name: string; size: string; result: Stats; baseline?: { name: string; result: Stats } }> = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-diff-'));
  try {
    const a = path.join(dir, 'links.txt');
    const b = path.join(dir, 'rechts.txt');
    fs.writeFileSync(a, left);
    fs.writeFileSync(b, right);
    const git = () => {
      try {
        execFileSync('git', ['diff', '--no-index', '--word-diff', '--no-color', a, b], { maxBuffer: 64 * 2 ** 20, stdio: ['ignore', 'pipe', 'ignore'] });
      } catch (error) {
        // Exit status 1 means "the files differ", which is the point.
        if ((error as { status?: number }).status !== 1) throw error;
      }
    };
    let baseline: { name: string; result: Stats } | undefined;
    try {
      baseline = { name: 'git diff --word-diff', result: stats(time(git, 15, 2)) };
    } catch {
      // git not installed: report our figure alone.
    }
    rows.push({ name: 'Woordverschil van twee secties (standaardopties, met verplaatsingen)', size, result: ours, ...(baseline ? { baseline } : {}) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
