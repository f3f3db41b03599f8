/**
 * Child process for the kill -9 test (tests/unit/crash-kill.test.ts): opens a workspace the way the
 * app does (openWorkspace + createApi) and makes real API writes in a loop until it is killed.
 * Before each write it logs an intent, after each write that returned ok an ack (fsynced): see
 * tests/crash/protocol.ts.
 *
 *   node --import tsx tests/crash/writer.ts <dir>/werkruimte.sqlite <logfile> <seed> [cycle] [colleague.json]
 *
 * With colleague.json ({ fileName, dataBase64, pilotGuid, roundGuid }: a colleague's project file)
 * the first write merges that file in (merge.preview, then merge.apply keeping "mijn" in conflicts).
 *
 * The test runs a bundled copy of this file (node starts it in ~0.2 s instead of ~1 s under tsx);
 * the behaviour is the same. Prints "ready" on stdout when the first write is about to start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentVersion, ImportJob, Section } from '../../common/document.js';
import type { Standard, StandardSummary } from '../../common/catalogue.js';
import type { MergePlan, MergeResult } from '../../common/merge.js';
import type { Tag } from '../../common/tags.js';
import { createApi, invokeApi, type ApiResponse } from '../../electron/api.js';
import { openWorkspace } from '../../electron/workspace.js';
import { parseMarkdown } from './mini-parser.js';
import { mergedVersionIds, readMerged } from './prints.js';
import { prng, type Ack, type Intent, type LogLine, type OutlineEntry } from './protocol.js';
import { createWorkgroupWriter } from './workgroup-writes.js';

const [dbFile, logFile, seedArg, cycleArg, colleagueArg] = process.argv.slice(2);
if (!dbFile || !logFile || !seedArg) {
  console.error('usage: writer.ts <dir>/werkruimte.sqlite <logfile> <seed> [cycle] [colleague.json]');
  process.exit(2);
}
if (path.basename(dbFile) !== 'werkruimte.sqlite') {
  console.error('the database must be called werkruimte.sqlite (openWorkspace opens <dir>/werkruimte.sqlite)');
  process.exit(2);
}
const seed = Number(seedArg);
const cycle = Number(cycleArg ?? 0);
const random = prng(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const log = fs.openSync(logFile, 'a');
function write(line: LogLine, sync: boolean): void {
  fs.writeSync(log, `${JSON.stringify(line)}\n`);
  if (sync) fs.fsyncSync(log);
}

const workspace = openWorkspace(path.dirname(dbFile));
const api = createApi(workspace.db, { mode: 'test', appVersion: 'crash-test', workspacePath: workspace.file }, { parse: parseMarkdown });

function call<T>(method: string, args?: unknown): T {
  const result: ApiResponse = invokeApi(api, method, args);
  if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.code} ${result.error.message}`), { apiCode: result.error.code });
  return result.value as T;
}

const outlineOf = (sections: Section[]): OutlineEntry[] => sections.map((s) => [s.id, s.heading]);

// What the writer works on: a few seeded standards (plus the ones it creates), their versions.
const pool: string[] = call<StandardSummary[]>('standards.list', {}).slice(0, 6).map((s) => s.id);
const versions: Array<{ id: number; standardId: string }> = [];
for (const standardId of [...pool]) {
  for (const v of call<DocumentVersion[]>('versions.list', { standardId })) versions.push({ id: v.id, standardId });
}
for (const s of call<StandardSummary[]>('standards.list', {})) {
  if (s.title.startsWith('Crashtest ') && !pool.includes(s.id)) pool.push(s.id);
}
const tagIds = call<Tag[]>('tags.list').map((t) => t.id);
const type = call<Standard>('standards.get', { id: pool[0] }).type;

let n = 0;
const tag = () => `${cycle}x${n}`;
const workgroup = createWorkgroupWriter({ call, random, pick, between, tag, versions });

/** Words for the imported texts, so the aligner finds some sections alike and others not. */
const TOPICS = [
  'signalering van zorgen over de ontwikkeling',
  'diagnostiek met informatie van ouders en school',
  'psycho-educatie voor ouders en jeugdige',
  'medicatie en de evaluatie van het effect',
  'samenwerking met school en wijkteam',
  'veiligheid thuis en het veiligheidsplan',
  'terugval, nazorg en opnieuw contact',
  'ouderbegeleiding en coördinatie van zorg',
];

/** The colleague's project file merged in, and what it brought, read back (prints.ts). */
function mergeColleague(file: string): { intent: Intent; perform: () => Ack } {
  const colleague = JSON.parse(fs.readFileSync(file, 'utf8')) as { fileName: string; dataBase64: string; pilotGuid: string; roundGuid: string };
  return {
    intent: { op: 'mergein', fileName: colleague.fileName },
    perform: () => {
      const plan = call<MergePlan>('merge.preview', { fileName: colleague.fileName, dataBase64: colleague.dataBase64 });
      const result = call<MergeResult>('merge.apply', { planId: plan.planId, resolutions: Object.fromEntries(plan.conflicts.map((c) => [c.key, 'mijn'])) });
      if (!result.changed || !result.backup) throw new Error(`the merge changed nothing: ${JSON.stringify(result.totals)}`);
      return { op: 'mergein', backup: result.backup.name, merged: readMerged(workspace.db, mergedVersionIds(workspace.db), colleague.pilotGuid, colleague.roundGuid) };
    },
  };
}

/** One random write (or the given one): logs its intent, then its ack (or that the API refused it: nothing written). */
async function step(planned?: { intent: Intent; perform: () => Ack }): Promise<void> {
  n++;
  const started = performance.now();
  const roll = random();
  let intent: Intent;
  let perform: () => Promise<Ack> | Ack;

  // Working-group writes (pilots, grid, review rounds, lists and votes) 45% of the time; the
  // document writes below keep their own mix within the rest.
  const work = !planned && roll < 0.45 ? workgroup.plan(roll / 0.45) : null;
  const docRoll = roll < 0.45 ? random() : (roll - 0.45) / 0.55;
  const version = versions.length > 0 ? pick(versions) : null;
  const sections = version && !work && !planned ? call<{ sections: Section[] }>('versions.get', { versionId: version.id }).sections : [];

  if (planned) {
    intent = planned.intent;
    perform = planned.perform;
  } else if (work) {
    intent = work.intent;
    perform = work.perform;
  } else if (docRoll < 0.25 || !version) {
    if (docRoll < 0.12 || !version) {
      // An import (a third of them replacing an earlier version, which re-anchors its annotations).
      const standardId = pick(pool);
      const token = `t${tag()}`;
      // Mostly short texts; now and then a longer one, so a pilot's proposal writes many rows at once.
      const count = random() < 0.15 ? between(8, 16) : between(1, 5);
      const headings = Array.from({ length: count }, (_, i) => `Hoofdstuk ${i + 1} ${token}`);
      const levels = headings.map((_, i) => (i === 0 ? 1 : between(1, 2)));
      const text = headings
        .map((h, i) => `${'#'.repeat(levels[i] ?? 1)} ${h}\n\nTekst ${i + 1} van ${token} over ${pick(TOPICS)}.\n\nNog een alinea ${i} over ${pick(TOPICS)}.\n`)
        .join('\n');
      const earlier = versions.filter((v) => v.standardId === standardId);
      const replaces = earlier.length > 0 && random() < 0.35 ? pick(earlier).id : null;
      const label = `v${tag()}`;
      intent = { op: 'import', standardId, label, headings, token, replacesVersionId: replaces };
      perform = async () => {
        const job = call<ImportJob>('imports.start', {
          standardId,
          fileName: `${label}.md`,
          dataBase64: Buffer.from(text, 'utf8').toString('base64'),
          label,
          status: 'gepubliceerd',
          ...(replaces !== null ? { replacesVersionId: replaces } : {}),
        });
        let state = job;
        while (state.state === 'bezig') {
          await new Promise((resolve) => setImmediate(resolve));
          state = call<ImportJob>('imports.status', { jobId: job.id });
        }
        if (state.state !== 'klaar' || state.versionId === null) throw Object.assign(new Error(`import ${state.state}: ${JSON.stringify(state.error)}`), { apiCode: state.error?.code });
        versions.push({ id: state.versionId, standardId });
        const stored = call<{ sections: Section[] }>('versions.get', { versionId: state.versionId });
        return { op: 'import', standardId, versionId: state.versionId, label, outline: outlineOf(stored.sections) };
      };
    } else {
      const title = `Crashtest ${tag()} standaard`;
      intent = { op: 'create', title };
      perform = () => {
        const created = call<Standard>('standards.create', { title, type, status: 'concept' });
        pool.push(created.id);
        return { op: 'create', standardId: created.id, title };
      };
    }
  } else if (docRoll < 0.5) {
    const standardId = pick(pool);
    const shortTitle = `k${tag()}`;
    intent = { op: 'update', standardId, shortTitle };
    perform = () => {
      const updated = call<Standard>('standards.update', { id: standardId, patch: { shortTitle } });
      return { op: 'update', standardId, shortTitle, updatedAt: updated.updatedAt };
    };
  } else if (docRoll < 0.68) {
    const section = pick(sections);
    const heading = `Kop h${tag()}`;
    intent = { op: 'heading', versionId: version.id, sectionId: section.id, heading };
    perform = () => ({ op: 'heading', versionId: version.id, sectionId: section.id, outline: outlineOf(call<{ sections: Section[] }>('sections.update', { sectionId: section.id, heading }).sections) });
  } else if (docRoll < 0.8) {
    const section = pick(sections);
    const heading = `Deel s${tag()}`;
    intent = { op: 'split', versionId: version.id, sectionId: section.id, heading };
    perform = () => ({
      op: 'split',
      versionId: version.id,
      sectionId: section.id,
      outline: outlineOf(call<{ sections: Section[] }>('sections.split', { sectionId: section.id, atOffset: Math.max(1, Math.floor(section.text.length / 2)), heading }).sections),
    });
  } else if (docRoll < 0.86) {
    const section = pick(sections);
    intent = { op: 'merge', versionId: version.id, sectionId: section.id };
    perform = () => ({ op: 'merge', versionId: version.id, sectionId: section.id, outline: outlineOf(call<{ sections: Section[] }>('sections.mergeWithPrevious', { sectionId: section.id }).sections) });
  } else {
    const section = pick(sections);
    const start = Math.min(between(0, 10), Math.max(0, section.text.length - 1));
    const quote = section.text.slice(start, start + between(1, 30)).trim() || section.text.slice(start, start + 1);
    const at = section.text.indexOf(quote, start);
    const note = `notitie a${tag()}`;
    const tagId = pick(tagIds);
    intent = { op: 'annotate', versionId: version.id, sectionId: section.id, quote, note, tagId };
    perform = () => {
      const created = call<{ id: string; quote: string }>('annotations.create', { sectionId: section.id, start: at, end: at + quote.length, quote, tagIds: [tagId], note });
      return { op: 'annotate', annotationId: created.id, versionId: version.id, quote: created.quote, note, tagId };
    };
  }

  // The intent only needs to survive the kill of this process, which the page cache guarantees;
  // the ack is fsynced as the brief of an acknowledged write demands.
  write({ t: 'intent', n, intent }, false);
  let ack: Ack;
  try {
    ack = await perform();
  } catch (error) {
    const code = (error as { apiCode?: string }).apiCode;
    // Refusals the API may rightly give on random input (a first section cannot merge, a split
    // point without text on both sides, a quote of only spaces). Anything else is a failure.
    if (code === 'CONFLICT' || code === 'ONGELDIGE_INVOER') {
      write({ t: 'refused', n, code }, true);
      return;
    }
    throw error;
  }
  write({ t: 'ack', n, ack, ms: Math.round(performance.now() - started) }, true);
}

async function main(): Promise<void> {
  write({ t: 'start', pid: process.pid, cycle, seed }, true);
  process.stdout.write('ready\n');
  const until = Date.now() + 30_000; // never outlive a test that forgot to kill us
  if (colleagueArg) await step(mergeColleague(colleagueArg));
  while (Date.now() < until) await step();
  workspace.db.close();
}

main().catch((error: unknown) => {
  console.error('[writer] failed', error);
  process.exit(1);
});
