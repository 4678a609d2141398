// The only URLs the app will hand to the user's browser: documentation an auditor follows from a control or the
// Help menu. Anything else (other hosts, http, credentials in the URL, custom schemes) is refused, because
// shell.openExternal on an attacker-chosen URL can start arbitrary local handlers.

interface AllowedSite {
  host: string | RegExp;
  /** When set, only paths under this prefix are allowed on that host. */
  pathPrefix?: string;
}

const ALLOWED_SITES: AllowedSite[] = [
  { host: 'docs.aws.amazon.com' },
  { host: 'aws.amazon.com' },
  { host: 'console.aws.amazon.com' },
  // Region-scoped console links, e.g. eu-west-1.console.aws.amazon.com.
  { host: /^[a-z]{2}(-gov)?-[a-z]+-\d\.console\.aws\.amazon\.com$/ },
  { host: 'github.com', pathPrefix: '/awslabs/aws-config-rules/' },
  { host: 'www.electronjs.org', pathPrefix: '/docs/latest/tutorial/security' },
];

export function isAllowedExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return false;
  return ALLOWED_SITES.some(
    (site) =>
      (typeof site.host === 'string' ? parsed.hostname === site.host : site.host.test(parsed.hostname)) &&
      (site.pathPrefix === undefined || parsed.pathname.startsWith(site.pathPrefix)),
  );
}
