/**
 * Seeded damage to a workspace file, for tests/unit/damaged-workspace.test.ts: the same
 * (template, seed) always gives the same damaged bytes, so a failing copy can be made again.
 */
import { prng } from './protocol.js';

export const DAMAGE_KINDS = ['flip', 'truncate', 'zero-page', 'header', 'append', 'wal-garbage', 'mixed'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];

export interface DamagedCopy {
  kind: DamageKind;
  /** What was done, in bytes and pages: printed when the copy misbehaves. */
  description: string;
  db: Buffer;
  /** A "-wal" file to put next to it, or null. */
  wal: Buffer | null;
}

/** The seed of copy `index` of a run with `baseSeed` (spread out so neighbours differ). */
export const copySeed = (baseSeed: number, index: number): number => (Math.imul(baseSeed ^ 0x9e3779b9, 31) + Math.imul(index + 1, 0x85ebca6b)) >>> 0;

const WAL_MAGIC = 0x377f0682;

export function damage(template: Buffer, pageSize: number, seed: number, kind?: DamageKind): DamagedCopy {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  const pages = Math.max(1, Math.floor(template.length / pageSize));
  const chosen: DamageKind = kind ?? (DAMAGE_KINDS[int(0, DAMAGE_KINDS.length - 1)] as DamageKind);
  let db = Buffer.from(template);
  let wal: Buffer | null = null;
  const notes: string[] = [];

  const apply = (k: Exclude<DamageKind, 'mixed'>) => {
    switch (k) {
      case 'flip': {
        const pageCount = int(1, 3);
        for (let p = 0; p < pageCount; p++) {
          const page = int(0, pages - 1);
          const flips = int(1, 16);
          const offsets: number[] = [];
          for (let f = 0; f < flips; f++) {
            const at = Math.min(db.length - 1, page * pageSize + int(0, pageSize - 1));
            db[at] = (db[at] as number) ^ int(1, 255);
            offsets.push(at);
          }
          notes.push(`flipped ${flips} bytes in page ${page + 1} at ${offsets.join(',')}`);
        }
        break;
      }
      case 'truncate': {
        // Half the time on a page boundary (a lost tail of pages), else anywhere.
        const length = random() < 0.5 ? int(0, pages - 1) * pageSize : int(0, db.length - 1);
        db = db.subarray(0, length);
        notes.push(`truncated to ${length} bytes`);
        break;
      }
      case 'zero-page': {
        const page = int(0, pages - 1);
        db.fill(0, page * pageSize, Math.min(db.length, (page + 1) * pageSize));
        notes.push(`zeroed page ${page + 1}`);
        break;
      }
      case 'header': {
        // The 100-byte header: all of it, or one field (page size, file format versions, reserved
        // bytes, page count, freelist, schema cookie, encoding, user_version...).
        const fields: Array<[number, number]> = [[0, 16], [16, 2], [18, 2], [20, 1], [21, 3], [24, 4], [28, 4], [32, 8], [40, 4], [44, 4], [48, 4], [52, 4], [56, 4], [60, 4], [64, 4], [92, 8]];
        if (random() < 0.3) {
          const n = int(1, 100);
          bytes(n).copy(db, 0);
          notes.push(`overwrote the first ${n} header bytes`);
        } else {
          const [at, n] = fields[int(0, fields.length - 1)] as [number, number];
          bytes(n).copy(db, at);
          notes.push(`overwrote header bytes ${at}..${at + n - 1}`);
        }
        break;
      }
      case 'append': {
        const n = int(1, 3 * pageSize);
        db = Buffer.concat([db, bytes(n)]);
        notes.push(`appended ${n} garbage bytes`);
        break;
      }
      case 'wal-garbage': {
        // A "-wal" file that is not one, or one with a real magic number and rubbish after it.
        const n = int(1, 4 * pageSize);
        wal = bytes(n);
        if (random() < 0.5 && n >= 32) {
          wal.writeUInt32BE(WAL_MAGIC + int(0, 1), 0);
          wal.writeUInt32BE(3007000, 4);
          wal.writeUInt32BE(pageSize, 8);
          notes.push(`a ${n}-byte -wal file with a WAL header and garbage`);
        } else notes.push(`a ${n}-byte -wal file of garbage`);
        break;
      }
    }
  };

  if (chosen === 'mixed') {
    const simple = DAMAGE_KINDS.filter((k): k is Exclude<DamageKind, 'mixed'> => k !== 'mixed');
    apply(simple[int(0, simple.length - 1)] as Exclude<DamageKind, 'mixed'>);
    apply(simple[int(0, simple.length - 1)] as Exclude<DamageKind, 'mixed'>);
  } else apply(chosen);
  return { kind: chosen, description: notes.join('; '), db, wal };
}
