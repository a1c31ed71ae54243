/**
 * What the consent cookie in observed traffic grants, read with the runtime's own `consentCodec`
 * (the format generated packages write):
 *
 *     1.<revision>.<updatedAt in base 36>.<hash>.<gpc: "" | "0" | "1">.<category>~<category>…
 */
import { consentCodec } from '@cookie-schema/runtime';
import { describeDuration } from '../schema/duration';
import type { NormalizedSchema } from '../schema/types';

/** What a consent cookie grants, and why when it grants less than it says. */
export interface ConsentState {
  /** Granted categories, the required one always included. */
  granted: ReadonlySet<string>;
  /** Why only the required category is granted: no cookie, unreadable, old revision, expired. */
  reason?: string;
}

const codec = consentCodec();

/**
 * What a consent cookie value grants under `schema`, at time `now` (ms). No value → only the
 * required category. A record for an older `policy.revision`, or older than
 * `policy.consentMaxAge`, counts as no choice (SPEC §4). Without a valid choice, opt-out
 * categories (`"consent": "opt-out"`) are granted too, unless a record the visitor stored, even
 * one that no longer counts, leaves them out (an objection; SPEC §3).
 */
export function consentState(
  schema: NormalizedSchema,
  raw: string | undefined,
  now: number | undefined,
): ConsentState {
  const required = schema.requiredCategory;
  const decoded = raw === undefined ? undefined : codec.decode(raw);
  const objected = decoded?.ok ? decoded.value.categories : undefined;
  const none = (reason: string): ConsentState => ({
    granted: new Set([
      required,
      ...schema.categories
        .filter((c) => c.optOut && (objected === undefined || objected.includes(c.name)))
        .map((c) => c.name),
    ]),
    reason,
  });
  if (decoded === undefined) return none(`there is no consent cookie "${schema.consentCookie}"`);
  if (!decoded.ok) {
    return none(`the consent cookie "${schema.consentCookie}" cannot be read (${decoded.reason})`);
  }
  const { revision, updatedAt, categories } = decoded.value;
  if (revision < schema.policy.revision) {
    return none(
      `the consent cookie records a choice for revision ${revision}, and the policy is at revision ${schema.policy.revision}`,
    );
  }
  if (now !== undefined && now - updatedAt > schema.policy.consentMaxAge * 1000) {
    return none(
      `the consent cookie records a choice from ${new Date(updatedAt).toISOString()}, older than consentMaxAge (${describeDuration(schema.policy.consentMaxAge)})`,
    );
  }
  return { granted: new Set([required, ...categories]) };
}
