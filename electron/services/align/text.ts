/**
 * Dutch text to comparable terms for the aligner: folded words without stop words, a light
 * suffix stem per word, and character 4-grams per word so parts of compounds meet
 * ("ouderbegeleiding" shares most of its grams with "begeleiding van ouders").
 */
import { foldText } from '../../../common/text.js';

// Function words and the vocabulary every guideline uses on every page ("jeugdige", "ouders" stay:
// they do carry topic in a youth-care text, the IDF weighting takes care of their frequency).
const STOP_WORDS = new Set(
  (
    'aan af al alle alles als alsof altijd ander andere anders bij binnen boven daar daarbij daarin daarmee daarna daarom daarvan dan dat de deze die dit doch doen door dus ' +
    'een eens eigen en enkele enz er ervan geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen kunt ' +
    'lijkt maar me meer men met mij mijn moet moeten na naar niet niets nog nu of om omdat onder ons onze ook op over per reeds rond ' +
    'sinds sommige te tegen tijdens toch toen tot u uit uw van veel voor vooral waar waarbij waarin waarom wanneer want was wat we wel welke werd ' +
    'werden wie wij wil worden wordt zal ze zelf zich zij zijn zo zoals zodat zonder zou zouden zowel ' +
    'bv bijv eg ca nl dwz etc jaar jaren onder andere bijvoorbeeld namelijk gaat gaan komen komt kunnen mogelijk waarvan ' +
    'één twee drie vier vijf zes zeven acht negen tien eerste tweede derde'
  )
    .split(/\s+/)
    .map(foldText),
);

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const VOWEL = /[aeiouy]/;
const NON_ASCII = /[^\x00-\x7f]/;

// Folding (NFD and stripping marks) is the slow part of tokenising; words repeat, so fold each
// distinct word once. Bounded so a long-running process does not collect every word it ever saw.
const folded = new Map<string, string>();
function fold(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  let f = folded.get(word);
  if (f === undefined) {
    if (folded.size > 50_000) folded.clear();
    f = foldText(word);
    folded.set(word, f);
  }
  return f;
}

/** Folded word tokens without stop words and one-letter tokens, in order. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const w = fold(match[0]);
    if (w.length < 2 || STOP_WORDS.has(w)) continue;
    out.push(w.length > 40 ? w.slice(0, 40) : w);
  }
  return out;
}

const undouble = (w: string): string => (/([bdfgklmnprst])\1$/.test(w) ? w.slice(0, -1) : w);

/**
 * A light Dutch stemmer: strips the common plural and inflection endings (-en, -s, -e, -heden)
 * and undoubles the final consonant, so "behandelingen", "behandeling" and "ouders"/"ouder" meet.
 * Deliberately no derivational suffixes: "signalering" and "signaleren" meet through the 4-grams.
 */
export function stem(w: string): string {
  if (w.length <= 3 || /^\d/.test(w)) return w;
  if (w.endsWith('heden')) return `${w.slice(0, -5)}heid`;
  if (w.endsWith('ingen')) return w.slice(0, -2);
  if (w.endsWith('en') && w.length > 4 && VOWEL.test(w.slice(0, -2))) return undouble(w.slice(0, -2));
  if (w.endsWith('s') && w.length > 4 && !/[aeiouys]s$/.test(w)) return w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4 && !/[aeiouy]e$/.test(w)) return undouble(w.slice(0, -1));
  return w;
}

export const GRAM = 4;

/** Character 4-grams of one folded word, with word boundaries marked; short words are one gram. */
export function grams(w: string, out: string[]): void {
  const padded = `_${w}_`;
  if (padded.length <= GRAM) {
    out.push(padded);
    return;
  }
  for (let i = 0; i + GRAM <= padded.length; i++) out.push(padded.slice(i, i + GRAM));
}
