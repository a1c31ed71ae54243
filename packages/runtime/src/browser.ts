/**
 * @cookie-schema/runtime/browser — `document.cookie` and `navigator.globalPrivacyControl`, and
 * the cookie firewall (`installCookieFirewall`, in its own module: bundled only where used).
 * Contains no server code. Shared pieces (codecs, serialization) come from
 * `@cookie-schema/runtime`.
 */

export type { CookieDefinition, Inspection, SetOptions } from './accessor.js';
export {
  type CookieDocument,
  createBrowserStore,
  deleteBrowserCookie,
  listBrowserCookieNames,
  readBrowserCookie,
  readBrowserGpc,
  writeBrowserCookie,
} from './browser-store.js';
export {
  type ClientConsent,
  type ClientCookie,
  type ClientCookieFamily,
  type ClientCookieFamilyWithDefault,
  type ClientCookieOptions,
  type ClientCookieWithDefault,
  clientCookie,
  clientCookieFamily,
  configureCookies,
  createClientConsent,
  guardedClientCookie,
} from './client.js';
export type {
  ConsentConfig,
  ConsentGuard,
  ConsentModeState,
  ConsentState,
  PurgeEntry,
} from './consent.js';
export {
  type CookieFirewall,
  type FirewallOptions,
  type FirewallReason,
  type FirewallReport,
  type FirewallRules,
  installCookieFirewall,
} from './firewall.js';
// What generated client modules use: accessors and consent, plus the shared core.
export * from './index.js';
