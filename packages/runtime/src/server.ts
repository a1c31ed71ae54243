/**
 * @cookie-schema/runtime/server — the request store: reads the `Cookie` header of a Fetch
 * `Request`, `Headers`, Node `IncomingMessage` or string, and applies queued `Set-Cookie`
 * headers to a `Response`, `Headers` or Node `ServerResponse`. Shared pieces (codecs,
 * serialization, signing) come from `@cookie-schema/runtime`.
 */

export type { CookieDefinition, Inspection, SetOptions } from './accessor.js';
export type {
  ConsentConfig,
  ConsentModeState,
  ConsentState,
  PurgeEntry,
} from './consent.js';
export {
  type AttributeMismatch,
  filterSetCookies,
  type GuardDefinition,
  type GuardFinding,
  type GuardOptions,
  type GuardTarget,
  guardSetCookies,
} from './guard.js';
// What generated server modules use: the jar, accessors and consent, plus the shared core.
export * from './index.js';
export {
  type AsyncServerCookie,
  type BlockedWrite,
  type CookieJarBase,
  defineJar,
  type EncryptedServerCookie,
  type JarDefinition,
  type JarOptions,
  type NotOnServer,
  type OnBlocked,
  type ServerConsent,
  type ServerCookie,
  type ServerCookieDefinition,
  type ServerCookieFamily,
  type ServerCookieFamilyWithDefault,
  type ServerCookieWithDefault,
  type SignedServerCookie,
  type SignedServerCookieWithDefault,
  verbatimEnum,
  verbatimString,
} from './jar.js';
export {
  type AppendableHeaders,
  COOKIE_HEADER_LIMIT,
  type CookieSource,
  createRequestStore,
  type HeadersLike,
  type IncomingMessageLike,
  type RequestCookieStore,
  readCookieHeader,
  readGpcHeader,
  type ServerResponseLike,
  type SetCookieListener,
  type SetCookieTarget,
} from './request-store.js';
