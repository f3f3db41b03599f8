/**
 * A tiny markdown reader for the crash tests' child processes: "#"×level headings and paragraphs.
 * The real importers would load pdf.js, mammoth and jsdom in every child, start-up time these
 * tests do not need; what they test is what happens to the parsed document in the database.
 */
import type { ParsedDocument, ParsedSection } from '../../common/document.js';
import type { Parser } from '../../electron/services/import-jobs.js';

export const parseMarkdown: Parser = async (bytes) => {
  const sections: ParsedSection[] = [];
  for (const raw of new TextDecoder().decode(bytes).split('\n')) {
    const line = raw.trim();
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      sections.push({ level, number: null, heading: heading[2] ?? '', kind: level === 1 ? 'chapter' : 'section', blocks: [], pageStart: null, pageEnd: null });
    } else if (line !== '') {
      sections[sections.length - 1]?.blocks.push({ type: 'paragraph', text: line });
    }
  }
  const doc: ParsedDocument = { format: 'markdown', title: sections[0]?.heading ?? null, pageCount: null, sections, warnings: [], wordCount: 0 };
  return doc;
};
