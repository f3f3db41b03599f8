/** Reads a File into base64 for the API (JSON is the transport in browser mode). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunks keep String.fromCharCode's argument list small for large files.
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export const ACCEPTED_EXTENSIONS = ['.pdf', '.docx', '.html', '.htm', '.md', '.markdown', '.txt'];

/** A version label from a file name: "ADHD-richtlijn_2015.pdf" → "ADHD-richtlijn 2015". */
export function labelFromFileName(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ').trim();
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/** Hands a file to the browser's download, the same way for text and binary exports. */
function offerDownload(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offers text produced by the backend as a download (the backend never writes files itself). */
export function downloadText(file: { fileName: string; mimeType: string; content: string }): void {
  offerDownload(new Blob([file.content], { type: file.mimeType }), file.fileName);
}

/** Offers a binary file produced by the backend (XLSX, project file) as a download. */
export function downloadBase64(file: { fileName: string; mimeType: string; contentBase64: string }): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0));
  offerDownload(new Blob([bytes], { type: file.mimeType }), file.fileName);
}
