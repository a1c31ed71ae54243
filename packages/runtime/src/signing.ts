/**
 * Signed cookies: HMAC-SHA256 through WebCrypto (`globalThis.crypto.subtle`: Node ≥ 20,
 * browsers, edge runtimes), in the format of cookie-signature / cookie-parser (Express):
 *
 *     signed = value "." base64( HMAC-SHA256( secret, value ) )   ; standard alphabet, no "="
 *
 * The signature is always 43 characters, all cookie-octets, so a signed value needs no further
 * encoding: encode the value with its codec first, then sign the encoded text; on reading,
 * unsign the value as sent, then decode. Verification goes through `crypto.subtle.verify`, never
 * a string comparison. Imported keys are cached per secret.
 */
import { CookieError, show } from './errors.js';

/** A signing secret: text (UTF-8) or bytes. Use at least 32 random bytes. */
export type CookieSecret = string | Uint8Array;

/**
 * A base64 HMAC-SHA256 without padding: 42 characters, then one whose two unused low bits are 0
 * (RFC 4648 §3.5 canonical encoding), so each signature has exactly one accepted spelling.
 */
const SIGNATURE = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/;

const stringKeys = /* @__PURE__ */ new Map<string, Promise<CryptoKey>>();
const byteKeys = /* @__PURE__ */ new WeakMap<Uint8Array, Promise<CryptoKey>>();

function importKey(secret: CookieSecret): Promise<CryptoKey> {
  const isText = typeof secret === 'string';
  if (!(isText || secret instanceof Uint8Array) || secret.length === 0) {
    throw new CookieError(
      'invalid-secret',
      '',
      'a signing secret must be a non-empty string or Uint8Array (use at least 32 random bytes).',
    );
  }
  let key = isText ? stringKeys.get(secret) : byteKeys.get(secret);
  if (key === undefined) {
    const bytes = isText ? new TextEncoder().encode(secret) : secret.slice();
    key = globalThis.crypto.subtle.importKey(
      'raw',
      bytes,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    if (isText) stringKeys.set(secret, key);
    else byteKeys.set(secret, key);
  }
  return key;
}

/**
 * Signs `value` with `secret`: returns `value + "." + signature`.
 * Rejects with a `CookieError`: `invalid-value` when `value` is not a string, `invalid-secret`
 * for an empty or non-string/bytes secret.
 *
 * @example await signCookieValue('hello', 'tobiiscool')
 * // 'hello.DGDUkGlIkCzPz+C0B064FNgHdEjox7ch8tOBGslZ5QI'
 */
export async function signCookieValue(value: string, secret: CookieSecret): Promise<string> {
  if (typeof value !== 'string') {
    throw new CookieError(
      'invalid-value',
      '',
      `signCookieValue signs text: encode the value with its codec first; received ${show(value)}.`,
    );
  }
  const key = await importKey(secret);
  const mac = new Uint8Array(
    await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value)),
  );
  let binary = '';
  for (let i = 0; i < mac.length; i++) binary += String.fromCharCode(mac[i]!);
  return `${value}.${btoa(binary).slice(0, 43)}`;
}

/**
 * Verifies a signed value against each of `secrets` in turn (the first one signs new values, the
 * others still verify: rotation) and returns the value without its signature, or `false` when no
 * secret verifies it — tampered value, wrong, truncated, padded or non-canonical signature, or no
 * signature at all. Never rejects on bad input; rejects with `invalid-secret` on a bad secret.
 *
 * @example await unsignCookieValue(signed, [currentSecret, previousSecret])
 */
export async function unsignCookieValue(
  signed: string,
  secrets: CookieSecret | readonly CookieSecret[],
): Promise<string | false> {
  const list: readonly CookieSecret[] = Array.isArray(secrets)
    ? secrets
    : [secrets as CookieSecret];
  if (list.length === 0) {
    throw new CookieError('invalid-secret', '', 'unsignCookieValue needs at least one secret.');
  }
  if (typeof signed !== 'string') return false;
  const dot = signed.lastIndexOf('.');
  const signature = signed.slice(dot + 1);
  if (dot === -1 || !SIGNATURE.test(signature)) return false;
  const value = signed.slice(0, dot);
  const binary = atob(signature);
  const mac = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) mac[i] = binary.charCodeAt(i);
  const data = new TextEncoder().encode(value);
  for (const secret of list) {
    const key = await importKey(secret);
    if (await globalThis.crypto.subtle.verify('HMAC', key, mac, data)) return value;
  }
  return false;
}
