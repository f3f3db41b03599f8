/**
 * Refits the aligner's logistic model (electron/services/align/score.ts MODEL) on the gold cases
 * and prints the coefficients to paste there: `npx tsx scripts/fit-align-model.ts`.
 *
 * Data: the candidate pairs the engine itself scores (plus any gold pair it missed) of the ADHD
 * case and the seed revisions, labelled by the gold (possible-but-not-sure pairs left out), and
 * two pairs of unrelated documents (an ADHD standard against a KBL programme document), all of
 * whose pairs are wrong: without them the model learns that a mutual best match is always right.
 * Each case weighs the same (the ADHD case six times: it is the use the engine is for). The
 * kindermishandeling case is left out: it is the held-out check.
 */
import path from 'node:path';
import { buildUnits } from '../electron/services/align/units.js';
import { PairScorer } from '../electron/services/align/pairs.js';
import { FEATURE_NAMES, type PairFeatures } from '../electron/services/align/score.js';
import { adhdCase, ALIGN_FIXTURES, goldCases, pairKey, parseFile, parseSeed, toAlignSections, type GoldCase } from '../tests/helpers/align-gold.js';

async function unrelated(fixture: string, seed: string): Promise<GoldCase> {
  const a = toAlignSections(await parseFile(path.join(ALIGN_FIXTURES, fixture)), 1, 1);
  const b = toAlignSections(await parseSeed(seed), 2, 10_000);
  return { name: `${fixture} × ${seed}`, input: { versions: [{ versionId: 1, sections: a }, { versionId: 2, sections: b }], placedSectionIds: [], rejectedPairs: [] }, sure: new Set(), possible: new Set() };
}

const adhdName = (await adhdCase()).name;
const cases = [...(await goldCases()).filter((c) => !c.name.startsWith('Kindermishandeling')), await unrelated('adhd-jgz.md', '002_'), await unrelated('adhd-ggz.md', '000_')];
const rows: Array<{ x: number[]; y: number; w: number }> = [];
for (const g of cases) {
  const units = buildUnits(g.input.versions, new Set(), { minContainerWords: 15 });
  const scorer = new PairScorer(units, g.input.versions.length, 6);
  const index = new Map(units.map((u) => [u.section.id, u.index]));
  const seen = new Set<string>();
  const data: Array<{ x: number[]; y: number }> = [];
  const add = (a: number, b: number) => {
    const key = pairKey((units[a] as (typeof units)[number]).section.id, (units[b] as (typeof units)[number]).section.id);
    if (seen.has(key) || (g.possible.has(key) && !g.sure.has(key))) return;
    seen.add(key);
    const f: PairFeatures = scorer.features(a, b);
    data.push({ x: FEATURE_NAMES.map((n) => f[n]), y: g.sure.has(key) ? 1 : 0 });
  };
  for (const [a, b] of scorer.candidates) add(a, b);
  for (const key of g.sure) {
    const [a, b] = key.split(':').map((id) => index.get(Number(id)));
    if (a !== undefined && b !== undefined) add(a, b);
  }
  const weight = (g.name === adhdName ? 6 : 1) / Math.max(1, data.length);
  rows.push(...data.map((d) => ({ ...d, w: weight })));
}

// Gradient descent on weighted cross-entropy with a light L2 penalty (not on the bias).
const w = new Array<number>(FEATURE_NAMES.length + 1).fill(0);
const total = rows.reduce((s, r) => s + r.w, 0);
for (let iteration = 0; iteration < 30_000; iteration++) {
  const grad = new Array<number>(w.length).fill(0);
  for (const r of rows) {
    const z = r.x.reduce((s, v, i) => s + v * (w[i + 1] as number), w[0] as number);
    const e = ((1 / (1 + Math.exp(-z)) - r.y) * r.w) / total;
    grad[0] = (grad[0] as number) + e;
    r.x.forEach((v, i) => (grad[i + 1] = (grad[i + 1] as number) + e * v));
  }
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) - 2 * ((grad[i] as number) + (i > 0 ? 0.001 * (w[i] as number) : 0));
}
console.log(`export const MODEL: Model = {\n  bias: ${(w[0] as number).toFixed(2)},\n${FEATURE_NAMES.map((n, i) => `  ${n}: ${(w[i + 1] as number).toFixed(2)},`).join('\n')}\n};`);
