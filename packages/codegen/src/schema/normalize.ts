/**
 * Cross-field rules of SPEC §3 and normalization. Input: a document that already has the right
 * shape (zod). Output: the normalized model, or located diagnostics — one rule, one code, one
 * message that says what is wrong and how to fix it.
 *
 * The rules live by concern in `rules/`: the document and `policy` (policy.ts), `categories`
 * (categories.ts), one cookie (cookie.ts), value types and defaults (value.ts), and what spans
 * declarations (cross-cookie.ts), all writing to one {@link Reporter}.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from './diagnostics';
import type { LocatedJson } from './locate';
import type { CookieSchemaInput } from './model';
import { normalizeCategories } from './rules/categories';
import { normalizeCookie } from './rules/cookie';
import {
  checkAccessorCollisions,
  checkConsentCookie,
  checkFamilyCoverage,
} from './rules/cross-cookie';
import {
  checkConsentMaxAge,
  checkDuplicateKeys,
  checkLocales,
  normalizePolicy,
} from './rules/policy';
import { Reporter } from './rules/reporter';
import type { NormalizedSchema } from './types';

export { checkDefault } from './rules/value';

export interface NormalizeResult {
  schema?: NormalizedSchema;
  diagnostics: Diagnostic[];
}

export function normalize(
  input: CookieSchemaInput,
  file: string,
  json: LocatedJson,
): NormalizeResult {
  const r = new Reporter(file, json);
  checkDuplicateKeys(json, r);
  const localize = checkLocales(input.policy.locales, r);
  const consentMaxAge = checkConsentMaxAge(input.policy, r);
  const { categories, required } = normalizeCategories(input.categories, localize, r);

  const ctx = {
    input,
    categoryNames: Object.keys(input.categories),
    requiredCategory: required,
    localize,
    r,
    lowerNames: new Map<string, string>(),
  };
  const cookies = Object.keys(input.cookies).map((name) => normalizeCookie(name, ctx));
  checkAccessorCollisions(cookies, r);
  checkFamilyCoverage(cookies, input.consentCookie, r);
  checkConsentCookie(input.consentCookie, cookies, required, r);

  // Before the check below: localizing the introduction and sections reports missing text.
  const policy = normalizePolicy(input.policy, consentMaxAge, localize);
  if (r.hasErrors) return { diagnostics: r.diagnostics };

  const hash = contentHash({
    policy,
    consentCookie: input.consentCookie,
    // Keys at their default are left out, so that a feature added to the format does not change
    // the hash of schemas that do not use it.
    categories: categories.map(({ optOut, ...c }) => (optOut ? { ...c, optOut } : c)),
    cookies: cookies.map(({ pointer: _, encrypted, ...c }) =>
      encrypted ? { ...c, encrypted } : c,
    ),
  });
  return {
    diagnostics: r.diagnostics,
    schema: {
      file,
      policy,
      consentCookie: input.consentCookie,
      categories,
      cookies,
      requiredCategory: required,
      hash,
    },
  };
}

/** Canonical JSON (sorted keys) → SHA-256 → 16 hex chars. */
function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
