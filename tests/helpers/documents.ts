/**
 * Helpers for the document tests: a tiny stand-in parser (so storage, jobs and search are tested
 * without the real importers), sample guideline texts, and checks on stored trees and indexes.
 */
import { expect } from 'vitest';
import type { Block, ImportJob, ParsedDocument, ParsedSection, Section } from '../../common/document.js';
import type { Db } from '../../db/open.js';
import type { ParseOptions, Parser } from '../../electron/services/import-jobs.js';
import type { TestWorkspace } from './test-db.js';

/**
 * Mini-markdown to ParsedDocument: "#"×level headings (a leading "4.2" becomes the number; "Aanbeveling"
 * makes a recommendation), "- " and "1. " lists, "| a | b |" tables, blank lines between paragraphs.
 */
export function parseMini(source: string): ParsedDocument {
  const sections: ParsedSection[] = [];
  let current: ParsedSection | null = null;
  let paragraph: string[] = [];
  const section = (): ParsedSection => {
    if (!current) {
      current = { level: 1, number: null, heading: '', kind: 'other', blocks: [], pageStart: null, pageEnd: null };
      sections.push(current);
    }
    return current;
  };
  const flush = () => {
    if (paragraph.length) section().blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
    paragraph = [];
  };
  const last = (): Block | undefined => section().blocks[section().blocks.length - 1];
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    const heading = /^(#+)\s+(.*)$/.exec(line);
    const bullet = /^(-|\d+\.)\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]?.length ?? 1;
      const text = heading[2] ?? '';
      const numbered = /^(\d+(?:\.\d+)*)\s+(.*)$/.exec(text);
      const title = numbered ? (numbered[2] ?? '') : text;
      current = {
        level,
        number: numbered ? (numbered[1] ?? null) : null,
        heading: title,
        kind: /^aanbeveling/i.test(title) ? 'recommendation' : level === 1 ? 'chapter' : 'section',
        blocks: [],
        pageStart: null,
        pageEnd: null,
      };
      sections.push(current);
    } else if (bullet && !line.startsWith('|')) {
      flush();
      const ordered = bullet[1] !== '-';
      const previous = last();
      if (previous?.type === 'list' && previous.ordered === ordered) previous.items.push(bullet[2] ?? '');
      else section().blocks.push({ type: 'list', ordered, items: [bullet[2] ?? ''] });
    } else if (line.startsWith('|')) {
      flush();
      const cells = line.replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      const previous = last();
      if (previous?.type === 'table') previous.rows.push(cells);
      else section().blocks.push({ type: 'table', rows: [cells] });
    } else if (line === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  const wordCount = source.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return { format: 'markdown', title: sections[0]?.heading ?? null, pageCount: null, sections, warnings: [], wordCount };
}

/** A parser that reads the bytes as mini-markdown, with a little progress along the way. */
export const miniParser: Parser = async (bytes, _fileName, options: ParseOptions) => {
  options.onProgress?.(0.5, 'Tekst lezen');
  await new Promise((resolve) => setImmediate(resolve));
  options.signal?.throwIfAborted();
  return parseMini(new TextDecoder().decode(bytes));
};

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** An ADHD-like guideline with chapters, paragraphs, a recommendation with a list, and a table. */
export const SAMPLE = `# 1 Inleiding
Deze richtlijn gaat over de coördinatie van zorg bij kinderen met ADHD.

## 1.1 Achtergrond
ADHD komt veel voor.

Ouders vragen vaak om ouderbegeleiding.

## 1.2 Doel
De richtlijn ondersteunt professionals.

### 1.2.1 Doelgroep
Kinderen en jongeren tot 18 jaar.

# 2 Behandeling
Psycho-educatie is de eerste stap.

## Aanbeveling 1
Bied ouders een training aan.

- oudertraining
- gezinsbegeleiding

Evalueer na drie maanden.

## 2.1 Medicatie
Bespreek medicatiegebruik met ouders en school.

| Middel | Dosering |
| methylfenidaat | laag beginnen |

# 3 Slot
Tot slot.
`;

/** Polls imports.status until the job has ended. */
export async function waitForJob(ws: TestWorkspace, jobId: string, timeoutMs = 5000): Promise<ImportJob> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = ws.ok<ImportJob>('imports.status', { jobId });
    if (job.state !== 'bezig') return job;
    if (Date.now() > until) throw new Error(`job ${jobId} still running`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Imports text through the api (base64, like the UI) and returns the finished job. */
export async function importText(ws: TestWorkspace, standardId: string, text: string, label = '2017', status: 'gepubliceerd' | 'concept' = 'gepubliceerd'): Promise<ImportJob> {
  const job = ws.ok<ImportJob>('imports.start', { standardId, fileName: 'richtlijn.md', dataBase64: base64(text), label, status });
  const done = await waitForJob(ws, job.id);
  if (done.state !== 'klaar') throw new Error(`import failed: ${JSON.stringify(done.error)}`);
  return done;
}

/** FTS5's own consistency check of both indexes against the section table (throws when stale). */
export function checkIndexes(db: Db): void {
  db.prepare("INSERT INTO section_word (section_word, rank) VALUES ('integrity-check', 1)").run();
  db.prepare("INSERT INTO section_trigram (section_trigram, rank) VALUES ('integrity-check', 1)").run();
}

/**
 * Asserts the stored tree is what the levels say: ordinals 0..n-1, every parent the nearest earlier
 * section with a lower level, in the same version. Returns the outline as indented "number heading" lines.
 */
export function checkTree(sections: Section[]): string[] {
  expect(sections.map((s) => s.ordinal)).toEqual(sections.map((_, i) => i));
  sections.forEach((s, i) => {
    let expected: number | null = null;
    for (let k = i - 1; k >= 0; k--) {
      if ((sections[k] as Section).level < s.level) {
        expected = (sections[k] as Section).id;
        break;
      }
    }
    expect({ section: s.heading, parentId: s.parentId }).toEqual({ section: s.heading, parentId: expected });
    expect(s.level).toBeGreaterThanOrEqual(1);
  });
  return sections.map((s) => `${'  '.repeat(s.level - 1)}${s.number ? `${s.number} ` : ''}${s.heading}`);
}
