/**
 * The report as one self-contained HTML page: inline CSS, no scripts, a CSP that forbids loading
 * or running anything, and every text escaped, so a hostile theme or quote stays text. The PDF is
 * this page printed (Electron's printToPDF, or the browser's print dialog). No style attributes
 * (column widths are <col width>), so the in-app preview, under the app's stricter CSP, shows the
 * same page without a single violation.
 */
import { chapterLabel, type DiffRun, type ReportBlock, type ReportCell, type ReportChapter, type ReportModel, type ReportPart } from '../../../common/report.js';
import { REPORT_CSS } from '../../../common/report-style.js';

export const REPORT_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** Text with its line breaks: blank lines become paragraphs, single ones <br>. */
function paragraphs(text: string, className = ''): string {
  const cls = className ? ` class="${className}"` : '';
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p${cls}>${lines(p)}</p>`)
    .join('');
}
const lines = (text: string): string => text.split('\n').map(escapeHtml).join('<br>');

const anchor = (number: string) => `h-${number.replace(/[^0-9A-Za-z]+/g, '-')}`;

function cell(c: ReportCell, tag: 'td' | 'th'): string {
  if (typeof c === 'string') return `<${tag}>${lines(c)}</${tag}>`;
  const badge = c.badge ? `<span class="badge t-${escapeHtml(c.badge.tone)}">${escapeHtml(c.badge.label)}</span>` : '';
  const title = c.title ? `<strong class="cell-title">${lines(c.title)}</strong>` : '';
  const text = c.text ? `<span class="cell-text">${lines(c.text)}</span>` : '';
  const note = c.note ? `<span class="cell-note">${lines(c.note)}</span>` : '';
  return `<${tag}>${badge}${title}${text}${note}</${tag}>`;
}

function runs(list: readonly DiffRun[]): string {
  return list
    .map((r) => {
      const text = lines(r.text);
      if (r.kind === 'deleted') return `<del>${text}</del>`;
      if (r.kind === 'inserted') return `<ins>${text}</ins>`;
      if (r.kind === 'moved') return `<mark class="moved">${text}</mark>`;
      return text;
    })
    .join('');
}

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraphs(b.text, b.style ?? '');
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<dl class="fields">${b.items.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${lines(f.value)}</dd>`).join('')}</dl>`;
    case 'figures':
      return `<div class="figures">${b.items.map((f) => `<div class="figure"><span class="value">${escapeHtml(f.value)}</span><span class="label">${escapeHtml(f.label)}</span></div>`).join('')}</div>`;
    case 'callout':
      return `<div class="callout ${b.tone}"><span class="callout-title">${escapeHtml(b.title)}</span>${paragraphs(b.text)}</div>`;
    case 'passage':
      return (
        `<blockquote class="passage"><p>${b.before ? `<span class="muted">…${escapeHtml(b.before)} </span>` : ''}<span class="quote">${lines(b.quote)}</span>` +
        `${b.after ? `<span class="muted"> ${escapeHtml(b.after)}…</span>` : ''}</p>` +
        `<span class="source">${escapeHtml(b.source)}${b.tags.length ? ` · ${escapeHtml(b.tags.join(', '))}` : ''}</span>` +
        `${b.note ? `<span class="source">Notitie: ${escapeHtml(b.note)}</span>` : ''}</blockquote>`
      );
    case 'table': {
      const cols = b.widths.map((w) => `<col width="${Number(w) || 0}%">`).join('');
      const head = `<thead><tr>${b.columns.map((c) => cell(c, 'th')).join('')}</tr></thead>`;
      const body = `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('')}</tbody>`;
      return `<div class="table-wrap"><table>${b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : ''}<colgroup>${cols}</colgroup>${head}${body}</table></div>`;
    }
    case 'comparison':
      return (
        `<div class="comparison"><table><colgroup><col width="50%"><col width="50%"></colgroup>` +
        `<thead><tr><th>${escapeHtml(b.left.label)}</th><th>${escapeHtml(b.right.label)}</th></tr></thead>` +
        `<tbody><tr><td>${runs(b.left.runs)}</td><td>${runs(b.right.runs)}</td></tr></tbody></table>` +
        `<p class="stats">${b.deletedWords} ${b.deletedWords === 1 ? 'woord' : 'woorden'} alleen links, ${b.insertedWords} alleen rechts${b.truncated ? '; de teksten zijn ingekort' : ''}.</p></div>`
      );
  }
}

function part(p: ReportPart, depth: number): string {
  const h = `h${Math.min(5, depth)}`;
  return `<section><${h} id="${anchor(p.number)}"><span class="num">${escapeHtml(p.number)}</span>${escapeHtml(p.title)}</${h}>${p.blocks.map(block).join('')}${p.parts.map((x) => part(x, depth + 1)).join('')}</section>`;
}

const isWide = (c: ReportChapter) => c.blocks.some((b) => b.kind === 'table' && b.wide);

function chapterHtml(c: ReportChapter): string {
  return (
    `<section class="chapter page${isWide(c) ? ' landscape' : ''}" id="hoofdstuk-${c.id}">` +
    `<h2 id="${anchor(c.number)}"><span class="num">${escapeHtml(chapterLabel(c))}</span>${escapeHtml(c.title)}</h2>` +
    `${c.blocks.map(block).join('')}${c.parts.map((p) => part(p, 3)).join('')}</section>`
  );
}

function titlePage(m: ReportModel): string {
  return (
    `<header class="title-page"><p class="kicker">Kwaliteit en Blijvend Leren · Harmoniseren van kwaliteitsstandaarden</p>` +
    `<h1>${escapeHtml(m.title)}</h1><p class="subtitle">${escapeHtml(m.subtitle)}</p>` +
    `<ul class="title-lines">${m.titleLines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
    `<div class="title-foot"><span>${escapeHtml(m.dateLabel)}</span><span>Fase: ${escapeHtml(m.pilot.phase)}</span></div></header>`
  );
}

function colophon(m: ReportModel): string {
  const members = m.colophon.members.length
    ? m.colophon.members
        .map((g) => `<dt>${escapeHtml(g.perspective)}</dt><dd>${g.members.map((x) => escapeHtml(`${x.name}${x.organisation ? `, ${x.organisation}` : ''} (${x.role.toLowerCase()})`)).join('<br>')}</dd>`)
        .join('')
    : '<dt>Werkgroep</dt><dd>Er zijn geen leden vastgelegd.</dd>';
  return (
    `<section class="colophon page"><h2>Colofon</h2>` +
    `<dl><dt>Pilot</dt><dd>${escapeHtml(m.pilot.title)}</dd><dt>Rapport voor</dt><dd>${escapeHtml(m.audienceLabel)}</dd><dt>Datum</dt><dd>${escapeHtml(m.dateLabel)}</dd>` +
    `<dt>Standaarden</dt><dd>${m.colophon.standards.map(escapeHtml).join('<br>') || 'Geen'}</dd></dl>` +
    `<h3>Leden van de werkgroep per perspectief</h3><dl>${members}</dl>` +
    m.colophon.lines.map((l) => `<p class="muted">${escapeHtml(l)}</p>`).join('') +
    `</section>`
  );
}

function toc(m: ReportModel): string {
  const entries = m.chapters.flatMap((c) => [
    `<li><a href="#${anchor(c.number)}"><span class="num">${escapeHtml(chapterLabel(c))}</span>${escapeHtml(c.title)}</a></li>`,
    ...c.parts.map((p) => `<li class="sub"><a href="#${anchor(p.number)}"><span class="num">${escapeHtml(p.number)}</span>${escapeHtml(p.title)}</a></li>`),
  ]);
  return `<nav class="toc page" aria-label="Inhoud"><h2>Inhoud</h2><ol>${entries.join('')}</ol></nav>`;
}

export interface HtmlOptions {
  /** false for the in-app preview, which applies REPORT_CSS itself (its CSP forbids inline styles). */
  embedStyle?: boolean;
}

export function renderReportHtml(m: ReportModel, options: HtmlOptions = {}): string {
  const style = options.embedStyle === false ? '' : `<style>${REPORT_CSS}</style>`;
  return (
    `<!doctype html>\n<html lang="nl"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_HTML_CSP}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="Richtsnoer ${escapeHtml(m.appVersion)}">` +
    `<title>${escapeHtml(`${m.title} – ${m.subtitle}`)}</title>${style}</head>` +
    `<body>${titlePage(m)}${colophon(m)}${m.chapters.length ? toc(m) : ''}<main>${m.chapters.map(chapterHtml).join('')}</main></body></html>\n`
  );
}
