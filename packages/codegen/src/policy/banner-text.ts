/** What a consent banner says, whichever banner shows it (the generated one, vanilla-cookieconsent). */
import type { NormalizedSchema } from '../schema/types';
import { durationText } from './duration-text';
import { messagesFor } from './messages';

/**
 * The banner's text in `locale` for the schema's mix of categories: consent asked (opt-in only),
 * no consent needed but objections possible (opt-out only), both, or nothing to choose.
 */
export function bannerDescription(schema: NormalizedSchema, locale: string): string {
  const { banner, page } = messagesFor(locale);
  const optional = schema.categories.filter((c) => !c.required);
  const optOut = optional.some((c) => c.optOut);
  const optIn = optional.some((c) => !c.optOut);
  if (optIn && optOut) return banner.mixedDescription;
  if (optOut) return banner.optOutDescription;
  if (optIn) return banner.consentDescription;
  // The required category only: the banner never shows, the preferences dialog may.
  return page.changeChoice({
    site: schema.policy.name,
    categories: [],
    requiredCategory: '',
    hasOptional: false,
    optOutCategories: [],
    hasOptIn: false,
    consentMaxAge: durationText(schema.policy.consentMaxAge, locale),
  });
}
