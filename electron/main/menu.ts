/** The application menu: File (Export result…, Quit), View (Reload; DevTools in development), Help (About). */
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';

export function installMenu(getWindow: () => BrowserWindow | null, isDev: boolean): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        {
          label: 'Export result…',
          accelerator: 'CmdOrCtrl+E',
          click: () => getWindow()?.webContents.send('astra:menu', 'export-result'),
        },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(isDev ? [{ role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        {
          label: 'About ASTRA Desktop',
          click: () => {
            const window = getWindow();
            const options = {
              type: 'info' as const,
              title: 'About ASTRA Desktop',
              message: `ASTRA Desktop ${app.getVersion()}`,
              detail: 'Sentinel-2, Landsat 8/9 and Planetary Computer behind one search, processed locally.',
            };
            void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
          },
        },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
