/**
 * Voting statistics of a Delphi round, pure (no database) so the rules are tested against
 * hand-computed cases.
 *
 * Scale: oneens = 1, neutraal = 2, eens = 3.
 * Median: the middle value of the sorted votes; for an even count the mean of the two middle values
 * (so it can be 2.5). "Median is eens" therefore holds exactly when more than half the votes are eens:
 * for 10 votes both middle values must be eens, i.e. at least 6 eens.
 * A group (all votes, or one perspective) passes the rule when eens/total >= minAgree and, if
 * required, the median is eens. Nobody voting never passes: such an item is carried over.
 */
import { PERSPECTIVES, type ConsensusRule, type ItemRoundResult, type Perspective, type Vote, type VoteTally } from '../../common/lists.js';

export const VOTE_SCALE: Record<Vote, number> = { oneens: 1, neutraal: 2, eens: 3 };

/** Rounding noise: 7/10 must count as 70 % even where the division lands just below 0.7. */
const EPSILON = 1e-9;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function tally(votes: readonly Vote[]): VoteTally {
  const counts = { eens: 0, neutraal: 0, oneens: 0 };
  for (const v of votes) counts[v]++;
  const total = votes.length;
  return { ...counts, total, agreePercent: total === 0 ? null : counts.eens / total, median: median(votes.map((v) => VOTE_SCALE[v])) };
}

/** Whether one group's tally meets the threshold (and the median, if the rule asks for it). */
export function passes(t: VoteTally, rule: ConsensusRule): boolean {
  if (t.total === 0 || t.agreePercent === null) return false;
  if (t.agreePercent + EPSILON < rule.minAgree) return false;
  return !rule.requireMedianAgree || t.median === VOTE_SCALE.eens;
}

export interface CastVote {
  itemId: number;
  delegate: string;
  perspective: Perspective;
  vote: Vote;
  comment: string | null;
}

/**
 * One item's result. Consensus: the overall tally passes, and with perPerspective every
 * perspective that voted passes too. Dissenting perspectives are those that voted and on their
 * own do not pass — reported whatever perPerspective says, because the programme keeps
 * disagreement on record even when the overall vote carries.
 */
export function itemResult(itemId: number, votes: readonly CastVote[], rule: ConsensusRule): ItemRoundResult {
  const mine = votes.filter((v) => v.itemId === itemId);
  const overall = tally(mine.map((v) => v.vote));
  const byPerspective: Partial<Record<Perspective, VoteTally>> = {};
  const dissentingPerspectives: Perspective[] = [];
  for (const p of PERSPECTIVES) {
    const theirs = mine.filter((v) => v.perspective === p);
    if (theirs.length === 0) continue;
    const t = tally(theirs.map((v) => v.vote));
    byPerspective[p] = t;
    if (!passes(t, rule)) dissentingPerspectives.push(p);
  }
  const consensus = passes(overall, rule) && (!rule.perPerspective || dissentingPerspectives.length === 0);
  const comments = mine
    .filter((v): v is CastVote & { comment: string } => v.comment !== null && v.comment.trim() !== '')
    .map((v) => ({ delegate: v.delegate, perspective: v.perspective, vote: v.vote, comment: v.comment }));
  return { itemId, overall, byPerspective, consensus, dissentingPerspectives, comments };
}

/** Results per item (in the given order) and the items to carry into the next round. */
export function roundResults(itemIds: readonly number[], votes: readonly CastVote[], rule: ConsensusRule): { items: ItemRoundResult[]; carryOver: number[] } {
  const items = itemIds.map((id) => itemResult(id, votes, rule));
  return { items, carryOver: items.filter((r) => !r.consensus).map((r) => r.itemId) };
}

/** What an item keeps on record from a result: each dissenting perspective with its share and its non-eens comments. */
export function dissentOf(result: ItemRoundResult, roundId: number): Array<{ perspective: Perspective; roundId: number; agreePercent: number; comments: string[] }> {
  return result.dissentingPerspectives.map((perspective) => ({
    perspective,
    roundId,
    agreePercent: result.byPerspective[perspective]?.agreePercent ?? 0,
    comments: result.comments.filter((c) => c.perspective === perspective && c.vote !== 'eens').map((c) => c.comment),
  }));
}
