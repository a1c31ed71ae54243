/**
 * What the framework adapters share: the shape of a generated `createCookies`, and the listener
 * they add to its options.
 */
import type { JarOptions } from '../jar.js';
import type { CookieSource, SetCookieListener } from '../request-store.js';

/**
 * A generated `createCookies(source, options)`: adapters take it as an argument, so one adapter
 * serves every schema and the jar keeps its generated type.
 */
export type CreateCookies<J> = (source: CookieSource, options?: JarOptions) => J;

/** What adapters need of a jar: the `Set-Cookie` headers it queued. */
export interface CookieJarLike {
  toSetCookieHeaders(): string[];
}

/** `options` with `listener` added after the app's own `onSetCookie`, if any. */
export function withListener(
  options: JarOptions | undefined,
  listener: SetCookieListener,
): JarOptions {
  const own = options?.onSetCookie;
  return {
    ...options,
    onSetCookie: own
      ? (header) => {
          own(header);
          listener(header);
        }
      : listener,
  };
}

/** The cookie name of a `Set-Cookie` header the runtime wrote. */
export function setCookieName(header: string): string {
  return header.slice(0, header.indexOf('='));
}
