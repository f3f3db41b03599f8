/**
 * `npm run web`: Richtsnoer in the default browser. Options: --port N, --data-dir DIR, --no-open.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { appVersion } from './version.js';
import { startWebServer } from './web.js';
import { defaultDataDir } from './workspace.js';
import { WorkspaceSession } from './workspace-session.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, 'data-dir': { type: 'string' }, 'no-open': { type: 'boolean', default: false } },
});

function openInBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.log('Open de link hierboven zelf in je browser.'));
  child.unref();
}

try {
  const session = WorkspaceSession.open({ dataDir: values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(), context: { mode: 'browser', appVersion: appVersion() } });
  // A getter: restoring a backup or opening a project file swaps the api behind the session.
  const server = await startWebServer({ api: () => session.api, staticDir: path.join(root, 'dist', 'renderer'), port: Number(values.port) });
  console.log(`Richtsnoer draait in browsermodus (alleen op deze computer).`);
  console.log(`Werkruimte: ${session.file}`);
  console.log(`Open: ${server.loginUrl}`);
  if (!values['no-open']) openInBrowser(server.loginUrl);
  const stop = () => {
    void server.close().then(() => {
      session.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`Richtsnoer kon niet starten: ${(error as Error).message}`);
  process.exit(1);
}
