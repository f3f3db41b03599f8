import type { ContextMenuParams, MenuItemConstructorOptions, WebContents } from 'electron';

export interface AppMenuOptions {
  /** Reload and developer tools are for development only. */
  isPackaged: boolean;
  /** macOS expects the first menu to be the application menu. */
  isMac: boolean;
  onAbout: () => void;
}

/**
 * A minimal Dutch menu. Roles keep the native behaviour (shortcuts, clipboard, zoom); the labels
 * are set because Electron would otherwise show the English defaults.
 */
export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [];
  if (!options.isPackaged) {
    view.push(
      { role: 'reload', label: 'Herladen' },
      { role: 'forceReload', label: 'Geforceerd herladen' },
      { role: 'toggleDevTools', label: 'Ontwikkelaarshulpmiddelen' },
      { type: 'separator' },
    );
  }
  view.push(
    { role: 'resetZoom', label: 'Werkelijke grootte' },
    { role: 'zoomIn', label: 'Inzoomen' },
    { role: 'zoomOut', label: 'Uitzoomen' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: 'Volledig scherm' },
  );

  const template: MenuItemConstructorOptions[] = [
    { label: 'Bestand', submenu: [{ role: 'quit', label: 'Afsluiten' }] },
    {
      label: 'Bewerken',
      submenu: [
        { role: 'undo', label: 'Ongedaan maken' },
        { role: 'redo', label: 'Opnieuw' },
        { type: 'separator' },
        { role: 'cut', label: 'Knippen' },
        { role: 'copy', label: 'Kopiëren' },
        { role: 'paste', label: 'Plakken' },
        { role: 'selectAll', label: 'Alles selecteren' },
      ],
    },
    { label: 'Beeld', submenu: view },
    { label: 'Help', submenu: [{ label: 'Over Richtsnoer', click: () => options.onAbout() }] },
  ];
  if (options.isMac) {
    template.unshift({
      label: 'Richtsnoer',
      submenu: [
        { label: 'Over Richtsnoer', click: () => options.onAbout() },
        { type: 'separator' },
        { role: 'hide', label: 'Verberg Richtsnoer' },
        { role: 'hideOthers', label: 'Verberg andere' },
        { role: 'unhide', label: 'Toon alle' },
        { type: 'separator' },
        { role: 'quit', label: 'Stop Richtsnoer' },
      ],
    });
  }
  return template;
}

/**
 * Right-click menu for text: without one, Electron shows nothing, so spelling suggestions and
 * copy/paste by mouse would be missing.
 */
export function buildContextMenuTemplate(
  params: Pick<ContextMenuParams, 'isEditable' | 'selectionText' | 'misspelledWord' | 'dictionarySuggestions' | 'editFlags'>,
  contents: Pick<WebContents, 'replaceMisspelling'>,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [];
  if (params.isEditable && params.misspelledWord) {
    for (const suggestion of params.dictionarySuggestions.slice(0, 5)) {
      items.push({ label: suggestion, click: () => contents.replaceMisspelling(suggestion) });
    }
    if (items.length === 0) items.push({ label: 'Geen suggesties', enabled: false });
    items.push({ type: 'separator' });
  }
  if (params.isEditable) {
    items.push(
      { role: 'cut', label: 'Knippen', enabled: params.editFlags.canCut },
      { role: 'copy', label: 'Kopiëren', enabled: params.editFlags.canCopy },
      { role: 'paste', label: 'Plakken', enabled: params.editFlags.canPaste },
      { type: 'separator' },
      { role: 'selectAll', label: 'Alles selecteren' },
    );
  } else if (params.selectionText.trim() !== '') {
    items.push({ role: 'copy', label: 'Kopiëren' });
  }
  return items;
}
