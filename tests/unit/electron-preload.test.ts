import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from '../fakes/electron.js';

// The preload talks to 'electron' directly (it runs in the renderer's sandbox); the fake records
// what it exposes and what it sends.
vi.mock('electron', async () => (await import('../fakes/electron.js')).createFakeElectron());

let fake: FakeElectron;
let bridge: Record<string, unknown>;

beforeAll(async () => {
  fake = (await import('electron')) as unknown as FakeElectron;
  await import('../../electron/preload.js');
  const [exposed] = fake.calls.exposed;
  bridge = exposed?.api;
});

describe('preload', () => {
  it('exposes one object, window.richtsnoer, and nothing else', () => {
    expect(fake.calls.exposed.map((e) => e.key)).toEqual(['richtsnoer']);
  });

  it('exposes only invoke and openExternal, both plain functions', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'openExternal']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    // No ipcRenderer, send/on/removeListener or anything else that would let the page pick channels.
    expect(Object.values(bridge)).not.toContain(fake.ipcRenderer);
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('on');
  });

  it('invoke always uses the api channel', async () => {
    const invoke = bridge.invoke as (method: string, args: unknown) => Promise<unknown>;
    await invoke('standards.list', { query: 'adhd' });
    expect(fake.calls.rendererInvokes.at(-1)).toEqual(['api', 'standards.list', { query: 'adhd' }]);
  });

  it('openExternal always uses the shell:openExternal channel with a string', async () => {
    const openExternal = bridge.openExternal as (url: unknown) => Promise<unknown>;
    await openExternal('https://www.nji.nl/');
    expect(fake.calls.rendererInvokes.at(-1)).toEqual(['shell:openExternal', 'https://www.nji.nl/']);
    await openExternal({ toString: () => 'javascript:alert(1)' });
    // Coerced to a string here; main refuses anything that is not http(s).
    expect(fake.calls.rendererInvokes.at(-1)).toEqual(['shell:openExternal', 'javascript:alert(1)']);
  });
});
