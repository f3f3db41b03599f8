/**
 * electron-builder `beforeBuild` hook: rebuilds better-sqlite3 for the Electron version being
 * packaged, using @electron/rebuild (a dependency of electron-builder 25).
 *
 * Why a hook instead of electron-builder's own rebuild or `install-app-deps` in postinstall:
 * node_modules must hold the Node build of better-sqlite3 for the tests and browser mode, and only
 * packaging needs the Electron build. Returning false tells electron-builder that node_modules is
 * handled here, so it does not install or rebuild anything itself.
 *
 * The rebuild happens in place in this project's node_modules. Afterwards run
 *   npm rebuild better-sqlite3
 * to get the Node build back for `npm test` and `npm run web`.
 *
 * Needs the network once per Electron version (prebuilt binary or Electron headers).
 */
'use strict';

/**
 * @param {{ appDir: string, electronVersion?: string, platform: { nodeName: string }, arch: string }} context
 * @param {typeof import('@electron/rebuild').rebuild} [rebuild] injectable for tests
 * @returns {Promise<false>}
 */
module.exports = async function beforeBuild(context, rebuild = require('@electron/rebuild').rebuild) {
  const electronVersion = context.electronVersion || require('electron/package.json').version;
  console.log(`Richtsnoer: better-sqlite3 opnieuw bouwen voor Electron ${electronVersion} (${context.platform.nodeName}-${context.arch})`);
  await rebuild({
    buildPath: context.appDir,
    electronVersion,
    arch: context.arch,
    platform: context.platform.nodeName,
    onlyModules: ['better-sqlite3'],
    force: true,
  });
  console.log('Richtsnoer: klaar. Voor tests en browsermodus daarna: npm rebuild better-sqlite3');
  return false;
};
