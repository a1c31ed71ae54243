/**
 * The policy page as GitHub-flavoured Markdown: a title, the introduction, the schema's own
 * sections (`policy.sections`), then one section per category with a table (Provider | Service and location | Cookie name | Purpose | Duration).
 * Pure: schema in, string out.
 */
import type { NormalizedSchema } from '../schema/types';
import type { PageMessages } from './messages';
import { type PolicyRow, type PolicySection, policyPage } from './page';

/** What a category section says about consent: none needed, needed, or none but objectable. */
export function consentStatement(section: PolicySection, text: PageMessages): string {
  return section.required
    ? text.consentNotRequired
    : section.optOut
      ? text.consentOptOut
      : text.consentRequired;
}

/**
 * Escapes text for Markdown prose and table cells: backslash-escapes the characters that start
 * inline syntax (`\ ` `` ` `` `* [ ] < > | ~`), `&` before an entity, `_` except inside a word
 * (GFM never reads `django_language` as emphasis, so it stays readable), and a leading `#`, `+`,
 * `-` or `1.` that would start a block; line breaks become spaces so a cell stays on its row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\`*[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^[#+-]/, '\\$&')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/_/g, (_m, offset: number, whole: string) =>
      /[\p{L}\p{N}]/u.test(whole[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(whole[offset + 1] ?? '')
        ? '_'
        : '\\_',
    );
}

/** Options of {@link renderPolicyMarkdown}. */
export interface RenderPolicyOptions {
  /** One of the schema's locales; default: its first. */
  locale?: string;
}

/**
 * Renders the policy page of `schema` as Markdown in one locale. For the reference schema in
 * English, each table row is exactly SPEC §1's Provider, Service and location, Cookie name and
 * Purpose, plus the Duration. Ends with a newline.
 * @throws RangeError when `options.locale` is not one of the schema's locales.
 */
export function renderPolicyMarkdown(
  schema: NormalizedSchema,
  options: RenderPolicyOptions = {},
): string {
  const page = policyPage(schema, options.locale);
  const { text } = page;
  const h = text.headers;
  const blocks: string[] = [`# ${escapeMarkdown(text.documentTitle(page.site))}`];
  for (const paragraph of page.introduction) blocks.push(escapeMarkdown(paragraph));
  for (const section of page.textSections) {
    blocks.push(`## ${escapeMarkdown(section.title)}`);
    for (const paragraph of section.paragraphs) blocks.push(escapeMarkdown(paragraph));
  }
  for (const section of page.sections) {
    blocks.push(`## ${escapeMarkdown(section.title)}`);
    if (section.description) blocks.push(escapeMarkdown(section.description));
    blocks.push(escapeMarkdown(consentStatement(section, text)));
    if (section.gpcOptOut && !section.required) blocks.push(escapeMarkdown(text.gpcOptOut));
    if (section.rows.length === 0) {
      blocks.push(`_${escapeMarkdown(text.noCookies)}_`);
      continue;
    }
    const header = [h.provider, h.service, h.name, h.purpose, h.duration];
    const lines = [
      row(header.map(escapeMarkdown)),
      row(header.map(() => '---')),
      ...section.rows.map((r) =>
        row(
          [r.provider, r.service, nameCell(r, text), r.purpose, r.duration].map((cell, i) =>
            i === 2 ? cell : escapeMarkdown(cell),
          ),
        ),
      ),
    ];
    blocks.push(lines.join('\n'));
    if (section.rows.some((r) => r.familyPrefix !== undefined)) {
      blocks.push(`\\* ${escapeMarkdown(text.familyNote)}`);
    }
  }
  const contact: string[] = [];
  if (page.contact) contact.push(`${escapeMarkdown(text.contact)} ${link(page.contact)}`);
  if (page.url) contact.push(`${escapeMarkdown(text.publishedAt)} ${link(page.url)}.`);
  if (contact.length) blocks.push(`## ${escapeMarkdown(text.contactHeading)}`, ...contact);
  blocks.push(`_${escapeMarkdown(text.revision(page.revision))} · ${page.hash}_`);
  return `${blocks.join('\n\n')}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The cookie name, escaped, with its third-party domain, or that it is encrypted. */
function nameCell(r: PolicyRow, text: PageMessages): string {
  const name = escapeMarkdown(r.name);
  if (r.thirdPartyDomain)
    return `${name} (${escapeMarkdown(text.thirdPartySetBy(r.thirdPartyDomain))})`;
  return r.encrypted ? `${name} (${escapeMarkdown(text.encrypted)})` : name;
}

/** An autolink for an e-mail address or an http(s) URL; anything else as escaped text. */
function link(target: string): string {
  if (/^https?:\/\/[^\s<>]+$/.test(target) || /^[^\s@<>]+@[^\s@<>]+$/.test(target)) {
    return `<${target}>`;
  }
  return escapeMarkdown(target);
}
