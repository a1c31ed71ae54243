import { describe, expect, it } from 'vitest';
import { cookie, plainTexts, schemaText } from '../../test/helpers';
import { loadExample, parseValid } from '../../test/policy-helpers';
import { escapeHtml, renderPolicyHtml } from './render-html';

/** Every `src` and `href` value of the document. */
function links(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
}

describe('renderPolicyHtml', () => {
  it('is a standalone document with the language of the page', async () => {
    const schema = await loadExample('opendatasoft');
    for (const locale of ['en', 'fr']) {
      const html = renderPolicyHtml(schema, { locale });
      expect(html.startsWith('<!doctype html>\n')).toBe(true);
      expect(html).toContain(`<html lang="${locale}" dir="ltr">`);
      expect(html).toContain(
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
      );
      expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
      expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
      expect(html.match(/<h1>/g)).toHaveLength(1);
    }
  });

  it('uses real tables: a caption, column headers with scope, the cookie name as row header', async () => {
    const html = renderPolicyHtml(await loadExample('opendatasoft'), { locale: 'en' });
    const tables = html.match(/<table>[\s\S]*?<\/table>/g)!;
    expect(tables).toHaveLength(2);
    const table = tables[0]!;
    expect(table).toMatch(
      /^<table>\n<caption>Cookies in the category “Essential cookies”<\/caption>/,
    );
    expect([...table.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      'Provider',
      'Service and location',
      'Cookie name',
      'Purpose',
      'Duration',
    ]);
    expect(table.match(/<th scope="row"/g)).toHaveLength(4);
    expect(table).not.toMatch(/<th(?=[\s>])(?! scope="(?:col|row)")/);
    expect(table).toContain('<th scope="row" data-label="Cookie name"><code>sessionid</code></th>');
    expect(tables[1]).toContain('<code>_pk_id.*</code>');
    expect(renderPolicyHtml(parseValid(schemaText()))).toContain(
      'This category has no cookies at the moment.',
    );
  });

  it('reproduces the reference page: paragraphs, its sections before the tables, opt-out statistics', async () => {
    const html = renderPolicyHtml(await loadExample('opendatasoft'), { locale: 'fr' });
    const headings = [...html.matchAll(/<h2 id="[^"]+">([^<]*)/g)].map((m) => m[1]!.trim());
    expect(headings).toEqual([
      'Qu&#39;est-ce qu&#39;un cookie\u00a0?',
      'Il existe plusieurs types de cookies',
      'À quoi servent les cookies sur la plateforme',
      'Cookies essentiels',
      'Cookies statistiques',
    ]);
    const types = html.slice(html.indexOf('id="section-2"'), html.indexOf('id="section-3"'));
    // The four types of cookies, one paragraph each.
    expect(types.match(/<p>/g)).toHaveLength(4);
    expect(html).toContain(
      '<p>Nous utilisons des cookies pour que la plateforme fonctionne correctement et vous offre le meilleur service possible.</p>\n<p>Cette page explique',
    );
    expect(html).toMatch(
      /<p class="consent consent-opt-out">Pas de consentement requis\u00a0: ces cookies sont déposés sauf si vous vous y opposez\./,
    );
    expect(html).toMatch(
      /<p class="consent consent-exempt">Pas de consentement requis\u00a0: ces cookies sont strictement nécessaires\./,
    );
  });

  it('links only to the policy’s own url and contact', async () => {
    const opendatasoft = renderPolicyHtml(await loadExample('opendatasoft'));
    expect(links(opendatasoft)).toEqual([]);
    const shop = renderPolicyHtml(await loadExample('shop'));
    expect(links(shop)).toEqual(['mailto:privacy@shop.example', 'https://shop.example/cookies']);
  });

  it('never turns other contact values into links', () => {
    const html = renderPolicyHtml(
      parseValid(
        schemaText((d) => {
          d.policy.contact = 'javascript:alert(1)';
          d.policy.url = 'ftp://example.com/x';
        }),
      ),
    );
    expect(links(html)).toEqual([]);
    expect(html).toContain('javascript:alert(1)');
  });

  it('escapes every text from the schema', () => {
    const html = renderPolicyHtml(
      parseValid(
        schemaText((d) => {
          d.policy.name = 'A & B <Shop>';
          d.cookies.x = cookie({ purpose: '<script>alert("x")</script>', provider: "O'Brien" });
        }),
      ),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>Cookie policy — A &amp; B &lt;Shop&gt;</title>');
    expect(html).toContain('O&#39;Brien');
  });

  it('explains family names and marks third-party cookies', async () => {
    const html = renderPolicyHtml(await loadExample('shop'), { locale: 'en' });
    expect(html).toContain(
      '<code>_ga_*</code><span class="hint">any cookie whose name starts with <code>_ga_</code></span>',
    );
    expect(html).toMatch(
      /<code>IDE<\/code> <span class="badge">Third party<\/span><span class="hint">third-party cookie, set by doubleclick\.net<\/span>/,
    );
    expect(html).toContain('<html lang="en" dir="ltr">');
  });

  it('writes right-to-left languages with dir="rtl"', () => {
    const html = renderPolicyHtml(
      parseValid(
        schemaText((d) => {
          plainTexts(d);
          d.policy.locales = ['ar'];
          d.categories.statistics.title = 'Statistics';
          d.cookies.sid.purpose = 'Session.';
        }),
      ),
    );
    expect(html).toContain('<html lang="ar" dir="rtl">');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;',
    );
  });
});
