/**
 * @cookie-schema/runtime — what generated cookie packages call at run time, on the server and in
 * the browser. Zero dependencies, no Node built-ins. Server and browser stores live in the
 * `./server` and `./browser` entry points.
 */

export type { CookieDefinition, Inspection, SetOptions } from './accessor.js';
export {
  booleanCodec,
  type ConsentRecord,
  type CookieCodec,
  type CookieValueType,
  consentCodec,
  dateCodec,
  enumCodec,
  expected,
  integerCodec,
  isString,
  jsonCodec,
  type NumberConstraints,
  numberCodec,
  parseConsentRecord,
  type StringConstraints,
  stringCodec,
  textCodec,
  type ValueCheck,
} from './codecs.js';
export {
  type ConsentConfig,
  type ConsentGuard,
  type ConsentModeState,
  type ConsentRejection,
  type ConsentState,
  consentState,
  hasConsent,
  type PurgeEntry,
  readConsentRecord,
  toConsentMode,
} from './consent.js';
export type { CookieStore } from './cookie-store.js';
export { base64url, type CookieEncoding, raw, text, uri } from './encoding.js';
export { CookieError, type CookieErrorCode, type CookieResult } from './errors.js';
export {
  compileJsonValidator,
  FORBIDDEN_JSON_KEYS,
  JSON_SCHEMA_ANNOTATIONS,
  JSON_SCHEMA_KEYWORDS,
  type JsonSchema,
  type JsonType,
  type JsonValidator,
  parseJsonSafely,
  schemaTypes,
} from './json-validator.js';
export {
  decodeCookieValue,
  getCookieValue,
  getRawCookieValue,
  parseCookieHeader,
  unquoteCookieValue,
} from './parse.js';
export {
  SEALED_PREFIX,
  type SealOptions,
  sealCookieValue,
  type UnsealFailure,
  type UnsealOptions,
  type UnsealResult,
  unsealCookieValue,
} from './sealing.js';
export { checkSecrets, SHORT_SECRET_LENGTH } from './secrets.js';
export {
  ATTRIBUTE_VALUE_LIMIT,
  type CookieAttributes,
  type CookiePriority,
  compileCookieAttributes,
  compileDeleteAttributes,
  formatSetCookie,
  isCookieName,
  isCookieValue,
  MAX_AGE_LIMIT,
  NAME_VALUE_LIMIT,
  type SameSite,
  serializeDeleteCookie,
  serializeSetCookie,
} from './serialize.js';
export { type CookieSecret, signCookieValue, unsignCookieValue } from './signing.js';
