import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cookie, schemaText } from '../../test/helpers';
import { loadExample, parseValid } from '../../test/policy-helpers';
import { exportVanillaCookieConsent } from './vanilla-cookieconsent';

// biome-ignore lint/suspicious/noExplicitAny: the imported configuration is checked field by field
type Config = any;

/** A stand-in for the generated `consent`: records what the callbacks store. */
function recordingConsent(needsPrompt = true) {
  const stored: string[][] = [];
  return { stored, needsPrompt, set: (granted: string[]) => stored.push([...granted]) };
}

/**
 * Writes the module to a temporary .mjs file and imports it, as a bundler or Node would, then
 * builds the configuration with `consent`.
 */
async function importConfig(source: string, consent = recordingConsent()): Promise<Config> {
  const file = join(mkdtempSync(join(tmpdir(), 'cookie-schema-vcc-')), 'cookieconsent.config.mjs');
  writeFileSync(file, source);
  const module = (await import(pathToFileURL(file).href)) as { default: (c: unknown) => Config };
  return module.default(consent);
}

function autoClearNames(config: Config, category: string): (string | RegExp)[] {
  return config.categories[category].autoClear.cookies.map(
    (c: { name: string | RegExp }) => c.name,
  );
}

describe('exportVanillaCookieConsent', () => {
  it('imports as an ES module whose family regexes match the family’s cookies only', async () => {
    const config = await importConfig(exportVanillaCookieConsent(await loadExample('shop')));
    const names = autoClearNames(config, 'statistics');
    expect(names.slice(0, 3)).toEqual(['ab_bucket', 'last_visit', '_ga']);
    const family = names[3];
    expect(family).toBeInstanceOf(RegExp);
    expect((family as RegExp).test('_ga_ABC123')).toBe(true);
    expect((family as RegExp).test('_ga')).toBe(false);
    expect((family as RegExp).test('x_ga_ABC123')).toBe(false);
  });

  it('makes the required category read-only and leaves out what scripts cannot delete', async () => {
    const config = await importConfig(exportVanillaCookieConsent(await loadExample('shop')));
    expect(config.categories.necessary).toEqual({ enabled: true, readOnly: true });
    expect(Object.keys(config.categories)).toEqual([
      'necessary',
      'preferences',
      'statistics',
      'marketing',
      'audience',
    ]);
    // IDE is third-party: page scripts cannot delete it.
    expect(autoClearNames(config, 'marketing')).toEqual(['_fbp']);
    // Opt-out: on until the visitor objects. Opt-in: off.
    expect(config.categories.audience.enabled).toBe(true);
    expect(config.categories.marketing.enabled).toBeUndefined();
    expect(config.revision).toBe(3);
    // Its own state in localStorage: the consent cookie holds the record the guards read.
    expect(config.cookie).toEqual({
      name: 'shop_consent:vanilla-cookieconsent',
      useLocalStorage: true,
      expiresAfterDays: 180,
    });
  });

  it('stores every choice through consent: the first, each change, and a lost one', async () => {
    const source = exportVanillaCookieConsent(await loadExample('shop'));
    const consent = recordingConsent();
    const config = await importConfig(source, consent);
    const cookie = (categories: string[]) => ({ cookie: { categories, revision: 3 } });
    config.onFirstConsent(cookie(['necessary', 'statistics']));
    // Categories the schema does not declare are not passed on.
    config.onChange({ ...cookie(['necessary', 'marketing', 'unknown']), changedCategories: [] });
    // On a page load: only while consent has no valid choice (its cookie deleted or expired).
    config.onConsent(cookie(['necessary', 'audience']));
    consent.needsPrompt = false;
    config.onConsent(cookie(['necessary']));
    expect(consent.stored).toEqual([
      ['necessary', 'statistics'],
      ['necessary', 'marketing'],
      ['necessary', 'audience'],
    ]);
  });

  it('translates every locale, with one section and cookie table per category', async () => {
    const config = await importConfig(
      exportVanillaCookieConsent(await loadExample('shop'), { locale: 'de' }),
    );
    expect(config.language.default).toBe('de');
    expect(Object.keys(config.language.translations)).toEqual(['en', 'de']);
    const de = config.language.translations.de;
    expect(de.consentModal.acceptAllBtn).toBe('Alle akzeptieren');
    const sections = de.preferencesModal.sections;
    expect(sections.map((s: { linkedCategory?: string }) => s.linkedCategory)).toEqual([
      undefined,
      'necessary',
      'preferences',
      'statistics',
      'marketing',
      'audience',
      undefined,
    ]);
    expect(sections[5].description).toMatch(
      /<em>Keine Einwilligung nötig; Widerspruch möglich<\/em>$/,
    );
    const statistics = sections[3];
    expect(statistics.title).toBe('Statistik');
    expect(statistics.cookieTable.headers).toEqual({
      name: 'Cookie-Name',
      provider: 'Anbieter',
      service: 'Dienst und Ort',
      purpose: 'Zweck',
      duration: 'Speicherdauer',
    });
    expect(statistics.cookieTable.body[3]).toEqual({
      name: '_ga_*',
      provider: 'Google',
      service: 'Google Analytics',
      purpose: 'Speichert den Stand eines Besuchs für eine Analytics-Property.',
      duration: '13 Monate',
    });
    expect(sections[6].description).toContain('<a href="mailto:privacy@shop.example">');
  });

  it('escapes regex metacharacters of family names and HTML in texts', async () => {
    const source = exportVanillaCookieConsent(
      parseValid(
        schemaText((d) => {
          d.cookies['a.b$*'] = cookie({
            category: 'statistics',
            purpose: "<img src=x> & 'q' </script>\\ \nnext\u2028",
          });
        }),
      ),
    );
    const config = await importConfig(source);
    const [family] = autoClearNames(config, 'statistics') as RegExp[];
    expect(family!.test('a.b$42')).toBe(true);
    expect(family!.test('aXb$42')).toBe(false);
    const table = config.language.translations.en.preferencesModal.sections[2].cookieTable;
    expect(table.body[0].purpose).toBe(
      "&lt;img src=x&gt; &amp; 'q' &lt;/script&gt;\\ \nnext\u2028",
    );
    expect(source).not.toMatch(/<\/?script/);
  });

  it('gives a category without deletable cookies no autoClear', async () => {
    // The base test schema has a statistics category without cookies.
    const config = await importConfig(exportVanillaCookieConsent(parseValid(schemaText())));
    expect(config.categories).toEqual({
      necessary: { enabled: true, readOnly: true },
      statistics: {},
    });
  });
});
