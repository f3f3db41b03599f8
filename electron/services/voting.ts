/**
 * Delphi-style voting rounds on a list's items. A round has a consensus rule and a fixed set of
 * items; delegates vote eens/neutraal/oneens per item until the round is closed. Closing stores
 * each voted item's dissenting perspectives on the item (see BdlItem.dissent). Statistics:
 * voting-stats.ts.
 */
import { z } from 'zod';
import { ApiError } from '../../common/errors.js';
import { VOTES, type ConsensusRule, type RoundResult, type VoteRecord, type VotingRound } from '../../common/lists.js';
import type { Db } from '../../db/open.js';
import { writeAudit } from '../../db/queries/audit.js';
import { requireItem } from './list-items.js';
import { clearableText, perspectiveSchema, requiredText, rowId } from './list-schemas.js';
import { requireList } from './lists.js';
import { dissentOf, roundResults, type CastVote } from './voting-stats.js';

const roundId = rowId('stemronde');

export const DEFAULT_RULE: ConsensusRule = { minAgree: 0.7, requireMedianAgree: true, perPerspective: false };

const ruleSchema = z
  .object({
    minAgree: z.number({ error: 'Geef de drempel als getal tussen 0 en 1 (0,7 = 70 % eens).' }).min(0, 'De drempel ligt tussen 0 en 1 (0,7 = 70 % eens).').max(1, 'De drempel ligt tussen 0 en 1 (0,7 = 70 % eens).').default(DEFAULT_RULE.minAgree),
    requireMedianAgree: z.boolean({ error: 'Kies ja of nee voor de mediaan.' }).default(DEFAULT_RULE.requireMedianAgree),
    perPerspective: z.boolean({ error: 'Kies ja of nee voor per perspectief.' }).default(DEFAULT_RULE.perPerspective),
  }, { error: 'Geef een consensusregel.' })
  .strict();

export const votingSchemas = {
  list: z.object({ listId: rowId('lijst') }).strict(),
  create: z
    .object({
      listId: rowId('lijst'),
      title: requiredText('een titel', 300),
      rule: ruleSchema.default(DEFAULT_RULE),
      itemIds: z.array(rowId('item'), { error: 'Geef een lijst van items.' }).min(1, 'Kies minstens één item.').max(5000).optional(),
      carryOverFrom: rowId('stemronde').optional(),
    })
    .strict()
    .refine((a) => a.itemIds === undefined || a.carryOverFrom === undefined, { message: 'Kies items óf een ronde om mee te nemen, niet allebei.', path: ['itemIds'] }),
  round: z.object({ roundId }).strict(),
  vote: z
    .object({
      roundId,
      itemId: rowId('item'),
      delegate: requiredText('de naam van de afgevaardigde', 100),
      perspective: perspectiveSchema,
      vote: z.enum(VOTES, { error: 'Stem eens, neutraal of oneens.' }),
      comment: clearableText(5000),
    })
    .strict(),
};

interface RoundRow {
  id: number;
  list_id: number;
  number: number;
  title: string;
  min_agree: number;
  require_median_agree: number;
  per_perspective: number;
  status: 'open' | 'gesloten';
  created_at: string;
  closed_at: string | null;
}

const ruleOf = (r: RoundRow): ConsensusRule => ({ minAgree: r.min_agree, requireMedianAgree: r.require_median_agree === 1, perPerspective: r.per_perspective === 1 });

export function createVotingService(db: Db, actor: () => string) {
  const audit = (id: number, action: string, details: Record<string, unknown>, now: string) => writeAudit(db, { actor: actor(), action, entity: 'voting_round', entityId: String(id), details }, now);
  const itemIdsOf = (id: number): number[] =>
    (db.prepare('SELECT item_id FROM voting_round_item WHERE round_id = ? ORDER BY ordinal').pluck().all(id) as number[]);
  const toRound = (r: RoundRow): VotingRound => ({
    id: r.id,
    listId: r.list_id,
    number: r.number,
    title: r.title,
    rule: ruleOf(r),
    status: r.status,
    itemIds: itemIdsOf(r.id),
    createdAt: r.created_at,
    closedAt: r.closed_at,
  });

  function requireRound(id: number): RoundRow {
    const row = db.prepare('SELECT * FROM voting_round WHERE id = ?').get(id) as RoundRow | undefined;
    if (!row) throw new ApiError('NIET_GEVONDEN', `Er is geen stemronde met nummer ${id}.`);
    return row;
  }

  const votesOf = (id: number): VoteRecord[] =>
    db
      .prepare('SELECT v.round_id AS roundId, v.item_id AS itemId, v.delegate, v.perspective, v.vote, v.comment FROM vote v JOIN voting_round_item ri ON ri.round_id = v.round_id AND ri.item_id = v.item_id WHERE v.round_id = ? ORDER BY ri.ordinal, v.perspective, v.delegate')
      .all(id) as VoteRecord[];

  function result(row: RoundRow): RoundResult {
    const round = toRound(row);
    const cast: CastVote[] = votesOf(row.id);
    return { round, ...roundResults(round.itemIds, cast, round.rule) };
  }

  /** The items a new round starts with: given, the previous round's carry-over, or every item still in play. */
  function itemsForNewRound(args: z.output<typeof votingSchemas.create>): number[] {
    if (args.itemIds) {
      const ids = [...new Set(args.itemIds)];
      const inList = new Set(db.prepare('SELECT id FROM bdl_item WHERE list_id = ? AND id IN (SELECT value FROM json_each(?))').pluck().all(args.listId, JSON.stringify(ids)) as number[]);
      const foreign = ids.filter((id) => !inList.has(id));
      if (foreign.length) throw new ApiError('NIET_GEVONDEN', `Deze items horen niet bij de lijst: ${foreign.join(', ')}.`);
      return ids;
    }
    if (args.carryOverFrom !== undefined) {
      const from = requireRound(args.carryOverFrom);
      if (from.list_id !== args.listId) throw new ApiError('CONFLICT', 'Die stemronde hoort bij een andere lijst.');
      if (from.status !== 'gesloten') throw new ApiError('CONFLICT', `Sluit ronde ${from.number} eerst; pas dan staat vast welke items geen consensus bereikten.`);
      const carry = result(from).carryOver;
      if (carry.length === 0) throw new ApiError('CONFLICT', `In ronde ${from.number} bereikten alle items consensus; er is niets mee te nemen.`);
      return carry;
    }
    const all = db.prepare("SELECT id FROM bdl_item WHERE list_id = ? AND status <> 'vervallen' ORDER BY category, ordinal, id").pluck().all(args.listId) as number[];
    // category order is alphabetical here, which is also doen, laten, onderzoeken.
    if (all.length === 0) throw new ApiError('CONFLICT', 'Deze lijst heeft geen items om over te stemmen.');
    return all;
  }

  return {
    list(args: { listId: number }): VotingRound[] {
      requireList(db, args.listId);
      return (db.prepare('SELECT * FROM voting_round WHERE list_id = ? ORDER BY number').all(args.listId) as RoundRow[]).map(toRound);
    },

    create(args: z.output<typeof votingSchemas.create>): VotingRound {
      return db
        .transaction(() => {
          requireList(db, args.listId);
          const items = itemsForNewRound(args);
          const now = new Date().toISOString();
          const number = (db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM voting_round WHERE list_id = ?').get(args.listId) as { n: number }).n;
          const id = Number(
            db
              .prepare(
                `INSERT INTO voting_round (list_id, number, title, min_agree, require_median_agree, per_perspective, status, carry_over_from, created_at, created_by)
                 VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
              )
              .run(args.listId, number, args.title, args.rule.minAgree, args.rule.requireMedianAgree ? 1 : 0, args.rule.perPerspective ? 1 : 0, args.carryOverFrom ?? null, now, actor()).lastInsertRowid,
          );
          const insert = db.prepare('INSERT INTO voting_round_item (round_id, item_id, ordinal) VALUES (?, ?, ?)');
          items.forEach((item, i) => insert.run(id, item, i));
          audit(id, 'aangemaakt', { lijst: args.listId, nummer: number, regel: args.rule, items, meegenomenUit: args.carryOverFrom ?? null }, now);
          return toRound(requireRound(id));
        })
        .immediate();
    },

    /** One vote per delegate per item; voting again replaces it. A delegate speaks for one perspective per round. */
    vote(args: z.output<typeof votingSchemas.vote>): VoteRecord {
      return db
        .transaction(() => {
          const round = requireRound(args.roundId);
          requireItem(db, args.itemId);
          if (round.status === 'gesloten') throw new ApiError('CONFLICT', `Ronde ${round.number} is gesloten; stemmen kan niet meer.`);
          if (!db.prepare('SELECT 1 FROM voting_round_item WHERE round_id = ? AND item_id = ?').get(round.id, args.itemId)) {
            throw new ApiError('CONFLICT', `Dit item staat niet in ronde ${round.number}.`);
          }
          const other = db.prepare('SELECT perspective FROM vote WHERE round_id = ? AND delegate = ? AND perspective <> ? LIMIT 1').get(round.id, args.delegate, args.perspective) as { perspective: string } | undefined;
          if (other) throw new ApiError('CONFLICT', `${args.delegate} stemt in deze ronde al namens het perspectief ${other.perspective}.`);
          const now = new Date().toISOString();
          db.prepare(
            `INSERT INTO vote (round_id, item_id, delegate, perspective, vote, comment, voted_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (round_id, item_id, delegate) DO UPDATE SET perspective = excluded.perspective, vote = excluded.vote, comment = excluded.comment, voted_at = excluded.voted_at, recorded_by = excluded.recorded_by`,
          ).run(round.id, args.itemId, args.delegate, args.perspective, args.vote, args.comment ?? null, now, actor());
          audit(round.id, 'stem', { item: args.itemId, afgevaardigde: args.delegate, perspectief: args.perspective, stem: args.vote }, now);
          return db
            .prepare('SELECT round_id AS roundId, item_id AS itemId, delegate, perspective, vote, comment FROM vote WHERE round_id = ? AND item_id = ? AND delegate = ?')
            .get(round.id, args.itemId, args.delegate) as VoteRecord;
        })
        .immediate();
    },

    votes(args: { roundId: number }): VoteRecord[] {
      requireRound(args.roundId);
      return votesOf(args.roundId);
    },

    result(args: { roundId: number }): RoundResult {
      return result(requireRound(args.roundId));
    },

    /** Closes the round and records on each item that got votes which perspectives did not agree. */
    close(args: { roundId: number }): RoundResult {
      return db
        .transaction(() => {
          const row = requireRound(args.roundId);
          if (row.status === 'gesloten') throw new ApiError('CONFLICT', `Ronde ${row.number} is al gesloten.`);
          const now = new Date().toISOString();
          db.prepare("UPDATE voting_round SET status = 'gesloten', closed_at = ? WHERE id = ?").run(now, row.id);
          const closed = result(requireRound(row.id));
          const store = db.prepare('UPDATE bdl_item SET dissent = ?, updated_at = ? WHERE id = ?');
          for (const item of closed.items) if (item.overall.total > 0) store.run(JSON.stringify(dissentOf(item, row.id)), now, item.itemId);
          audit(row.id, 'gesloten', { consensus: closed.items.filter((i) => i.consensus).map((i) => i.itemId), meenemen: closed.carryOver }, now);
          return closed;
        })
        .immediate();
    },
  };
}
