// Session-wide guards: no permission is ever granted, no request leaves for another origin, and the CSP is set
// again on the app's responses as defense in depth (the protocol handler already sends it).

import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../security/csp';
import { isAllowedRequestUrl, isAppUrl, type AppOrigins } from './origins';

// Writing plain text to the clipboard from a click (the "copy" button of the evidence view) is the one
// capability the app uses; Chromium already requires a user gesture for it.
const GRANTED_CHECKS = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session, origins: AppOrigins, log: (message: string) => void = (message) => console.warn(message)): void {
  const policy = origins.devServerUrl ? devContentSecurityPolicy(origins.devServerUrl) : CONTENT_SECURITY_POLICY;

  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`[triad] denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => GRANTED_CHECKS.has(permission) && isAppUrl(requestingOrigin, origins),
  );

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, origins);
    if (!allowed) log(`[triad] blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, origins)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } });
  });
}
