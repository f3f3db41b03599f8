import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../common/catalogue.js';
import type { DocumentVersion, ImportJob, ParsedDocument } from '../../common/document.js';
import { createDocumentsService, type DocumentsService } from '../../electron/services/documents.js';
import type { Parser } from '../../electron/services/import-jobs.js';
import { loadStandardsData } from '../../standards-data/schema.js';
import { checkIndexes, checkTree, encode, miniParser, parseMini, SAMPLE } from '../helpers/documents.js';
import { dumpTables, seededWorkspace, totalChanges, type TestWorkspace } from '../helpers/test-db.js';

const data = loadStandardsData();
const idOf = (catalogueId: string) => data.standards.find((s) => s.catalogueId === catalogueId)?.id ?? '';
const ADHD = idOf('KS001');
const OTHER = idOf('KS003');

let ws: TestWorkspace;
beforeEach(() => {
  ws = seededWorkspace();
});
afterEach(() => ws.cleanup());

const service = (parse: Parser = miniParser, keepFinished?: number): DocumentsService =>
  createDocumentsService(ws.db, () => 'Tester', { parse, ...(keepFinished === undefined ? {} : { keepFinished }) });

const args = (text = SAMPLE, overrides: Partial<{ standardId: string; label: string; fileName: string }> = {}) => ({
  standardId: ADHD,
  fileName: 'adhd-2017.md',
  bytes: encode(text),
  label: '2017',
  status: 'gepubliceerd' as const,
  ...overrides,
});

/** A parser that waits for its signal (or for release()), to act while it is "reading". */
function blockingParser(options: { ignoreSignal?: boolean } = {}) {
  let started: () => void = () => {};
  let release: (doc: ParsedDocument) => void = () => {};
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const parse: Parser = (bytes, _name, opts) =>
    new Promise<ParsedDocument>((resolve, reject) => {
      opts.onProgress?.(0.3, 'Pagina 3 van 10 lezen');
      release = resolve;
      if (!options.ignoreSignal) opts.signal?.addEventListener('abort', () => reject(Object.assign(new Error('Geannuleerd'), { code: 'GEANNULEERD' })));
      started();
      void bytes;
    });
  return { parse, started: startedPromise, release: (doc: ParsedDocument) => release(doc) };
}

describe('importing a document', () => {
  it('stores the version, the tree with the right parent ids, text, escaped html and an audit entry', async () => {
    const docs = service();
    const running = docs.imports.start(args());
    expect(running).toMatchObject({ state: 'bezig', standardId: ADHD, fileName: 'adhd-2017.md', versionId: null, error: null });
    const job = await docs.imports.wait(running.id);
    expect(job).toMatchObject({ state: 'klaar', progress: 1, error: null, versionId: expect.any(Number) });

    const { version, sections } = docs.getVersion({ versionId: job.versionId as number });
    expect(version).toMatchObject({
      standardId: ADHD,
      label: '2017',
      status: 'gepubliceerd',
      fileName: 'adhd-2017.md',
      format: 'markdown',
      byteSize: encode(SAMPLE).byteLength,
      sectionCount: 8,
      importedBy: 'Tester',
      warnings: [],
      pageCount: null,
    });
    expect(version.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(checkTree(sections)).toEqual([
      '1 Inleiding',
      '  1.1 Achtergrond',
      '  1.2 Doel',
      '    1.2.1 Doelgroep',
      '2 Behandeling',
      '  Aanbeveling 1',
      '  2.1 Medicatie',
      '3 Slot',
    ]);
    const byHeading = new Map(sections.map((s) => [s.heading, s]));
    expect(byHeading.get('Doelgroep')?.parentId).toBe(byHeading.get('Doel')?.id);
    expect(byHeading.get('Doel')?.parentId).toBe(byHeading.get('Inleiding')?.id);
    expect(byHeading.get('Behandeling')?.parentId).toBeNull();
    expect(byHeading.get('Aanbeveling 1')).toMatchObject({ kind: 'recommendation', level: 2, parentId: byHeading.get('Behandeling')?.id });
    expect(byHeading.get('Aanbeveling 1')?.text).toBe('Bied ouders een training aan.\n\noudertraining\ngezinsbegeleiding\n\nEvalueer na drie maanden.');
    expect(byHeading.get('Aanbeveling 1')?.html).toBe('<p>Bied ouders een training aan.</p>\n<ul><li>oudertraining</li><li>gezinsbegeleiding</li></ul>\n<p>Evalueer na drie maanden.</p>');
    expect(byHeading.get('Medicatie')?.html).toContain('<table><tr><td>Middel</td><td>Dosering</td></tr><tr><td>methylfenidaat</td><td>laag beginnen</td></tr></table>');

    const audit = ws.ok<AuditEntry[]>('audit.list', { entity: 'document_version', entityId: String(version.id) });
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'Tester', action: 'geimporteerd', details: expect.objectContaining({ standardId: ADHD, label: '2017', fileName: 'adhd-2017.md', sections: 8 }) }),
    ]);
    checkIndexes(ws.db);
  });

  it('never copies input html: markup in the text is escaped, control characters and stray markers removed', async () => {
    const evil = '# <script>alert(1)</script>\n<img src=x onerror=alert(1)> & "quotes" \u0002mark\u0003 \u0000nul\n\n- <b>vet</b>\n';
    const job = await service().imports.importNow(args(evil));
    const [section] = service().getVersion({ versionId: job.versionId as number }).sections;
    expect(section?.heading).toBe('<script>alert(1)</script>');
    expect(section?.html).toBe('<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; mark nul</p>\n<ul><li>&lt;b&gt;vet&lt;/b&gt;</li></ul>');
    expect(section?.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it('reports progress that only goes up, with Dutch steps, ending at 1', async () => {
    const parse: Parser = async (bytes, _name, opts) => {
      for (let i = 1; i <= 10; i++) {
        opts.onProgress?.(i / 10, `Pagina ${i} van 10 lezen`);
        // A parser that reports a step backwards must not make the bar jump back.
        if (i === 5) opts.onProgress?.(0.1, 'Pagina 5 van 10 lezen');
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      return parseMini(new TextDecoder().decode(bytes));
    };
    const docs = service(parse);
    const job = docs.imports.start(args());
    const seen: Array<{ progress: number; step: string }> = [];
    while (docs.imports.status(job.id).state === 'bezig') {
      const { progress, step } = docs.imports.status(job.id);
      seen.push({ progress, step });
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const final = docs.imports.status(job.id);
    expect(final).toMatchObject({ state: 'klaar', progress: 1, step: 'Klaar' });
    const values = [...seen.map((s) => s.progress), final.progress];
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] as number);
    expect(new Set(values).size).toBeGreaterThanOrEqual(4);
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(seen.some((s) => /^Pagina \d+ van 10 lezen$/.test(s.step))).toBe(true);
  });

  it('refuses the same file twice for one standard, naming the existing version; another standard may have it', async () => {
    const docs = service();
    await docs.imports.importNow(args());
    const before = dumpTables(ws.db);
    const again = await docs.imports.importNow(args(SAMPLE, { label: 'Nog een keer', fileName: 'kopie.md' }));
    expect(again).toMatchObject({ state: 'mislukt', versionId: null, error: { code: 'AL_GEIMPORTEERD', message: expect.stringContaining('"2017"') } });
    expect(again.error?.message).toMatch(/al geïmporteerd/);
    expect(dumpTables(ws.db)).toEqual(before);
    const elsewhere = await docs.imports.importNow(args(SAMPLE, { standardId: OTHER }));
    expect(elsewhere.state).toBe('klaar');
  });

  it('two simultaneous imports of one file: exactly one is stored (the duplicate check is repeated in the write)', async () => {
    const docs = service();
    const [a, b] = await Promise.all([docs.imports.importNow(args()), docs.imports.importNow(args(SAMPLE, { label: 'tweede' }))]);
    expect([a.state, b.state].sort()).toEqual(['klaar', 'mislukt']);
    expect([a, b].find((j) => j.state === 'mislukt')?.error?.code).toBe('AL_GEIMPORTEERD');
    expect(docs.listVersions({ standardId: ADHD })).toHaveLength(1);
  });

  it('refuses a file over the limit before parsing it, and accepts one exactly at the limit', async () => {
    ws.ok('settings.setImportLimit', { megabytes: 1 });
    let calls = 0;
    const docs = service(async (bytes, name, opts) => {
      calls++;
      expect(opts.maxBytes).toBe(1024 * 1024);
      return miniParser(bytes, name, opts);
    });
    const before = dumpTables(ws.db);
    const tooBig = new Uint8Array(1024 * 1024 + 1).fill(0x61);
    const refused = docs.imports.start({ ...args(), bytes: tooBig });
    // Refused at once: the job the caller gets back has already failed.
    expect(refused).toMatchObject({ state: 'mislukt', error: { code: 'TE_GROOT', message: expect.stringMatching(/grens voor importeren is 1 MB/) } });
    expect(await docs.imports.wait(refused.id)).toMatchObject({ state: 'mislukt' });
    expect(calls).toBe(0);
    expect(dumpTables(ws.db)).toEqual(before);

    const atLimit = new Uint8Array(1024 * 1024).fill(0x61);
    const ok = await docs.imports.importNow({ ...args(), bytes: atLimit });
    expect(ok.state).toBe('klaar');
    expect(calls).toBe(1);
  });

  it('an unknown standard is refused when starting, with nothing written', () => {
    const changes = totalChanges(ws.db);
    expect(() => service().imports.start(args(SAMPLE, { standardId: 'bestaat-niet' }))).toThrow(/geen standaard met id "bestaat-niet"/);
    expect(totalChanges(ws.db)).toBe(changes);
  });
});

describe('a failed or cancelled import writes nothing', () => {
  const cases: Array<{ name: string; parse: Parser; code: string; message: RegExp }> = [
    {
      name: 'the importer refuses the file (ImportError)',
      parse: async () => {
        throw Object.assign(new Error('Dit PDF-bestand is beveiligd met een wachtwoord. Verwijder de beveiliging en probeer opnieuw.'), { name: 'ImportError', code: 'VERSLEUTELD' });
      },
      code: 'VERSLEUTELD',
      message: /beveiligd met een wachtwoord/,
    },
    {
      name: 'the importer crashes',
      parse: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      },
      code: 'INTERN',
      message: /onverwachte fout niet worden geïmporteerd; er is niets opgeslagen/,
    },
    {
      name: 'the document has no text',
      parse: async () => ({ format: 'text', title: null, pageCount: null, sections: [{ level: 1, number: null, heading: '  ', kind: 'other', blocks: [], pageStart: null, pageEnd: null }], warnings: [], wordCount: 0 }),
      code: 'LEEG',
      message: /geen tekst/,
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.code}`, async () => {
      const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
      const original = console.error;
      console.error = () => {};
      try {
        const job = await service(c.parse).imports.importNow(args());
        expect(job).toMatchObject({ state: 'mislukt', versionId: null, error: { code: c.code, message: expect.stringMatching(c.message) } });
        expect(job.error?.message).not.toMatch(/TypeError|Cannot read|at .*\.ts/);
      } finally {
        console.error = original;
      }
      expect(totalChanges(ws.db)).toBe(before.changes);
      expect(dumpTables(ws.db)).toEqual(before.dump);
    });
  }

  it('a failure halfway through the write (after the sections) rolls everything back', async () => {
    ws.db.exec("CREATE TEMP TRIGGER weiger_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit geweigerd'); END");
    const before = dumpTables(ws.db);
    const job = await service().imports.importNow(args());
    expect(job).toMatchObject({ state: 'mislukt', error: { code: 'DATABASE', message: expect.stringMatching(/niets gewijzigd/) } });
    expect(dumpTables(ws.db)).toEqual(before);
    checkIndexes(ws.db);
  });

  it('cancel while parsing: state geannuleerd at once, nothing written', async () => {
    const parser = blockingParser();
    const docs = service(parser.parse);
    const before = { dump: dumpTables(ws.db), changes: totalChanges(ws.db) };
    const job = docs.imports.start(args());
    await parser.started;
    expect(docs.imports.status(job.id)).toMatchObject({ state: 'bezig', step: 'Pagina 3 van 10 lezen' });
    expect(docs.imports.status(job.id).progress).toBeGreaterThan(0);
    const cancelled = docs.imports.cancel(job.id);
    expect(cancelled).toMatchObject({ state: 'geannuleerd', versionId: null, error: { code: 'GEANNULEERD', message: expect.stringMatching(/geannuleerd; er is niets opgeslagen/) } });
    expect(await docs.imports.wait(job.id)).toMatchObject({ state: 'geannuleerd' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(docs.imports.status(job.id).state).toBe('geannuleerd');
    expect(totalChanges(ws.db)).toBe(before.changes);
    expect(dumpTables(ws.db)).toEqual(before.dump);
  });

  it('cancel with a parser that ignores the signal and finishes anyway: still nothing written', async () => {
    const parser = blockingParser({ ignoreSignal: true });
    const docs = service(parser.parse);
    const before = dumpTables(ws.db);
    const job = docs.imports.start(args());
    await parser.started;
    docs.imports.cancel(job.id);
    parser.release(parseMini(SAMPLE));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(docs.imports.status(job.id)).toMatchObject({ state: 'geannuleerd', versionId: null });
    expect(dumpTables(ws.db)).toEqual(before);
  });

  it('cancel is idempotent and leaves a finished job alone; unknown jobs are NIET_GEVONDEN', async () => {
    const docs = service();
    const job = await docs.imports.importNow(args());
    expect(docs.imports.cancel(job.id)).toEqual(job);
    expect(docs.listVersions({ standardId: ADHD })).toHaveLength(1);
    expect(() => docs.imports.cancel('bestaat-niet')).toThrow(/niet \(meer\) bekend/);
    expect(() => docs.imports.status('bestaat-niet')).toThrow(/niet \(meer\) bekend/);
  });

  it('keeps only the most recent finished jobs', async () => {
    const docs = service(miniParser, 2);
    const jobs: ImportJob[] = [];
    for (let i = 0; i < 4; i++) jobs.push(await docs.imports.importNow(args(`# Kop ${i}\nTekst ${i}.`, { label: `v${i}` })));
    expect(() => docs.imports.status(jobs[0]?.id ?? '')).toThrow(/niet \(meer\) bekend/);
    expect(() => docs.imports.status(jobs[1]?.id ?? '')).toThrow(/niet \(meer\) bekend/);
    expect(docs.imports.status(jobs[3]?.id ?? '').state).toBe('klaar');
    expect(docs.listVersions({ standardId: ADHD }).map((v: DocumentVersion) => v.label).sort()).toEqual(['v0', 'v1', 'v2', 'v3']);
  });
});
