/**
 * The page code, built with the generated client module: the language switch (`lang`), the
 * CSRF token for API calls (`csrftoken`), and consent: the generated banner
 * (`@examples/opendatasoft-cookies/banner`), loaded only while there is a choice to ask for and
 * from "Cookie settings", and the statistics script, which `consent.activateScripts()` turns on
 * while statistics are granted. `sessionid` is HttpOnly: it is not in the client module, and
 * importing it would not compile.
 */
import { listBrowserCookieNames } from '@cookie-schema/runtime/browser';
import { type CookieValues, consent, csrftoken, lang } from '@examples/opendatasoft-cookies/client';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** Language switch: writes `django_language` in the browser, then reloads the page in it. */
function setUpLanguage(): void {
  $<HTMLFormElement>('#language-form').addEventListener('submit', (event) => {
    event.preventDefault();
    // The option values are the schema's languages; the accessor validates at run time too.
    lang.set($<HTMLSelectElement>('#language').value as CookieValues['django_language']);
    location.reload();
  });
}

/** The CSRF-protected API call: Django's pattern, the token from the cookie in a header. */
function setUpDatasets(): void {
  const section = $('#datasets');
  const list = $('#dataset-list');
  const status = $('#api-status');
  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  $('#load-datasets').addEventListener('click', async () => {
    const token = csrftoken.get();
    const response = await fetch('/api/search', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { 'X-CSRFToken': token } : {}) },
      body: JSON.stringify({ q: '' }),
    });
    list.replaceChildren();
    if (!response.ok) {
      status.textContent = fill(section.dataset.msgError!, { status: String(response.status) });
      return;
    }
    const { results } = (await response.json()) as {
      results: { id: string; title: string; records: number }[];
    };
    const numbers = new Intl.NumberFormat(section.dataset.locale);
    for (const dataset of results) {
      const item = document.createElement('li');
      item.dataset.id = dataset.id;
      item.textContent = `${dataset.title} — ${fill(section.dataset.msgRecords!, { count: numbers.format(dataset.records) })}`;
      list.append(item);
    }
    status.textContent = '';
  });
}

/** The generated banner's options: the policy page of this app. */
const BANNER = { policyUrl: '/cookies' };

/** The banner while there is no valid choice, the preferences from "Cookie settings". */
function setUpConsent(): void {
  // Loaded on demand: a visitor who has chosen downloads none of the banner.
  const banner = () => import('@examples/opendatasoft-cookies/banner');
  if (consent.needsPrompt) void banner().then((m) => m.showConsentBanner(BANNER));
  $('#cookie-settings').addEventListener('click', () => {
    void banner().then((m) => m.openConsentPreferences(BANNER));
  });
  consent.onChange(showReadableCookies);
  // Turns on <script type="text/plain" data-cookie-category="statistics"> now if granted, and
  // later when granted.
  consent.activateScripts();
}

/** The names `document.cookie` shows, for the demo (`sessionid` is never among them). */
function showReadableCookies(): void {
  const output = document.querySelector('#readable-cookies');
  if (output) output.textContent = listBrowserCookieNames().sort().join(', ') || '—';
}

setUpLanguage();
setUpConsent();
// Cookies written by other scripts (the statistics script) show up too, where the Cookie Store
// API tells about changes.
(globalThis as { cookieStore?: EventTarget }).cookieStore?.addEventListener(
  'change',
  showReadableCookies,
);
if (document.querySelector('#datasets')) setUpDatasets();
document.documentElement.dataset.ready = 'true';
