import { describe, expect, it } from 'vitest';
import { buildAppMenuTemplate, buildContextMenuTemplate } from '../../electron/menu.js';

type Item = { label?: string; role?: string; submenu?: Item[]; click?: () => void; enabled?: boolean; type?: string };

const menu = (isPackaged: boolean, isMac = false) => buildAppMenuTemplate({ isPackaged, isMac, onAbout: () => undefined }) as Item[];
const roles = (items: Item[]) => items.flatMap((item) => (item.submenu ?? []).map((sub) => sub.role).filter(Boolean));

describe('application menu', () => {
  it('has the four Dutch menus with Dutch labels on every item', () => {
    const items = menu(false);
    expect(items.map((item) => item.label)).toEqual(['Bestand', 'Bewerken', 'Beeld', 'Help']);
    expect(items[0]?.submenu).toEqual([{ role: 'quit', label: 'Afsluiten' }]);
    for (const item of items.flatMap((i) => i.submenu ?? [])) {
      if (item.type !== 'separator') expect(item.label, item.role).toBeTruthy();
    }
    expect(roles(items)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom']));
  });

  it('offers reload and developer tools only in development', () => {
    expect(roles(menu(false))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(menu(true))).not.toContain('reload');
    expect(roles(menu(true))).not.toContain('forceReload');
    expect(roles(menu(true))).not.toContain('toggleDevTools');
  });

  it('calls onAbout from Help › Over Richtsnoer', () => {
    let called = 0;
    const items = buildAppMenuTemplate({ isPackaged: true, isMac: false, onAbout: () => called++ }) as Item[];
    const about = items.find((i) => i.label === 'Help')?.submenu?.find((i) => i.label === 'Over Richtsnoer');
    about?.click?.();
    expect(called).toBe(1);
  });

  it('puts the application menu first on macOS', () => {
    expect(menu(true, true)[0]?.label).toBe('Richtsnoer');
  });
});

describe('context menu', () => {
  const params = {
    isEditable: true,
    selectionText: '',
    misspelledWord: 'kwaliteitstandaard',
    dictionarySuggestions: ['kwaliteitsstandaard', 'kwaliteitsstandaarden'],
    editFlags: { canCut: false, canCopy: false, canPaste: true, canUndo: false, canRedo: false, canDelete: false, canSelectAll: true, canEditRichly: false },
  };

  it('offers spelling suggestions that replace the misspelled word', () => {
    const replaced: string[] = [];
    const items = buildContextMenuTemplate(params, { replaceMisspelling: (word: string) => void replaced.push(word) }) as Item[];
    expect(items.slice(0, 2).map((i) => i.label)).toEqual(['kwaliteitsstandaard', 'kwaliteitsstandaarden']);
    items[0]?.click?.();
    expect(replaced).toEqual(['kwaliteitsstandaard']);
    expect(items.find((i) => i.role === 'paste')?.enabled).toBe(true);
    expect(items.find((i) => i.role === 'cut')?.enabled).toBe(false);
  });

  it('only offers copy for selected read-only text, and nothing otherwise', () => {
    const contents = { replaceMisspelling: () => undefined };
    const readOnly = { ...params, isEditable: false, misspelledWord: '', dictionarySuggestions: [] };
    expect((buildContextMenuTemplate({ ...readOnly, selectionText: 'ADHD' }, contents) as Item[]).map((i) => i.role)).toEqual(['copy']);
    expect(buildContextMenuTemplate(readOnly, contents)).toEqual([]);
  });
});
