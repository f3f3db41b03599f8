/**
 * The tag view at programme size: 150 standards with one version each (generated guideline text,
 * 30 sections of about 150 words) and 10,000 annotations by three authors with one to three tags
 * from the seeded codebook plus fifteen own tags. Times what opening "Alle passages met tag X"
 * costs through the api: the passages of a tag, of a group tag (all leerlijnen), a combination,
 * the co-occurrence matrices and the codebook with its counts. Target: the view under 200 ms.
 * Runs in its own temporary workspace, so it neither depends on nor disturbs the other benches.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedSection } from '../common/document.js';
import type { Tag } from '../common/tags.js';
import { insertVersion } from '../db/queries/documents.js';
import { contextOf } from '../electron/services/anchoring.js';
import { reanchorVersion } from '../electron/services/annotations.js';
import { createApi, invokeApi } from '../electron/api.js';
import { openWorkspace } from '../electron/workspace.js';
import { addGeneratedStandards } from './generated-standards.js';
import { stats, time, type Stats } from './stats.js';

const STANDARDS = 150;
const SECTIONS = 30;
const ANNOTATIONS = 10_000;
const AUTHORS = ['Sanne', 'Ahmed', 'Lotte'];

const WORDS = ['jeugdige', 'ouders', 'school', 'wijkteam', 'huisarts', 'behandeling', 'veiligheid', 'netwerk', 'evaluatie', 'medicatie', 'gezinsbegeleiding', 'coördinatie', 'signalering', 'risicotaxatie', 'inkoop', 'gemeente'];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sectionsFor(next: () => number): ParsedSection[] {
  const pick = () => WORDS[Math.floor(next() * WORDS.length)] as string;
  return Array.from({ length: SECTIONS }, (_, i) => {
    const sentences = Array.from({ length: 12 }, () => `De professional bespreekt ${pick()} met ${pick()} en ${pick()} binnen de afgesproken termijn.`);
    return {
      level: i % 6 === 0 ? 1 : 2,
      number: `${Math.floor(i / 6) + 1}.${i % 6}`,
      heading: `Sectie ${i + 1}`,
      kind: 'section' as const,
      blocks: [{ type: 'paragraph' as const, text: sentences.slice(0, 6).join(' ') }, { type: 'paragraph' as const, text: sentences.slice(6).join(' ') }],
      pageStart: null,
      pageEnd: null,
    };
  });
}

export interface TagBenchRow {
  name: string;
  size: string;
  result: Stats;
}

/**
 * `scale` 10 is the 10× case of issue #9: 1,500 standards (the catalogue's 154 plus generated
 * ones) and 100,000 annotations; it skips the re-anchoring rows, whose cost is per version.
 */
export function benchTags(scale = 1): TagBenchRow[] {
  const standardCount = STANDARDS * scale;
  const annotationCount = ANNOTATIONS * scale;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-bench-tags-'));
  const workspace = openWorkspace(dataDir);
  const { db } = workspace;
  try {
    const api = createApi(db, { mode: 'test', appVersion: 'bench', workspacePath: workspace.file });
    const call = <T>(method: string, args?: unknown): T => {
      const result = invokeApi(api, method, args);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as T;
    };
    for (let i = 0; i < 15; i++) call('tags.create', { name: `Eigen tag ${i + 1}` });
    const tags = call<Tag[]>('tags.list');
    const leaves = tags.filter((t) => t.childCount === 0);
    const next = random(7);
    addGeneratedStandards(db, workspace.file, standardCount);
    const standards = (db.prepare('SELECT id FROM standard ORDER BY id LIMIT ?').all(standardCount) as Array<{ id: string }>).map((r) => r.id);

    const setup = performance.now();
    db.transaction(() => {
      standards.forEach((standardId, i) => {
        insertVersion(
          db,
          { standardId, label: 'bench', status: 'gepubliceerd', fileName: 'bench.txt', format: 'text', sha256: (i + 1).toString(16).padStart(64, '0'), byteSize: 0, pageCount: null, wordCount: 0, warnings: [], importedAt: new Date().toISOString(), importedBy: 'bench' },
          sectionsFor(next),
        );
      });
      const sections = db.prepare('SELECT s.id, s.version_id, s.number, s.heading, s.text, v.standard_id FROM section s JOIN document_version v ON v.id = s.version_id').all() as Array<{
        id: number;
        version_id: number;
        number: string | null;
        heading: string;
        text: string;
        standard_id: string;
      }>;
      const insert = db.prepare(
        `INSERT INTO annotation (id, standard_id, version_id, section_id, start_offset, end_offset, quote, prefix, suffix, section_number, section_heading, author, created_at, updated_at, anchor_state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'geplaatst')`,
      );
      const tag = db.prepare('INSERT OR IGNORE INTO annotation_tag (annotation_id, tag_id) VALUES (?, ?)');
      const now = new Date().toISOString();
      for (let n = 0; n < annotationCount; n++) {
        const s = sections[Math.floor(next() * sections.length)] as (typeof sections)[number];
        // A whole sentence, as people usually select.
        const starts = [0, ...[...s.text.matchAll(/\. /g)].map((m) => (m.index ?? 0) + 2)];
        const start = starts[Math.floor(next() * starts.length)] as number;
        const end = s.text.indexOf('.', start) + 1;
        const id = `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
        insert.run(id, s.standard_id, s.version_id, s.id, start, end, s.text.slice(start, end), contextOf(s.text, start, end).prefix, contextOf(s.text, start, end).suffix, s.number, s.heading, AUTHORS[n % AUTHORS.length], now, now);
        const count = 1 + Math.floor(next() * 3);
        for (let k = 0; k < count; k++) tag.run(id, (leaves[Math.floor(next() * leaves.length)] as Tag).id);
      }
    })();
    const generated = performance.now() - setup;

    const byPath = (p: string) => (tags.find((t) => t.path === p) as Tag).id;
    const leaf = byPath('Leerlijnen/Veiligheid');
    const group = byPath('Leerlijnen');
    const other = byPath('Perspectieven/Ervaring');
    const size = `${standardCount.toLocaleString('nl-NL')} standaarden, ${annotationCount.toLocaleString('nl-NL')} annotaties`;
    const leafCount = call<{ total: number }>('analysis.passages', { all: [leaf] }).total;
    const groupCount = call<{ total: number }>('analysis.passages', { all: [group] }).total;
    const runs = scale === 1 ? 30 : 10;

    // Re-anchoring: 20 versions get a revision (a sentence inserted at the start of every section,
    // a word added in every third sentence, one sentence deleted per section); each import's
    // re-anchoring is timed on its own and rolled back, so the tag timings above see the same data.
    const reanchorTimes: number[] = [];
    const outcome = { placed: 0, moved: 0, unplaced: 0 };
    const revisions = db.prepare('SELECT id, standard_id FROM document_version ORDER BY id LIMIT ?').all(scale === 1 ? 20 : 0) as Array<{ id: number; standard_id: string }>;
    for (const [i, v] of revisions.entries()) {
      const old = db.prepare('SELECT level, number, heading, kind, blocks FROM section WHERE version_id = ? ORDER BY ordinal').all(v.id) as Array<{ level: number; number: string; heading: string; kind: 'section'; blocks: string }>;
      const revised: ParsedSection[] = old.map((sec) => ({
        level: sec.level,
        number: sec.number,
        heading: sec.heading,
        kind: sec.kind,
        pageStart: null,
        pageEnd: null,
        blocks: (JSON.parse(sec.blocks) as Array<{ type: 'paragraph'; text: string }>).map((b, k) => ({
          type: 'paragraph' as const,
          text: `${k === 0 ? 'Eerst wordt de vraag verhelderd. ' : ''}${b.text
            .split('. ')
            .filter((_, n) => !(k === 1 && n === 2))
            .map((sentence, n) => (n % 3 === 1 ? sentence.replace('bespreekt', 'bespreekt altijd') : sentence))
            .join('. ')}`,
        })),
      }));
      const rollback = new Error('rollback');
      try {
        db.transaction(() => {
          const next = insertVersion(db, { standardId: v.standard_id, label: 'herzien', status: 'concept', fileName: 'herzien.txt', format: 'text', sha256: (1000 + i).toString(16).padStart(64, '0'), byteSize: 0, pageCount: null, wordCount: 0, warnings: [], importedAt: new Date().toISOString(), importedBy: 'bench' }, revised);
          const start = performance.now();
          const counts = reanchorVersion(db, v.id, next);
          reanchorTimes.push(performance.now() - start);
          outcome.placed += counts.placed;
          outcome.moved += counts.moved;
          outcome.unplaced += counts.unplaced;
          throw rollback;
        })();
      } catch (error) {
        if (error !== rollback) throw error;
      }
    }
    const reanchored = outcome.placed + outcome.moved + outcome.unplaced;
    const share = (n: number) => `${Math.round((100 * n) / reanchored)}%`;
    const reanchorRows: TagBenchRow[] =
      revisions.length === 0
        ? []
        : [
            {
              name: `Herverankeren bij een nieuwe versie, per versie (${Math.round(reanchored / revisions.length)} annotaties: ${share(outcome.placed)} exact, ${share(outcome.moved)} verplaatst, ${share(outcome.unplaced)} los)`,
              size: `${revisions.length} herziene versies`,
              result: stats(reanchorTimes),
            },
          ];
    return [
      { name: `Tagweergave: testdata maken (${standardCount.toLocaleString('nl-NL')} versies, ${annotationCount.toLocaleString('nl-NL')} annotaties)`, size, result: { runs: 1, median: generated, p95: generated } },
      ...reanchorRows,
      { name: `Passages met één tag (${leafCount} passages, met context)`, size, result: stats(time(() => void call('analysis.passages', { all: [leaf] }), runs)) },
      { name: `Passages met groepstag Leerlijnen (eerste 1000 van ${groupCount})`, size, result: stats(time(() => void call('analysis.passages', { all: [group] }), runs)) },
      { name: `Passages met groepstag Leerlijnen, ${groupCount <= 10_000 ? `alle ${groupCount}` : `10.000 van ${groupCount}`} in één keer`, size, result: stats(time(() => void call('analysis.passages', { all: [group], limit: 10_000 }), runs)) },
      { name: 'Passages met A en niet B (eerste 1000)', size, result: stats(time(() => void call('analysis.passages', { all: [group], not: [other] }), runs)) },
      { name: 'Co-occurrence: tags × standaarden en tags × tags', size, result: stats(time(() => void call('analysis.cooccurrence', {}), runs)) },
      { name: 'Codeboek met tellingen (tags.list)', size, result: stats(time(() => void call('tags.list'), runs)) },
      {
        name: 'Tagweergave openen: codeboek + passages met één tag + co-occurrence',
        size,
        result: stats(
          time(() => {
            call('tags.list');
            call('analysis.passages', { all: [leaf] });
            call('analysis.cooccurrence', {});
          }, runs),
        ),
      },
    ];
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
