/**
 * What makes a change in a guideline matter: a negation (niet, geen, nooit), a modal or obligation
 * word (moet, dient, wordt aanbevolen, overweeg, wordt afgeraden, kan, mag, altijd…) or a number.
 * Words are compared as multisets of the deleted and inserted text of one change, so a change that
 * only rewords around an unchanged "moet" is not flagged, while "moet" → "kan" is.
 */
import type { Signal, Significance } from './types.js';
import type { Token } from './tokenize.js';

/** Modal and obligation words, each mapped to a lemma so "moet" → "moeten" is not a change of meaning. */
const MODAL_LEMMA: Record<string, string> = {};
const lemma = (l: string, forms: string) => forms.split(' ').forEach((f) => (MODAL_LEMMA[f] = l));
lemma('moeten', 'moet moeten moest moesten gemoeten');
lemma('dienen', 'dient dienen diende dienden');
lemma('hoeven', 'hoeft hoef hoeven hoefde hoefden');
lemma('kunnen', 'kan kun kunt kunnen kon konden gekund');
lemma('mogen', 'mag mogen mocht mochten');
lemma('zullen', 'zal zult zullen zou zouden');
lemma('aanbevelen', 'aanbevolen aanbevelen aanbeveelt aanbevelenswaardig aangeraden aanraden');
lemma('afraden', 'afgeraden afraden ontraden ontraadt ontraad afraadt');
lemma('overwegen', 'overweeg overweegt overwegen overwogen');
lemma('adviseren', 'adviseert adviseren adviseer geadviseerd');
lemma('verplicht', 'verplicht verplichte verplichting noodzakelijk noodzakelijke vereist vereiste');
lemma('voorkeur', 'voorkeur voorkeursbehandeling');
lemma('eventueel', 'eventueel eventuele');
lemma('nodig', 'nodig');
lemma('terughoudend', 'terughoudend terughoudendheid');
lemma('altijd', 'altijd');
lemma('meestal', 'meestal');
lemma('soms', 'soms');
lemma('zelden', 'zelden');
lemma('alleen', 'alleen uitsluitend');
lemma('minimaal', 'minimaal minstens tenminste');
lemma('maximaal', 'maximaal hoogstens');

const NEGATIONS = new Set(['niet', 'geen', 'nooit', 'niets', 'niemand', 'nergens', 'noch', 'geenszins']);

/** Number words count as their value, so "drie" → "3" is a rewording and "drie" → "vier" a new number. */
const NUMBER_WORDS: Record<string, string> = {
  nul: '0', één: '1', eén: '1', twee: '2', drie: '3', vier: '4', vijf: '5', zes: '6', zeven: '7', acht: '8', negen: '9', tien: '10',
  elf: '11', twaalf: '12', dertien: '13', veertien: '14', vijftien: '15', zestien: '16', zeventien: '17', achttien: '18', negentien: '19', twintig: '20',
  dertig: '30', veertig: '40', vijftig: '50', zestig: '60', zeventig: '70', tachtig: '80', negentig: '90', honderd: '100', duizend: '1000',
  half: '0,5', halve: '0,5', helft: '0,5', kwart: '0,25',
};
const DIGITS = /\p{N}+(?:[.,]\p{N}+)*/gu;

export function isModalWord(word: string): boolean {
  return MODAL_LEMMA[word.toLowerCase()] !== undefined;
}

interface Bag {
  negation: Map<string, string[]>;
  modal: Map<string, string[]>;
  number: Map<string, string[]>;
}

const put = (map: Map<string, string[]>, key: string, shown: string) => {
  const list = map.get(key);
  if (list) list.push(shown);
  else map.set(key, [shown]);
};

function bag(tokens: Iterable<Token>): Bag {
  const b: Bag = { negation: new Map(), modal: new Map(), number: new Map() };
  for (const t of tokens) {
    if (t.numbering || t.type === 'space' || t.type === 'punct') continue;
    const lower = t.text.toLowerCase();
    if (NEGATIONS.has(lower)) put(b.negation, lower, t.text);
    const modal = MODAL_LEMMA[lower];
    if (modal) put(b.modal, modal, t.text);
    const word = NUMBER_WORDS[lower];
    if (word) put(b.number, word, t.text);
    else if (/\p{N}/u.test(t.text)) for (const m of t.text.matchAll(DIGITS)) put(b.number, m[0].replace(',', '.').replace(/^0+(?=\d)/, ''), t.text);
  }
  return b;
}

/** The words whose counts differ between the two sides, as written. */
function difference(before: Map<string, string[]>, after: Map<string, string[]>): { removed: string[]; added: string[] } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key) ?? [];
    const b = after.get(key) ?? [];
    if (a.length > b.length) removed.push(...a.slice(b.length));
    if (b.length > a.length) added.push(...b.slice(a.length));
  }
  return { removed, added };
}

/** Signals for one change from its deleted and inserted tokens, and the significance they add up to. */
export function classify(deleted: Iterable<Token>, inserted: Iterable<Token>): { significance: Significance; signals: Signal[] } {
  const before = bag(deleted);
  const after = bag(inserted);
  const signals: Signal[] = [];
  for (const type of ['negation', 'modal', 'number'] as const) {
    const d = difference(before[type], after[type]);
    if (d.removed.length || d.added.length) signals.push({ type: type === 'negation' ? 'ontkenning' : type === 'modal' ? 'modaal' : 'getal', ...d });
  }
  return { significance: signals[0]?.type ?? 'herformulering', signals };
}
