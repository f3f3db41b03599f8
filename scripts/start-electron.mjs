/**
 * `npm start`: runs the built app in Electron. Electron is pointed at the project folder, not at
 * dist-electron/main.cjs directly: it then reads package.json (main: dist-electron/main.cjs) and
 * takes the app's name and version from it, so userData is the same "Richtsnoer" folder that the
 * packaged app and browser mode use instead of a folder called "Electron".
 * On machines where the Electron binary was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1, no
 * internet) the electron package throws on require; say so in one line and point to browser mode
 * instead of printing a stack trace.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // In plain Node the electron package exports the path of its binary.
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) {
  console.error('Electron is niet geïnstalleerd op deze machine (ELECTRON_SKIP_BINARY_DOWNLOAD); start Richtsnoer in de browser met: npm run web');
  process.exit(1);
}

// ELECTRON_RUN_AS_NODE in the environment would make the binary behave as plain Node.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('error', (error) => {
  console.error(`Electron kon niet worden gestart: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
