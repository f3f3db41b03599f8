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

export type Intent =
  | { op: 'update'; standardId: string; shortTitle: string }
  | { op: 'create'; title: string }
  | { op: 'import'; standardId: string; label: string; headings: string[]; token: string; replacesVersionId: number | null }
  | { op: 'heading'; versionId: number; sectionId: number; heading: string }
  | { op: 'split'; versionId: number; sectionId: number; heading: string }
  | { op: 'merge'; versionId: number; sectionId: number }
  | { op: 'annotate'; versionId: number; sectionId: number; quote: string; note: string; tagId: number };

export type Ack =
  | { op: 'update'; standardId: string; shortTitle: string; updatedAt: string }
  | { op: 'create'; standardId: string; title: string }
  | { op: 'import'; standardId: string; versionId: number; label: string; outline: OutlineEntry[] }
  | { op: 'heading' | 'split' | 'merge'; versionId: number; sectionId: number; outline: OutlineEntry[] }
  | { op: 'annotate'; annotationId: string; versionId: number; quote: string; note: string; tagId: number };

export type LogLine =
  | { t: 'start'; pid: number; cycle: number; seed: number }
  | { t: 'intent'; n: number; intent: Intent }
  | { t: 'ack'; n: number; ack: Ack }
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
