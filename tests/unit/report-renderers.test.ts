/**
 * The report's renderers: the DOCX opened with mammoth (headings, tables, Dutch text) and read as
 * XML (tracked changes, contents field, page numbers, landscape for wide tables); the HTML parsed
 * with jsdom (no script, no event handlers, a hostile theme stays text); Markdown tables well formed.
 */
import { JSDOM } from 'jsdom';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SECTIONS, type ReportModel } from '../../common/report.js';
import { packDocxSync } from '../../electron/services/docx-pack.js';
import { renderReportDocx } from '../../electron/services/report/docx.js';
import { escapeHtml, renderReportHtml, REPORT_HTML_CSP } from '../../electron/services/report/html.js';
import { escapeMarkdown, renderReportMarkdown } from '../../electron/services/report/markdown.js';
import { buildReportModel } from '../../electron/services/report/model.js';
import { unzip } from '../helpers/lists.js';
import { HOSTILE_THEME, reportPilot, type ReportPilot } from '../helpers/report.js';
import { seededWorkspace, type TestWorkspace } from '../helpers/test-db.js';

let ws: TestWorkspace;
let p: ReportPilot;
let m: ReportModel;

beforeAll(async () => {
  ws = seededWorkspace();
  p = await reportPilot(ws, { hostile: true });
  m = buildReportModel(ws.db, { pilotId: p.pilot.id, audience: 'werkgroep', sections: REPORT_SECTIONS, tagIds: [p.tagId], appVersion: '1.2.3', now: new Date('2026-03-12T10:00:00Z') });
}, 60_000);
afterAll(() => ws?.cleanup());

const docxBytes = (model: ReportModel) => packDocxSync(renderReportDocx(model));

describe('DOCX', () => {
  it('opens in a DOCX reader with real headings, tables and Dutch text', async () => {
    const bytes = docxBytes(m);
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    const doc = new JSDOM(html).window.document;
    const h1 = [...doc.querySelectorAll('h1')].map((h) => h.textContent);
    expect(h1).toEqual(['1 Samenvatting', '2 Werkwijze', '3 Uitlijning en indeling', '4 Besluiten per thema', '5 Vergelijking van tegenstrijdige passages', '6 Getagde passages', '7 Beter doen, laten en onderzoeken', '8 Open punten', '9 Evaluatie', 'Bijlage A Logboek van besluiten']);
    const h2 = [...doc.querySelectorAll('h2')].map((h) => h.textContent);
    expect(h2).toEqual(expect.arrayContaining(['4.2 Diagnostiek', '4.3 Medicatie', '5.1 Medicatie', '8.1 Nader te onderzoeken', '9.1 Resultaat voor de standaard']));
    // The hostile theme is a heading's text, nothing else.
    expect(h2).toContain(`4.1 ${HOSTILE_THEME}`);
    const tables = [...doc.querySelectorAll('table')];
    expect(tables.length).toBeGreaterThan(10);
    const grid = tables.find((t) => t.querySelector('tr')?.textContent?.startsWith('Thema'));
    expect([...((grid as HTMLTableElement | undefined)?.rows[0]?.cells ?? [])].map((c) => c.textContent)).toEqual(['Thema', 'ADHD (jeugdhulp)', 'ADHD: signalering, begeleiding en toeleiding naar diagnostiek (JGZ)', 'ADHD (GGZ)']);
    const text = doc.body.textContent ?? '';
    for (const dutch of ['Colofon', 'Leden van de werkgroep per perspectief', 'Afwijkend standpunt', 'Verschil bewust laten staan', 'Tegenstrijdig', 'Welke informatie van school is nodig voor de diagnose?', '12 maart 2026', 'Besluit genomen']) {
      expect(text).toContain(dutch);
    }
  });

  it('marks the differences as tracked changes (w:ins, w:del) that turn the reference into the other text', () => {
    const xml = unzip(docxBytes(m)).get('word/document.xml')?.toString('utf8') ?? '';
    const inserted = [...xml.matchAll(/<w:ins [^>]*w:author="Richtsnoer \(vergelijking\)"[^>]*>([\s\S]*?)<\/w:ins>/g)].map((x) => [...(x[1] ?? '').matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
    const deleted = [...xml.matchAll(/<w:del [^>]*w:author="Richtsnoer \(vergelijking\)"[^>]*>([\s\S]*?)<\/w:del>/g)].map((x) => [...(x[1] ?? '').matchAll(/<w:delText[^>]*>([^<]*)<\/w:delText>/g)].map((t) => t[1]).join(''));
    const comparisons = m.chapters.flatMap((c) => c.parts.flatMap((x) => x.blocks)).filter((b): b is Extract<typeof b, { kind: 'comparison' }> => b.kind === 'comparison');
    expect(comparisons).toHaveLength(2);
    const wanted = (kind: string) => comparisons.flatMap((c) => c.unified.filter((r) => r.kind === kind).map((r) => r.text));
    expect(inserted).toEqual(wanted('inserted'));
    expect(deleted).toEqual(wanted('deleted'));
    expect(deleted.join(' ')).toContain('zes');
    expect(inserted.join(' ')).toContain('vier');
    // Revision ids are unique in the document.
    const ids = [...xml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((x) => x[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has a contents field Word updates, page numbers in the footer, Dutch proofing and a landscape page for wide tables', () => {
    const files = unzip(docxBytes(m));
    const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    expect(xml).toContain('w:dirty="true"');
    const footers = [...files.keys()].filter((k) => /^word\/footer\d+\.xml$/.test(k)).map((k) => files.get(k)?.toString('utf8') ?? '');
    expect(footers.some((f) => /<w:instrText[^>]*>PAGE<\/w:instrText>|w:fldSimple w:instr="PAGE"/.test(f) || f.includes('PAGE'))).toBe(true);
    expect(files.get('word/styles.xml')?.toString('utf8')).toContain('w:val="nl-NL"');
    expect(xml).not.toContain('w:orient="landscape"');
    // Five standards make the grid wide: its chapter gets a landscape section.
    const wide: ReportModel = structuredClone(m);
    const grid = wide.chapters.find((c) => c.id === 'uitlijning');
    const table = grid?.blocks.find((b) => b.kind === 'table');
    if (!table || table.kind !== 'table') throw new Error('no grid table');
    table.wide = true;
    expect(unzip(docxBytes(wide)).get('word/document.xml')?.toString('utf8')).toContain('w:orient="landscape"');
  });
});

describe('HTML', () => {
  const html = () => renderReportHtml(m);

  it('runs nothing: no script, no event handler attributes, a CSP that forbids everything but inline style', () => {
    const out = html();
    expect(out).not.toMatch(/<script/i);
    // Inside a tag (text is escaped, so every "<" opens a real tag); the hostile theme's "onerror=" is text.
    expect(out).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(out).not.toMatch(/javascript:/i);
    expect(out).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">`);
    expect(REPORT_HTML_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    const doc = new JSDOM(out).window.document;
    expect(doc.querySelectorAll('script, iframe, object, embed, link, img, base, form').length).toBe(0);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
    expect(handlers).toEqual([]);
    // Links only within the page (the contents).
    expect([...doc.querySelectorAll('a')].every((a) => a.getAttribute('href')?.startsWith('#h-'))).toBe(true);
  });

  it('keeps a hostile theme as text', () => {
    const out = html();
    expect(out).toContain(escapeHtml(HOSTILE_THEME));
    expect(escapeHtml(HOSTILE_THEME)).toBe('&lt;img src=x onerror=alert(1)&gt; | *Terugval*');
    const doc = new JSDOM(out).window.document;
    const headings = [...doc.querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).toContain(`4.1${HOSTILE_THEME}`);
    expect(doc.querySelectorAll('img').length).toBe(0);
  });

  it('is a report: title page, colophon, contents, chapters with tables with header rows, marked differences', () => {
    const doc = new JSDOM(html()).window.document;
    expect(doc.documentElement.lang).toBe('nl');
    expect(doc.querySelector('.title-page h1')?.textContent).toBe('Harmonisatierapport');
    expect(doc.querySelector('.colophon h2')?.textContent).toBe('Colofon');
    expect(doc.querySelectorAll('.toc li').length).toBeGreaterThan(10);
    expect([...doc.querySelectorAll('section.chapter > h2')].map((h) => h.textContent)).toContain('4Besluiten per thema');
    const tables = [...doc.querySelectorAll('table')];
    expect(tables.every((t) => t.querySelector('thead th'))).toBe(true);
    expect(doc.querySelector('.comparison del')?.textContent).toBeTruthy();
    expect(doc.querySelector('.comparison ins')?.textContent).toBeTruthy();
    expect(doc.querySelector('.callout.dissent')?.textContent).toContain('ouders willen één termijn');
    expect(doc.querySelector('style')?.textContent).toContain('@page');
    // The preview variant has no <style> and no style attributes (the app's CSP would refuse them).
    const preview = renderReportHtml(m, { embedStyle: false });
    expect(preview).not.toContain('<style');
    expect(preview).not.toMatch(/\sstyle=/);
  });
});

describe('Markdown', () => {
  /** Cells of a table row, split at pipes that are not escaped. */
  const cells = (line: string) => line.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);

  it('writes well-formed GitHub tables: a separator row, the same number of cells in every row', () => {
    const md = renderReportMarkdown(m);
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of md.split('\n')) {
      if (line.startsWith('|')) {
        if (!current) tables.push((current = []));
        current.push(line);
      } else current = null;
    }
    expect(tables.length).toBeGreaterThan(10);
    for (const t of tables) {
      const width = cells(t[0] as string).length;
      expect(t[1], t.join('\n')).toMatch(/^\| ---( \| ---)* \|$/);
      for (const row of t) expect(cells(row).length, row).toBe(width);
    }
    // Strike-through and bold markers come in pairs on every line.
    for (const line of md.split('\n')) {
      expect((line.match(/(?<!\\)~~/g) ?? []).length % 2, line).toBe(0);
    }
  });

  it('escapes pipes, emphasis and HTML in text', () => {
    const md = renderReportMarkdown(m);
    expect(md).toContain('### 4.1 &lt;img src=x onerror=alert(1)> \\| \\*Terugval\\*');
    expect(md).not.toContain('<img');
    expect(escapeMarkdown('a | b *c* _d_ [e](f) <g> `h`')).toBe('a \\| b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g> \\`h\\`');
    expect(escapeMarkdown('# kop\n- punt\n1. een')).toBe('\\# kop\n\\- punt\n1\\. een');
  });
});
