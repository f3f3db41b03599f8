/**
 * The crash writer's working-group writes (tests/crash/writer.ts): pilots and their alignment
 * grid, review rounds with comments and answers, lists with items, voting rounds and votes. Each
 * plan reads what it needs first (reads write nothing), then returns the intent and the write;
 * protocol.ts has their shapes. A plan returns null when what it needs is not there yet (no
 * versions to put in a pilot); the writer then makes a document write instead.
 */
import type { Section } from '../../common/document.js';
import { ITEM_CATEGORIES, PERSPECTIVES, VOTES, type BdlItem, type BdlList, type VoteRecord, type VotingRound } from '../../common/lists.js';
import { CLASSIFICATIONS, DECISIONS, PILOT_KINDS, PILOT_ORIGINS, type AlignmentGrid, type Pilot, type PilotSummary } from '../../common/pilots.js';
import { DISPOSITIONS, DISPOSITIONS_NEEDING_MOTIVATION, type CommentList, type ReviewComment, type ReviewRound, type ReviewRoundSummary } from '../../common/review.js';
import type { GridPrint, SpanPrint, WorkAck, WorkIntent } from './protocol.js';

export interface WriterContext {
  call<T>(method: string, args?: unknown): T;
  random(): number;
  pick<T>(items: readonly T[]): T;
  between(lo: number, hi: number): number;
  /** Unique in the whole run: "<cycle>x<step>". */
  tag(): string;
  /** Every version the writer knows (it adds the ones it imports). */
  versions: ReadonlyArray<{ id: number; standardId: string }>;
}

export interface PlannedWrite {
  intent: WorkIntent;
  perform: () => WorkAck;
}

type Kind = WorkIntent['op'];

/** How often each kind is chosen, relative to each other. */
const WEIGHTS: Array<[Kind, number]> = [
  ['pilot', 2],
  ['scope', 4],
  ['propose', 6],
  ['classify', 8],
  ['decide', 5],
  ['comment', 4],
  ['round', 2],
  ['rcomment', 5],
  ['answer', 4],
  ['list', 1],
  ['item', 3],
  ['vround', 1.5],
  ['vote', 4],
];
const TOTAL = WEIGHTS.reduce((n, [, w]) => n + w, 0);

/** The grid as a print (see GridPrint): what the crash test compares with the database. */
export function printGrid(grid: AlignmentGrid): GridPrint {
  return grid.rows.map((r) => ({
    id: r.id,
    guid: r.guid,
    theme: r.theme,
    status: r.status,
    confidence: r.confidence,
    decision: r.decision,
    decisionVersionId: r.decisionVersionId,
    decisionText: r.decisionText,
    dissent: r.decisionDissent,
    cells: r.cells
      .filter((c) => c.classification !== null || c.note !== null || c.sections.length > 0)
      .map((c): GridPrint[number]['cells'][number] => [c.versionId, c.classification, c.note, c.sections.map((s) => s.sectionId).sort((a, b) => a - b)])
      .sort((a, b) => a[0] - b[0]),
    comments: r.comments.map((c): [number, string] => [c.id, c.body]),
  }));
}

/** A quote of a few words from a section's text, as a person selects it: [start, quote], or null. */
function selection(ctx: WriterContext, text: string): [number, string] | null {
  if (text.trim() === '') return null;
  const start = Math.min(ctx.between(0, 10), Math.max(0, text.length - 1));
  const quote = text.slice(start, start + ctx.between(1, 30)).trim() || text.slice(start, start + 1);
  return [text.indexOf(quote, start), quote];
}

export function createWorkgroupWriter(ctx: WriterContext) {
  const { call, random, pick, between, tag } = ctx;
  // Read once per process, when first needed; the writer adds what it creates.
  let pilots: number[] | null = null;
  let reviewRounds: Array<{ id: number; versionId: number }> | null = null;
  let lists: number[] | null = null;
  const pilotIds = () => (pilots ??= call<PilotSummary[]>('pilots.list', {}).map((p) => p.id));
  const roundList = () => (reviewRounds ??= call<ReviewRoundSummary[]>('reviewRounds.list', {}).flatMap((r) => (r.versionId === null ? [] : [{ id: r.id, versionId: r.versionId }])));
  const listIds = () => (lists ??= call<BdlList[]>('lists.list').map((l) => l.id));
  /** Mostly one of the newest few, so a pilot's grid gets a history of decisions. */
  const recent = <T>(items: readonly T[]): T => (random() < 0.7 ? pick(items.slice(-4)) : pick(items));

  function createPilot(): PlannedWrite {
    const title = `Pilot p${tag()} harmonisatie`;
    return {
      intent: { op: 'pilot', title },
      perform: () => {
        const created = call<Pilot>('pilots.create', { title, kinds: [pick(PILOT_KINDS)], origin: pick(PILOT_ORIGINS) });
        pilotIds().push(created.id);
        return { op: 'pilot', pilotId: created.id, title };
      },
    };
  }

  function scope(pilotId: number, from: number[]): PlannedWrite | null {
    const free = ctx.versions.map((v) => v.id).filter((id) => !from.includes(id));
    const take = (n: number) => {
      const chosen: number[] = [];
      for (let i = 0; i < n && free.length > 0; i++) chosen.push(...free.splice(Math.floor(random() * free.length), 1));
      return chosen;
    };
    let to: number[];
    const r = random();
    if (from.length < 2) to = [...from, ...take(between(2, 3) - from.length)];
    else if (r < 0.4 && from.length < 4) to = [...from, ...take(1)];
    else if (r < 0.8) {
      // Drop one (its cells go, with discardCells) and maybe put another in its place.
      const at = Math.floor(random() * from.length);
      to = from.filter((_, i) => i !== at);
      if (random() < 0.5) to.splice(at, 0, ...take(1));
    } else to = [...from].reverse();
    if (to.length < 2 || JSON.stringify(to) === JSON.stringify(from)) return null;
    const discardCells = random() < 0.8;
    return {
      intent: { op: 'scope', pilotId, from, to, discardCells },
      perform: () => {
        call('pilots.setVersions', { pilotId, versionIds: to, discardCells });
        return { op: 'scope', pilotId, from, to, grid: printGrid(call<AlignmentGrid>('alignment.grid', { pilotId })) };
      },
    };
  }

  /** A write on a pilot's grid; falls back along what it needs: versions, then rows. */
  function onGrid(kind: 'scope' | 'propose' | 'classify' | 'decide' | 'comment'): PlannedWrite | null {
    if (pilotIds().length === 0) return createPilot();
    const pilotId = recent(pilotIds());
    const versionIds = call<Pilot>('pilots.get', { pilotId }).versions.map((v) => v.versionId);
    if (kind === 'scope' || versionIds.length < 2) return scope(pilotId, versionIds);
    const grid = call<AlignmentGrid>('alignment.grid', { pilotId });
    if (kind === 'propose' || grid.rows.length === 0) {
      return {
        intent: { op: 'propose', pilotId },
        perform: () => {
          const proposed = call<AlignmentGrid & { proposedRows: number }>('alignment.propose', { pilotId });
          return { op: 'propose', pilotId, proposedRows: proposed.proposedRows, grid: printGrid(proposed) };
        },
      };
    }
    const manual = grid.rows.filter((r) => r.status === 'handmatig');
    if (kind === 'decide' && manual.length > 0) {
      const row = pick(manual);
      const decision = pick(DECISIONS);
      const versionId = decision === 'overnemen' ? pick(versionIds) : null;
      const text = `Besluit d${tag()} over de formulering`;
      const dissent = random() < 0.3 ? `Afwijkend standpunt ${tag()}` : null;
      return {
        intent: { op: 'decide', pilotId, rowId: row.id, decision, versionId, text, dissent },
        perform: () => {
          const after = call<AlignmentGrid>('alignment.decide', { rowId: row.id, decision, versionId, text, ...(dissent ? { dissent } : {}) });
          return { op: 'decide', pilotId, rowId: row.id, decision, versionId, text, dissent, grid: printGrid(after) };
        },
      };
    }
    const row = pick(grid.rows);
    if (kind === 'comment') {
      const body = `Opmerking o${tag()} bij dit thema`;
      return {
        intent: { op: 'comment', pilotId, rowId: row.id, body },
        perform: () => {
          const after = printGrid(call<AlignmentGrid>('alignment.comment', { rowId: row.id, body }));
          const commentId = after.find((r) => r.id === row.id)?.comments.find(([, b]) => b === body)?.[0] ?? -1;
          return { op: 'comment', pilotId, rowId: row.id, body, commentId, grid: after };
        },
      };
    }
    // classify, and decide on a grid without accepted rows (a classification makes its row manual).
    const versionId = pick(versionIds);
    const classification = pick(CLASSIFICATIONS);
    const note = `Notitie c${tag()} bij de cel`;
    return {
      intent: { op: 'classify', pilotId, rowId: row.id, versionId, classification, note },
      perform: () => {
        const after = call<AlignmentGrid>('alignment.classify', { rowId: row.id, versionId, classification, note });
        return { op: 'classify', pilotId, rowId: row.id, versionId, classification, note, grid: printGrid(after) };
      },
    };
  }

  function createRound(): PlannedWrite | null {
    if (ctx.versions.length === 0) return null;
    const versionId = pick(ctx.versions).id;
    const title = `Commentaarronde r${tag()}`;
    const organisations = Array.from({ length: between(1, 3) }, (_, i) => `Organisatie ${tag()} ${'ABC'[i]}`);
    return {
      intent: { op: 'round', versionId, title, organisations },
      perform: () => {
        const round = call<ReviewRound>('reviewRounds.create', { title, versionId, organisations: organisations.map((name) => ({ name })) });
        roundList().push({ id: round.id, versionId });
        const invitations = round.invitations.map((i): [number, string] => [i.id, i.name]).sort((a, b) => a[0] - b[0]);
        return { op: 'round', roundId: round.id, versionId, title, invitations };
      },
    };
  }

  function reviewComment(): PlannedWrite | null {
    if (roundList().length === 0) return createRound();
    const { id: roundId, versionId } = recent(roundList());
    const round = call<ReviewRound>('reviewRounds.get', { roundId });
    const invited = round.invitations.length > 0 && random() < 0.75 ? pick(round.invitations).id : null;
    const newOrganisation = invited === null ? `Nieuwe organisatie ${tag()}` : null;
    let span: SpanPrint | null = null;
    if (random() < 0.6) {
      const section = pick(call<{ sections: Section[] }>('versions.get', { versionId }).sections);
      const selected = section ? selection(ctx, section.text) : null;
      if (section && selected) span = { sectionId: section.id, start: selected[0], end: selected[0] + selected[1].length, quote: selected[1] };
    }
    const body = `Commentaar k${tag()} op het concept`;
    return {
      intent: { op: 'rcomment', roundId, invitationId: invited, newOrganisation, body, span },
      perform: () => {
        const c = call<ReviewComment>('reviewComments.create', {
          roundId,
          ...(invited !== null ? { invitationId: invited } : { organisation: newOrganisation }),
          body,
          ...(span ?? {}),
        });
        const stored = c.sectionId === null || c.start === null || c.end === null || c.quote === null ? null : { sectionId: c.sectionId, start: c.start, end: c.end, quote: c.quote };
        return { op: 'rcomment', commentId: c.id, roundId, nr: c.nr, invitation: [c.invitationId, c.organisation], body, span: stored };
      },
    };
  }

  function answer(): PlannedWrite | null {
    if (roundList().length === 0) return createRound();
    const { id: roundId } = recent(roundList());
    const comments = call<CommentList>('reviewComments.list', { roundId }).comments;
    if (comments.length === 0) return reviewComment();
    const commentId = pick(comments).id;
    const disposition = pick(DISPOSITIONS);
    const motivation = DISPOSITIONS_NEEDING_MOTIVATION.includes(disposition) || random() < 0.3 ? `Motivering m${tag()}` : null;
    const change = random() < 0.5 ? `Wijziging w${tag()} in de tekst` : null;
    const response = `Reactie a${tag()} van de werkgroep`;
    return {
      intent: { op: 'answer', commentId, response, disposition, motivation, change },
      perform: () => {
        call('reviewComments.answer', { commentId, response, disposition, ...(motivation ? { motivation } : {}), ...(change ? { change } : {}) });
        return { op: 'answer', commentId, response, disposition, motivation, change };
      },
    };
  }

  function createList(): PlannedWrite {
    const title = `Lijst l${tag()} beter doen`;
    const versionLabel = `Concept ${tag()}`;
    return {
      intent: { op: 'list', title, versionLabel },
      perform: () => {
        const list = call<BdlList>('lists.create', { title, versionLabel });
        listIds().push(list.id);
        return { op: 'list', listId: list.id, title, versionLabel };
      },
    };
  }

  function item(listId: number): PlannedWrite {
    const category = pick(ITEM_CATEGORIES);
    const statement = `Stelling s${tag()}: bespreek signalen eerst met ouders`;
    return {
      intent: { op: 'item', listId, category, statement },
      perform: () => {
        const created = call<BdlItem>('items.create', { listId, category, statement });
        return { op: 'item', itemId: created.id, listId, category, ordinal: created.ordinal, statement };
      },
    };
  }

  function votingWrite(kind: 'item' | 'vround' | 'vote'): PlannedWrite {
    if (listIds().length === 0) return createList();
    const listId = recent(listIds());
    if (kind === 'item') return item(listId);
    const rounds = call<VotingRound[]>('rounds.list', { listId }).filter((r) => r.status === 'open');
    if (kind === 'vround' || rounds.length === 0) {
      const title = `Stemronde v${tag()}`;
      return {
        intent: { op: 'vround', listId, title },
        perform: () => {
          const round = call<VotingRound>('rounds.create', { listId, title });
          return { op: 'vround', roundId: round.id, listId, number: round.number, title, itemIds: round.itemIds };
        },
      };
    }
    const round = pick(rounds);
    const itemId = pick(round.itemIds);
    // A delegate speaks for one perspective: the same one in every round.
    const k = between(0, PERSPECTIVES.length - 1);
    const delegate = `Afgevaardigde ${k + 1}`;
    const perspective = PERSPECTIVES[k] as string;
    const vote = pick(VOTES);
    const comment = `Stem t${tag()}`;
    return {
      intent: { op: 'vote', roundId: round.id, itemId, delegate, perspective, vote, comment },
      perform: () => {
        const cast = call<VoteRecord>('rounds.vote', { roundId: round.id, itemId, delegate, perspective, vote, comment });
        return { op: 'vote', roundId: cast.roundId, itemId, delegate, perspective, vote, comment };
      },
    };
  }

  /** One working-group write, chosen by `roll` (0..1) along WEIGHTS; null when it cannot be made yet. */
  function plan(roll: number): PlannedWrite | null {
    let at = roll * TOTAL;
    const kind: Kind = WEIGHTS.find(([, w]) => (at -= w) < 0)?.[0] ?? 'vote';
    if (ctx.versions.length < 3 && kind !== 'list' && kind !== 'item' && kind !== 'vround' && kind !== 'vote') return null;
    switch (kind) {
      case 'pilot':
        return createPilot();
      case 'scope':
      case 'propose':
      case 'classify':
      case 'decide':
      case 'comment':
        return onGrid(kind);
      case 'round':
        return createRound();
      case 'rcomment':
        return reviewComment();
      case 'answer':
        return answer();
      case 'list':
        return createList();
      case 'item':
      case 'vround':
      case 'vote':
        return votingWrite(kind);
    }
  }

  return { plan };
}
