import mammoth from 'mammoth';
import { raceAbort } from './control.js';
import { importErrors } from './errors.js';
import { htmlToItems, type HtmlItems } from './html.js';
import { guardDocx } from './zip-guard.js';

/**
 * Word (.docx) to structure items: the archive is checked first (zip-guard.ts), mammoth turns the
 * document into semantic HTML, and the shared HTML path does the rest. Heading styles map to
 * h1–h6, also in Dutch Word ("Kop 1"); images are dropped, not embedded as base64.
 */

const STYLE_MAP = [
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
    `p[style-name='Heading ${n}'] => h${n}:fresh`,
    `p[style-name='heading ${n}'] => h${n}:fresh`,
    `p[style-name='Kop ${n}'] => h${n}:fresh`,
    `p[style-name='kop ${n}'] => h${n}:fresh`,
  ]),
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Titel'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Ondertitel'] => p:fresh",
];

export async function docxToItems(bytes: Uint8Array, signal?: AbortSignal, checkpoint?: () => Promise<void>): Promise<HtmlItems> {
  guardDocx(bytes);
  if (checkpoint) await checkpoint();
  let html: string;
  try {
    const result = await raceAbort(
      mammoth.convertToHtml(
        { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        {
          styleMap: STYLE_MAP,
          includeDefaultStyleMap: true,
          externalFileAccess: false,
          // Images would arrive as base64 data URIs; we import text only.
          convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
        },
      ),
      signal,
    );
    html = result.value;
  } catch (error) {
    if (error instanceof Error && error.name === 'ImportError') throw error;
    throw importErrors.damaged('Het Word-bestand kon niet worden gelezen; het lijkt beschadigd.', String((error as Error)?.message ?? error));
  }
  return htmlToItems(`<!doctype html><html><body><main>${html}</main></body></html>`, checkpoint);
}
