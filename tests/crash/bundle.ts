/**
 * How the crash tests start their child scripts. Under tsx a child needs ~1 s before its first line
 * runs; the same script bundled once with esbuild starts in ~0.3 s, which matters when a test starts
 * fifty of them. RICHTSNOER_CRASH_TSX=1 runs the sources under `node --import tsx` instead (slower,
 * but with the original file names in stack traces).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The children's environment: migrate.ts finds the migrations the way the Electron bundle does. */
export const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, RICHTSNOER_MIGRATIONS_DIR: path.join(ROOT, 'db', 'migrations') };

export interface ChildScript {
  /** Arguments for process.execPath, before the script's own arguments. */
  args: string[];
  cleanup(): void;
}

/** `script` is a path relative to the project root, e.g. "tests/crash/writer.ts". */
export async function prepareChild(script: string): Promise<ChildScript> {
  const entry = path.join(ROOT, script);
  if (process.env.RICHTSNOER_CRASH_TSX === '1') return { args: ['--import', 'tsx', entry], cleanup() {} };
  // Inside the project so the external packages resolve from its node_modules.
  const cache = path.join(ROOT, 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, 'richtsnoer-crash-'));
  const outfile = path.join(dir, `${path.basename(script, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    // As in scripts/build-electron.mjs; with RICHTSNOER_MIGRATIONS_DIR set it is not even used.
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  });
  return { args: [outfile], cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
