/**
 * `npm run bench`: speed of the catalogue, at the real size (154 standards) and at 10× (1,540), of
 * full-text search over generated texts (RICHTSNOER_BENCH_FTS_WORDS words, default 4,000,000, and
 * 400,000; RICHTSNOER_BENCH_FTS_SCALE=10 adds 40 million; bench/fulltext.ts), and of
 * the tag view (150 standards, 10,000 annotations; bench/tags.ts).
 * Writes bench/results/latest.json and bench/results/latest.md (the table in the README).
 * Not part of `npm test`: timings belong here, not in unit tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createCatalogueIndex } from '../common/catalogue-search.js';
import type { StandardSummary } from '../common/catalogue.js';
import { foldText } from '../common/text.js';
import { createApi, invokeApi } from '../electron/api.js';
import { startWebServer } from '../electron/web.js';
import { openWorkspace } from '../electron/workspace.js';
import { benchFulltext } from './fulltext.js';
import { benchTags } from './tags.js';
import { alignQuality, benchAlign } from './align.js';
import { benchDiff } from './diff.js';
import { benchReport } from './report.js';
import { benchPdfImport } from './pdf-import.js';
import { stats, time, timeAsync, type Stats } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const rows: Array<{ name: string; size: string; result: Stats; baseline?: { name: string; result: Stats } }> = [];

function scaled(list: StandardSummary[], factor: number): StandardSummary[] {
  const out: StandardSummary[] = [];
  for (let i = 0; i < factor; i++) for (const s of list) out.push({ ...s, id: `${s.id}-${i}`, title: i === 0 ? s.title : `${s.title} (${i})` });
  return out;
}

/** Every prefix of a query a user types, keystroke by keystroke. */
const KEYSTROKES = ['a', 'ad', 'adh', 'adhd', 'adhd ', 'adhd m', 'adhd me', 'adhd med', 'adhd medi', 'adhd medicatie', 'j', 'je', 'jeugd', 'jeugdgezondheid', 'c', 'co', 'coordinatie'];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'richtsnoer-bench-'));
const workspace = openWorkspace(dataDir);
const api = createApi(workspace.db, { mode: 'test', appVersion: 'bench', workspacePath: workspace.file });
const list = invokeApi(api, 'standards.list', { includeRetired: true });
if (!list.ok) throw new Error(list.error.message);
const standards = list.value as StandardSummary[];
const labels = { type: (v: string) => v, subsector: (v: string) => v };

for (const factor of [1, 10]) {
  const corpus = scaled(standards, factor);
  const size = `${corpus.length} standaarden`;
  const index = createCatalogueIndex(corpus, labels);
  let k = 0;
  const search = stats(time(() => void index.search({ query: KEYSTROKES[k++ % KEYSTROKES.length] ?? '', facets: {}, yearFrom: null, yearTo: null }, 'relevance'), 200));
  // Baseline: a plain case-insensitive substring filter, the least a search box can do.
  const folded = corpus.map((s) => foldText(`${s.title} ${s.shortTitle ?? ''} ${s.ownerText ?? ''} ${s.topic ?? ''}`));
  let j = 0;
  const naive = stats(time(() => {
    const q = foldText(KEYSTROKES[j++ % KEYSTROKES.length] ?? '');
    folded.filter((t) => t.includes(q));
  }, 200));
  rows.push({ name: 'Fuzzy zoeken per toetsaanslag (met facettellingen)', size, result: search, baseline: { name: 'substring-filter', result: naive } });
  const build = stats(time(() => void createCatalogueIndex(corpus, labels), 20, 1));
  rows.push({ name: 'Zoekindex opbouwen (na laden of wijzigen)', size, result: build });
}

rows.push({ name: 'API standards.list (SQLite, met eigenaren)', size: '154 standaarden', result: stats(time(() => void invokeApi(api, 'standards.list', { includeRetired: true }), 100)) });
rows.push({ name: 'API standards.get', size: '1 standaard', result: stats(time(() => void invokeApi(api, 'standards.get', { id: 'zorgstandaard-adhd' }), 200)) });

// Full-text search over generated guideline texts (size: RICHTSNOER_BENCH_FTS_WORDS).
rows.push(...benchFulltext(workspace.db));

// The tag view: passages by tag and co-occurrence over 150 standards and 10,000 annotations, and
// the 10× case (1,500 standards, 100,000 annotations; about three minutes, most of it setup).
rows.push(...benchTags());
rows.push(...benchTags(10));

rows.push(await benchPdfImport());

// Harmonisation: alignment proposal (3 × 150 sections and larger), word diff against git, reports.
rows.push(...benchAlign());
const quality = await alignQuality();
rows.push(...benchDiff());
rows.push(...benchReport());

// Cold start of browser mode until the catalogue is interactive, in Chromium.
const server = await startWebServer({ api, staticDir: path.join(root, 'dist/renderer') });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const cold = await timeAsync(async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.loginUrl);
  await page.waitForSelector('.standards-table tbody a.row-link');
  await context.close();
}, 10);
rows.push({ name: 'Browsermodus: nieuwe pagina tot catalogus bruikbaar', size: '154 standaarden', result: stats(cold) });
await browser.close();
await server.close();
workspace.db.close();
fs.rmSync(dataDir, { recursive: true, force: true });

// Peak resident memory of this process: the whole backend (database, search, importers) under the load above.
const peakMiB = process.resourceUsage().maxRSS / 1024;
rows.push({ name: 'Piekgeheugen backend (RSS, MiB) na alle metingen', size: 'heel dit benchmarkproces', result: { runs: 1, median: peakMiB, p95: peakMiB } });

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
const fmt = (n: number) => (n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1));
const md = [
  `Gemeten op ${new Date().toISOString().slice(0, 10)}: ${machine}.`,
  '',
  '| Meting | Omvang | Mediaan (ms) | p95 (ms) | Runs | Basislijn mediaan (ms) | Verhouding |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    `| ${r.name} | ${r.size} | ${fmt(r.result.median)} | ${fmt(r.result.p95)} | ${r.result.runs} | ${r.baseline ? `${fmt(r.baseline.result.median)} (${r.baseline.name})` : '—'} | ${r.baseline ? `${(r.result.median / r.baseline.result.median).toFixed(1)}×` : '—'} |`,
  ),
  '',
  `Kwaliteit van het voorstel uitlijning op de gouden uitlijningen (${quality.pairs} paren): precisie ${quality.precision.toFixed(2)}, recall ${quality.recall.toFixed(2)}; per geval: ${quality.cases.map((c) => `${c.name} ${c.precision.toFixed(2)}/${c.recall.toFixed(2)}`).join(', ')}.`,
].join('\n');
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify({ machine, at: new Date().toISOString(), rows, alignQuality: quality }, null, 2) + '\n');
fs.writeFileSync(path.join(root, 'bench/results/latest.md'), md + '\n');
console.log(md);

// Keep the README's table in step with the latest run.
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, `<!-- bench:start -->\n${md}\n<!-- bench:end -->`);
if (updated !== readme) fs.writeFileSync(readmePath, updated);
