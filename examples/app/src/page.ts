/**
 * The app's HTML: the home page and the cookie policy page, server-rendered in the visitor's
 * language. The consent banner is the generated package's (`@examples/opendatasoft-cookies/banner`),
 * which the page code (client/app.ts) loads only when there is a choice to ask for.
 */
import { policy } from '@examples/opendatasoft-cookies/policy';
import { format, type Language, messagesFor, PAGE_LANGUAGES } from './messages.js';

/** HTML that is already escaped. */
class SafeHtml {
  constructor(readonly html: string) {}
  toString() {
    return this.html;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** A template tag that escapes every interpolation but `SafeHtml` (and arrays of them). */
function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.html;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** What every page knows about the visitor. */
export interface PageContext {
  language: Language;
  /** Token for the forms' `csrfmiddlewaretoken` field (Django's name). */
  csrfToken: string;
  /** Replays the mistakes of an older version of the app (see legacy.ts). */
  legacy: boolean;
}

export interface HomeContext extends PageContext {
  user: { name: string } | undefined;
  loginError: boolean;
}

const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='4' fill='%23143a8c'/%3E%3Cpath d='M4 11V5h3a3 3 0 010 6z' fill='%23fff'/%3E%3C/svg%3E";

function layout(ctx: PageContext, title: string, current: 'home' | 'policy', main: SafeHtml) {
  const { language, text } = messagesFor(ctx.language);
  const nav = (href: string, label: string, page: typeof current) =>
    html`<a href="${href}"${current === page ? new SafeHtml(' aria-current="page"') : ''}>${label}</a>`;
  const options = PAGE_LANGUAGES.map(
    (l) =>
      html`<option value="${l}"${l === language ? new SafeHtml(' selected') : ''}>${messagesFor(l).text.languageName}</option>`,
  );
  return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="${ICON}">
<style>${new SafeHtml(CSS)}</style>
<script type="module" src="/app.js"></script>
${ctx.legacy ? new SafeHtml('<script src="/legacy.js"></script>') : ''}
</head>
<body>
<header class="top">
  <div class="wrap top-inner">
    <a class="brand" href="/">${text.siteName}</a>
    <nav aria-label="${text.siteName}">${nav('/', text.home, 'home')}${nav('/cookies', text.cookiePolicy, 'policy')}</nav>
    <form id="language-form" class="language">
      <label for="language">${text.language}</label>
      <select id="language" name="language">${options}</select>
      <button type="submit">${text.change}</button>
    </form>
  </div>
</header>
<main id="main" class="wrap">
${main}
</main>
<footer class="wrap foot">
  <button type="button" id="cookie-settings" class="link">${text.cookieSettings}</button>
  <a href="/cookies">${text.cookiePolicy}</a>
  ${ctx.legacy ? legacyLanguageForm(ctx) : ''}
</footer>
${STATISTICS_SCRIPT}
</body>
</html>
`.html;
}

/**
 * The statistics script, off until `consent.activateScripts()` finds its category granted
 * (statistics is opt-out: granted until the visitor objects).
 */
const STATISTICS_SCRIPT = new SafeHtml(
  '<script type="text/plain" data-cookie-category="statistics" data-type="module" src="/analytics.js"></script>',
);

/** Django's `set_language` form, which the legacy version used (it bypasses the typed package). */
function legacyLanguageForm(ctx: PageContext): SafeHtml {
  return html`<form id="legacy-language" method="post" action="/i18n/setlang/" class="legacy">
    <input type="hidden" name="csrfmiddlewaretoken" value="${ctx.csrfToken}">
    <input type="hidden" name="next" value="/">
    <select name="language" aria-label="Language (legacy)">${PAGE_LANGUAGES.map((l) => html`<option value="${l}">${l}</option>`)}</select>
    <button type="submit">set_language</button>
  </form>`;
}

/** The home page: account, datasets through the API, and what page scripts can read. */
export function renderHome(ctx: HomeContext): string {
  const { text, language } = messagesFor(ctx.language);
  const account = ctx.user
    ? html`<p id="signed-in">${format(text.signedInAs, { name: ctx.user.name })}</p>
      <form method="post" action="/logout">
        <input type="hidden" name="csrfmiddlewaretoken" value="${ctx.csrfToken}">
        <button type="submit">${text.signOut}</button>
      </form>`
    : html`<form id="login" method="post" action="/login" class="stack">
        <input type="hidden" name="csrfmiddlewaretoken" value="${ctx.csrfToken}">
        ${ctx.loginError ? html`<p class="error" role="alert">${text.badCredentials}</p>` : ''}
        <label for="username">${text.username}</label>
        <input id="username" name="username" autocomplete="username" required>
        <label for="password">${text.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit" class="primary">${text.signIn}</button>
        <p class="hint">${text.demoAccount}</p>
      </form>`;
  const main = html`<h1>${text.siteName}</h1>
<p class="lead">${text.tagline}</p>
<div class="grid">
  <section class="card" aria-labelledby="account-title">
    <h2 id="account-title">${ctx.user ? text.account : text.signIn}</h2>
    ${account}
  </section>
  <section class="card" id="datasets" aria-labelledby="datasets-title"
    data-msg-records="${text.records}" data-msg-error="${text.apiError}" data-locale="${language}">
    <h2 id="datasets-title">${text.datasets}</h2>
    <p>${text.datasetsIntro}</p>
    <button type="button" id="load-datasets" class="primary">${text.loadDatasets}</button>
    <ul id="dataset-list"></ul>
    <p id="api-status" role="status"></p>
  </section>
  <section class="card" aria-labelledby="readable-title">
    <h2 id="readable-title">${text.readable}</h2>
    <p><output id="readable-cookies">…</output></p>
    <p class="hint">${text.readableHint}</p>
  </section>
</div>`;
  return layout(ctx, text.siteName, 'home', main);
}

function policyLocale(language: Language): (typeof policy.locales)[number] {
  return (policy.locales as readonly string[]).includes(language)
    ? (language as (typeof policy.locales)[number])
    : policy.defaultLocale;
}

/** Paragraphs of a policy text: a blank line starts a new one. */
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => html`<p>${p.trim()}</p>`);

/**
 * The cookie policy, from the generated `/policy` data: the schema's introduction and sections,
 * then one table per category, each saying whether its cookies need consent.
 */
export function renderPolicy(ctx: PageContext): string {
  const { text, language } = messagesFor(ctx.language);
  const locale = policyLocale(language);
  const prose = (policy.sections ?? []).map(
    (
      section,
      i,
    ) => html`<section class="card" id="section-${i + 1}" aria-labelledby="section-${i + 1}-title">
  <h2 id="section-${i + 1}-title">${section.title[locale]}</h2>
  ${paragraphs(section.body[locale])}
</section>`,
  );
  const sections = policy.categories.map((category) => {
    const rows = policy.cookies.filter((c) => c.category === category.name);
    const consent = category.required
      ? text.consentNotNeeded
      : category.optOut
        ? text.consentOptOut
        : text.consentNeeded;
    return html`<section class="card" id="category-${category.name}" aria-labelledby="category-${category.name}-title">
  <h2 id="category-${category.name}-title">${category.title[locale]}</h2>
  <p>${category.description[locale]}</p>
  <p class="consent-need"><strong>${consent}</strong></p>
  <div class="table">
  <table>
    <thead><tr><th scope="col">${text.cookieName}</th><th scope="col">${text.provider}</th><th scope="col">${text.service}</th><th scope="col">${text.purpose}</th><th scope="col">${text.duration}</th></tr></thead>
    <tbody>${rows.map(
      (c) =>
        html`<tr><th scope="row"><code>${c.name}</code></th><td>${c.provider}</td><td>${c.service[locale]}</td><td>${c.purpose[locale]}</td><td>${c.duration[locale]}</td></tr>`,
    )}</tbody>
  </table>
  </div>
</section>`;
  });
  const introduction = policy.introduction
    ? paragraphs(policy.introduction[locale])
    : html`<p class="lead">${text.policyIntro}</p>`;
  const main = html`<h1>${format(text.policyTitle, { name: policy.name })}</h1>
${introduction}
${prose}
${sections}`;
  return layout(ctx, text.cookiePolicy, 'policy', main);
}

/** A small page for 404s and refused forms. */
export function renderMessage(ctx: PageContext, message: string): string {
  const { text } = messagesFor(ctx.language);
  return layout(ctx, text.siteName, 'home', html`<h1>${text.siteName}</h1><p>${message}</p>`);
}

const CSS = `
:root { --brand: #143a8c; --ink: #1d2433; --muted: #5a6478; --line: #d9dee8; --bg: #f4f6fa;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); line-height: 1.5; }
body { margin: 0; padding-bottom: 14rem; } /* room to scroll the footer above the consent banner */
.wrap { max-width: 64rem; margin: 0 auto; padding: 0 1.25rem; }
a { color: var(--brand); }
:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.top { background: var(--brand); color: #fff; }
.top-inner { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: center; padding-block: .75rem; }
.top a { color: #fff; text-decoration: none; }
.brand { font-weight: 700; font-size: 1.15rem; }
.top nav { display: flex; gap: 1rem; flex: 1; }
.top nav a[aria-current] { text-decoration: underline; text-underline-offset: .3em; }
.language { display: flex; gap: .5rem; align-items: center; }
.language label { font-size: .9rem; }
h1 { font-size: 1.9rem; margin: 1.75rem 0 .25rem; }
.lead { color: var(--muted); margin-top: 0; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); }
.card { background: #fff; border: 1px solid var(--line); border-radius: .6rem; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.card h2 { font-size: 1.15rem; margin-top: .25rem; }
.stack { display: grid; gap: .35rem; }
input, select, button { font: inherit; }
input, select { padding: .4rem .5rem; border: 1px solid #aab3c5; border-radius: .35rem; }
button { padding: .45rem .9rem; border-radius: .35rem; border: 1px solid var(--brand); background: #fff; color: var(--brand); cursor: pointer; }
button.primary { background: var(--brand); color: #fff; }
button.link { border: 0; padding: 0; background: none; color: var(--brand); text-decoration: underline; }
.hint { color: var(--muted); font-size: .9rem; }
.error { color: #b3261e; font-weight: 600; }
#dataset-list { padding-left: 1.1rem; }
output { font-family: ui-monospace, monospace; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--bg); }
.foot { display: flex; gap: 1.5rem; align-items: center; padding-block: 1.5rem; color: var(--muted); }
.legacy { margin-left: auto; font-size: .8rem; }
[hidden] { display: none !important; }
@media (prefers-reduced-motion: no-preference) { button { transition: filter .15s; } button:hover { filter: brightness(1.1); } }
`;
