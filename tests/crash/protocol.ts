/**
 * The acknowledgement log shared by the crash writer (tests/crash/writer.ts) and the kill -9 test
 * (tests/unit/crash-kill.test.ts): one JSON object per line.
 *
 * - `intent` is written before an API call: what the writer is about to do. Only the last intent of
 *   a killed writer can be unacknowledged; the checker then accepts the database with or without
 *   that one change, but nothing in between.
 * - `ack` is written (and fsynced) after the call returned ok: what must now be in the database.
 * A line cut off by the kill is ignored (it can only be the last one).
 */

/** A section as the writer saw it in an answer: [id, heading], in reading order. */
export type OutlineEntry = [id: number, heading: string];

/** The document writes: catalogue, imports, structure edits, annotations. */
export type DocIntent =
  | { op: 'update'; standardId: string; shortTitle: string }
  | { op: 'create'; title: string }
  | { op: 'import'; standardId: string; label: string; headings: string[]; token: string; replacesVersionId: number | null }
  | { op: 'heading'; versionId: number; sectionId: number; heading: string }
  | { op: 'split'; versionId: number; sectionId: number; heading: string }
  | { op: 'merge'; versionId: number; sectionId: number }
  | { op: 'annotate'; versionId: number; sectionId: number; quote: string; note: string; tagId: number }
  /** merge.preview + merge.apply of a colleague's project file (once per workspace), keeping "mijn" in every conflict. */
  | { op: 'mergein'; fileName: string };

export type DocAck =
  | { op: 'update'; standardId: string; shortTitle: string; updatedAt: string }
  | { op: 'create'; standardId: string; title: string }
  | { op: 'import'; standardId: string; versionId: number; label: string; outline: OutlineEntry[] }
  | { op: 'heading' | 'split' | 'merge'; versionId: number; sectionId: number; outline: OutlineEntry[] }
  | { op: 'annotate'; annotationId: string; versionId: number; quote: string; note: string; tagId: number }
  | { op: 'mergein'; backup: string; merged: MergedPrint };

/**
 * An alignment row as stored, with everything a working group records on it. Cells are only those
 * with content (a classification, a note or sections), as [versionId, classification, note,
 * sectionIds in id order], by version id; comments as [id, body] in the order they were made.
 */
export interface GridRowPrint {
  id: number;
  guid: string;
  theme: string;
  status: 'voorstel' | 'handmatig';
  confidence: number | null;
  decision: string | null;
  decisionVersionId: number | null;
  decisionText: string | null;
  dissent: string | null;
  cells: Array<[versionId: number, classification: string | null, note: string | null, sectionIds: number[]]>;
  comments: Array<[id: number, body: string]>;
}

/** The rows of a pilot's grid in order (ordinal, id). */
export type GridPrint = GridRowPrint[];

export interface SpanPrint {
  sectionId: number;
  start: number;
  end: number;
  quote: string;
}

/** A review comment as stored: span as written; sectionId where it points now (null once a split cut through it). */
export interface ReviewCommentPrint {
  id: number;
  roundId: number;
  nr: number;
  invitationId: number;
  body: string;
  span: SpanPrint | null;
  sectionId: number | null;
}

export interface AnswerPrint {
  commentId: number;
  response: string;
  disposition: string;
  motivation: string | null;
  change: string | null;
}

/** What a merge brought into the workspace, read right after it (see prints.ts readMerged). */
export interface MergedPrint {
  versions: Array<{ id: number; standardId: string; label: string; outline: OutlineEntry[] }>;
  pilot: { id: number; guid: string; title: string; versions: number[]; grid: GridPrint } | null;
  round: { id: number; guid: string; title: string; versionId: number | null; invitations: Array<[id: number, name: string]>; comments: ReviewCommentPrint[]; answers: AnswerPrint[] } | null;
}

/**
 * The working group's writes: pilots and their alignment grid, review rounds, lists and votes.
 * Every alignment ack carries the grid as the service answered it (setVersions: read right after).
 */
export type WorkIntent =
  | { op: 'pilot'; title: string }
  | { op: 'scope'; pilotId: number; from: number[]; to: number[]; discardCells: boolean }
  | { op: 'propose'; pilotId: number }
  | { op: 'classify'; pilotId: number; rowId: number; versionId: number; classification: string; note: string }
  | { op: 'decide'; pilotId: number; rowId: number; decision: string; versionId: number | null; text: string; dissent: string | null }
  | { op: 'comment'; pilotId: number; rowId: number; body: string }
  | { op: 'round'; versionId: number; title: string; organisations: string[] }
  /** From an invited organisation, or (newOrganisation) from one invited by this very comment. */
  | { op: 'rcomment'; roundId: number; invitationId: number | null; newOrganisation: string | null; body: string; span: SpanPrint | null }
  | { op: 'answer'; commentId: number; response: string; disposition: string; motivation: string | null; change: string | null }
  | { op: 'list'; title: string; versionLabel: string }
  | { op: 'item'; listId: number; category: string; statement: string }
  | { op: 'vround'; listId: number; title: string }
  | { op: 'vote'; roundId: number; itemId: number; delegate: string; perspective: string; vote: string; comment: string };

export type WorkAck =
  | { op: 'pilot'; pilotId: number; title: string }
  | { op: 'scope'; pilotId: number; from: number[]; to: number[]; grid: GridPrint }
  | { op: 'propose'; pilotId: number; proposedRows: number; grid: GridPrint }
  | { op: 'classify'; pilotId: number; rowId: number; versionId: number; classification: string; note: string; grid: GridPrint }
  | { op: 'decide'; pilotId: number; rowId: number; decision: string; versionId: number | null; text: string; dissent: string | null; grid: GridPrint }
  | { op: 'comment'; pilotId: number; rowId: number; body: string; commentId: number; grid: GridPrint }
  | { op: 'round'; roundId: number; versionId: number; title: string; invitations: Array<[id: number, name: string]> }
  | { op: 'rcomment'; commentId: number; roundId: number; nr: number; invitation: [id: number, name: string]; body: string; span: SpanPrint | null }
  | { op: 'answer'; commentId: number; response: string; disposition: string; motivation: string | null; change: string | null }
  | { op: 'list'; listId: number; title: string; versionLabel: string }
  | { op: 'item'; itemId: number; listId: number; category: string; ordinal: number; statement: string }
  | { op: 'vround'; roundId: number; listId: number; number: number; title: string; itemIds: number[] }
  | { op: 'vote'; roundId: number; itemId: number; delegate: string; perspective: string; vote: string; comment: string };

export type Intent = DocIntent | WorkIntent;
export type Ack = DocAck | WorkAck;

export const WORK_OPS: ReadonlySet<string> = new Set<WorkIntent['op']>(['pilot', 'scope', 'propose', 'classify', 'decide', 'comment', 'round', 'rcomment', 'answer', 'list', 'item', 'vround', 'vote']);
export const isWorkIntent = (i: Intent): i is WorkIntent => WORK_OPS.has(i.op);
export const isWorkAck = (a: Ack): a is WorkAck => WORK_OPS.has(a.op);

export type LogLine =
  | { t: 'start'; pid: number; cycle: number; seed: number }
  | { t: 'intent'; n: number; intent: Intent }
  /** ms: how long the step took, its reads included (for the test's timing summary). */
  | { t: 'ack'; n: number; ack: Ack; ms?: number }
  /** A call the API refused (validation, conflict): nothing was written, nothing to check. */
  | { t: 'refused'; n: number; code: string };

/** mulberry32: small, fast and the same on every platform, so a seed reproduces a run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Parses a log; a cut-off last line (the kill came mid-write) is dropped, anything else broken throws. */
export function parseLog(text: string): LogLine[] {
  const lines = text.split('\n');
  const out: LogLine[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    try {
      out.push(JSON.parse(line) as LogLine);
    } catch (error) {
      if (i === lines.length - 1) return; // no newline yet: the write was cut off
      throw new Error(`Ack log line ${i + 1} is broken: ${line.slice(0, 200)} (${(error as Error).message})`);
    }
  });
  return out;
}
