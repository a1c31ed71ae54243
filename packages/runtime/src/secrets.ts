/**
 * The `secrets` of a jar, checked once where the jar is made: signed cookies (and anything else
 * that derives keys from them) call {@link checkSecrets}, so a deploy that forgot its secret
 * fails at its first request with a message that says what to set, instead of logging every
 * visitor out without a word.
 */
import { CookieError, show } from './errors.js';
import type { CookieSecret } from './signing.js';

/** Shorter secrets (in characters, or bytes for a `Uint8Array`) are warned about once. */
export const SHORT_SECRET_LENGTH = 32;

const FIX =
  'Pass an array of at least one secret of 32+ random characters, e.g. createCookies(request, ' +
  '{ secrets: [process.env.COOKIE_SECRET] }) with COOKIE_SECRET set (openssl rand -base64 32).';

let warnedShort = false;

/**
 * Checks the `secrets` option of a jar whose package has signed cookies and returns it. Throws
 * a `CookieError` (`invalid-secret`) that says what to set when `secrets` is missing, is not an
 * array (a single string, as cookie-parser takes it, would sign with its first character), is
 * empty, or holds anything but non-empty strings and `Uint8Array`s (`undefined` from an unset
 * environment variable, `null`, `''`). A secret shorter than {@link SHORT_SECRET_LENGTH}
 * warns through `console.warn`, once per process.
 *
 * @param what where the secrets are used, for the message (e.g. `'signed cookies'`)
 */
export function checkSecrets(secrets: unknown, what = 'signed cookies'): readonly CookieSecret[] {
  if (secrets === undefined || secrets === null) {
    throw new CookieError(
      'invalid-secret',
      '',
      `${what} need secrets, and none were given. ${FIX}`,
    );
  }
  if (!Array.isArray(secrets)) {
    throw new CookieError(
      'invalid-secret',
      '',
      `secrets must be an array, received ${typeof secrets === 'string' ? 'a string' : show(secrets)}. ${FIX}`,
    );
  }
  if (secrets.length === 0) {
    throw new CookieError(
      'invalid-secret',
      '',
      `${what} need secrets, and the array is empty. ${FIX}`,
    );
  }
  let short = false;
  for (let i = 0; i < secrets.length; i++) {
    const secret: unknown = secrets[i];
    const usable =
      (typeof secret === 'string' || secret instanceof Uint8Array) && secret.length > 0;
    if (!usable) {
      throw new CookieError(
        'invalid-secret',
        '',
        `secrets[${i}] is ${secret === '' ? 'an empty string' : show(secret)}, not a non-empty string or Uint8Array (is its environment variable set?). ${FIX}`,
      );
    }
    if ((secret as CookieSecret).length < SHORT_SECRET_LENGTH) short = true;
  }
  if (short && !warnedShort) {
    warnedShort = true;
    globalThis.console?.warn(
      `cookie-schema: a secret is shorter than ${SHORT_SECRET_LENGTH} characters; HMAC keys that short can be guessed. Use 32+ random characters (openssl rand -base64 32). (Shown once.)`,
    );
  }
  return secrets as readonly CookieSecret[];
}
