import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_ERROR_CODES, IMPORT_FORMATS, SECTION_KINDS, type ParsedDocument } from '../../common/document.js';
import { ImportError, parseDocument } from '../../electron/services/import/index.js';

/**
 * Property: whatever bytes arrive under whatever name, parseDocument resolves to a well-formed
 * ParsedDocument or rejects with an ImportError — never another error, never a hang.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const VALID = ['richtlijn-adhd.pdf', 'richtlijn.docx', 'richtlijn-site.html', 'vijandig.html', 'zorgstandaard.md', 'handreiking-cp1252.txt', 'handreiking-utf16le.txt'];
const fixtures = new Map(VALID.map((name) => [name, new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)))]));
const NAMES = ['a.pdf', 'a.docx', 'a.html', 'a.htm', 'a.md', 'a.txt', 'a.doc', 'a.xlsx', 'a.PDF', 'zonder-extensie', 'map/naam met spatie.Txt', '.pdf'];
const CASE_TIMEOUT_MS = 15_000;
/** IMPORT_FUZZ_RUNS=5000 for a long local run; the default keeps the suite fast. */
const RUNS = Number(process.env.IMPORT_FUZZ_RUNS) || 0;

class Hang extends Error {}

async function outcome(bytes: Uint8Array, name: string): Promise<ParsedDocument | ImportError> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`geen antwoord binnen ${CASE_TIMEOUT_MS} ms voor ${name} (${bytes.length} bytes)`)), CASE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([parseDocument(bytes, name, { maxBytes: 5 * 1024 * 1024 }), hang]);
  } catch (error) {
    if (error instanceof Hang) throw error;
    if (!(error instanceof ImportError)) throw new Error(`geen ImportError maar ${String(error)}`, { cause: error });
    return error;
  } finally {
    clearTimeout(timer);
  }
}

function checkOutcome(result: ParsedDocument | ImportError): void {
  if (result instanceof ImportError) {
    expect(IMPORT_ERROR_CODES).toContain(result.code);
    expect(result.message.length).toBeGreaterThan(10);
    return;
  }
  expect(IMPORT_FORMATS).toContain(result.format);
  expect(result.sections.length).toBeGreaterThan(0);
  expect(result.wordCount).toBeGreaterThan(0);
  let previous = 0;
  for (const s of result.sections) {
    expect(s.level).toBeGreaterThanOrEqual(1);
    expect(s.level).toBeLessThanOrEqual(previous + 1);
    previous = s.level;
    expect(SECTION_KINDS).toContain(s.kind);
    expect(typeof s.heading).toBe('string');
    for (const b of s.blocks) expect(['paragraph', 'list', 'table']).toContain(b.type);
    if (s.pageStart !== null) expect(s.pageEnd ?? 0).toBeGreaterThanOrEqual(s.pageStart);
  }
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: [number, number][] }
  | { kind: 'splice'; at: number; remove: number; insert: Uint8Array };

function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const pos = (f: number): number => Math.min(bytes.length, Math.floor(f * bytes.length));
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, pos(m.at));
    case 'flip': {
      const out = bytes.slice();
      for (const [f, value] of m.flips) if (out.length) out[Math.min(out.length - 1, pos(f))] = value;
      return out;
    }
    case 'splice': {
      const at = pos(m.at);
      return new Uint8Array([...bytes.subarray(0, at), ...m.insert, ...bytes.subarray(Math.min(bytes.length, at + m.remove))]);
    }
  }
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constant('flip' as const), flips: fc.array(fc.tuple(fraction, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fraction, remove: fc.nat({ max: 300 }), insert: fc.uint8Array({ maxLength: 300 }) }),
);

describe('parseDocument never throws anything but ImportError', () => {
  it('on arbitrary bytes with arbitrary names', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }),
      // Arbitrary bytes behind a real signature, so the format-specific parsers get them.
      fc.tuple(fc.constantFrom('%PDF-1.7\n', 'PK\u0003\u0004', '<!doctype html>', '\uFEFF', '# '), fc.uint8Array({ maxLength: 2048 })).map(
        ([prefix, rest]) => new Uint8Array([...Buffer.from(prefix, 'latin1'), ...rest]),
      ),
      fc.string({ maxLength: 400 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(...NAMES), async (b, name) => {
        checkOutcome(await outcome(b, name));
      }),
      { numRuns: RUNS || 120 },
    );
  }, RUNS ? 3_600_000 : 60_000);

  it('on truncated, bit-flipped and spliced copies of the valid fixtures', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VALID), mutation, fc.boolean(), fc.constantFrom(...NAMES), async (file, m, keepName, otherName) => {
        const original = fixtures.get(file) as Uint8Array;
        const name = keepName ? file : otherName;
        checkOutcome(await outcome(mutate(original, m), name));
      }),
      { numRuns: RUNS || 90 },
    );
  }, RUNS ? 3_600_000 : 90_000);
});
