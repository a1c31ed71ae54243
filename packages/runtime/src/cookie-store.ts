/**
 * What the server and browser stores have in common, so that accessors and the consent engine
 * work on either. Values are cookie values as sent or written — already encoded (and signed);
 * codecs turn them into typed values.
 */
export interface CookieStore {
  /**
   * The value of `name` as sent, or as last written through this store (read-your-writes);
   * `undefined` when absent or deleted. Not percent-decoded: pass it to a codec's `decode`.
   * Never throws.
   */
  get(name: string): string | undefined;
  /**
   * Writes `name=encodedValue` followed by `suffix` (from `compileCookieAttributes`). Throws a
   * `CookieError` for a name that is not a token, a value that is not cookie-octets, or a
   * name + value over 4096 bytes.
   */
  set(name: string, encodedValue: string, suffix?: string): void;
  /**
   * Deletes `name` with `deleteSuffix` (from `compileDeleteAttributes`: it must repeat the
   * cookie's `path` and `domain`).
   */
  delete(name: string, deleteSuffix: string): void;
  /** Names of the cookies currently present (first occurrence of each), deleted ones excluded. */
  names(): string[];
}
