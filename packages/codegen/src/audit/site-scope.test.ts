import { describe, expect, it } from 'vitest';
import { displayUrl, isThirdPartyDomain, pageUrl, staysOnSite } from './site-scope';

describe('site scope of a crawl', () => {
  it.each([
    ['/a#top', 'http://x.test/b', 'http://x.test/a'],
    ['b?q=1', 'http://x.test/dir/', 'http://x.test/dir/b?q=1'],
    ['https://y.test', undefined, 'https://y.test/'],
    ['mailto:a@b.test', 'http://x.test/', undefined],
    ['javascript:void(0)', 'http://x.test/', undefined],
    ['ftp://x.test/file', undefined, undefined],
    ['http://[bad', undefined, undefined],
  ])('pageUrl(%s, %s) → %s', (href, base, want) => {
    expect(pageUrl(href, base)?.href).toBe(want);
  });

  it.each([
    ['http://x.test/b', 'http://x.test/', true],
    ['https://x.test/', 'http://x.test/', true], // an upgrade to https
    ['https://www.x.test/', 'http://x.test/', true],
    ['http://x.test:8080/', 'http://x.test/', false],
    ['http://127.0.0.1:5001/', 'http://127.0.0.1:5000/', false],
    ['http://127.0.0.1:5000/a', 'http://127.0.0.1:5000/', true],
    ['http://partner.test/', 'http://x.test/', false],
    ['http://shop.x.test/', 'http://x.test/', false],
  ])('a redirect to %s stays on the site of %s: %s', (to, site, want) => {
    expect(staysOnSite(new URL(to), new URL(site))).toBe(want);
  });

  it.each([
    ['www.x.test', 'www.x.test', false],
    ['.x.test', 'www.x.test', false], // a parent domain
    ['api.x.test', 'x.test', false], // a sub-domain
    ['.api.x.test', 'www.x.test', false], // a sub-domain of the bare host
    ['.doubleclick.test', 'www.x.test', true],
    ['localhost', '127.0.0.1', true],
    ['ax.test', 'x.test', true], // not a sub-domain: only a suffix of the string
  ])('a cookie of %s on %s is third-party: %s', (domain, host, want) => {
    expect(isThirdPartyDomain(domain, host)).toBe(want);
  });

  it('shows URLs of the crawled origin by path and query, others in full', () => {
    expect(displayUrl('http://x.test/a?b=1', 'http://x.test')).toBe('/a?b=1');
    expect(displayUrl('https://x.test/a', 'http://x.test')).toBe('https://x.test/a');
  });
});
