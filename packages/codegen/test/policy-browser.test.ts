// The policy page in real Chromium: table headers from the DOM, and no horizontal overflow on a
// 390px-wide phone or on paper. Needs /usr/bin/chromium (driven by playwright-core; never run
// `playwright install`).
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../../../scripts/chromium.js';
import { renderPolicyHtml } from '../src/policy/render-html';
import { loadExample } from './policy-helpers';

const pages = [
  {
    name: 'opendatasoft',
    locale: 'en',
    headers: ['Provider', 'Service and location', 'Cookie name', 'Purpose', 'Duration'],
  },
  {
    name: 'shop',
    locale: 'de',
    headers: ['Anbieter', 'Dienst und Ort', 'Cookie-Name', 'Zweck', 'Speicherdauer'],
  },
] as const;

let browser: Browser | undefined;

beforeAll(async () => {
  if (existsSync(CHROMIUM)) browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(name: string, locale: string, width: number): Promise<Page> {
  if (!browser) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) to run the browser checks of the policy page.`,
    );
  }
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.setContent(renderPolicyHtml(await loadExample(name), { locale }));
  return page;
}

/** Elements whose box sticks out of the viewport horizontally, outside any scroll container. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const inScroller = (el: Element) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width)
      out.push(`document scrollWidth ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || inScroller(el)) continue;
      if (r.right > width + 0.5 || r.left < -0.5) {
        out.push(
          `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ${Math.round(r.left)}–${Math.round(r.right)}: ${(el.textContent ?? '').slice(0, 40)}`,
        );
      }
    }
    return out;
  });
}

describe('the policy page in Chromium', () => {
  it('has Chromium to run in', () => {
    expect(
      existsSync(CHROMIUM),
      `Chromium not found at ${CHROMIUM}: the browser checks of the policy page need it`,
    ).toBe(true);
  });

  it.each(pages)(
    '$name ($locale): the DOM has the column headers and a caption on each table',
    async ({ name, locale, headers }) => {
      const page = await open(name, locale, 1280);
      const tables = await page.$$eval('table', (list) =>
        list.map((t) => ({
          caption: t.caption?.textContent ?? '',
          headers: [...t.querySelectorAll('thead th')].map((th) => [
            th.textContent,
            th.getAttribute('scope'),
          ]),
          rowHeaders: [...t.querySelectorAll('tbody th')].map((th) => th.getAttribute('scope')),
          rows: t.tBodies[0]?.rows.length ?? 0,
        })),
      );
      const schema = await loadExample(name);
      expect(tables.length).toBe(
        schema.categories.filter((c) => schema.cookies.some((k) => k.category === c.name)).length,
      );
      for (const table of tables) {
        expect(table.caption).not.toBe('');
        expect(table.headers).toEqual(headers.map((h) => [h, 'col']));
        expect(table.rowHeaders.every((s) => s === 'row')).toBe(true);
        expect(table.rowHeaders).toHaveLength(table.rows);
      }
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await overflowing(page)).toEqual([]);
      await page.close();
    },
  );

  it.each(pages)(
    '$name ($locale): nothing overflows a 390px phone; rows reflow into labelled cards',
    async ({ name, locale, headers }) => {
      const page = await open(name, locale, 390);
      expect(await overflowing(page)).toEqual([]);
      const card = await page.$eval('tbody tr', (tr) => ({
        display: getComputedStyle(tr).display,
        labels: [...(tr as HTMLTableRowElement).cells].map(
          (cell) => getComputedStyle(cell, '::before').content,
        ),
      }));
      expect(card.display).toBe('flex');
      expect(card.labels).toEqual(headers.map((h) => JSON.stringify(h)));
      await page.close();
    },
  );

  it.each(pages)(
    '$name ($locale): prints on A4 without overflow, repeating table headers',
    async ({ name, locale }) => {
      const page = await open(name, locale, 680);
      await page.emulateMedia({ media: 'print' });
      expect(await overflowing(page)).toEqual([]);
      expect(await page.$eval('thead', (t) => getComputedStyle(t).display)).toBe(
        'table-header-group',
      );
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.close();
    },
  );
});
