/**
 * The report as GitHub-flavoured Markdown: headings, tables (pipes escaped, line breaks as <br>),
 * and differences as ~~deleted~~ and **inserted**. Text is escaped so a theme like "*nieuw*" or
 * "<b>" stays as typed.
 */
import { chapterLabel, type DiffRun, type ReportBlock, type ReportCell, type ReportChapter, type ReportModel, type ReportPart } from '../../../common/report.js';

/** Markdown and inline HTML that would otherwise take effect. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/([`*_[\]|~])/g, '\\$1')
    .replace(/</g, '&lt;')
    .replace(/^(\s*)([-+#>=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** Text inside a table cell: one line, pipes escaped, line breaks as <br>. */
const inCell = (text: string): string => escapeMarkdown(text).replace(/\r?\n/g, '<br>');
const cellText = (text: string): string => inCell(text).trim();

function cell(c: ReportCell): string {
  if (typeof c === 'string') return cellText(c) || ' ';
  const parts = [c.badge ? `_${cellText(c.badge.label)}_` : '', c.title ? `**${cellText(c.title)}**` : '', cellText(c.text), c.note ? `_${cellText(c.note)}_` : ''].filter(Boolean);
  return parts.join('<br>') || ' ';
}

/** A table from cells already written as Markdown (one line each). */
function rawTable(columns: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `| ${columns.map((c) => cellText(c) || ' ').join(' | ')} |`;
  const rule = `| ${columns.map(() => '---').join(' | ')} |`;
  const body = rows.map((r) => `| ${columns.map((_, k) => r[k] || ' ').join(' | ')} |`);
  return [head, rule, ...body].join('\n');
}

const table = (columns: readonly string[], rows: ReadonlyArray<readonly ReportCell[]>): string => rawTable(columns, rows.map((r) => columns.map((_, k) => cell(r[k] ?? ''))));

/** Runs of a diff inside a table cell: markers must not span a <br>, so each line is marked on its own. */
function runs(list: readonly DiffRun[]): string {
  return list
    .map((r) => {
      const text = inCell(r.text);
      if (r.kind === 'equal' || !text.trim()) return text;
      const mark = r.kind === 'deleted' ? '~~' : r.kind === 'inserted' ? '**' : '_';
      return text
        .split('<br>')
        .map((piece) => {
          const core = piece.trim();
          if (!core) return piece;
          const lead = piece.slice(0, piece.indexOf(core));
          const tail = piece.slice(piece.indexOf(core) + core.length);
          return `${lead}${mark}${core}${mark}${tail}`;
        })
        .join('<br>');
    })
    .join('');
}

const paragraph = (text: string, muted = false) =>
  text
    .split(/\n\s*\n/)
    .map((p) => escapeMarkdown(p.trim()).replace(/\n/g, '  \n'))
    .filter(Boolean)
    .map((p) => (muted ? `_${p}_` : p))
    .join('\n\n');

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'paragraph':
      return paragraph(b.text, b.style === 'muted');
    case 'list':
      return b.items.map((i) => `- ${escapeMarkdown(i).replace(/\n/g, ' ')}`).join('\n');
    case 'fields':
      return b.items.map((f) => `**${escapeMarkdown(f.label)}:** ${escapeMarkdown(f.value).replace(/\n/g, '  \n')}`).join('  \n');
    case 'figures':
      return table(
        b.items.map((f) => f.label),
        [b.items.map((f) => f.value)],
      );
    case 'callout':
      return `> **${escapeMarkdown(b.title)}**  \n${b.text
        .split('\n')
        .map((l) => `> ${escapeMarkdown(l)}`)
        .join('  \n')}`;
    case 'passage':
      return `> ${b.before ? `…${escapeMarkdown(b.before)} ` : ''}**${escapeMarkdown(b.quote).replace(/\n+/g, ' ')}**${b.after ? ` ${escapeMarkdown(b.after)}…` : ''}  \n> — ${escapeMarkdown(b.source)}${b.tags.length ? ` · ${escapeMarkdown(b.tags.join(', '))}` : ''}${b.note ? `  \n> Notitie: ${escapeMarkdown(b.note)}` : ''}`;
    case 'table':
      return `${b.caption ? `**${escapeMarkdown(b.caption)}**\n\n` : ''}${table(b.columns, b.rows)}`;
    case 'comparison':
      return `${rawTable([b.left.label, b.right.label], [[runs(b.left.runs), runs(b.right.runs)]])}\n\n_${b.deletedWords} ${b.deletedWords === 1 ? 'woord' : 'woorden'} alleen links, ${b.insertedWords} alleen rechts${b.truncated ? '; de teksten zijn ingekort' : ''}._`;
  }
}

function part(p: ReportPart, depth: number): string {
  const head = `${'#'.repeat(Math.min(6, depth))} ${p.number} ${escapeMarkdown(p.title)}`;
  return [head, ...p.blocks.map(block), ...p.parts.map((x) => part(x, depth + 1))].join('\n\n');
}

function chapter(c: ReportChapter): string {
  return [`## ${chapterLabel(c)} ${escapeMarkdown(c.title)}`, ...c.blocks.map(block), ...c.parts.map((p) => part(p, 3))].join('\n\n');
}

export function renderReportMarkdown(m: ReportModel): string {
  const members = m.colophon.members.map((g) => `- **${escapeMarkdown(g.perspective)}:** ${escapeMarkdown(g.members.map((x) => `${x.name}${x.organisation ? `, ${x.organisation}` : ''} (${x.role.toLowerCase()})`).join('; '))}`);
  const front = [
    `# ${escapeMarkdown(m.title)}: ${escapeMarkdown(m.subtitle)}`,
    m.titleLines.map((l) => escapeMarkdown(l)).join('  \n') + `  \n${escapeMarkdown(m.dateLabel)}`,
    '## Colofon',
    [`**Pilot:** ${escapeMarkdown(m.pilot.title)}`, `**Rapport voor:** ${escapeMarkdown(m.audienceLabel)}`, `**Datum:** ${escapeMarkdown(m.dateLabel)}`, `**Standaarden:** ${escapeMarkdown(m.colophon.standards.join('; ') || 'geen')}`].join('  \n'),
    members.length ? `**Leden van de werkgroep per perspectief**\n\n${members.join('\n')}` : '_Er zijn geen leden vastgelegd._',
    m.colophon.lines.map((l) => `_${escapeMarkdown(l)}_`).join('  \n'),
  ];
  if (m.chapters.some((c) => c.parts.some((p) => p.blocks.some((b) => b.kind === 'comparison')))) {
    front.push('_In de vergelijkingen staat ~~doorgehaald~~ wat alleen in de linker tekst staat en **vet** wat alleen in de rechter tekst staat._');
  }
  const toc = m.chapters.map((c) => `- ${chapterLabel(c)} ${escapeMarkdown(c.title)}`).join('\n');
  return [...front, '## Inhoud', toc, ...m.chapters.map(chapter)].join('\n\n') + '\n';
}
