// Every webContents the app ever creates stays on the app: navigations and redirects away are cancelled,
// new windows are denied (allowlisted documentation links go to the user's browser instead) and <webview>
// is never attached.

import type { App, WebContents } from 'electron';
import { isAllowedExternalUrl } from '../security/external-links';
import { isAppUrl, type AppOrigins } from './origins';

export interface NavigationPolicy {
  origins: AppOrigins;
  /** Opens an allowlisted URL in the user's browser. */
  openExternal(url: string): void;
  log?: (message: string) => void;
}

export function hardenWebContents(contents: WebContents, policy: NavigationPolicy): void {
  const log = policy.log ?? ((message: string) => console.warn(message));
  const stayOnApp = (event: { url: string; preventDefault(): void }) => {
    if (isAppUrl(event.url, policy.origins)) return;
    event.preventDefault();
    log(`[triad] blocked navigation to ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) policy.openExternal(url);
    else log(`[triad] blocked window.open of ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}

export function hardenAllWebContents(app: Pick<App, 'on'>, policy: NavigationPolicy): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy));
}
