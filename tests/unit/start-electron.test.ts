import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../helpers/test-db.js';

const script = path.resolve('scripts', 'start-electron.mjs');
const MESSAGE = 'Electron is niet geïnstalleerd op deze machine (ELECTRON_SKIP_BINARY_DOWNLOAD); start Richtsnoer in de browser met: npm run web';

/** Whether this machine really has the Electron binary (then the first test does not apply). */
function electronInstalled(): boolean {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary);
  } catch {
    return false;
  }
}

function run(env: Record<string, string | undefined> = {}) {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('ELECTRON_OVERRIDE_DIST_PATH' in env)) delete merged.ELECTRON_OVERRIDE_DIST_PATH;
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
  return spawnSync(process.execPath, [script], { env: merged, encoding: 'utf8', timeout: 30_000 });
}

function expectSingleDutchLine(result: ReturnType<typeof run>) {
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split(/\r?\n/).filter((line) => line !== '');
  expect(lines).toEqual([MESSAGE]);
  // No stack trace, no raw error from the electron package.
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/Error|failed to install/i);
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe('npm start without the Electron binary', () => {
  it.skipIf(electronInstalled())('prints one Dutch line pointing to browser mode and exits 1', () => {
    expectSingleDutchLine(run());
  });

  it('says the same when the electron package points at a binary that does not exist', () => {
    const empty = tempDir('richtsnoer-noelectron-');
    dirs.push(empty);
    expectSingleDutchLine(run({ ELECTRON_OVERRIDE_DIST_PATH: empty }));
  });
});

describe('npm start with an Electron binary', () => {
  it.skipIf(process.platform === 'win32')('starts it on the project (package.json main: dist-electron/main.cjs), without ELECTRON_RUN_AS_NODE, and passes on its exit code', () => {
    const distDir = tempDir('richtsnoer-fake-electron-');
    dirs.push(distDir);
    const record = path.join(distDir, 'record.txt');
    const fakeBinary = path.join(distDir, 'electron');
    fs.writeFileSync(fakeBinary, `#!/bin/sh\nprintf '%s\\n' "$@" > "${record}"\necho "run-as-node=\${ELECTRON_RUN_AS_NODE:-unset}" >> "${record}"\nexit 7\n`);
    fs.chmodSync(fakeBinary, 0o755);

    const result = run({ ELECTRON_OVERRIDE_DIST_PATH: distDir, ELECTRON_RUN_AS_NODE: '1' });
    expect(result.status).toBe(7);
    expect(result.stderr).toBe('');
    const [appArg, runAsNode] = fs.readFileSync(record, 'utf8').trim().split('\n');
    expect(appArg).toBe(path.resolve('.'));
    const pkg = JSON.parse(fs.readFileSync(path.join(appArg!, 'package.json'), 'utf8')) as { main: string; productName: string };
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(pkg.productName).toBe('Richtsnoer');
    expect(runAsNode).toBe('run-as-node=unset');
  });
});
