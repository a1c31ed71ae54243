/**
 * What the consent cookie in observed traffic grants. The record format is the runtime's
 * (`consentCodec` of `@cookie-schema/runtime`):
 *
 *     1.<revision>.<updatedAt in base 36>.<hash>.<gpc: "" | "0" | "1">.<category>~<category>…
 *
 * The command passes the runtime's decoder when it can load it; {@link decodeConsentValue} is
 * the local fallback, kept in step with it by a test.
 */
import { describeDuration } from '../schema/duration';
import type { NormalizedSchema } from '../schema/types';

/** The fields of a consent record the audit needs. */
export interface ConsentChoice {
  categories: readonly string[];
  revision: number;
  /** Milliseconds since the epoch. */
  updatedAt: number;
}

/** Decodes a consent cookie value as sent; never throws. */
export type ConsentDecoder = (
  raw: string,
) => { ok: true; value: ConsentChoice } | { ok: false; reason: string };

/** What a consent cookie grants, and why when it grants less than it says. */
export interface ConsentState {
  /** Granted categories, the required one always included. */
  granted: ReadonlySet<string>;
  /** Why only the required category is granted: no cookie, unreadable, old revision, expired. */
  reason?: string;
}

/**
 * Local decoder of the runtime's consent format: percent-decodes, then checks the version, the
 * numbers and the category names. Returns the reason when the value is not a record.
 */
export const decodeConsentValue: ConsentDecoder = (raw) => {
  let text = raw;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return { ok: false, reason: 'it is not valid percent-encoding' };
  }
  const fields = text.split('.');
  if (fields.length !== 6 || fields[0] !== '1') {
    return { ok: false, reason: 'it is not a version-1 consent record' };
  }
  const [, revision, updated, hash, gpc, list] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (
    !/^(?:0|[1-9][0-9]*)$/.test(revision) ||
    !/^(?:0|[1-9a-z][0-9a-z]*)$/.test(updated) ||
    !/^[A-Za-z0-9_-]{0,128}$/.test(hash) ||
    !/^[01]?$/.test(gpc)
  ) {
    return { ok: false, reason: 'its revision, date, hash or GPC field is malformed' };
  }
  const categories = list === '' ? [] : list.split('~');
  if (!categories.every((c) => /^[A-Za-z0-9_-]{1,64}$/.test(c))) {
    return { ok: false, reason: 'a category name is malformed' };
  }
  return {
    ok: true,
    value: { categories, revision: Number(revision), updatedAt: parseInt(updated, 36) },
  };
};

/**
 * What a consent cookie value grants under `schema`, at time `now` (ms). No value → only the
 * required category. A record for an older `policy.revision`, or older than
 * `policy.consentMaxAge`, counts as no choice (SPEC §4).
 */
export function consentState(
  schema: NormalizedSchema,
  raw: string | undefined,
  decode: ConsentDecoder,
  now: number | undefined,
): ConsentState {
  const required = schema.requiredCategory;
  const none = (reason: string): ConsentState => ({ granted: new Set([required]), reason });
  if (raw === undefined) return none(`there is no consent cookie "${schema.consentCookie}"`);
  const decoded = decode(raw);
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
