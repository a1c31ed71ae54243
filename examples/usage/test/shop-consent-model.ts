// The consent model of the shop schema, shared by the model-based tests of the server jar and of
// the browser module: what the schema declares (read from the generated policy data, not
// restated), the consent the spec (§4) says follows from the cookies a browser holds, and values
// of each cookie's declared type.
import { readFileSync } from 'node:fs';
import type { ConsentRecord, ConsentState } from '@cookie-schema/runtime';
import { policy } from '@examples/shop-cookies/policy';
import fc from 'fast-check';
import { expect } from 'vitest';

export type CategoryName = (typeof policy.categories)[number]['name'];

// ---------------------------------------------------------------------------------------------
// What the schema declares, read from the generated policy data (not restated here).

export const DAY = 86_400_000;
/** RFC 6265bis §5.6.1: user agents cap Max-Age and Expires at 400 days. */
export const LIFETIME_CAP = 400 * DAY;
export const CONSENT_COOKIE = policy.consentCookie;
export const CONSENT_MAX_AGE = policy.consentMaxAge.seconds * 1000;
export const REQUIRED = policy.categories.find((c) => c.required)!.name as CategoryName;
export const CATEGORIES = policy.categories.map((c) => c.name as CategoryName);
export const OPTIONAL = CATEGORIES.filter((c) => c !== REQUIRED);
export const GPC_OPT_OUT = new Set<string>(
  policy.categories.filter((c) => c.gpcOptOut).map((c) => c.name),
);
/** `"consent": "opt-out"`: granted until the visitor objects (SPEC §3). */
export const OPT_OUT = new Set<string>(
  policy.categories.filter((c) => c.optOut).map((c) => c.name),
);
export const CONSENT_MODE = new Map<string, readonly string[]>(
  policy.categories.map((c) => [c.name, c.consentMode]),
);

/** Declared defaults, from the schema itself (the policy data does not carry them). */
export const SCHEMA = JSON.parse(
  readFileSync(new URL('../../../schemas/examples/shop.cookies.json', import.meta.url), 'utf8'),
) as { cookies: Record<string, { default?: unknown }> };

export interface Declared {
  readonly name: string;
  readonly family: boolean;
  readonly category: string;
  readonly maxAge: number | undefined;
  readonly party: string;
}
export const DECLARED: readonly Declared[] = policy.cookies.map((c) => ({
  name: c.family ? c.name.slice(0, -1) : c.name,
  family: c.family,
  category: c.category,
  maxAge: 'maxAge' in c ? (c.maxAge as number) : undefined,
  party: c.party,
}));

/** The declaration of a cookie name (a family member matches its family), or `undefined`. */
export function declarationOf(name: string): Declared | undefined {
  return (
    DECLARED.find((d) => !d.family && d.name === name) ??
    DECLARED.find((d) => d.family && name.startsWith(d.name) && name.length > d.name.length)
  );
}

/**
 * The declaration of a cookie our origin may set. A third-party declaration (IDE on
 * doubleclick.net) documents another site's cookie: a cookie of that name from us is undeclared.
 */
export function firstParty(name: string): Declared | undefined {
  const declared = declarationOf(name);
  return declared?.party === 'first' ? declared : undefined;
}

// ---------------------------------------------------------------------------------------------
// The model: the cookies the browser holds (with the value a read must give) and the consent the
// spec says follows from them.

export interface ModelCookie {
  /** What a typed read gives (`undefined` for a value the codec refuses). */
  value: unknown;
  expiresAt: number | undefined;
}

export interface Model {
  now: number;
  gpc: boolean;
  cookies: Map<string, ModelCookie>;
  /**
   * Whether cookie lifetimes run on `now` (a simulated jar), or on a clock the model does not
   * move (Chromium's, while `now` only moves the page's Date.now): then no cookie expires.
   */
  readonly expires: boolean;
}

export function evict(model: Model): void {
  for (const [name, cookie] of model.cookies) {
    if (cookie.expiresAt !== undefined && cookie.expiresAt <= model.now) model.cookies.delete(name);
  }
}

/** The stored choice if it counts: same revision, not older than consentMaxAge. */
export function validRecord(model: Model): ConsentRecord | undefined {
  const record = model.cookies.get(CONSENT_COOKIE)?.value as ConsentRecord | undefined;
  if (record === undefined || record.revision !== policy.revision) return undefined;
  if (model.now - record.updatedAt > CONSENT_MAX_AGE) return undefined;
  return record;
}

export function isGranted(model: Model, category: string): boolean {
  if (category === REQUIRED) return true;
  // GPC denies opted-out categories unless granted explicitly while GPC was on.
  const gpcDenies = model.gpc && GPC_OPT_OUT.has(category);
  const record = validRecord(model);
  if (record) return record.categories.includes(category) && !(gpcDenies && record.gpc !== true);
  // No valid choice: an opt-out category is granted unless GPC objects, or a record the visitor
  // stored leaves it out, even one that no longer counts (another revision, expired).
  if (!OPT_OUT.has(category) || gpcDenies) return false;
  const stored = model.cookies.get(CONSENT_COOKIE)?.value as ConsentRecord | undefined;
  return stored === undefined || stored.categories.includes(category);
}

export function granted(model: Model): CategoryName[] {
  return CATEGORIES.filter((c) => isGranted(model, c));
}

export function lifetime(model: Model, seconds: number | undefined): number | undefined {
  if (seconds === undefined || !model.expires) return undefined;
  return model.now + Math.min(seconds * 1000, LIFETIME_CAP);
}

/** What a typed write does: nothing without consent (returns whether it wrote). */
export function write(
  model: Model,
  name: string,
  value: unknown,
  maxAge: number | undefined,
): boolean {
  const declared = declarationOf(name)!;
  if (!isGranted(model, declared.category)) return false;
  if (maxAge === 0) model.cookies.delete(name);
  else model.cookies.set(name, { value, expiresAt: lifetime(model, maxAge ?? declared.maxAge) });
  return true;
}

/** A new choice: the required category plus `categories`, then every denied category purged. */
export function storeChoice(model: Model, categories: readonly string[]): void {
  const record: ConsentRecord = {
    categories: CATEGORIES.filter((c) => c === REQUIRED || categories.includes(c)),
    revision: policy.revision,
    hash: policy.hash,
    updatedAt: model.now,
    gpc: model.gpc,
  };
  model.cookies.set(CONSENT_COOKIE, {
    value: record,
    expiresAt: lifetime(model, policy.consentMaxAge.seconds),
  });
  for (const name of [...model.cookies.keys()]) {
    const declared = declarationOf(name);
    if (declared && declared.party === 'first' && !isGranted(model, declared.category)) {
      model.cookies.delete(name);
    }
  }
}

/**
 * The current choice as grant/revoke start from it: what is granted now (without a valid choice,
 * the required category and the opt-out ones not objected to).
 */
export function currentChoice(model: Model): CategoryName[] {
  return granted(model);
}

/** What the consent API says at one moment. */
export interface Snapshot {
  state: ConsentState<CategoryName>;
  needsPrompt: boolean;
  has: Record<string, boolean>;
  consentMode: Record<string, string>;
}

export function expectSnapshot(actual: Snapshot, model: Model, when: string): void {
  const record = validRecord(model);
  const allowed = granted(model);
  const storedButVoid = model.cookies.has(CONSENT_COOKIE) && record === undefined;
  expect(actual.state, `state() ${when}`).toEqual({
    granted: allowed,
    denied: CATEGORIES.filter((c) => !allowed.includes(c)),
    needsPrompt: record === undefined && CATEGORIES.length > 1,
    updatedAt: record?.updatedAt,
    gpc: model.gpc,
    ...(storedButVoid ? { reason: expect.any(String) } : {}),
  });
  expect(actual.needsPrompt, `needsPrompt ${when}`).toBe(
    record === undefined && CATEGORIES.length > 1,
  );
  expect(actual.has, `has() ${when}`).toEqual(
    Object.fromEntries(CATEGORIES.map((c) => [c, allowed.includes(c)])),
  );
  const mode: Record<string, string> = {};
  for (const category of CATEGORIES) {
    for (const type of CONSENT_MODE.get(category)!) {
      if (mode[type] !== 'granted') mode[type] = allowed.includes(category) ? 'granted' : 'denied';
    }
  }
  expect(actual.consentMode, `toConsentMode() ${when}`).toEqual(mode);
}

// ---------------------------------------------------------------------------------------------
// Values of each cookie's declared type, by cookie name.

/** Family member suffixes: a few, so that writes, reads and deletes meet the same members. */
export const familyId = fc.constantFrom('ABC123', 'Z9', 'PROPERTY-1', 'X');
/** A `_ga_<id>` value as gtag writes it. */
export const gaState = fc.stringMatching(/^GS[12]\.1\.[0-9a-z$.]{1,40}$/);
export const gaClient = fc
  .tuple(fc.nat(9), fc.nat(), fc.nat())
  .map(([level, id, time]) => `GA1.${level}.${id}.${time}`);
export const fbp = fc.tuple(fc.nat(), fc.nat()).map(([time, id]) => `fb.1.${time}.${id}`);

export const VALUES: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  ab_bucket: fc.integer({ min: 0, max: 99 }),
  cart: fc.record(
    {
      items: fc.array(
        fc.record({
          sku: fc.stringMatching(/^[A-Z0-9-]{3,32}$/),
          qty: fc.integer({ min: 1, max: 99 }),
        }),
        { maxLength: 4 },
      ),
      currency: fc.constantFrom('EUR', 'USD', 'GBP'),
      coupon: fc.string({ unit: 'binary', maxLength: 32 }),
    },
    { requiredKeys: ['items', 'currency'] },
  ),
  currency: fc.constantFrom('EUR', 'USD', 'GBP'),
  theme: fc.constantFrom('light', 'dark', 'system'),
  newsletter_dismissed: fc.boolean(),
  last_visit: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
  recently_viewed: fc.array(fc.string({ unit: 'binary', maxLength: 32 }), { maxLength: 10 }),
  _ga: gaClient,
  _fbp: fbp,
  '__Secure-csrf': fc.stringMatching(/^[A-Za-z0-9]{43}$/),
  '__Host-session': fc.stringMatching(/^[A-Za-z0-9_-]{24,64}$/),
  audience_id: fc.stringMatching(/^[0-9a-f]{16}$/),
};

/** A cookie a test writes through its accessor. */
export interface Writable {
  readonly name: string;
  /** The accessor's name in the generated module. */
  readonly accessor: string;
}
