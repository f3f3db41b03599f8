/**
 * The codebook as a REFI-QDA codebook file (.qdc, namespace urn:QDA-XML:codebook:1.0), which
 * ATLAS.ti, MAXQDA, NVivo, QualCoder and Taguette import: nested <Code> elements with guid, name,
 * colour and description. Only the codebook; annotations are not part of a .qdc.
 */
import type { ExportFile, Tag } from '../../common/tags.js';

// XML 1.0 allows tab, LF, CR and everything from U+0020 except unpaired surrogates and U+FFFE/F.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/** Tags in tree order (as tags.list returns them) as a .qdc document. */
export function codebookQdc(tags: readonly Tag[], origin: string): ExportFile {
  const children = new Map<number | null, Tag[]>();
  for (const t of tags) children.set(t.parentId, [...(children.get(t.parentId) ?? []), t]);
  const render = (tag: Tag, indent: string): string => {
    const attrs = `guid="${tag.guid.toUpperCase()}" name="${xmlEscape(tag.name)}" isCodable="true" color="${tag.color.toUpperCase()}"`;
    const inner = [
      ...(tag.description ? [`${indent}  <Description>${xmlEscape(tag.description)}</Description>`] : []),
      ...(children.get(tag.id) ?? []).map((c) => render(c, `${indent}  `)),
    ];
    return inner.length === 0 ? `${indent}<Code ${attrs}/>` : `${indent}<Code ${attrs}>\n${inner.join('\n')}\n${indent}</Code>`;
  };
  const codes = (children.get(null) ?? []).map((t) => render(t, '    '));
  const content = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="${xmlEscape(origin)}">`,
    codes.length ? `  <Codes>\n${codes.join('\n')}\n  </Codes>` : '  <Codes/>',
    '</CodeBook>',
    '',
  ].join('\n');
  return { fileName: 'codeboek.qdc', mimeType: 'application/xml;charset=utf-8', content };
}
