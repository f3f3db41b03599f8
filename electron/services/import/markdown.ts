import MarkdownIt from 'markdown-it';
import { htmlToItems, type HtmlItems } from './html.js';

/**
 * Markdown to structure items: markdown-it renders HTML (with raw HTML switched off, so "<script>"
 * in a .md file stays text), then the shared HTML path reads it like any other page.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export async function markdownToItems(text: string, checkpoint?: () => Promise<void>): Promise<HtmlItems> {
  const html = `<!doctype html><html><body><main>${md.render(text)}</main></body></html>`;
  return htmlToItems(html, checkpoint);
}
