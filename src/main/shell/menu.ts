// The application menu: opening a snapshot, the usual edit/window roles, and Help links (allowlisted).

import type { MenuItemConstructorOptions } from 'electron';

export const HELP_LINKS = [
  { label: 'AWS Config Managed Rules', url: 'https://docs.aws.amazon.com/config/latest/developerguide/managed-rules-by-aws-config.html' },
  {
    label: 'Well-Architected Security Pillar',
    url: 'https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/welcome.html',
  },
  { label: 'Shared Responsibility Model', url: 'https://aws.amazon.com/compliance/shared-responsibility-model/' },
] as const;

export interface MenuActions {
  isMac: boolean;
  /** Shows the open dialog and opens the chosen snapshot. */
  openSnapshot(): void;
  openExternal(url: string): void;
  /** Developer tools only in `npm run dev`. */
  devTools: boolean;
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (actions.isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Open Snapshot…', accelerator: 'CmdOrCtrl+O', click: () => actions.openSnapshot() },
        { type: 'separator' },
        actions.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(actions.devTools ? [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: HELP_LINKS.map((link) => ({ label: link.label, click: () => actions.openExternal(link.url) })) },
  );
  return template;
}
