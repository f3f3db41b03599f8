import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedDocument } from '../../common/document.js';
import { parseDocument } from '../../electron/services/import/index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const fixture = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const importHtml = (html: string, name = 'pagina.html'): Promise<ParsedDocument> => parseDocument(utf8(html), name, { maxBytes: 1e7 });
const outline = (doc: ParsedDocument): [number, string | null, string, string][] => doc.sections.map((s) => [s.level, s.number, s.heading, s.kind]);

describe('HTML page saved from a guideline site (richtlijn-site.html)', () => {
  let doc: ParsedDocument;
  it('reads the article with its headings, levels and kinds', async () => {
    doc = await parseDocument(fixture('richtlijn-site.html'), 'richtlijn-site.html', { maxBytes: 1e6 });
    expect(doc.format).toBe('html');
    expect(doc.title).toBe('ADHD');
    expect(doc.pageCount).toBeNull();
    expect(outline(doc)).toEqual([
      [1, null, 'ADHD', 'other'],
      [1, '1', 'Inleiding', 'chapter'],
      [1, '2', 'Signalering en diagnostiek', 'chapter'],
      [2, '2.1', 'Signalering', 'section'],
      [3, 'Aanbeveling 2', 'Aanbeveling 2', 'recommendation'],
      [2, '2.2', 'Diagnostiek', 'section'],
      [3, null, 'Aanbeveling', 'recommendation'],
      [2, null, 'Onderbouwing', 'rationale'],
    ]);
  });

  it('keeps paragraphs, a nested list flattened, and table rows', () => {
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Deze richtlijn helpt jeugdprofessionals bij het signaleren en begeleiden van kinderen met ADHD en hun ouders.' },
    ]);
    expect(doc.sections[3]?.blocks).toEqual([
      { type: 'paragraph', text: 'Signalen van ADHD zijn onder andere:' },
      { type: 'list', ordered: false, items: ['problemen met concentratie;', 'hyperactiviteit en impulsiviteit;', 'problemen op school', 'in de klas', 'op het schoolplein'] },
      { type: 'paragraph', text: 'Na de signalering volgt zo nodig verwijzing.' },
    ]);
    expect(doc.sections[4]?.blocks).toEqual([{ type: 'paragraph', text: 'Bespreek signalen eerst met de ouders en met het kind, en betrek school pas daarna.' }]);
    expect(doc.sections[5]?.blocks).toEqual([
      { type: 'paragraph', text: 'De diagnose wordt gesteld door een BIG-geregistreerde professional.' },
      {
        type: 'table',
        rows: [
          ['Fase', 'Wie'],
          ['Signalering', 'Jeugdprofessional, leerkracht'],
          ['Diagnostiek', 'Gedragswetenschapper, psychiater'],
        ],
      },
    ]);
    expect(doc.sections[6]?.blocks).toEqual([{ type: 'paragraph', text: 'Leg de afspraken over de rolverdeling vast in het gezinsplan.' }]);
  });

  it('leaves out the site chrome: menu, cookie banner, skip link, breadcrumbs, search, sidebar, footer', () => {
    const all = JSON.stringify(doc);
    for (const chrome of ['cookies', 'Accepteren', 'Alle richtlijnen', 'Direct naar de inhoud', 'Home', 'Zoeken op de site', 'Gerelateerde richtlijnen', 'Depressie', 'Privacyverklaring', 'analytics', 'background']) {
      expect(all, chrome).not.toContain(chrome);
    }
  });
});

describe('hostile HTML (vijandig.html)', () => {
  it('keeps only the text: no script, handler, URL, frame, form, style or template content anywhere', async () => {
    const doc = await parseDocument(fixture('vijandig.html'), 'vijandig.html', { maxBytes: 1e6 });
    const all = JSON.stringify(doc);
    for (const bad of [
      'alert', 'javascript', 'SCRIPT', 'GESCHREVEN', 'ONLOAD', 'ONCLICK', 'ONERROR', 'MOUSEOVER', 'HREF', 'DATA', 'META', 'BASE',
      'STYLE', 'STIJLTEKST', 'INLINESTYLE', 'IFRAME', 'OBJECTTEKST', 'SVG', 'MATHTEKST', 'FORMWAARDE', 'FORMKNOP', 'NOSCRIPTTEKST',
      'TEMPLATETEKST', 'ALTTEKST', 'evil', 'cookie', 'fetch', '<', '>',
    ]) {
      expect(all, bad).not.toContain(bad);
    }
    expect(doc.title).toBe('Richtlijn veilig importeren');
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Gewone tekst over een link en nog een.' },
      { type: 'paragraph', text: 'Tweede alinea met opmaak.' },
      { type: 'paragraph', text: 'Laatste alinea.' },
    ]);
  });

  it('never lets markup through as text (entities stay text)', async () => {
    const doc = await importHtml('<main><h2>Kop</h2><p>5 &lt; 7 &amp; &lt;b&gt;geen vet&lt;/b&gt;</p></main>');
    expect(doc.sections[0]?.blocks).toEqual([{ type: 'paragraph', text: '5 < 7 & <b>geen vet</b>' }]);
  });
});

describe('HTML structure details', () => {
  it('prefers <main>, falls back to the one <article>, then to <body>', async () => {
    const withArticle = await importHtml('<body><div class="menu">Menu</div><article><h1>Titel</h1><p>Inhoud.</p></article><div>Rommel</div></body>');
    expect(JSON.stringify(withArticle)).not.toContain('Rommel');
    expect(withArticle.sections[0]?.blocks).toEqual([{ type: 'paragraph', text: 'Inhoud.' }]);
    const bodyOnly = await importHtml('<body><h2>Kop</h2><p>Alles telt.</p><nav>Weg</nav></body>');
    // The only heading, before any text, names the document.
    expect(outline(bodyOnly)).toEqual([[1, null, 'Kop', 'other']]);
    expect(bodyOnly.title).toBe('Kop');
    expect(JSON.stringify(bodyOnly)).not.toContain('Weg');
  });

  it('keeps loose text and line breaks as paragraphs and ordered lists as ordered', async () => {
    const doc = await importHtml('<main><h2>1 Aanpak</h2>Losse tekst<br>op twee regels<div>In een div</div><ol><li>Eerst</li><li>Dan</li></ol></main>');
    expect(doc.sections[0]?.blocks).toEqual([
      { type: 'paragraph', text: 'Losse tekst op twee regels' },
      { type: 'paragraph', text: 'In een div' },
      { type: 'list', ordered: true, items: ['Eerst', 'Dan'] },
    ]);
  });

  it('reads a Windows-1252 page with a charset declaration', async () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1252"></head><body><h1>Co'), Buffer.from([0xf6]), Buffer.from('rdinatie</h1><p>Caf'), Buffer.from([0xe9, 0x20, 0x80, 0x20, 0x35]), Buffer.from('</p></body></html>')]);
    const doc = await parseDocument(new Uint8Array(bytes), 'pagina.htm', { maxBytes: 1e6 });
    expect(doc.title).toBe('Coördinatie');
    expect(doc.sections[0]?.blocks).toEqual([{ type: 'paragraph', text: 'Café € 5' }]);
  });

  it('refuses a page without any text as empty', async () => {
    await expect(importHtml('<html><body><nav>Alleen menu</nav><script>x()</script></body></html>')).rejects.toMatchObject({ code: 'LEEG' });
  });
});

describe('Markdown (zorgstandaard.md)', () => {
  it('reads headings, lists, a table and recommendations; raw HTML stays text', async () => {
    const doc = await parseDocument(fixture('zorgstandaard.md'), 'zorgstandaard.md', { maxBytes: 1e6 });
    expect(doc.format).toBe('markdown');
    expect(doc.title).toBe('Zorgstandaard ADHD');
    expect(outline(doc)).toEqual([
      [1, null, 'Zorgstandaard ADHD', 'other'],
      [1, '1', 'Signalering', 'chapter'],
      [1, '2', 'Behandeling', 'chapter'],
      [2, null, 'Kernaanbevelingen', 'recommendation'],
      [2, null, 'Onderbouwing', 'rationale'],
    ]);
    expect(doc.sections[1]?.blocks).toEqual([
      { type: 'paragraph', text: 'Signalen worden besproken met ouders en school.' },
      { type: 'list', ordered: false, items: ['concentratieproblemen', 'onrust', 'impulsiviteit'] },
    ]);
    const kern = doc.sections[3]?.blocks ?? [];
    expect(kern[0]).toEqual({ type: 'list', ordered: true, items: ['Begin met psycho-educatie.', 'Bied oudertraining aan.'] });
    expect(kern[1]).toEqual({ type: 'table', rows: [['Interventie', 'Voor wie'], ['Psycho-educatie', 'Ouders en jongere'], ['Oudertraining', 'Ouders']] });
    // With html: false the script tag is literal text of a paragraph, never an element.
    expect(kern[2]).toEqual({ type: 'paragraph', text: "<script>alert('md')</script>" });
    expect(JSON.stringify(doc)).not.toContain('https://example.org');
  });
});
