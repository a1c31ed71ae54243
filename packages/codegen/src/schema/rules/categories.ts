/** Rules of `categories`: names the consent record can store, exactly one required category. */
import type { CookieSchemaInput } from '../model';
import type { NormalizedCategory } from '../types';
import type { Localize } from './policy';
import type { Path, Reporter } from './reporter';

/** Category names are stored in the consent record: `1*64( ALPHA / DIGIT / "-" / "_" )`. */
const CATEGORY_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface CategoriesResult {
  categories: NormalizedCategory[];
  /** The required category's name (`''` when there is none, which is reported). */
  required: string;
}

export function normalizeCategories(
  input: CookieSchemaInput['categories'],
  localize: Localize,
  r: Reporter,
): CategoriesResult {
  const categories = Object.keys(input).map((name) => normalizeCategory(name, input, localize, r));
  const required = categories.filter((c) => c.required);
  if (required.length === 0) {
    r.error(
      'required-category',
      ['categories'],
      `exactly one category must be "required": true (strictly necessary cookies, no consent needed); none is. Add "required": true to e.g. "necessary".`,
    );
  } else if (required.length > 1) {
    for (const extra of required.slice(1)) {
      r.error(
        'required-category',
        ['categories', extra.name, 'required'],
        `exactly one category can be required; "${required[0]!.name}" already is. Remove "required" from "${extra.name}".`,
      );
    }
  }
  return { categories, required: required[0]?.name ?? '' };
}

function normalizeCategory(
  name: string,
  input: CookieSchemaInput['categories'],
  localize: Localize,
  r: Reporter,
): NormalizedCategory {
  const c = input[name]!;
  const path: Path = ['categories', name];
  if (!CATEGORY_NAME.test(name)) {
    r.error(
      'bad-category-name',
      path,
      `category name "${name}" must be 1 to 64 letters, digits, "-" or "_" (it is stored in the consent cookie). Rename it.`,
      true,
    );
  }
  if (c.required && c.gpcOptOut) {
    r.error(
      'required-gpc',
      [...path, 'gpcOptOut'],
      `the required category "${name}" is always granted, so it cannot opt out with Global Privacy Control. Remove "gpcOptOut".`,
    );
  }
  if (c.required && c.consent !== undefined) {
    r.error(
      'required-consent',
      [...path, 'consent'],
      `the required category "${name}" is always granted without asking, so "consent" does not apply to it. Remove "consent".`,
    );
  }
  return {
    name,
    required: c.required === true,
    title: localize(c.title, [...path, 'title']),
    description: localize(c.description, [...path, 'description']),
    consentMode: [...new Set(c.consentMode ?? [])],
    gpcOptOut: c.gpcOptOut === true,
    optOut: c.consent === 'opt-out' && c.required !== true,
  };
}
