import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// electron-builder reads its YAML with js-yaml; use the same parser through it.
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild?: boolean;
  beforeBuild: string;
  win: { target: string };
  mac: { target: string };
  linux: { target: string };
}
const config = yaml.load(fs.readFileSync('electron-builder.yml', 'utf8')) as BuilderConfig;

type Hook = (context: unknown, rebuild: (options: Record<string, unknown>) => Promise<void>) => Promise<boolean>;
const beforeBuild = require(path.resolve('scripts', 'rebuild-native.cjs')) as Hook;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    // The check electron-builder runs before packaging, without packaging (no Electron download).
    const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
    const { validateConfiguration } = builderRequire('./out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), nonsense: true }, new DebugLogger(false))).rejects.toThrow(/unknown property/);
  });

  it('names the app and ships only the builds and package.json', () => {
    expect(config.appId).toBe('nl.kbl.richtsnoer');
    expect(config.productName).toBe('Richtsnoer');
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**/*', 'dist-electron/**/*', 'package.json']));
    // No sources, tests or workspaces end up in the package.
    expect(config.files.filter((f) => !f.startsWith('!') && !['dist/renderer/**/*', 'dist-electron/**/*', 'package.json'].includes(f))).toEqual([]);
  });

  it('unpacks the better-sqlite3 native module from the asar', () => {
    expect(config.asarUnpack.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('.node'))).toBe(true);
  });

  it('builds an installer per platform', () => {
    expect([config.win.target, config.mac.target, config.linux.target]).toEqual(['nsis', 'dmg', 'AppImage']);
  });

  it('rebuilds native modules through the beforeBuild hook', () => {
    expect(config.beforeBuild).toBe('scripts/rebuild-native.cjs');
    // electron-builder 25 skips beforeBuild altogether when npmRebuild is false; the hook returning
    // false is what stops electron-builder's own rebuild.
    expect(config.npmRebuild).not.toBe(false);
  });
});

describe('scripts/rebuild-native.cjs', () => {
  it('rebuilds only better-sqlite3 for the packaged Electron version and takes over node_modules', async () => {
    const calls: Record<string, unknown>[] = [];
    const log = console.log;
    console.log = () => undefined;
    try {
      const result = await beforeBuild(
        { appDir: '/project', electronVersion: '40.10.2', platform: { nodeName: 'win32' }, arch: 'x64' },
        async (options) => void calls.push(options),
      );
      expect(result).toBe(false);
    } finally {
      console.log = log;
    }
    expect(calls).toEqual([
      { buildPath: '/project', electronVersion: '40.10.2', arch: 'x64', platform: 'win32', onlyModules: ['better-sqlite3'], force: true },
    ]);
  });

  it('falls back to the installed electron package version', async () => {
    const calls: Record<string, unknown>[] = [];
    const log = console.log;
    console.log = () => undefined;
    try {
      await beforeBuild({ appDir: '/project', platform: { nodeName: 'linux' }, arch: 'x64' }, async (options) => void calls.push(options));
    } finally {
      console.log = log;
    }
    expect(calls[0]?.electronVersion).toBe((require('electron/package.json') as { version: string }).version);
  });

  it('uses @electron/rebuild, which electron-builder already brings', () => {
    expect(typeof (require('@electron/rebuild') as { rebuild: unknown }).rebuild).toBe('function');
  });
});
