/**
 * Bundles the Electron main process and preload script into dist-electron/ as CommonJS.
 *
 * Why CommonJS: the sandboxed preload cannot load ES modules, and a .cjs main avoids Electron's
 * ESM loader quirks. The TypeScript sources are ESM (import.meta.url, .js import paths), so a
 * banner defines __importMetaUrl from __filename and esbuild substitutes it for import.meta.url:
 * inside the bundle it then names dist-electron/main.cjs, which is where the migrations are copied.
 * electron is provided by the runtime; better-sqlite3 is a native module that must stay a real
 * require so electron-builder can ship (and unpack) its .node file. The seed JSON is bundled.
 *
 * Usage: node scripts/build-electron.mjs [--outdir DIR]
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = path.resolve(values.outdir ?? path.join(root, 'dist-electron'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

const RUNTIME_DEPENDENCIES = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies ?? {});

fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });

await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'main.ts')],
  outfile: path.join(outdir, 'main.cjs'),
  // Runtime dependencies stay in node_modules (electron-builder ships them): native better-sqlite3,
  // and the importers (jsdom reads files next to its own sources; pdfjs-dist is ESM-only).
  external: ['electron', ...RUNTIME_DEPENDENCIES],
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__importMetaUrl' },
});

await build({
  ...common,
  entryPoints: [path.join(root, 'electron', 'preload.ts')],
  outfile: path.join(outdir, 'preload.cjs'),
  // A sandboxed preload may only require('electron') (and a few Node polyfills): nothing else may
  // end up as a require() in this file.
  external: ['electron'],
  platform: 'browser',
});

const migrationsSource = path.join(root, 'db', 'migrations');
const migrationsTarget = path.join(outdir, 'migrations');
fs.mkdirSync(migrationsTarget, { recursive: true });
for (const file of fs.readdirSync(migrationsSource)) {
  if (file.endsWith('.sql')) fs.copyFileSync(path.join(migrationsSource, file), path.join(migrationsTarget, file));
}

console.log(`Electron-bundel geschreven naar ${path.relative(root, outdir) || outdir}`);
