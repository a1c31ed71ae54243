/**
 * The content of the policy page in one locale, independent of the output format: the
 * introduction, then one section per category with its table rows. The Markdown and HTML
 * renderers only lay this out and escape it.
 */
import type { NormalizedSchema } from '../schema/types';
import { durationText } from './duration-text';
import { type IntroFacts, messagesFor, type PageMessages } from './messages';

/** One row of a category table. */
export interface PolicyRow {
  provider: string;
  service: string;
  /** As declared (`_ga_*` for a family). */
  name: string;
  /** For a family, the name without its `*`; otherwise `undefined`. */
  familyPrefix?: string;
  /** For a third-party cookie, the domain that sets it. */
  thirdPartyDomain?: string;
  /** The value is encrypted: only the site can read it. */
  encrypted?: true;
  purpose: string;
  duration: string;
}

/** One category section. */
export interface PolicySection {
  /** Key of the category (for anchors). */
  name: string;
  title: string;
  description: string;
  required: boolean;
  /** Needs no consent; the visitor can object (`"consent": "opt-out"`). */
  optOut: boolean;
  gpcOptOut: boolean;
  rows: PolicyRow[];
}

/** One of the schema's `policy.sections`: a heading and its paragraphs. */
export interface PolicyTextSection {
  title: string;
  paragraphs: string[];
}

/** Everything the page says, in one locale. */
export interface PolicyPage {
  locale: string;
  site: string;
  revision: number;
  hash: string;
  url?: string;
  contact?: string;
  /** Paragraphs of the introduction. */
  introduction: string[];
  /** The schema's `policy.sections`, between the introduction and the category tables. */
  textSections: PolicyTextSection[];
  /** One per category. */
  sections: PolicySection[];
  /** The fixed text of the page, in this locale (or English). */
  text: PageMessages;
}

/**
 * Builds the page content of `schema` in `locale` (default: the schema's first locale).
 * @throws RangeError when `locale` is not one of the schema's locales (the CLI checks first).
 */
export function policyPage(schema: NormalizedSchema, locale?: string): PolicyPage {
  const { policy } = schema;
  const lang = locale ?? policy.defaultLocale;
  if (!policy.locales.includes(lang)) {
    throw new RangeError(
      `locale "${lang}" is not declared by the schema; expected one of: ${policy.locales.join(', ')}.`,
    );
  }
  const text = messagesFor(lang).page;
  const pick = (localized: Readonly<Record<string, string>>) => localized[lang] ?? '';
  const required = schema.categories.find((c) => c.required);
  const facts: IntroFacts = {
    site: policy.name,
    categories: schema.categories.map((c) => pick(c.title)),
    requiredCategory: required ? pick(required.title) : '',
    hasOptional: schema.categories.some((c) => !c.required),
    optOutCategories: schema.categories.filter((c) => c.optOut).map((c) => pick(c.title)),
    hasOptIn: schema.categories.some((c) => !c.required && !c.optOut),
    consentMaxAge: durationText(policy.consentMaxAge, lang),
  };
  const introduction = [
    ...(policy.introduction
      ? paragraphs(pick(policy.introduction))
      : [text.whatCookiesAre(policy.name)]),
    text.categoriesUsed(facts),
    text.changeChoice(facts),
  ];
  const textSections = (policy.sections ?? []).map((section) => ({
    title: pick(section.title),
    paragraphs: paragraphs(pick(section.body)),
  }));
  const sections = schema.categories.map(
    (category): PolicySection => ({
      name: category.name,
      title: pick(category.title),
      description: pick(category.description),
      required: category.required,
      optOut: category.optOut,
      gpcOptOut: category.gpcOptOut,
      rows: schema.cookies
        .filter((c) => c.category === category.name)
        .map((c) => ({
          provider: c.provider,
          service: pick(c.service),
          name: c.name,
          ...(c.family ? { familyPrefix: c.prefix } : {}),
          ...(c.party === 'third' && c.domain ? { thirdPartyDomain: c.domain } : {}),
          ...(c.encrypted ? { encrypted: true as const } : {}),
          purpose: pick(c.purpose),
          duration: durationText(c.maxAge, lang),
        })),
    }),
  );
  return {
    locale: lang,
    site: policy.name,
    revision: policy.revision,
    hash: schema.hash,
    ...(policy.url !== undefined ? { url: policy.url } : {}),
    ...(policy.contact !== undefined ? { contact: policy.contact } : {}),
    introduction,
    textSections,
    sections,
    text,
  };
}

/**
 * The paragraphs of a text: a blank line (spaces allowed) starts a new one; a single line break
 * inside a paragraph is a space. Empty paragraphs are dropped.
 */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*(?:\r?\n[ \t]*)+/)
    .map((p) => p.trim().replace(/[ \t]*\r?\n[ \t]*/g, ' '))
    .filter((p) => p !== '');
}
