/**
 * Re-anchoring, the pure part: finding a quote again in changed text (exact, then fuzzy), and
 * where annotations go when a section is cut in two.
 */
import { describe, expect, it } from 'vitest';
import { anchor, contextOf, createAnchorer, fuzzySpan, MIN_SIMILARITY, placeAfterSplit, similarity, trimSpan, type AnchorSection, type AnchorTarget } from '../../electron/services/anchoring.js';

const OLD = 'Psycho-educatie is de eerste stap. Bied ouders een training aan. Evalueer na drie maanden of de klachten afnemen.';

/** A target for `quote` as it sits in `text` (context taken like the service does). */
function targetIn(text: string, quote: string, section: { number?: string | null; heading?: string | null } = {}): AnchorTarget {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in text`);
  return { quote, ...contextOf(text, start, start + quote.length), sectionNumber: section.number ?? null, sectionHeading: section.heading ?? null, start };
}

const section = (id: number, text: string, heading = `Sectie ${id}`, number: string | null = null): AnchorSection => ({ id, number, heading, text });

/** The anchored text must be exactly what the result says it is. */
function placed(sections: AnchorSection[], target: AnchorTarget) {
  const result = anchor(target, sections);
  if (result) {
    const text = sections.find((s) => s.id === result.sectionId)?.text ?? '';
    expect(text.slice(result.start, result.end)).toBe(result.quote);
  }
  return result;
}

describe('exact re-anchoring', () => {
  const quote = 'Bied ouders een training aan.';

  it('an insertion before the quote shifts the offsets; the quote is found exactly', () => {
    const target = targetIn(OLD, quote);
    const inserted = 'Nieuw: ouders worden eerst gehoord. ';
    const text = inserted + OLD;
    const result = placed([section(1, text)], target);
    expect(result).toEqual({ sectionId: 1, start: target.start! + inserted.length, end: target.start! + inserted.length + quote.length, quote, exact: true, similarity: 1 });
  });

  it('an insertion after the quote leaves the offsets as they were', () => {
    const target = targetIn(OLD, quote);
    const result = placed([section(1, `${OLD} Bespreek dit ook met school.`)], target);
    expect(result).toMatchObject({ start: target.start, end: (target.start ?? 0) + quote.length, exact: true });
  });

  it('a quote that moved to another section is found there', () => {
    const target = targetIn(OLD, quote, { heading: 'Behandeling', number: '2' });
    const result = placed([section(1, 'Inleiding zonder het citaat.', 'Behandeling', '2'), section(2, `Voorwoord. ${OLD}`, 'Ouders', '3')], target);
    expect(result).toMatchObject({ sectionId: 2, exact: true });
  });

  it('a repeated quote goes to the occurrence with the old context', () => {
    const text = 'Bij jonge kinderen: evalueer na drie maanden. Bij adolescenten: evalueer na drie maanden.';
    const target = targetIn(text, 'evalueer na drie maanden', {});
    const second = text.lastIndexOf('evalueer na drie maanden');
    const adolescent: AnchorTarget = { ...target, ...contextOf(text, second, second + 24), start: second };
    const changed = `Inleiding. ${text}`;
    expect(placed([section(1, changed)], adolescent)).toMatchObject({ start: second + 'Inleiding. '.length, exact: true });
    expect(placed([section(1, changed)], target)).toMatchObject({ start: target.start! + 'Inleiding. '.length, exact: true });
  });

  it('a repeated quote without telling context goes to the section with the old heading and number', () => {
    const target: AnchorTarget = { quote: 'Evalueer het effect.', prefix: 'xxxxxxxx', suffix: 'yyyyyyyy', sectionNumber: '4.2', sectionHeading: 'Medicatie', start: 0 };
    const sections = [section(1, 'Evalueer het effect.', 'Psycho-educatie', '4.1'), section(2, 'Evalueer het effect.', 'Medicatie', '4.3'), section(3, 'Evalueer het effect.', 'Slot', '4.2')];
    // The heading weighs more than the number (numbers shift when a section is inserted).
    expect(placed(sections, target)).toMatchObject({ sectionId: 2, exact: true });
    expect(placed(sections, { ...target, sectionHeading: null })).toMatchObject({ sectionId: 3 });
  });
});

describe('fuzzy re-anchoring', () => {
  it('an insertion inside a short quote (≤ 32 characters): found, span covers the new words', () => {
    const quote = 'Bied ouders een training aan.';
    const target = targetIn(OLD, quote);
    const text = OLD.replace(quote, 'Bied ouders altijd een training aan.');
    const result = placed([section(1, text)], target);
    expect(result).toMatchObject({ sectionId: 1, exact: false, quote: 'Bied ouders altijd een training aan.' });
    expect(result?.similarity).toBeGreaterThanOrEqual(MIN_SIMILARITY);
  });

  it('an insertion inside a long quote (start and end matched separately, past the Bitap limit)', () => {
    const quote = 'Evalueer na drie maanden of de klachten afnemen.';
    expect(quote.length).toBeGreaterThan(32);
    const target = targetIn(OLD, quote);
    const newQuote = 'Evalueer na drie maanden samen of de klachten afnemen.';
    const result = placed([section(1, OLD.replace(quote, newQuote))], target);
    expect(result).toMatchObject({ exact: false, quote: newQuote });
    expect(result?.similarity).toBeCloseTo(1 - 6 / newQuote.length);
  });

  it('an insertion that changes a third of a quote is too much to place it by machine', () => {
    const quote = 'Evalueer na drie maanden of de klachten afnemen.';
    const target = targetIn(OLD, quote);
    // 17 inserted characters: similarity 1 − 17/65 ≈ 0.74 < 0.8, so a person decides.
    expect(anchor(target, [section(1, OLD.replace(quote, 'Evalueer na drie maanden samen met ouders of de klachten afnemen.'))])).toBeNull();
  });

  it('a long quote with a changed word at its start and a typo fixed at its end', () => {
    const text = 'Inleiding. De jeugdprofessional bespreekt het medicatiegebruik met ouders en jeugdige, en legt dit vast in het dosier. Slot.';
    const quote = 'De jeugdprofessional bespreekt het medicatiegebruik met ouders en jeugdige, en legt dit vast in het dosier.';
    const target = targetIn(text, quote);
    const newQuote = 'De jeugdarts bespreekt het medicatiegebruik met ouders en jeugdige, en legt dit vast in het dossier.';
    const result = placed([section(1, `Inleiding, herzien. ${newQuote} Slot.`)], target);
    expect(result).toMatchObject({ exact: false, quote: newQuote });
  });

  it('prefers the old section among similar fuzzy candidates', () => {
    const target: AnchorTarget = { quote: 'Bespreek de medicatie met ouders.', prefix: '', suffix: '', sectionNumber: null, sectionHeading: 'Medicatie', start: 0 };
    const result = placed([section(1, 'Bespreek de medicatie samen met ouders.', 'Overig'), section(2, 'Bespreek de medicatie samen met ouders.', 'Medicatie')], target);
    expect(result).toMatchObject({ sectionId: 2, exact: false });
  });

  it('with the old section text, an edited quote among look-alike sentences is carried to the right one', () => {
    const old = 'De professional bespreekt medicatie met ouders. De professional bespreekt school met ouders. De professional bespreekt netwerk met ouders.';
    const quote = 'De professional bespreekt school met ouders.';
    const target: AnchorTarget = { ...targetIn(old, quote, { heading: 'Samenwerking' }), end: old.indexOf(quote) + quote.length, oldText: old };
    const changed = 'Inleiding. De professional bespreekt medicatie met ouders. De professional bespreekt altijd school met ouders. De professional bespreekt netwerk met ouders.';
    const result = placed([section(1, 'Niets hiervan.', 'Inleiding'), section(2, changed, 'Samenwerking')], target);
    expect(result).toMatchObject({ sectionId: 2, exact: false, quote: 'De professional bespreekt altijd school met ouders.' });
    // Changed at its end too: the mapped span follows the text, up to the changed last character.
    const edited = changed.replace('altijd school met ouders.', 'altijd school met ouders!');
    expect(placed([section(2, edited, 'Samenwerking')], target)).toMatchObject({ quote: 'De professional bespreekt altijd school met ouders!' });
  });

  it('an edited quote that moved to another section is found there', () => {
    const quote = 'Leg de afspraken over medicatie vast in het dossier van de jeugdige.';
    const target: AnchorTarget = { quote, prefix: '', suffix: '', sectionNumber: '4', sectionHeading: 'Medicatie', start: 0 };
    const sections = [section(1, 'Medicatie wordt besproken met ouders.', 'Medicatie', '4'), section(2, 'Iets anders.', 'Slot', '9'), section(3, 'Voorwoord. Leg de afspraken over de medicatie vast in het dossier van de jeugdige. Einde.', 'Dossiervorming', '5')];
    expect(placed(sections, target)).toMatchObject({ sectionId: 3, exact: false, quote: 'Leg de afspraken over de medicatie vast in het dossier van de jeugdige.' });
  });

  it('one anchorer re-anchors many quotes onto the same sections', () => {
    const anchorOne = createAnchorer([section(1, OLD)]);
    expect(anchorOne(targetIn(OLD, 'Bied ouders een training aan.'))).toMatchObject({ exact: true });
    expect(anchorOne(targetIn(OLD, 'Psycho-educatie'))).toMatchObject({ start: 0, exact: true });
    expect(anchorOne({ quote: 'Geheel andere tekst over gemeentelijke inkoop.', prefix: '', suffix: '', sectionNumber: null, sectionHeading: null, start: 0 })).toBeNull();
  });

  it('a deleted quote is not found: null, so the caller leaves it for a person', () => {
    const target = targetIn(OLD, 'Evalueer na drie maanden of de klachten afnemen.');
    expect(anchor(target, [section(1, 'Psycho-educatie is de eerste stap. Bied ouders een training aan.'), section(2, 'Over iets heel anders: de rol van de gemeente bij inkoop.')])).toBeNull();
    expect(anchor(target, [])).toBeNull();
  });

  it('a heavily rewritten passage is below the similarity threshold and not placed', () => {
    const target = targetIn(OLD, 'Bied ouders een training aan.');
    expect(anchor(target, [section(1, 'Psycho-educatie is de eerste stap. Verwijs gezinnen naar een cursus. Evalueer na drie maanden of de klachten afnemen.')])).toBeNull();
  });

  it('a short quote found only elsewhere without context yields to a close match in its own section', () => {
    const target: AnchorTarget = { quote: 'ouderbegeleiding', prefix: 'Ouders vragen vaak om ', suffix: '.', sectionNumber: '1.1', sectionHeading: 'Achtergrond', start: 22 };
    const sections = [section(1, 'Ouders vragen vaak om ouder-begeleiding.', 'Achtergrond', '1.1'), section(2, 'Zie ook: ouderbegeleiding', 'Bijlage', 'B')];
    expect(placed(sections, target)).toMatchObject({ sectionId: 1, exact: false, quote: 'ouder-begeleiding' });
    // Without a similar passage in its own section the exact one elsewhere is still taken.
    expect(placed([section(1, 'Iets anders.', 'Achtergrond', '1.1'), sections[1] as AnchorSection], target)).toMatchObject({ sectionId: 2, exact: true });
  });
});

describe('helpers', () => {
  it('similarity is 1 − edit distance / longer length', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abcd', 'abce')).toBeCloseTo(0.75);
    expect(similarity('', '')).toBe(1);
    expect(similarity('abc', '')).toBe(0);
  });

  it('fuzzySpan finds nothing in empty text and trims white space off the span', () => {
    expect(fuzzySpan('', 'abc', 0)).toBeNull();
    const found = fuzzySpan('xx  Bied ouders een training aan  yy', 'Bied ouders een training aan', 0);
    expect(found).toMatchObject({ start: 4, end: 32, similarity: 1 });
    expect(fuzzySpan('Iets heel anders dan de gezochte zin hier.', 'Bied ouders een training aan', 0)).toBeNull();
  });

  it('contextOf takes up to 40 characters either side; trimSpan drops white space at the ends', () => {
    const text = `${'a'.repeat(50)}QUOTE${'b'.repeat(50)}`;
    expect(contextOf(text, 50, 55)).toEqual({ prefix: 'a'.repeat(40), suffix: 'b'.repeat(40) });
    expect(contextOf('QUOTE', 0, 5)).toEqual({ prefix: '', suffix: '' });
    expect(trimSpan('  ab  ', 0, 6)).toEqual({ start: 2, end: 4 });
    expect(trimSpan(' \n ', 0, 3)).toBeNull();
  });

  it('placeAfterSplit: head stays, tail shifts, a span over the cut straddles', () => {
    const text = 'Eerste deel van de tekst.\n\nTweede deel van de tekst.';
    const head = 'Eerste deel van de tekst.';
    const tail = 'Tweede deel van de tekst.';
    expect(placeAfterSplit(text, head, tail, { start: 0, end: 6 })).toEqual({ part: 'head', start: 0, end: 6 });
    expect(placeAfterSplit(text, head, tail, { start: 27, end: 33 })).toEqual({ part: 'tail', start: 0, end: 6 });
    expect(placeAfterSplit(text, head, tail, { start: 20, end: 33 })).toBe('straddles');
    // Inside a paragraph cut with the white space around the cut dropped.
    expect(placeAfterSplit('een twee drie', 'een', 'twee drie', { start: 4, end: 8 })).toEqual({ part: 'tail', start: 0, end: 4 });
    expect(placeAfterSplit('een twee', 'x', 'twee', { start: 0, end: 1 })).toBeNull();
  });
});
