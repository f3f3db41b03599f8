/**
 * The stylesheet of the HTML report (and so of its PDF): A4 pages with page numbers, a title
 * page, chapters on a new page, wide tables on landscape pages, and marks for differences.
 * A constant: the exported HTML embeds it in a <style> element, and the preview in the app
 * applies it as a constructed stylesheet (the app's CSP allows no inline <style>).
 */
export const REPORT_CSS = `
@page { size: A4; margin: 22mm 20mm 20mm 22mm;
  @bottom-right { content: counter(page); font: 9pt "Segoe UI", Calibri, Arial, "Liberation Sans", sans-serif; color: #5b6675; }
}
@page :first { margin: 0; @bottom-right { content: none; } }
@page landscape { size: A4 landscape; margin: 18mm 18mm 18mm 18mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #e9edf2; }
body { margin: 0 auto; max-width: 210mm; background: #fff; color: #1d2430;
  font: 10.5pt/1.5 "Segoe UI", Calibri, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
  hyphens: auto; overflow-wrap: break-word; }
.page { padding: 20mm 20mm 16mm 22mm; }
h1, h2, h3, h4, h5 { color: #17365d; line-height: 1.25; break-after: avoid; page-break-after: avoid; }
h2 { font-size: 19pt; margin: 0 0 5mm; padding-bottom: 2mm; border-bottom: 2px solid #17365d; }
h3 { font-size: 13.5pt; margin: 7mm 0 2mm; }
h4 { font-size: 11.5pt; margin: 5mm 0 1.5mm; color: #2b4c7e; }
h5 { font-size: 10.5pt; margin: 4mm 0 1mm; color: #2b4c7e; }
.num { color: #6f7f95; font-weight: 600; margin-right: 0.4em; }
p { margin: 0 0 2.5mm; orphans: 3; widows: 3; }
p.lead { font-size: 12pt; }
p.muted, .muted { color: #5b6675; }
ul { margin: 0 0 3mm; padding-left: 6mm; }
li { margin-bottom: 1mm; }
a { color: inherit; text-decoration: none; }

/* Title page and colophon */
.title-page { min-height: 250mm; display: flex; flex-direction: column; padding: 30mm 22mm 20mm; break-after: page; page-break-after: always;
  background: linear-gradient(180deg, #17365d 0, #17365d 78mm, #fff 78mm); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.title-page .kicker { color: #c9d6ea; text-transform: uppercase; letter-spacing: 0.14em; font-size: 9pt; margin-bottom: 6mm; }
.title-page h1 { color: #fff; font-size: 30pt; margin: 0 0 3mm; }
.title-page .subtitle { color: #fff; font-size: 17pt; margin: 0; }
.title-page .title-lines { list-style: none; padding: 0; margin: 26mm 0 0; font-size: 12pt; }
.title-page .title-lines li { margin-bottom: 2mm; }
.title-page .title-foot { margin-top: auto; border-top: 1px solid #c7d0dc; padding-top: 4mm; color: #5b6675; display: flex; justify-content: space-between; }
.colophon, .toc { break-after: page; page-break-after: always; }
.colophon h2, .toc h2 { border-bottom: none; }
.colophon dl { display: grid; grid-template-columns: 42mm 1fr; gap: 1.5mm 4mm; margin: 0 0 5mm; }
.colophon dt { font-weight: 600; color: #2b4c7e; }
.colophon dd { margin: 0; }
.toc ol { list-style: none; padding: 0; margin: 0; }
.toc li { display: flex; gap: 3mm; padding: 1.2mm 0 0.8mm; border-bottom: 1px dotted #c7d0dc; font-weight: 600; }
.toc li.sub { padding: 0.5mm 0 0.3mm 9mm; border-bottom: none; font-size: 9.5pt; font-weight: 400; color: #3b4756; }
.toc .num { min-width: 9mm; }

/* Chapters */
.chapter { break-before: page; page-break-before: always; }
.chapter.landscape { page: landscape; }
.chapter.landscape .table-wrap table { font-size: 8.5pt; }
.chapter.landscape td { line-height: 1.35; padding: 1.2mm 1.6mm; }

/* Tables */
.table-wrap { margin: 0 0 5mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9.5pt; }
caption { caption-side: top; text-align: left; font-weight: 600; color: #2b4c7e; padding-bottom: 1.5mm; }
thead { display: table-header-group; }
th { background: #dde6f2; color: #17365d; text-align: left; font-weight: 600; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
th, td { border: 1px solid #b9c5d4; padding: 1.6mm 2mm; vertical-align: top; }
tr { break-inside: avoid; page-break-inside: avoid; }
tbody tr:nth-child(even) td { background: #f6f8fb; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td .cell-note { display: block; margin-top: 1mm; color: #5b6675; font-style: italic; }
td .cell-text { display: block; }
td .cell-title { display: block; color: #17365d; }
td .badge + .cell-title, td .badge + .cell-text { margin-top: 0.5mm; }
#hoofdstuk-auditlog table { font-size: 8.5pt; }
#hoofdstuk-auditlog td { padding: 1mm 1.6mm; }
#hoofdstuk-auditlog td:first-child { white-space: nowrap; }

/* Badges: classifications and decisions */
.badge { display: inline-block; border-radius: 2mm; padding: 0.2mm 1.8mm; margin: 0 0 1mm; font-size: 8pt; font-weight: 600; border: 1px solid transparent;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.t-gelijk { background: #e3f1e6; color: #1e5b2e; border-color: #a9d3b4; }
.t-aanvullend { background: #e2eefa; color: #1d4a7a; border-color: #a8c6e6; }
.t-verschillend { background: #fdf0d7; color: #7a4b00; border-color: #eccb8a; }
.t-tegenstrijdig { background: #fbe0df; color: #8a1c1c; border-color: #eaa7a4; }
.t-alleen_hier { background: #efe6f7; color: #5a2d7a; border-color: #cdb5e3; }
.t-ontbreekt { background: #eceef1; color: #424b57; border-color: #c3c9d1; }
.t-besluit { background: #17365d; color: #fff; }
.t-open { background: #fff; color: #8a1c1c; border-color: #8a1c1c; }
.t-voorstel { background: #fff; color: #5b6675; border-color: #9aa6b5; }

/* Figures, fields, callouts */
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 4mm 0 6mm; }
.figure { border: 1px solid #b9c5d4; border-top: 3px solid #17365d; padding: 3mm; }
.figure .value { display: block; font-size: 22pt; font-weight: 700; color: #17365d; line-height: 1.1; }
.figure .label { color: #5b6675; font-size: 9pt; }
dl.fields { display: grid; grid-template-columns: 40mm 1fr; gap: 1.2mm 4mm; margin: 0 0 3mm; }
dl.fields dt { font-weight: 600; color: #2b4c7e; }
dl.fields dd { margin: 0; }
.callout { border-left: 4px solid #2b4c7e; background: #f1f5fa; padding: 2mm 4mm; margin: 0 0 4mm; break-inside: avoid;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.callout.dissent { border-left-color: #b45309; background: #fdf4e7; }
.callout .callout-title { font-weight: 700; display: block; margin-bottom: 1mm; }

/* Passages */
.passage { margin: 0 0 4mm; padding: 0 0 0 4mm; border-left: 3px solid #c7d0dc; break-inside: avoid; }
.passage .quote { background: #fff4c2; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.passage .source { display: block; color: #5b6675; font-size: 9pt; margin-top: 1mm; }

/* Side-by-side comparison */
.comparison { margin: 0 0 5mm; }
.comparison table { font-size: 9.5pt; }
.comparison td { line-height: 1.55; }
.comparison .stats { color: #5b6675; font-size: 9pt; margin-top: 1mm; }
del { background: #fbe0df; color: #8a1c1c; text-decoration: line-through; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
ins { background: #dcf1e2; color: #14532d; text-decoration: underline; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
mark.moved { background: #e2eefa; color: #1d4a7a; text-decoration: underline dotted; }
.legend { font-size: 9pt; color: #5b6675; }

@media screen {
  body { margin: 8mm auto; box-shadow: 0 1px 6px rgba(23, 54, 93, 0.18); }
  .chapter, .colophon, .toc { border-top: 1px solid #e3e8ef; }
}
@media print {
  html, body { background: #fff; }
  body { max-width: none; }
  .page { padding: 0; }
  .title-page { min-height: 0; height: 296mm; padding: 40mm 22mm 22mm 24mm; }
}
`;
