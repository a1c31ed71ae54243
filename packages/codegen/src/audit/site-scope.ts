/**
 * Which URLs and cookies belong to the site that `audit --crawl` visits. Pure: URLs in, answers
 * out. Without the Public Suffix List, "the site" is the start URL's host and its `www.`
 * variant: precise for the common cases, conservative for the rest (a sibling sub-domain counts
 * as another site).
 */

/** `href` resolved against `base`, without its fragment; `undefined` unless http(s). */
export function pageUrl(href: string, base?: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  return url;
}

/** The host without a leading `www.`. */
function bareHost(hostname: string): string {
  return hostname.replace(/^www\./, '');
}

/**
 * Whether a redirect from the site to `to` stays on it: the same host (or its `www.` variant),
 * on the same port, or on the default port of either scheme (an `http:` → `https:` upgrade).
 */
export function staysOnSite(to: URL, site: URL): boolean {
  if (bareHost(to.hostname) !== bareHost(site.hostname)) return false;
  return to.port === site.port || (to.port === '' && site.port === '');
}

/**
 * Whether a cookie stored for `cookieDomain` (the browser's: `.example.com` for a Domain cookie,
 * `www.example.com` for a host-only one) is another site's than `siteHost`'s: not the host, a
 * parent domain of it, or a sub-domain of it (ignoring `www.`).
 */
export function isThirdPartyDomain(cookieDomain: string, siteHost: string): boolean {
  const domain = cookieDomain.replace(/^\./, '').toLowerCase();
  const host = siteHost.toLowerCase();
  const bare = bareHost(host);
  const related = (a: string, b: string) => a === b || a.endsWith(`.${b}`);
  return !(related(host, domain) || related(domain, bare));
}

/** A URL for messages: its path and query on the crawled origin, else in full. */
export function displayUrl(url: string, origin: string): string {
  const parsed = pageUrl(url);
  if (!parsed) return url;
  return parsed.origin === origin ? `${parsed.pathname}${parsed.search}` : parsed.href;
}
