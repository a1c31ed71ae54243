/**
 * The policy page as a standalone HTML document: inline CSS, no scripts, no external resources.
 * Accessible (`<html lang>`, one `<h1>`, a `<caption>` and `<th scope>` on every table, the cookie
 * name as the row header), readable on a phone (below 40rem each row reflows into a card with
 * labelled fields; wide content scrolls inside its table box rather than the page), and printable
 * (black on white, repeated table headers, rows never split across pages). Pure: schema in,
 * string out.
 */
import type { NormalizedSchema } from '../schema/types';
import {
  type PolicyPage,
  type PolicyRow,
  type PolicySection,
  type PolicyTextSection,
  policyPage,
} from './page';
import { consentStatement, type RenderPolicyOptions } from './render-markdown';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Languages written right to left (by base language), for `dir="rtl"`. */
const RTL = new Set(['ar', 'arc', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/**
 * Renders the policy page of `schema` as a complete HTML5 document in one locale. The only
 * links are the policy's own `url` and `contact` (http(s) or e-mail; anything else is shown as
 * text). Ends with a newline.
 * @throws RangeError when `options.locale` is not one of the schema's locales.
 */
export function renderPolicyHtml(
  schema: NormalizedSchema,
  options: RenderPolicyOptions = {},
): string {
  const page = policyPage(schema, options.locale);
  const { text } = page;
  const dir = RTL.has(page.locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
  const body = [
    `<header>`,
    `<h1>${escapeHtml(text.documentTitle(page.site))}</h1>`,
    `<p class="meta">${escapeHtml(text.revision(page.revision))} · <span class="hash">${escapeHtml(page.hash)}</span></p>`,
    `</header>`,
    ...page.introduction.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...page.textSections.map(renderTextSection),
    ...page.sections.map((section) => renderSection(section, page)),
    renderContact(page),
  ].filter(Boolean);
  return `<!doctype html>
<html lang="${escapeHtml(page.locale)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cookie-schema">
<meta name="cookie-policy-revision" content="${page.revision}">
<meta name="cookie-policy-hash" content="${escapeHtml(page.hash)}">
<title>${escapeHtml(text.documentTitle(page.site))}</title>
<style>
${CSS}
</style>
</head>
<body>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

function renderTextSection(section: PolicyTextSection, index: number): string {
  const id = `section-${index + 1}`;
  return [
    `<section id="${id}" aria-labelledby="${id}-title">`,
    `<h2 id="${id}-title">${escapeHtml(section.title)}</h2>`,
    ...section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</section>',
  ].join('\n');
}

function renderSection(section: PolicySection, page: PolicyPage): string {
  const { text } = page;
  const id = `category-${slug(section.name)}`;
  const lines = [
    `<section id="${id}" aria-labelledby="${id}-title">`,
    `<h2 id="${id}-title">${escapeHtml(section.title)} <span class="count">${escapeHtml(text.cookieCount(section.rows.length))}</span></h2>`,
  ];
  if (section.description) lines.push(`<p>${escapeHtml(section.description)}</p>`);
  const kind = section.required ? 'exempt' : section.optOut ? 'opt-out' : 'required';
  lines.push(
    `<p class="consent consent-${kind}">${escapeHtml(consentStatement(section, text))}</p>`,
  );
  if (section.gpcOptOut && !section.required) {
    lines.push(`<p class="gpc">${escapeHtml(text.gpcOptOut)}</p>`);
  }
  if (section.rows.length === 0) {
    lines.push(`<p class="empty">${escapeHtml(text.noCookies)}</p>`, '</section>');
    return lines.join('\n');
  }
  const h = text.headers;
  const labels = [h.provider, h.service, h.name, h.purpose, h.duration].map(escapeHtml);
  lines.push(
    '<div class="table-wrap">',
    '<table>',
    `<caption>${escapeHtml(text.caption(section.title))}</caption>`,
    `<thead><tr>${labels.map((l) => `<th scope="col">${l}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...section.rows.map((row) => renderRow(row, labels, page)),
    '</tbody>',
    '</table>',
    '</div>',
    '</section>',
  );
  return lines.join('\n');
}

function renderRow(row: PolicyRow, labels: string[], page: PolicyPage): string {
  const { text } = page;
  let name = `<code>${escapeHtml(row.name)}</code>`;
  if (row.familyPrefix !== undefined) {
    name += `<span class="hint">${escapeHtml(text.family('\u0000')).replace(
      '\u0000',
      `<code>${escapeHtml(row.familyPrefix)}</code>`,
    )}</span>`;
  }
  if (row.thirdPartyDomain !== undefined) {
    name += ` <span class="badge">${escapeHtml(text.thirdParty)}</span><span class="hint">${escapeHtml(text.thirdPartySetBy(row.thirdPartyDomain))}</span>`;
  }
  if (row.encrypted) name += `<span class="hint">${escapeHtml(text.encrypted)}</span>`;
  const cells = [
    `<td data-label="${labels[0]}">${escapeHtml(row.provider)}</td>`,
    `<td data-label="${labels[1]}">${escapeHtml(row.service)}</td>`,
    `<th scope="row" data-label="${labels[2]}">${name}</th>`,
    `<td data-label="${labels[3]}">${escapeHtml(row.purpose)}</td>`,
    `<td data-label="${labels[4]}">${escapeHtml(row.duration)}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function renderContact(page: PolicyPage): string {
  const { text } = page;
  const paragraphs: string[] = [];
  if (page.contact) paragraphs.push(`<p>${escapeHtml(text.contact)} ${link(page.contact)}</p>`);
  if (page.url) paragraphs.push(`<p>${escapeHtml(text.publishedAt)} ${link(page.url)}.</p>`);
  if (!paragraphs.length) return '';
  return [
    '<section id="contact" aria-labelledby="contact-title">',
    `<h2 id="contact-title">${escapeHtml(text.contactHeading)}</h2>`,
    ...paragraphs,
    '</section>',
  ].join('\n');
}

/** A link for an http(s) URL or an e-mail address; anything else as plain text. */
function link(target: string): string {
  const label = escapeHtml(target);
  if (/^https?:\/\/[^\s<>"]+$/.test(target)) return `<a href="${label}">${label}</a>`;
  if (/^[^\s@<>"]+@[^\s@<>"]+$/.test(target)) return `<a href="mailto:${label}">${label}</a>`;
  return label;
}

/** A category key as an id fragment (keys are free-form JSON keys). */
function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}

const CSS = `:root {
  color-scheme: light dark;
  --fg: #1b1b1f; --muted: #595966; --bg: #ffffff; --line: #d7d7de; --head: #f2f2f6;
  --accent: #0b57d0; --exempt: #0a6b36; --required: #8a4b00; --badge: #fff3e0;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e7e7ec; --muted: #a9a9b5; --bg: #16161a; --line: #3a3a44; --head: #202027;
    --accent: #8ab4f8; --exempt: #7ad69d; --required: #f5c26b; --badge: #3a2c14;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 64rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.35rem; }
h2 {
  font-size: 1.35rem; line-height: 1.3; margin: 2.5rem 0 0.6rem; padding-top: 1.25rem;
  border-top: 1px solid var(--line);
}
p { margin: 0 0 0.9rem; max-width: 46rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
.meta { color: var(--muted); font-size: 0.875rem; margin-bottom: 1.75rem; }
.count { font-size: 0.95rem; font-weight: 400; color: var(--muted); white-space: nowrap; }
.consent { font-size: 0.9375rem; font-weight: 600; padding-inline-start: 0.75rem; border-inline-start: 4px solid; }
.consent-exempt, .consent-opt-out { color: var(--exempt); }
.consent-required { color: var(--required); }
.gpc, .empty { color: var(--muted); font-size: 0.9375rem; }
.empty { font-style: italic; }
.table-wrap { overflow-x: auto; margin: 1rem 0 0.5rem; }
table { width: 100%; border-collapse: collapse; font-size: 0.9375rem; }
/* Width hints, so that the tables of all categories line up; content still wins. */
thead th:nth-child(1) { width: 13%; }
thead th:nth-child(2) { width: 20%; }
thead th:nth-child(3) { width: 20%; }
thead th:nth-child(4) { width: 33%; }
caption {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
  white-space: nowrap;
}
th, td {
  text-align: start; vertical-align: top; padding: 0.65rem 0.75rem;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word;
}
thead th {
  background: var(--head); font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap;
}
tbody th { font-weight: 400; }
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 0.9em; font-weight: 600; overflow-wrap: anywhere;
}
.hint { display: block; color: var(--muted); font-size: 0.8125rem; margin-top: 0.15rem; }
.hint code { font-weight: 400; }
.badge {
  display: inline-block; margin-top: 0.25rem; padding: 0 0.45rem; border: 1px solid var(--required);
  border-radius: 999px; background: var(--badge); color: var(--required); font-size: 0.75rem;
  font-weight: 600; line-height: 1.5; white-space: nowrap;
}
@media screen and (max-width: 40rem) {
  main { padding: 1.5rem 1rem 2rem; }
  h1 { font-size: 1.6rem; }
  .table-wrap { overflow-x: visible; }
  table, tbody, tr, th, td { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tr {
    display: flex; flex-direction: column; border: 1px solid var(--line); border-radius: 0.5rem;
    margin: 0 0 0.85rem; padding: 0.35rem 0;
  }
  th, td { border: 0; padding: 0.35rem 0.9rem; }
  tbody th { order: -1; }
  td::before, tbody th::before {
    content: attr(data-label); display: block; color: var(--muted); font-size: 0.75rem;
    font-weight: 600; letter-spacing: 0.02em; text-transform: uppercase;
  }
}
@media print {
  :root {
    color-scheme: light; --fg: #000; --muted: #333; --bg: #fff; --line: #888; --head: #e8e8e8;
    --accent: #000; --exempt: #000; --required: #000; --badge: #fff;
  }
  @page { margin: 16mm 14mm; }
  html { font-size: 10pt; }
  body { font-size: 1rem; line-height: 1.4; }
  main { max-width: none; padding: 0; }
  p { max-width: none; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.5rem; }
  .table-wrap { overflow: visible; }
  table { font-size: 0.9rem; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { text-decoration: none; }
}`;
