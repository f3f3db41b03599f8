/**
 * The Content-Security-Policy of every page: only the app's own scripts, no inline or eval'd
 * script, no plugins, no framing. The same policy is set as an HTTP header in browser mode and as
 * a response header on the app:// protocol in Electron (and as a meta tag in index.html).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only web links may leave the app, and only to the system browser. */
export function isSafeExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
