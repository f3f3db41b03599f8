/**
 * Helpers for the list tests: a list with items in each group, voting a whole perspective, and
 * reading the files in a DOCX export.
 */
import { inflateRawSync } from 'node:zlib';
import type { BdlItem, BdlList, Perspective, Vote } from '../../common/lists.js';
import type { TestWorkspace } from './test-db.js';

export function makeList(ws: TestWorkspace, title = 'Beter doen, beter laten', versionLabel = 'Conceptlijst Q1 2026'): BdlList {
  return ws.ok<BdlList>('lists.create', { title, versionLabel });
}

export function makeItem(ws: TestWorkspace, listId: number, statement: string, extra: Record<string, unknown> = {}): BdlItem {
  return ws.ok<BdlItem>('items.create', { listId, category: 'beter_doen', statement, ...extra });
}

/** Casts `votes` for one perspective on an item, with delegates named "<perspective> 1", "<perspective> 2"… */
export function voteAs(ws: TestWorkspace, roundId: number, itemId: number, perspective: Perspective, votes: Vote[], comments: Record<number, string> = {}): void {
  votes.forEach((vote, i) => ws.ok('rounds.vote', { roundId, itemId, delegate: `${perspective} ${i + 1}`, perspective, vote, ...(comments[i] ? { comment: comments[i] } : {}) }));
}

/**
 * The files of a ZIP, read from its central directory (independent of the writer): name → bytes.
 * Only stored and deflated entries, which is all a DOCX uses.
 */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}
