/**
 * The schema format (SPEC §3) as a zod model: the one definition from which the TypeScript input
 * types are inferred and `schemas/cookie-schema.json` is derived. No file system here.
 *
 * Only shape rules live in this file; cross-field rules (prefixes, categories, collisions…) are in
 * `rules.ts` so that each one has its own located message.
 */
import * as z from 'zod';

/** A duration: `30m`, `12h`, `2w`, `6mo`, `1y`, a number of seconds, or `"session"`. */
export const DURATION_PATTERN = /^(?:session|\d+(?:s|m|h|d|w|mo|y))$/;

export const Duration = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(DURATION_PATTERN, {
      error:
        'expected a duration such as "30m", "12h", "7d", "2w", "6mo", "1y", a number of seconds, or "session"',
    }),
  ])
  .describe(
    'A duration: "30m", "12h", "7d", "2w", "6mo", "1y", a number of seconds, or "session".',
  );

/** Text in the default locale (a string) or in every declared locale (an object keyed by locale). */
export const LocalizedText = z
  .union([z.string().min(1), z.record(z.string(), z.string().min(1))])
  .describe('Text in the default locale, or an object with one entry per declared locale.');

/** The JSON Schema subset accepted by `"type": "json"` values. */
export interface JsonValueSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  description?: string;
  properties?: Record<string, JsonValueSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonValueSchema;
  minItems?: number;
  maxItems?: number;
  enum?: (string | number | boolean | null)[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
}

export const JsonValueSchema: z.ZodType<JsonValueSchema> = z.lazy(() =>
  z
    .strictObject({
      type: z
        .enum(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'])
        .optional(),
      description: z.string().optional(),
      properties: z.record(z.string(), JsonValueSchema).optional(),
      required: z.array(z.string()).optional(),
      additionalProperties: z.boolean().optional(),
      items: JsonValueSchema.optional(),
      minItems: z.number().int().nonnegative().optional(),
      maxItems: z.number().int().nonnegative().optional(),
      enum: z
        .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
        .min(1)
        .optional(),
      minLength: z.number().int().nonnegative().optional(),
      maxLength: z.number().int().nonnegative().optional(),
      pattern: z.string().optional(),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
    })
    .meta({ id: 'JsonValueSchema' }),
);

const StringValue = z.strictObject({
  type: z.literal('string'),
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().positive().optional(),
  pattern: z.string().optional().describe('A JavaScript regular expression the value must match.'),
});
const EnumValue = z.strictObject({
  type: z.literal('enum'),
  values: z.array(z.string()).min(1),
});
const IntegerValue = z.strictObject({
  type: z.literal('integer'),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
});
const NumberValue = z.strictObject({
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
});
const BooleanValue = z.strictObject({ type: z.literal('boolean') });
const DateValue = z.strictObject({ type: z.literal('date') });
const JsonValue = z.strictObject({ type: z.literal('json'), schema: JsonValueSchema });
const ConsentValue = z.strictObject({ type: z.literal('consent') });

/** The value type of a cookie: how it is typed, encoded and validated. */
export const ValueType = z.discriminatedUnion('type', [
  StringValue,
  EnumValue,
  IntegerValue,
  NumberValue,
  BooleanValue,
  DateValue,
  JsonValue,
  ConsentValue,
]);

export const SameSite = z.enum(['strict', 'lax', 'none']);
export const Priority = z.enum(['low', 'medium', 'high']);
export const Encoding = z.enum(['uri', 'base64url', 'raw']);
export const Scope = z.enum(['server', 'client', 'both']);
export const Party = z.enum(['first', 'third']);

/** Google Consent Mode v2 storage types a category can map to. */
export const ConsentModeType = z.enum([
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
]);

/** Attributes a cookie can set, and that `defaults` can set for every cookie. */
const attributeShape = {
  domain: z.string().min(1).optional().describe('Domain attribute. Omit for a host-only cookie.'),
  path: z.string().optional().describe('Path attribute; must start with "/".'),
  secure: z.boolean().optional(),
  httpOnly: z
    .boolean()
    .optional()
    .describe('Not readable by page scripts; implies scope "server".'),
  sameSite: SameSite.optional(),
  partitioned: z
    .boolean()
    .optional()
    .describe('CHIPS: partitioned by top-level site; needs secure.'),
  maxAge: Duration.optional(),
  priority: Priority.optional().describe(
    'Priority attribute (Chromium): which cookies a browser over its per-domain limit evicts last.',
  ),
  encoding: Encoding.optional().describe(
    'How the value is written: "uri" (default), "base64url", "raw".',
  ),
};

export const Defaults = z.strictObject(attributeShape);

export const Cookie = z.strictObject({
  provider: z.string().min(1).describe('Who sets the cookie (a company or the site itself).'),
  service: LocalizedText.describe('Service and location: what part of the site uses it.'),
  category: z.string().min(1).describe('A key of "categories".'),
  purpose: LocalizedText.describe('Why the cookie exists, for the policy page.'),
  value: ValueType.optional().describe('Value type; a plain string when omitted.'),
  default: z.unknown().optional().describe('Value read when the cookie is absent or invalid.'),
  ...attributeShape,
  signed: z.boolean().optional().describe('HMAC-signed; server only.'),
  encrypted: z
    .boolean()
    .optional()
    .describe(
      'Encrypted and authenticated (AES-256-GCM, keys derived from the jar\'s secrets): only the server can read the value. Implies scope "server" and httpOnly; excludes signed.',
    ),
  scope: Scope.optional().describe(
    'Where accessors exist: "server", "client" or "both" (default).',
  ),
  party: Party.optional().describe(
    '"third" cookies are documented and purged but get no accessor.',
  ),
  accessor: z
    .string()
    .optional()
    .describe('Accessor name; defaults to the camelCase of the cookie name.'),
});

export const Category = z.strictObject({
  required: z
    .boolean()
    .optional()
    .describe('Strictly necessary: always granted, no consent asked.'),
  title: LocalizedText,
  description: LocalizedText,
  consentMode: z.array(ConsentModeType).optional().describe('Google Consent Mode v2 signals.'),
  gpcOptOut: z
    .boolean()
    .optional()
    .describe('With Global Privacy Control, stays denied unless granted explicitly afterwards.'),
  consent: z
    .enum(['opt-in', 'opt-out'])
    .optional()
    .describe(
      '"opt-in" (default): written only once granted. "opt-out": needs no consent (e.g. exempt audience measurement), written before any choice until the visitor objects; with gpcOptOut, a GPC signal is an objection.',
    ),
});

/** A section of the policy page before the tables ("What is a cookie?"). */
export const PolicySection = z.strictObject({
  title: LocalizedText.describe('The section heading.'),
  body: LocalizedText.describe('The text; a blank line starts a new paragraph.'),
});

export const Policy = z.strictObject({
  name: z.string().min(1),
  revision: z.number().int().positive().describe('Bump when a change needs fresh consent.'),
  locales: z.array(z.string()).min(1).describe('Locales of every text; the first is the default.'),
  consentMaxAge: Duration.optional().describe(
    'How long a consent choice stays valid (default 6mo).',
  ),
  url: z.string().optional().describe('Where the policy page is published.'),
  contact: z.string().optional().describe('Who to contact about cookies (an address or a URL).'),
  introduction: LocalizedText.optional().describe(
    'Replaces the first paragraph of the standard policy introduction; a blank line starts a new paragraph.',
  ),
  sections: z
    .array(PolicySection)
    .optional()
    .describe('Sections of the policy page, after the introduction and before the cookie tables.'),
});

export const CookieSchemaFile = z
  .strictObject({
    $schema: z.string().optional(),
    policy: Policy,
    consentCookie: z.string().min(1).describe('The cookie that stores the consent record.'),
    categories: z.record(z.string(), Category),
    defaults: Defaults.optional(),
    cookies: z.record(z.string(), Cookie),
  })
  .meta({
    title: 'cookie-schema',
    description: "The single source of truth for a website's cookies (cookie-schema format).",
  });

export type CookieSchemaInput = z.input<typeof CookieSchemaFile>;
export type CookieInput = z.input<typeof Cookie>;
export type CategoryInput = z.input<typeof Category>;
export type PolicySectionInput = z.input<typeof PolicySection>;
export type ValueTypeInput = z.input<typeof ValueType>;
export type LocalizedTextInput = z.input<typeof LocalizedText>;
export type DurationInput = z.input<typeof Duration>;
