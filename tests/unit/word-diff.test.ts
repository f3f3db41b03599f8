import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guidelineText, joinParagraphs, revise } from '../../bench/diff.js';
import { alignSections, applyEdits, buildSideText, diffSectioned, diffTexts, tokenize, tokenKey, type DiffOptions, type WordDiff } from '../../common/diff/index.js';
import { tokenizeByGroups } from '../../common/diff/tokenize.js';

const NONE: DiffOptions = { ignoreNumbering: false, ignoreWhitespace: false, ignorePunctuation: false, ignoreCase: false, detectMoves: false };
const ALL: DiffOptions = { ignoreNumbering: true, ignoreWhitespace: true, ignorePunctuation: true, ignoreCase: true, detectMoves: true };

/** The changes as [kind, significance, left text, right text]. */
const described = (a: string, b: string, d: WordDiff) => d.changes.map((c) => [c.kind, c.significance, a.slice(c.left.start, c.left.end), b.slice(c.right.start, c.right.end)]);
const diff = (a: string, b: string, o: Partial<DiffOptions> = {}) => described(a, b, diffTexts(a, b, o));

/** Segments cover the text in order, without gaps, with the right kinds per side. */
function checkSegments(a: string, b: string, d: WordDiff): void {
  for (const [segments, text, changed] of [[d.left, a, 'deleted'], [d.right, b, 'inserted']] as const) {
    let at = 0;
    for (const s of segments) {
      expect(s.start).toBe(at);
      expect(s.end).toBeGreaterThan(s.start);
      expect(['equal', 'moved', changed]).toContain(s.kind);
      if (s.kind !== 'equal') expect(d.changes[s.change ?? -1]).toBeDefined();
      at = s.end;
    }
    expect(at).toBe(text.length);
  }
}

/** The compared keys of a text under the options, in order: what "equal under the options" means. */
const keys = (text: string, o: DiffOptions) => tokenize(text).flatMap((t) => tokenKey(t, o) ?? []);

describe('word diff: examples', () => {
  it('a text against itself has no changes', () => {
    const text = 'Aanbeveling 3\n\nDe jeugdarts moet de ouders informeren.';
    const d = diffTexts(text, text);
    expect(d.changes).toEqual([]);
    expect(d.left).toEqual([{ start: 0, end: text.length, kind: 'equal' }]);
    expect(d.edits).toEqual([]);
  });

  it('flags a changed modal or obligation word above a rewording', () => {
    expect(diff('De arts moet de ouders informeren.', 'De arts kan de ouders informeren.')).toEqual([['gewijzigd', 'modaal', 'moet', 'kan']]);
    expect(diff('Medicatie wordt aanbevolen bij ernstige klachten.', 'Medicatie wordt afgeraden bij ernstige klachten.')).toEqual([['gewijzigd', 'modaal', 'aanbevolen', 'afgeraden']]);
    expect(diff('Bied oudertraining aan.', 'Overweeg oudertraining aan te bieden.')[0]?.[1]).toBe('modaal');
    expect(diffTexts('De arts moet informeren.', 'De arts dient te informeren.').changes[0]?.signals).toEqual([{ type: 'modaal', removed: ['moet'], added: ['dient'] }]);
    // Only the form of the same modal changed: a rewording.
    expect(diff('De arts moet informeren.', 'De artsen moeten informeren.')).toEqual([['gewijzigd', 'herformulering', 'arts moet', 'artsen moeten']]);
    // A rewording around an unchanged "moet" is not flagged.
    expect(diff('De arts moet de ouders goed informeren.', 'De arts moet de verzorgers goed informeren.')).toEqual([['gewijzigd', 'herformulering', 'ouders', 'verzorgers']]);
  });

  it('flags negation and numbers', () => {
    expect(diff('Geef medicatie bij kinderen.', 'Geef geen medicatie bij kinderen.')).toEqual([['toegevoegd', 'ontkenning', '', 'geen']]);
    expect(diff('Evalueer binnen 3 maanden.', 'Evalueer binnen 6 maanden.')).toEqual([['gewijzigd', 'getal', '3', '6']]);
    expect(diff('Voor 18-jarigen geldt dit.', 'Voor 16-jarigen geldt dit.')).toEqual([['gewijzigd', 'getal', '18-jarigen', '16-jarigen']]);
    expect(diff('Evalueer na drie maanden.', 'Evalueer na vier maanden.')).toEqual([['gewijzigd', 'getal', 'drie', 'vier']]);
    // The same number written differently is a rewording.
    expect(diff('Evalueer na drie maanden.', 'Evalueer na 3 maanden.')).toEqual([['gewijzigd', 'herformulering', 'drie', '3']]);
    // Negation ranks above a modal word above a number.
    expect(diffTexts('U moet 3 keer per dag meten.', 'U kunt niet 4 keer per dag meten.').changes.map((c) => [c.significance, c.signals.map((s) => s.type)])).toEqual([['ontkenning', ['ontkenning', 'modaal', 'getal']]]);
  });

  it('shows a moved sentence as a move, linked on both sides', () => {
    const a = 'Bespreek de hulpvraag met het gezin. Leg de afspraken vast in het dossier. Evalueer na zes weken.';
    const b = 'Leg de afspraken vast in het dossier. Bespreek de hulpvraag met het gezin. Evalueer na zes weken.';
    const d = diffTexts(a, b);
    checkSegments(a, b, d);
    const moves = d.changes.filter((c) => c.kind === 'verplaatst');
    expect(moves).toHaveLength(1);
    const move = moves[0];
    expect(a.slice(move?.left.start, move?.left.end)).toBe(b.slice(move?.right.start, move?.right.end));
    expect(a.slice(move?.left.start, move?.left.end).split(' ').length).toBeGreaterThanOrEqual(5);
    const movedLeft = d.left.filter((s) => s.kind === 'moved');
    const movedRight = d.right.filter((s) => s.kind === 'moved');
    expect(movedLeft.map((s) => s.move)).toEqual([move?.move]);
    expect(movedRight.map((s) => s.move)).toEqual([move?.move]);
    expect(movedLeft[0]?.change).toBe(move?.id);
    expect(d.counts.verplaatst).toBe(1);
    // Without move detection the same text is deleted and inserted.
    const plain = diffTexts(a, b, { detectMoves: false });
    expect(plain.changes.map((c) => c.kind).sort()).toEqual(['toegevoegd', 'verwijderd']);
    expect(plain.left.some((s) => s.kind === 'moved')).toBe(false);
    expect(applyEdits(a, d.edits)).toBe(b);
  });

  it('does not call a short repeated phrase a move', () => {
    const d = diffTexts('Overleg met de ouders. Daarna volgt de behandeling.', 'Daarna volgt de behandeling met de ouders.');
    expect(d.changes.some((c) => c.kind === 'verplaatst')).toBe(false);
  });

  it('ignore numbering: section numbers, recommendation numbers, list labels and references, not other numbers', () => {
    const o = { ignoreNumbering: true };
    expect(diff('4.2.1 Medicatie\n\nTekst.', '4.3.1 Medicatie\n\nTekst.', o)).toEqual([]);
    expect(diff('1 Inleiding\n\nTekst.', '2 Inleiding\n\nTekst.', o)).toEqual([]);
    expect(diff('Aanbeveling 3\n\nBied training aan.', 'Aanbeveling 4\n\nBied training aan.', o)).toEqual([]);
    expect(diff('Stap 2: bespreek het plan.', 'Stap 3: bespreek het plan.', o)).toEqual([]);
    expect(diff('1. Bied training aan.\n2. Evalueer.', '1. Bied training aan.\n3. Evalueer.', o)).toEqual([]);
    expect(diff('a) eerst\nb) dan', 'b) eerst\nc) dan', o)).toEqual([]);
    expect(diff('- eerst\n- dan', '• eerst\n• dan', o)).toEqual([]);
    expect(diff('Zie paragraaf 4.2 voor meer.', 'Zie paragraaf 5.1 voor meer.', o)).toEqual([]);
    // Other numbers still count, also at the start of a line.
    expect(diff('Binnen 3 maanden.', 'Binnen 4 maanden.', o)).toEqual([['gewijzigd', 'getal', '3', '4']]);
    expect(diff('3 kinderen kregen medicatie.', '4 kinderen kregen medicatie.', o)).toEqual([['gewijzigd', 'getal', '3', '4']]);
    // Without the option, renumbering is a change (a rewording, not a changed number).
    expect(diff('Aanbeveling 3\n\nBied training aan.', 'Aanbeveling 4\n\nBied training aan.')).toEqual([['gewijzigd', 'herformulering', '3', '4']]);
  });

  it('ignore whitespace: re-flowed lines are no change; without it they are', () => {
    const a = 'De jeugdarts bespreekt\nde  signalen met de ouders.';
    const b = 'De jeugdarts bespreekt de signalen met de ouders.';
    expect(diff(a, b)).toEqual([]);
    expect(diff(a, b, { ignoreWhitespace: false })).toEqual([
      ['gewijzigd', 'herformulering', '\n', ' '],
      ['gewijzigd', 'herformulering', '  ', ' '],
    ]);
  });

  it('ignore punctuation and ignore case', () => {
    expect(diff('Bied, indien nodig, psycho-educatie aan.', 'Bied indien nodig psychoeducatie aan', { ignorePunctuation: true })).toEqual([]);
    expect(diff('Bied, indien nodig, psycho-educatie aan.', 'Bied indien nodig psychoeducatie aan')).toEqual([
      ['verwijderd', 'herformulering', ',', ''],
      ['gewijzigd', 'herformulering', ', psycho-educatie', 'psychoeducatie'],
      ['verwijderd', 'herformulering', '.', ''],
    ]);
    expect(diff('Moet de arts dit Melden?', 'moet de arts dit melden?', { ignoreCase: true })).toEqual([]);
    expect(diff('Moet de arts dit Melden?', 'moet de arts dit melden?')).toHaveLength(2);
  });

  it('handles Dutch diacritics: one word, composed or not, and diacritics always count', () => {
    expect(tokenize('coördinatie één café').filter((t) => t.type === 'word').map((t) => t.text)).toEqual(['coördinatie', 'één', 'café']);
    expect(diff('De coördinatie van zorg.', 'De coordinatie van zorg.')).toEqual([['gewijzigd', 'herformulering', 'coördinatie', 'coordinatie']]);
    expect(diff('De coördinatie van zorg.', 'De coo\u0308rdinatie van zorg.')).toEqual([]);
    // "één" (one) and "een" (a) differ in meaning, also when case is ignored.
    expect(diff('Geef één tablet.', 'Geef een tablet.', { ignoreCase: true, ignorePunctuation: true })).toEqual([['gewijzigd', 'getal', 'één', 'een']]);
  });

  it('absorbs small equal islands inside a rewrite, but not across paragraphs', () => {
    const d = diff('De werkgroep adviseert om de ouders vroeg te betrekken bij de keuze.', 'Het is belangrijk dat ouders altijd samen met de jeugdige kiezen bij de keuze.');
    expect(d.length).toBe(1);
    const two = diff('Eerste alinea wordt herschreven.\n\nTweede alinea ook volledig.', 'Nieuwe eerste zin hier.\n\nAndere tweede zin daar.');
    expect(two.length).toBe(2);
  });

  it('replaces a passage that shares only loose words with the other side as a whole', () => {
    const a = 'De jeugdarts bespreekt bij elk consult de groei, de voeding en de slaap van het kind met de ouders en noteert de bevindingen in het digitale dossier. Bij zorgen over de ontwikkeling volgt binnen vier weken een extra afspraak op het consultatiebureau, zo nodig samen met de wijkverpleegkundige en de huisarts van het gezin.';
    const b = 'Gemeenten kopen jeugdhulp in via regionale contracten waarin de tarieven, de wachttijden en de verantwoording per aanbieder zijn vastgelegd. Een inkoper toetst jaarlijks of het aanbod aansluit bij de vraag in de regio en past de afspraken met de aanbieders aan wanneer de cijfers daar aanleiding toe geven.';
    const d = diffTexts(a, b, NONE);
    expect(d.changes.map((c) => c.kind)).toEqual(['gewijzigd']);
    expect(applyEdits(a, d.edits)).toBe(b);
    expect(d.coarse).toBe(false);
  });

  it('falls back to a coarse diff when the word diff exceeds its bound, and says so', () => {
    const a = joinParagraphs(guidelineText(3000, 11));
    const b = joinParagraphs(guidelineText(3000, 12));
    const bounded = diffTexts(a, b, NONE, { maxEditLength: 8 });
    expect(bounded.coarse).toBe(true);
    expect(applyEdits(a, bounded.edits)).toBe(b);
    checkSegments(a, b, bounded);
    const late = diffTexts(a, b, NONE, { deadline: Date.now() - 1 });
    expect(late.coarse).toBe(true);
    expect(applyEdits(a, late.edits)).toBe(b);
    // A revision under the same bound: sentences that did not change stay equal.
    const revised = joinParagraphs(revise(guidelineText(3000, 11), 0.03, 2, 5));
    const coarse = diffTexts(a, revised, NONE, { maxEditLength: 8 });
    expect(applyEdits(a, coarse.edits)).toBe(revised);
    expect(coarse.left.filter((s) => s.kind === 'equal').reduce((n, s) => n + s.end - s.start, 0)).toBeGreaterThan(a.length / 2);
  });

  it('diffs long texts through unique anchors and stays exact', () => {
    const original = guidelineText(5000, 3);
    const a = joinParagraphs(original);
    const b = joinParagraphs(revise(original, 0.05, 6, 4));
    const d = diffTexts(a, b, { ...NONE, detectMoves: true });
    expect(d.coarse).toBe(false);
    expect(applyEdits(a, d.edits)).toBe(b);
    checkSegments(a, b, d);
    expect(d.changes.some((c) => c.kind === 'verplaatst')).toBe(true);
    expect(d.counts.total).toBe(d.changes.length);
  });

  it('pairs sections of two versions and merges their diffs into one', () => {
    const s = (id: number, number: string | null, heading: string, text: string) => ({ id, number, heading, level: 1, kind: 'section', text });
    const left = [s(1, '1', 'Inleiding', 'Over ADHD.'), s(2, '2', 'Diagnostiek', 'Stel de diagnose zorgvuldig.'), s(3, '3', 'Medicatie', 'Medicatie kan helpen bij ernstige klachten.')];
    const right = [s(11, '1', 'Inleiding', 'Over ADHD bij kinderen.'), s(12, '2', 'Medicatie', 'Medicatie moet helpen bij ernstige klachten.'), s(13, '3', 'Nazorg', 'Plan een controle.')];
    const pairs = alignSections(left, right);
    expect(pairs).toEqual([
      { left: 0, right: 0, moved: false },
      { left: 1, right: null, moved: false },
      { left: 2, right: 1, moved: false },
      { left: null, right: 2, moved: false },
    ]);
    const L = buildSideText(left);
    const R = buildSideText(right);
    expect(L.text).toBe('1 Inleiding\n\nOver ADHD.\n\n2 Diagnostiek\n\nStel de diagnose zorgvuldig.\n\n3 Medicatie\n\nMedicatie kan helpen bij ernstige klachten.');
    const d = diffSectioned(L, R, pairs, {});
    expect(d.changes.map((c) => [c.kind, c.significance, L.text.slice(c.left.start, c.left.end), R.text.slice(c.right.start, c.right.end)])).toEqual([
      ['toegevoegd', 'herformulering', '', 'bij kinderen'],
      ['verwijderd', 'herformulering', '2 Diagnostiek\n\nStel de diagnose zorgvuldig.', ''],
      ['gewijzigd', 'herformulering', '3', '2'],
      ['gewijzigd', 'modaal', 'kan', 'moet'],
      ['toegevoegd', 'herformulering', '', '3 Nazorg\n\nPlan een controle.'],
    ]);
    checkSegments(L.text, R.text, { ...d, edits: [] });
  });
});

// Property tests. Words include diacritics, modal words, negations and compounds; numbers and
// punctuation sit between them; separators mix spaces and line breaks.
const WORDS = ['de', 'het', 'een', 'één', 'ouders', 'jeugdige', 'coördinatie', 'Moet', 'moet', 'kan', 'niet', 'geen', 'overweeg', 'psycho-educatie', 'zo’n', 'café', 'behandeling', 'Arts', 'school', 'ADHD', 'wordt', 'aanbevolen', 'afgeraden'];
const FILLERS = ['3', '18', '4.2', '3,5', ',', '.', ';', '(', ')', ':', '-'];
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\n\n', '\t'];

const wordArb = fc.constantFrom(...WORDS);
const pieceArb = fc.oneof({ weight: 5, arbitrary: wordArb }, { weight: 1, arbitrary: fc.constantFrom(...FILLERS) });
const textArb = fc.array(fc.tuple(pieceArb, fc.constantFrom(...SEPARATORS)), { maxLength: 60 }).map((parts) => parts.map(([p, s]) => p + s).join(''));
const optionsArb = fc.record({ ignoreNumbering: fc.boolean(), ignoreWhitespace: fc.boolean(), ignorePunctuation: fc.boolean(), ignoreCase: fc.boolean(), detectMoves: fc.boolean() });
/** A text and a revision of it: words replaced, dropped, inserted, a stretch moved. */
const pairArb = fc
  .tuple(fc.array(fc.tuple(pieceArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.nat(3), pieceArb, fc.constantFrom(...SEPARATORS)), { maxLength: 8 }), fc.nat(), fc.nat(), fc.nat(12))
  .map(([parts, edits, from, to, length]) => {
    const revised = [...parts];
    for (const [at, op, piece, sep] of edits) {
      const i = at % (revised.length + 1);
      if (op === 0) revised.splice(i, 1);
      else if (op === 1) revised.splice(i, 0, [piece, sep]);
      else revised[Math.min(i, revised.length - 1)] = [piece, sep];
    }
    const start = from % revised.length;
    const moved = revised.splice(start, length);
    revised.splice(to % (revised.length + 1), 0, ...moved);
    const join = (ps: Array<[string, string]>) => ps.map(([p, s]) => p + s).join('');
    return [join(parts), join(revised)] as const;
  });
/** Small thresholds so short texts also take the anchored and the coarse paths. */
const boundsArb = fc.constantFrom({}, { anchorThreshold: 6 }, { maxEditLength: 2 }, { anchorThreshold: 6, maxEditLength: 3 });

describe('word diff: properties', () => {
  it('the fast tokenizer gives the same tokens as its specification, and keeps every character', () => {
    const chars = ['a', 'Z', 'é', 'ö', 'o\u0308', '1', '9', '.', ',', '-', "'", '’', '‐', ' ', '\n', '\t', '\u00a0', '😀', '٣', '(', ')', 'ß', 'Aanbeveling ', 'stap ', '4.2 ', 'a) ', '- ', '\u0301'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const tokens = tokenize(text);
        expect(tokens).toEqual(tokenizeByGroups(text));
        expect(tokens.map((t) => t.text).join('')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('the diff of a text with itself is empty, under any options', () => {
    fc.assert(
      fc.property(textArb, optionsArb, (text, o) => {
        const d = diffTexts(text, text, o);
        expect(d.changes).toEqual([]);
        expect(d.edits).toEqual([]);
        expect(d.left.every((s) => s.kind === 'equal')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('applying the diff restores the text exactly when nothing is ignored', () => {
    fc.assert(
      fc.property(fc.oneof(pairArb, fc.tuple(textArb, textArb)), fc.boolean(), boundsArb, ([a, b], detectMoves, bounds) => {
        const d = diffTexts(a, b, { ...NONE, detectMoves }, bounds);
        expect(applyEdits(a, d.edits)).toBe(b);
        checkSegments(a, b, d);
      }),
      { numRuns: 400 },
    );
  });

  it('applying the diff restores the text up to what the options ignore', () => {
    fc.assert(
      fc.property(pairArb, optionsArb, boundsArb, ([a, b], o, bounds) => {
        const d = diffTexts(a, b, o, bounds);
        expect(keys(applyEdits(a, d.edits), o)).toEqual(keys(b, o));
        checkSegments(a, b, d);
      }),
      { numRuns: 300 },
    );
  });

  it('ignore options never hide a changed word', () => {
    const lettersOnly = WORDS.filter((w) => /^\p{L}+$/u.test(w));
    fc.assert(
      fc.property(fc.array(fc.tuple(pieceArb, fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 60 }), fc.nat(), fc.constantFrom(...lettersOnly), fc.constantFrom(...lettersOnly), boundsArb, (parts, at, was, now, bounds) => {
        fc.pre(was.toLowerCase() !== now.toLowerCase());
        const i = at % parts.length;
        const before = [...parts];
        before[i] = [was, (parts[i] as [string, string])[1]];
        const after = [...before];
        after[i] = [now, (parts[i] as [string, string])[1]];
        const a = before.map(([p, s]) => p + s).join('');
        const b = after.map(([p, s]) => p + s).join('');
        const d = diffTexts(a, b, ALL, bounds);
        // Count a word among the deleted (left) or inserted (right) tokens; equal and moved text
        // is the same on both sides, so the changed word must show up exactly once more.
        const count = (text: string, segments: typeof d.left, kind: 'deleted' | 'inserted', word: string) =>
          segments.filter((s) => s.kind === kind).flatMap((s) => tokenize(text.slice(s.start, s.end))).filter((t) => t.text.toLowerCase() === word.toLowerCase()).length;
        expect(d.changes.length).toBeGreaterThan(0);
        expect(count(a, d.left, 'deleted', was) - count(b, d.right, 'inserted', was)).toBe(1);
        expect(count(b, d.right, 'inserted', now) - count(a, d.left, 'deleted', now)).toBe(1);
      }),
      { numRuns: 400 },
    );
  });

  it('ignore options hide exactly what they name: spacing, punctuation and case changes vanish', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(wordArb, fc.constantFrom(...SEPARATORS), fc.constantFrom('', ',', '.', ';')), { minLength: 1, maxLength: 40 }), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (parts, flips) => {
        const a = parts.map(([w, s, p]) => w + p + s).join('');
        const b = parts.map(([w, s, p], k) => (flips[k] ? w.toUpperCase() : w) + (flips[k] ? '' : p) + (flips[k] ? ' ' : s)).join('');
        expect(diffTexts(a, b, { ignoreWhitespace: true, ignorePunctuation: true, ignoreCase: true }).changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
