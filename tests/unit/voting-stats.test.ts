/**
 * Voting statistics and consensus rules against cases computed by hand (no database).
 */
import { describe, expect, it } from 'vitest';
import type { ConsensusRule, Perspective, Vote } from '../../common/lists.js';
import { dissentOf, itemResult, median, passes, roundResults, tally, type CastVote } from '../../electron/services/voting-stats.js';

const RULE_70_MEDIAN: ConsensusRule = { minAgree: 0.7, requireMedianAgree: true, perPerspective: false };

/** `n` votes of each kind, e.g. votes(7, 2, 1) = 7 eens, 2 neutraal, 1 oneens. */
const votes = (eens: number, neutraal: number, oneens: number): Vote[] => [
  ...Array<Vote>(eens).fill('eens'),
  ...Array<Vote>(neutraal).fill('neutraal'),
  ...Array<Vote>(oneens).fill('oneens'),
];

let seq = 0;
const cast = (itemId: number, perspective: Perspective, vote: Vote, comment: string | null = null): CastVote => ({ itemId, delegate: `d${++seq}`, perspective, vote, comment });

describe('tally and median', () => {
  it('10 votes 7/2/1: 70 % eens, median eens → consensus at 0.7 + median', () => {
    // Sorted: 1,2,2,3,3,3,3,3,3,3 → middles (5th, 6th) are 3 and 3.
    const t = tally(votes(7, 2, 1));
    expect(t).toEqual({ eens: 7, neutraal: 2, oneens: 1, total: 10, agreePercent: 0.7, median: 3 });
    expect(passes(t, RULE_70_MEDIAN)).toBe(true);
  });

  it('10 votes 6/3/1: 60 % fails the 70 % threshold although the median is eens', () => {
    // Sorted: 1,2,2,2,3,3,3,3,3,3 → middles 3 and 3.
    const t = tally(votes(6, 3, 1));
    expect(t.agreePercent).toBeCloseTo(0.6, 12);
    expect(t.median).toBe(3);
    expect(passes(t, RULE_70_MEDIAN)).toBe(false);
    expect(passes(t, { ...RULE_70_MEDIAN, minAgree: 0.6 })).toBe(true);
  });

  it('even count: the median is the mean of the two middle values', () => {
    // 5 eens, 5 oneens: sorted 1,1,1,1,1,3,3,3,3,3 → (1 + 3) / 2 = 2.
    expect(tally(votes(5, 0, 5)).median).toBe(2);
    // 5 eens, 1 neutraal: 2,3,3,3,3,3 → (3 + 3) / 2 = 3.
    expect(tally(votes(5, 1, 0)).median).toBe(3);
    // 2 eens, 2 neutraal: 2,2,3,3 → 2.5, which is not eens.
    const t = tally(votes(2, 2, 0));
    expect(t.median).toBe(2.5);
    expect(passes(t, { minAgree: 0.5, requireMedianAgree: true, perPerspective: false })).toBe(false);
    expect(passes(t, { minAgree: 0.5, requireMedianAgree: false, perPerspective: false })).toBe(true);
    expect(median([])).toBeNull();
    expect(median([2])).toBe(2);
  });

  it('the median rule means more than half eens: 6 of 10 passes it, 5 of 10 does not', () => {
    const rule: ConsensusRule = { minAgree: 0, requireMedianAgree: true, perPerspective: false };
    expect(passes(tally(votes(6, 4, 0)), rule)).toBe(true);
    expect(passes(tally(votes(5, 5, 0)), rule)).toBe(false);
    // Odd: 5 of 9 passes, 4 of 9 does not.
    expect(passes(tally(votes(5, 4, 0)), rule)).toBe(true);
    expect(passes(tally(votes(4, 5, 0)), rule)).toBe(false);
  });

  it('threshold edge: 7 of 10 is exactly 0.7 and counts; 2 of 3 is below 0.7', () => {
    expect(passes(tally(votes(7, 3, 0)), { minAgree: 0.7, requireMedianAgree: false, perPerspective: false })).toBe(true);
    expect(passes(tally(votes(2, 1, 0)), { minAgree: 0.7, requireMedianAgree: false, perPerspective: false })).toBe(false);
    // 0.3 * 10 in floating point is 3.0000000000000004: 3 of 10 still meets 0.3.
    expect(passes(tally(votes(3, 7, 0)), { minAgree: 0.3, requireMedianAgree: false, perPerspective: false })).toBe(true);
  });

  it('nobody voted: no percentage, no median, never consensus', () => {
    const t = tally([]);
    expect(t).toEqual({ eens: 0, neutraal: 0, oneens: 0, total: 0, agreePercent: null, median: null });
    expect(passes(t, { minAgree: 0, requireMedianAgree: false, perPerspective: false })).toBe(false);
  });
});

describe('per perspective', () => {
  // 10 votes: professionals 4 eens, kennis 3 eens, gemeenten 1 eens + 2 oneens → overall 8/10 = 80 %.
  const item1 = [
    ...Array.from({ length: 4 }, () => cast(1, 'professionals', 'eens')),
    ...Array.from({ length: 3 }, () => cast(1, 'kennis', 'eens')),
    cast(1, 'gemeenten', 'eens'),
    cast(1, 'gemeenten', 'oneens', 'Te duur voor kleine gemeenten'),
    cast(1, 'gemeenten', 'oneens', 'Niet in te kopen'),
  ];

  it('overall passes but gemeenten 1/3 fails: no consensus with the per-perspective rule, dissent gemeenten', () => {
    const r = itemResult(1, item1, { ...RULE_70_MEDIAN, perPerspective: true });
    expect(r.overall).toMatchObject({ eens: 8, oneens: 2, total: 10, agreePercent: 0.8, median: 3 });
    expect(r.byPerspective.gemeenten).toMatchObject({ eens: 1, oneens: 2, total: 3, median: 1 });
    expect(r.byPerspective.gemeenten?.agreePercent).toBeCloseTo(1 / 3, 12);
    expect(r.byPerspective.professionals).toMatchObject({ eens: 4, total: 4, agreePercent: 1 });
    expect(r.byPerspective.ervaring).toBeUndefined();
    expect(r.consensus).toBe(false);
    expect(r.dissentingPerspectives).toEqual(['gemeenten']);
  });

  it('without the per-perspective rule the item reaches consensus, and gemeenten still dissents on record', () => {
    const r = itemResult(1, item1, RULE_70_MEDIAN);
    expect(r.consensus).toBe(true);
    expect(r.dissentingPerspectives).toEqual(['gemeenten']);
    expect(dissentOf(r, 5)).toEqual([{ perspective: 'gemeenten', roundId: 5, agreePercent: 1 / 3, comments: ['Te duur voor kleine gemeenten', 'Niet in te kopen'] }]);
  });

  it('comments of eens votes are kept in the result but not in the dissent', () => {
    const r = itemResult(2, [cast(2, 'ervaring', 'eens', 'Goed plan'), cast(2, 'ervaring', 'oneens', 'Past niet bij ons'), cast(2, 'ervaring', 'neutraal', 'Weet niet')], RULE_70_MEDIAN);
    expect(r.comments.map((c) => c.comment)).toEqual(['Goed plan', 'Past niet bij ons', 'Weet niet']);
    expect(dissentOf(r, 1)[0]?.comments).toEqual(['Past niet bij ons', 'Weet niet']);
  });
});

describe('carry-over', () => {
  it('items without consensus (including those nobody voted on) go to the next round, in order', () => {
    const all = [
      ...votes(7, 2, 1).map((v) => cast(10, 'professionals', v)),
      ...votes(6, 3, 1).map((v) => cast(11, 'professionals', v)),
      ...votes(9, 0, 1).map((v) => cast(12, 'kennis', v)),
    ];
    const result = roundResults([12, 11, 13, 10], all, RULE_70_MEDIAN);
    expect(result.items.map((i) => [i.itemId, i.consensus])).toEqual([
      [12, true],
      [11, false],
      [13, false],
      [10, true],
    ]);
    expect(result.carryOver).toEqual([11, 13]);
  });
});
