/**
 * How likely two units of different versions treat the same thing.
 *
 * First a similarity from heading, own text (words and 4-grams) and context. Absolute similarity
 * means different things in different pilots (two revisions of one text share most words; the
 * ADHD guidelines of JGZ and GGZ share a topic but not their wording), so the probability also
 * looks at how the pair ranks: is b the best match of a in b's version, and a of b in a's
 * (mutual best), and how close to the best is it. A logistic model combines these; its
 * coefficients were fitted once on the gold alignments of tests/helpers/align-gold.ts (hand-made
 * ADHD standards and revisions of real documents), so 0.8 means roughly "eight in ten such pairs
 * were right" there. The quality test prints the calibration per confidence band.
 */
import type { Unit } from './units.js';
import { dot, isEmpty } from './vectors.js';

export interface Similarity {
  /** Heading similarity (words and 4-grams), damped for labels repeated within a version. */
  heading: number;
  /** Own-text similarity (words and 4-grams). */
  text: number;
  /** Similarity of the ancestors' headings; 0 when either has none. */
  context: number;
  /** The combination used for ranking. */
  combined: number;
}

export function similarity(a: Unit, b: Unit): Similarity {
  const heading = (0.5 * dot(a.headingWords, b.headingWords) + 0.5 * dot(a.headingGrams, b.headingGrams)) * Math.sqrt(a.specificity * b.specificity);
  const text = 0.5 * dot(a.textWords, b.textWords) + 0.5 * dot(a.textGrams, b.textGrams);
  const context = isEmpty(a.context) || isEmpty(b.context) ? 0 : dot(a.context, b.context);
  // "Aanbeveling 3" in both: a tie-breaker only. Numbers differ between standards on one topic and
  // shift in a revision, so the number decides between recommendations that are otherwise alike.
  const sameNumber = a.recommendation && b.recommendation && a.recommendationNumber !== null && a.recommendationNumber === b.recommendationNumber ? 0.05 : 0;
  return { heading, text, context, combined: 0.3 * heading + 0.6 * text + 0.1 * context + sameNumber };
}

export interface PairFeatures extends Similarity {
  /** combined / the best combined of a in b's version and of b in a's version (mean of both), 0..1. */
  ratio: number;
  /** 1 when each is the other's best match. */
  mutual: number;
  /** 1 − difference in relative reading position (standards on one topic mostly keep the order signalering → diagnostiek → behandeling). */
  position: number;
}

export function pairFeatures(a: Unit, b: Unit, sim: Similarity, bestOfA: number, bestOfB: number): PairFeatures {
  const ra = bestOfA > 0 ? Math.min(1, sim.combined / bestOfA) : 0;
  const rb = bestOfB > 0 ? Math.min(1, sim.combined / bestOfB) : 0;
  return {
    ...sim,
    ratio: (ra + rb) / 2,
    mutual: sim.combined > 0 && ra >= 1 && rb >= 1 ? 1 : 0,
    position: 1 - Math.abs(a.position - b.position),
  };
}

export const FEATURE_NAMES = ['heading', 'text', 'ratio', 'mutual', 'position'] as const;
export type Model = Record<'bias' | (typeof FEATURE_NAMES)[number], number>;

/**
 * Fitted by logistic regression on the candidate pairs of the gold cases (ADHD weighing six times,
 * the seed revisions, and two pairs of unrelated documents whose pairs are all wrong, so that a
 * mutual best match alone is not taken for a counterpart); `npx tsx scripts/fit-align-model.ts`
 * reproduces it. Context and "both recommendations" were tried and dropped: once ranking is in,
 * their weights came out near zero.
 */
export const MODEL: Model = {
  bias: -8.09,
  heading: 1.08,
  text: 2.94,
  ratio: 4.49,
  mutual: 2.19,
  position: 2.55,
};

export function probability(f: PairFeatures, m: Model = MODEL): number {
  let z = m.bias;
  for (const name of FEATURE_NAMES) z += m[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}
