// The generated consent banner and preferences dialog (`<pkg>/banner`, SPEC §4) in real Chromium:
// the shop package's client and banner modules bundled as an app would, on a page served from
// loopback. What a visitor sees and does (the locale of the page, accept all, reject all,
// customize, keyboard only), what the choices do through `consent` (the record, purges, guards,
// Consent Mode, whenGranted, script activation, opt-out objections), axe-core in light and dark
// at 1280 and 390 px, a strict Content-Security-Policy, and the bad inputs of issue 17.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { consentCodec } from '@cookie-schema/runtime';
import { policy } from '@examples/shop-cookies/policy';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BANNER_PAGES,
  type BannerWindow,
  bundleBannerPage,
  bundleGeneratedPage,
  STRICT_CSP,
} from './banner-page.js';
import { launchChromium, type PageServer, servePages } from './browser-harness.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OPTIONAL = policy.categories.filter((c) => !c.required).map((c) => c.name);

let browser: Browser;
let server: PageServer;
let strict: PageServer;

beforeAll(async () => {
  const [code, launched] = await Promise.all([bundleBannerPage(), launchChromium()]);
  browser = launched;
  server = await servePages(code, BANNER_PAGES);
  strict = await servePages(code, BANNER_PAGES, { 'content-security-policy': STRICT_CSP });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await strict?.close();
});

/** A fresh visitor (no cookies) on `path` of `on`, the page's code started. */
async function visit(
  path = '/?prompt',
  options: { on?: PageServer; width?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${(options.on ?? server).base}${path}`);
  await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
  return { context, page, errors };
}

const app = (page: Page) => page.evaluate(() => (window as unknown as BannerWindow).app.changes);

/** The stored record's categories, or `undefined`. */
async function stored(context: BrowserContext): Promise<string[] | undefined> {
  const cookie = (await context.cookies()).find((c) => c.name === policy.consentCookie);
  const decoded = cookie ? consentCodec().decode(cookie.value) : undefined;
  return decoded?.ok ? decoded.value.categories : undefined;
}

const names = async (context: BrowserContext) =>
  (await context.cookies()).map((c) => c.name).sort();

const hook = (value: string) => `[data-cookie-consent="${value}"]`;

describe('the banner', () => {
  it('asks while there is no choice: three buttons of equal prominence and a policy link', async () => {
    const { context, page, errors } = await visit();
    try {
      expect(await page.isVisible('.cs-banner')).toBe(true);
      expect(await page.textContent('.cs-banner h2')).toBe('We use cookies');
      const buttons = await page.$$eval('.cs-banner button', (list) =>
        list.map((b) => {
          const box = b.getBoundingClientRect();
          const style = getComputedStyle(b);
          return {
            hook: b.dataset.cookieConsent,
            text: b.textContent,
            size: [Math.round(box.width), Math.round(box.height)],
            look: [style.backgroundColor, style.color, style.fontWeight, style.fontSize],
          };
        }),
      );
      expect(buttons.map((b) => [b.hook, b.text])).toEqual([
        ['accept-all', 'Accept all'],
        ['reject-all', 'Reject all'],
        ['preferences', 'Manage preferences'],
      ]);
      // Equal prominence: same size, same colours, same type.
      expect(new Set(buttons.map((b) => JSON.stringify([b.size, b.look]))).size).toBe(1);
      expect(await page.getAttribute('.cs-banner a', 'href')).toBe(policy.url);
      // First in the document, so that keyboard users meet it first; labelled by its heading.
      expect(await page.evaluate(() => document.body.firstElementChild?.className)).toBe(
        'cs cs-banner',
      );
      const label = await page.getAttribute('.cs-banner', 'aria-labelledby');
      expect(await page.textContent(`#${label}`)).toBe('We use cookies');
      // Mixed categories: the banner says some need no consent and can be objected to.
      expect(await page.textContent('.cs-banner p')).toContain(
        'some need no consent, but you can object to them',
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each([
    ['/de?prompt', 'de', 'Wir verwenden Cookies'],
    ['/de-AT?prompt', 'de', 'Wir verwenden Cookies'],
    // A language the schema does not have, and no <html lang>: the first declared.
    ['/fr?prompt', 'en', 'We use cookies'],
    ['/no-lang?prompt', 'en', 'We use cookies'],
  ])('on %s speaks %s', async (path, lang, title) => {
    const { context, page } = await visit(path);
    try {
      expect(await page.getAttribute('.cs-banner', 'lang')).toBe(lang);
      expect(await page.textContent('.cs-banner h2')).toBe(title);
    } finally {
      await context.close();
    }
  });

  it('accept all grants every category: the record, guards, Consent Mode, whenGranted, scripts', async () => {
    const { context, page, errors } = await visit('/');
    try {
      const before = await page.evaluate(() => {
        const { client, banner } = (window as unknown as BannerWindow).app;
        const w = window as unknown as { ran: string[] };
        w.ran = [];
        client.consent.whenGranted('marketing', () => w.ran.push('whenGranted marketing'));
        const script = document.createElement('script');
        script.type = 'text/plain';
        script.dataset.cookieCategory = 'statistics';
        script.src = 'data:text/javascript,window.ran.push("statistics script")';
        document.body.append(script);
        client.consent.activateScripts();
        banner.showConsentBanner();
        return { mode: client.consent.toConsentMode(), ran: [...w.ran] };
      });
      expect(before.ran).toEqual([]);
      expect(before.mode.analytics_storage).toBe('denied');
      await page.click(hook('accept-all'));
      expect(await page.isVisible('.cs-banner')).toBe(false);
      expect(await stored(context)).toEqual(policy.categories.map((c) => c.name));
      await page.waitForFunction(() => (window as unknown as { ran: string[] }).ran.length === 2);
      const after = await page.evaluate(() => {
        const { client } = (window as unknown as BannerWindow).app;
        const ga = client.ga as { set(v: string): boolean };
        return {
          mode: client.consent.toConsentMode(),
          ran: (window as unknown as { ran: string[] }).ran.sort(),
          written: ga.set('GA1.1.2.3'),
          needsPrompt: client.consent.needsPrompt,
        };
      });
      expect(after).toEqual({
        mode: Object.fromEntries(Object.keys(before.mode).map((k) => [k, 'granted'])),
        ran: ['statistics script', 'whenGranted marketing'],
        written: true,
        needsPrompt: false,
      });
      // A page that no longer needs to ask shows nothing.
      await page.reload();
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached' });
      expect(
        await page.evaluate(
          () => (window as unknown as BannerWindow).app.banner.showConsentBanner() === undefined,
        ),
      ).toBe(true);
      expect(await page.$('.cs-banner')).toBeNull();
      expect(errors.filter((e) => !e.includes('data:'))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('reject all objects to the opt-out categories too: their cookies are deleted and stay away', async () => {
    const { context, page } = await visit('/?prompt');
    try {
      // Before any choice, an opt-out category is granted: its cookie may be written.
      const early = await page.evaluate(() => {
        const { client } = (window as unknown as BannerWindow).app;
        const audience = client.audienceId as { set(v: string): boolean };
        return {
          audience: client.consent.has('audience'),
          written: audience.set('0123456789abcdef'),
          statistics: client.consent.has('statistics'),
        };
      });
      expect(early).toEqual({ audience: true, written: true, statistics: false });
      expect(await names(context)).toContain('audience_id');
      await page.click(hook('reject-all'));
      expect(await stored(context)).toEqual(['necessary']);
      expect(await names(context)).toEqual([policy.consentCookie]);
      const later = await page.evaluate(() => {
        const { client } = (window as unknown as BannerWindow).app;
        return (client.audienceId as { set(v: string): boolean }).set('0123456789abcdef');
      });
      expect(later).toBe(false);
      expect(await names(context)).toEqual([policy.consentCookie]);
      expect((await app(page)).map((s) => s.granted)).toEqual([['necessary']]);
    } finally {
      await context.close();
    }
  });

  it('asks again after a revision bump (a record of another revision is no choice)', async () => {
    const context = await browser.newContext();
    try {
      const old = consentCodec().encode({
        categories: ['necessary', ...OPTIONAL],
        revision: policy.revision - 1,
        hash: 'old',
        updatedAt: Date.now() - 60_000,
      });
      await context.addCookies([
        { name: policy.consentCookie, value: old, url: server.base, secure: true },
      ]);
      const page = await context.newPage();
      await page.goto(`${server.base}/?prompt`);
      await page.waitForSelector('.cs-banner');
      await page.click(hook('accept-all'));
      expect(await stored(context)).toEqual(['necessary', ...OPTIONAL]);
    } finally {
      await context.close();
    }
  });

  it('called twice shows one banner; a choice made elsewhere closes it', async () => {
    const { context, page } = await visit('/?prompt');
    try {
      const same = await page.evaluate(() => {
        const { banner } = (window as unknown as BannerWindow).app;
        const first = banner.showConsentBanner();
        const second = banner.showConsentBanner();
        return first !== undefined && first === second;
      });
      expect(same).toBe(true);
      expect(await page.locator('.cs-banner').count()).toBe(1);
      await page.evaluate(() =>
        (window as unknown as BannerWindow).app.client.consent.grant('statistics'),
      );
      expect(await page.locator('.cs-banner').count()).toBe(0);
      expect(await stored(context)).toEqual(['necessary', 'statistics', 'audience']);
    } finally {
      await context.close();
    }
  });

  it('moves no content: no layout shift when it shows or closes', async () => {
    const { context, page } = await visit('/');
    try {
      const before = await page.locator('main').boundingBox();
      await page.evaluate(() => (window as unknown as BannerWindow).app.banner.showConsentBanner());
      expect(await page.locator('main').boundingBox()).toEqual(before);
      await page.click(hook('reject-all'));
      expect(await page.locator('main').boundingBox()).toEqual(before);
      expect(await page.evaluate(() => (window as unknown as BannerWindow).app.layoutShift())).toBe(
        0,
      );
    } finally {
      await context.close();
    }
  });
});

describe('the preferences dialog', () => {
  it('shows one switch per category with its cookies, set to the current choice; save stores them', async () => {
    const { context, page, errors } = await visit('/?prompt');
    try {
      await page.click(hook('preferences'));
      await page.waitForSelector('.cs-dialog[open]');
      const categories = await page.$$eval('.cs-cat', (list) =>
        list.map((section) => {
          const input = section.querySelector('input')!;
          return {
            title: section.querySelector('label')!.textContent,
            checked: input.checked,
            disabled: input.disabled,
            role: input.getAttribute('role'),
            status: section.querySelector('.cs-status')?.textContent ?? '',
            cookies: [...section.querySelectorAll('li code')].map((c) => c.textContent),
          };
        }),
      );
      expect(categories.map((c) => c.title)).toEqual(policy.categories.map((c) => c.title.en));
      expect(categories.map((c) => [c.checked, c.disabled])).toEqual(
        policy.categories.map((c) => [c.required || c.optOut, c.required]),
      );
      expect(categories.every((c) => c.role === 'switch')).toBe(true);
      expect(categories.map((c) => c.status)).toEqual(
        policy.categories.map((c) =>
          c.required ? 'Always on' : c.optOut ? 'No consent needed; you can object' : '',
        ),
      );
      expect(categories.map((c) => c.cookies)).toEqual(policy.categories.map((c) => c.cookies));
      // Name, provider, duration and purpose of each cookie.
      await page.click('.cs-cat:nth-of-type(3) summary');
      const ga = policy.cookies.find((c) => c.name === '_ga')!;
      expect(await page.textContent('.cs-cat:nth-of-type(3) li:nth-child(3)')).toBe(
        `_gaProvider: ${ga.provider} · Duration: ${ga.duration.en}${ga.purpose.en}`,
      );
      await page.click('.cs-cat:nth-of-type(3) label');
      await page.click(hook('save'));
      await page.waitForSelector('.cs-dialog', { state: 'detached' });
      expect(await page.isVisible('.cs-banner')).toBe(false);
      expect(await stored(context)).toEqual(['necessary', 'statistics', 'audience']);
      // Reopened from "Cookie settings": the stored choice; objecting to audience deletes it.
      await page.evaluate(() =>
        ((window as unknown as BannerWindow).app.client.audienceId as { set(v: string): void }).set(
          '0123456789abcdef',
        ),
      );
      await page.click('#cookie-settings');
      expect(await page.isChecked('.cs-cat:nth-of-type(3) input')).toBe(true);
      await page.click('.cs-cat:nth-of-type(5) label');
      await page.click(hook('save'));
      expect(await stored(context)).toEqual(['necessary', 'statistics']);
      expect(await names(context)).not.toContain('audience_id');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keyboard only: Tab reaches the banner first, focus stays in the dialog, Escape returns it', async () => {
    const { context, page } = await visit('/?prompt');
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        return (
          a.dataset.cookieConsent ||
          (a.getAttribute('role') === 'switch' ? 'switch' : a.tagName.toLowerCase())
        );
      });
    try {
      await page.keyboard.press('Tab');
      expect(
        await page.evaluate(() => document.activeElement?.closest('.cs-banner') !== null),
      ).toBe(true);
      // The link, then the three buttons.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('preferences');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.cs-dialog[open]');
      // Focus is on the dialog's title; the dialog is labelled by it.
      const title = await page.evaluate(() => document.activeElement?.textContent);
      expect(title).toBe('Cookie preferences');
      const stops: string[] = [];
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        stops.push(await focused());
        expect(
          await page.evaluate(() => document.activeElement?.closest('dialog') !== null),
          `Tab ${i + 1} left the dialog`,
        ).toBe(true);
      }
      // Close, the policy link, each category (a switch unless required, its cookies), the
      // three buttons; then around again.
      expect(stops).toEqual([
        'close',
        'a',
        'summary',
        ...OPTIONAL.flatMap(() => ['switch', 'summary']),
        'reject-all',
        'accept-all',
        'save',
        'close',
      ]);
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('save');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('close');
      // Toggle statistics with Space, then Escape: nothing stored, focus back on Customize.
      await page.focus('.cs-cat:nth-of-type(3) input');
      await page.keyboard.press('Space');
      expect(await page.isChecked('.cs-cat:nth-of-type(3) input')).toBe(true);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cs-dialog', { state: 'detached' });
      expect(await focused()).toBe('preferences');
      expect(await stored(context)).toBeUndefined();
      // Again, and save with the keyboard.
      await page.keyboard.press('Enter');
      await page.waitForSelector('.cs-dialog[open]');
      await page.focus('.cs-cat:nth-of-type(3) input');
      await page.keyboard.press('Space');
      await page.focus(hook('save'));
      await page.keyboard.press('Enter');
      expect(await stored(context)).toEqual(['necessary', 'statistics', 'audience']);
    } finally {
      await context.close();
    }
  });

  it('opened twice is one dialog', async () => {
    const { context, page } = await visit('/');
    try {
      const same = await page.evaluate(() => {
        const { banner } = (window as unknown as BannerWindow).app;
        const first = banner.openConsentPreferences();
        const second = banner.openConsentPreferences();
        return first !== undefined && first === second;
      });
      expect(same).toBe(true);
      expect(await page.locator('dialog').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('accessibility (axe-core)', () => {
  const cases = [1280, 390].flatMap((width) =>
    (['light', 'dark'] as const).map((scheme) => [width, scheme] as const),
  );

  it.each(cases)(
    'no violations at %i px in %s: the banner, then the dialog',
    async (width, scheme) => {
      const { context, page } = await visit('/?prompt', { width, colorScheme: scheme });
      try {
        await page.addScriptTag({ content: AXE });
        const audit = (include: string) =>
          page.evaluate(async (selector) => {
            const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
            const result = await axe.run({ include: [selector] }, { resultTypes: ['violations'] });
            return {
              violations: result.violations.map(
                (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
              ),
              // What was checked, so that an audit of nothing cannot pass.
              passed: result.passes.map((p) => p.id),
            };
          }, include);
        const banner = await audit('.cs-banner');
        expect(banner.violations).toEqual([]);
        expect(banner.passed).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));
        await page.click(hook('preferences'));
        await page.waitForSelector('.cs-dialog[open]');
        // Every category unfolded, so that the cookie lists are checked too.
        for (const summary of await page.$$('.cs-dialog summary')) await summary.click();
        const dialog = await audit('.cs-dialog');
        expect(dialog.violations).toEqual([]);
        expect(dialog.passed).toEqual(
          expect.arrayContaining(['label', 'color-contrast', 'list', 'button-name']),
        );
      } finally {
        await context.close();
      }
    },
  );
});

describe('a strict Content-Security-Policy (no inline script or style)', () => {
  it('styles the banner and the dialog, and both work', async () => {
    const { context, page, errors } = await visit('/?prompt', { on: strict });
    try {
      await page.waitForSelector('.cs-banner');
      const style = await page.$eval('.cs-banner', (el) => {
        const s = getComputedStyle(el);
        return { position: s.position, background: s.backgroundColor, bottom: s.bottom };
      });
      expect(style).toEqual({
        position: 'fixed',
        background: 'rgb(255, 255, 255)',
        bottom: '16px',
      });
      expect(
        await page.$eval(hook('accept-all'), (el) => getComputedStyle(el).backgroundColor),
      ).toBe('rgb(11, 87, 208)');
      await page.click(hook('preferences'));
      await page.waitForSelector('.cs-dialog[open]');
      expect(await page.$eval('.cs-dialog', (el) => getComputedStyle(el).display)).toBe('flex');
      await page.click(`.cs-dialog ${hook('accept-all')}`);
      expect(await stored(context)).toEqual(['necessary', ...OPTIONAL]);
      expect(await page.$('.cs-banner')).toBeNull();
      expect(await page.evaluate(() => (window as unknown as BannerWindow).app.violations)).toEqual(
        [],
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is a real policy: an inline style is refused on that page', async () => {
    const { context, page } = await visit('/', { on: strict });
    try {
      const applied = await page.evaluate(() => {
        const style = document.createElement('style');
        style.textContent = 'body { color: rgb(1, 2, 3); }';
        document.head.append(style);
        return getComputedStyle(document.body).color;
      });
      expect(applied).not.toBe('rgb(1, 2, 3)');
    } finally {
      await context.close();
    }
  });
});

describe('bad input', () => {
  // biome-ignore lint/suspicious/noExplicitAny: test documents are deliberately loose
  type Doc = Record<string, any>;
  const schema = (edit: (d: Doc) => void = () => {}) => {
    const doc: Doc = {
      policy: { name: 'Test', revision: 1, locales: ['en', 'fr'] },
      consentCookie: 'choice',
      categories: {
        necessary: { required: true, title: 'Necessary', description: 'Needed.' },
        statistics: { title: 'Statistics', description: 'Counts visits.' },
      },
      defaults: { path: '/', sameSite: 'lax', secure: true },
      cookies: {
        choice: {
          provider: 'Test',
          service: 'Banner',
          category: 'necessary',
          purpose: 'Remembers the choice.',
          value: { type: 'consent' },
          maxAge: '6mo',
        },
      },
    };
    edit(doc);
    return doc;
  };

  it('a schema with one category only never prompts (needsPrompt stays false)', async () => {
    const code = await bundleGeneratedPage(
      schema((d) => {
        delete d.categories.statistics;
      }),
    );
    const own = await servePages(code, BANNER_PAGES);
    try {
      const { context, page } = await visit('/?prompt', { on: own });
      try {
        expect(
          await page.evaluate(() => {
            const { client, banner } = (window as unknown as BannerWindow).app;
            return [client.consent.needsPrompt, banner.showConsentBanner() === undefined];
          }),
        ).toEqual([false, true]);
        expect(await page.$('.cs-banner')).toBeNull();
      } finally {
        await context.close();
      }
    } finally {
      await own.close();
    }
  });

  it('very long texts: the banner stays within the screen, its buttons reachable; the dialog scrolls', async () => {
    const long = (word: string, n: number) => Array.from({ length: n }, () => word).join(' ');
    const code = await bundleGeneratedPage(
      schema((d) => {
        d.categories.statistics.title = `Statistics ${'x'.repeat(300)}`;
        d.categories.statistics.description = long('Measures the audience.', 300);
        d.cookies.a_very_long_cookie_name_that_goes_on_and_on_and_on_and_on_and_on = {
          provider: long('Provider', 20),
          service: 'S',
          category: 'statistics',
          purpose: long('Purpose.', 200),
          maxAge: '13mo',
        };
      }),
    );
    const own = await servePages(code, BANNER_PAGES);
    try {
      for (const width of [1280, 390]) {
        const { context, page, errors } = await visit('/?prompt', { on: own, width });
        try {
          const fits = (selector: string) =>
            page.$eval(selector, (el) => {
              const box = el.getBoundingClientRect();
              return box.top >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
            });
          expect(await fits('.cs-banner')).toBe(true);
          await page.click(hook('preferences'));
          for (const summary of await page.$$('.cs-dialog summary')) await summary.click();
          expect(await fits('.cs-dialog')).toBe(true);
          expect(await page.$eval('.cs-body', (el) => el.scrollHeight > el.clientHeight)).toBe(
            true,
          );
          await page.click(hook('save'));
          expect(await page.$eval('html', (el) => el.scrollWidth <= innerWidth)).toBe(true);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      }
    } finally {
      await own.close();
    }
  });
});
