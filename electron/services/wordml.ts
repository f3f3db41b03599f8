import type { SaxesTagNS } from 'saxes';

/**
 * WordprocessingML names for SAX passes over the parts of a DOCX (comment tables, automatic
 * numbering): the namespaces a Word document may use, and attribute lookup by local name.
 */

/** Transitional and Strict (ISO) namespaces of WordprocessingML. */
export const W_NS: ReadonlySet<string> = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
/** Markup compatibility: mc:Fallback repeats what mc:Choice holds, for older readers. */
export const MC_NS = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A w: attribute (or one without namespace) of an element, by local name. */
export function wordAttr(tag: SaxesTagNS, local: string): string | null {
  for (const a of Object.values(tag.attributes)) if (a.local === local && (W_NS.has(a.uri) || a.uri === '')) return a.value;
  return null;
}
