/**
 * Encodings: how a codec's text becomes cookie-octets and back. Each is a small object, imported
 * by name, so a bundle carries only the encodings its cookies use.
 *
 * - {@link uri} (default): percent-encoding, but only when needed — text made of safe
 *   cookie-octets is written as is (as jshttp/cookie does), so `en`, `42` or a base64 token stay
 *   readable.
 * - {@link base64url}: UTF-8 then base64url without padding (RFC 4648 §5); opaque but compact
 *   for JSON with many quotes and commas.
 * - {@link raw}: the text must already be cookie-octets; anything else is refused.
 * - {@link text}: the text as it is, for encrypted cookies only: the jar seals it, and the sealed
 *   value is base64url (see sealing.ts), so it need not be cookie-octets. Not a schema encoding.
 */
import { CookieError, show } from './errors.js';

// Fixed by each build of the runtime (see DEV in errors.ts); declared here for apps that
// compile these sources without Node's types.
declare const process: { env: { NODE_ENV?: string } };

/** Turns codec text into a cookie value and back. */
export interface CookieEncoding {
  /** The encoding's name as in the schema (`encoding`); `text` is the one of encrypted cookies. */
  readonly name: 'uri' | 'base64url' | 'raw' | 'text';
  /** Text → cookie-octets. Throws a {@link CookieError} (`invalid-value`) it cannot encode. */
  encode(text: string, cookie?: string): string;
  /** Cookie value as sent → text, or `undefined` when it is malformed. Never throws. */
  decode(value: string): string | undefined;
}

/**
 * Characters `uri` must escape: CTLs, SP, DEL and non-ASCII, plus DQUOTE, ",", ";" and "\"
 * (RFC 6265 §4.1.1 cookie-octet excludes them) and "%" (so that decoding round-trips).
 */
const UNSAFE = /[\x00-\x20\x7F-\uFFFF",;\\%]/;

/**
 * cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E  (RFC 6265 §4.1.1)
 */
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/** A UTF-16 surrogate without its pair: not a Unicode scalar value, not encodable as UTF-8. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** base64url = *( ALPHA / DIGIT / "-" / "_" )  (RFC 4648 §5, no "=" padding) */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** `why` is `''` in a production build (see `DEV` in errors.ts). */
function unencodable(cookie: string | undefined, text: string, why: string): CookieError {
  return new CookieError(
    'invalid-value',
    cookie ?? '',
    process.env.NODE_ENV !== 'production' ? `value ${show(text)} ${why}` : '',
  );
}

/** Percent-encoding where needed (default). See the module comment. */
export const uri: CookieEncoding = {
  name: 'uri',
  encode(text, cookie) {
    if (!UNSAFE.test(text)) return text;
    try {
      return encodeURIComponent(text);
    } catch {
      throw unencodable(cookie, text, 'has a lone UTF-16 surrogate.');
    }
  },
  // Strict, unlike the lenient header parser: a value with a malformed escape, or with a
  // character that is not a cookie-octet (a control character, a space, DQUOTE…), was not
  // written by this encoding, so it is not a value of the cookie.
  decode(value) {
    if (!COOKIE_OCTETS.test(value)) return undefined;
    if (!value.includes('%')) return value;
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  },
};

/** UTF-8 then base64url without padding. See the module comment. */
export const base64url: CookieEncoding = {
  name: 'base64url',
  encode(text, cookie) {
    if (LONE_SURROGATE.test(text)) throw unencodable(cookie, text, 'has a lone UTF-16 surrogate.');
    return bytesToBase64url(new TextEncoder().encode(text));
  },
  decode(value) {
    const bytes = base64urlToBytes(value);
    if (bytes === undefined) return undefined;
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return undefined;
    }
  },
};

/** Text that is already cookie-octets, written unchanged. See the module comment. */
export const raw: CookieEncoding = {
  name: 'raw',
  encode(text, cookie) {
    if (COOKIE_OCTETS.test(text)) return text;
    throw unencodable(
      cookie,
      text,
      process.env.NODE_ENV !== 'production'
        ? 'is not made of cookie-octets (no CTLs, whitespace, DQUOTE, ",", ";", "\\" or ' +
            'non-ASCII); declare encoding "uri" or "base64url" instead of "raw".'
        : '',
    );
  },
  // What `encode` refuses, `decode` refuses: a value read is one that could have been written.
  decode: (value) => (COOKIE_OCTETS.test(value) ? value : undefined),
};

/**
 * The text unchanged. Only for values that are sealed before they are written (encrypted
 * cookies): the sealed value is what must be cookie-octets, and sealing refuses what has no
 * UTF-8 form. See the module comment.
 */
export const text: CookieEncoding = {
  name: 'text',
  encode: (value) => value,
  decode: (value) => value,
};

/** Bytes → base64url without padding (RFC 4648 §5). */
export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  const padded = btoa(binary);
  // btoa pads with at most two "=": cut them without a RegExp anchored at the end.
  let end = padded.length;
  while (end > 0 && padded.charCodeAt(end - 1) === 61 /* = */) end--;
  return padded.slice(0, end).replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * base64url without padding → bytes, or `undefined` when the text is not canonical base64url
 * (wrong alphabet, impossible length, padding, or non-zero unused bits).
 */
export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1 || !BASE64URL.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  // Two spellings of the same bytes would let a value change without changing its meaning.
  return bytesToBase64url(bytes) === text ? bytes : undefined;
}
