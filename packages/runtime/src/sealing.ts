/**
 * Encrypted cookies: AES-256-GCM through WebCrypto (`globalThis.crypto.subtle`: Node ≥ 20, Bun,
 * Deno, Workers), no Node built-ins. Format 1:
 *
 *     sealed    = "e1." base64url( nonce ciphertext tag )     ; RFC 4648 §5, no padding
 *     nonce     = 24 random bytes: salt (first 12) and iv (last 12)
 *     key       = HKDF-SHA256( ikm = secret, salt, info = "cookie-schema:e1:encrypt:" name )
 *     plaintext = UTF-8( expiry "." text )                  ; expiry: Unix seconds in base 36, or ""
 *     tag       = the 16-byte GCM tag over the ciphertext
 *
 * - Every seal derives its own key (a fresh salt) and uses a fresh iv, so no key ever meets the
 *   AES-GCM limit of 2³² random ivs, however often a cookie is rewritten.
 * - The cookie name is in the key's `info`: a value replayed under another cookie name, or
 *   sealed by another format version, does not decrypt. `":"` is not a token character, so no
 *   two names share an `info`.
 * - Rotation: the first secret seals; opening tries each secret in turn (no key id in the value:
 *   no bytes spent, and nothing in the cookie tells which secret it is). The sealing secret is
 *   tried first, so only values sealed before the last rotation cost more than one attempt.
 * - The expiry (a write's `Max-Age`, when it has one) is inside the ciphertext and checked on
 *   opening, so a copy replayed after the declared lifetime does not open.
 *
 * Each secret is imported once (an HKDF base key, cached per secret).
 */
import { base64urlToBytes, bytesToBase64url, LONE_SURROGATE } from './encoding.js';
import { CookieError, show } from './errors.js';
import { NAME_VALUE_LIMIT } from './serialize.js';
import type { CookieSecret } from './signing.js';

/** What every sealed value of format 1 starts with. */
export const SEALED_PREFIX = 'e1.';

const NONCE_BYTES = 24;
const SALT_BYTES = 12;
const TAG_BYTES = 16;
/** Nonce, tag and the "." of an empty expiry: the smallest sealed payload. */
const MIN_PAYLOAD = NONCE_BYTES + TAG_BYTES + 1;
const EXPIRY = /^[0-9a-z]{0,11}$/;

const stringKeys = /* @__PURE__ */ new Map<string, Promise<CryptoKey>>();
const byteKeys = /* @__PURE__ */ new WeakMap<Uint8Array, Promise<CryptoKey>>();

/** The HKDF base key of a secret; refuses (`invalid-secret`) what cannot be one. */
function baseKey(secret: CookieSecret, cookie: string): Promise<CryptoKey> {
  const isText = typeof secret === 'string';
  if (!(isText || secret instanceof Uint8Array) || secret.length === 0) {
    throw new CookieError(
      'invalid-secret',
      cookie,
      'an encryption secret must be a non-empty string or Uint8Array (use at least 32 random bytes).',
    );
  }
  let key = isText ? stringKeys.get(secret) : byteKeys.get(secret);
  if (key === undefined) {
    const bytes = isText ? new TextEncoder().encode(secret) : secret.slice();
    key = globalThis.crypto.subtle.importKey('raw', bytes, 'HKDF', false, ['deriveKey']);
    if (isText) stringKeys.set(secret, key);
    else byteKeys.set(secret, key);
  }
  return key;
}

function messageKey(
  base: CryptoKey,
  salt: Uint8Array<ArrayBuffer>,
  name: string,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  return globalThis.crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt,
      info: new TextEncoder().encode(`cookie-schema:e1:encrypt:${name}`),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Length of the sealed text of a plaintext of `bytes` bytes. */
function sealedLength(bytes: number): number {
  return SEALED_PREFIX.length + Math.ceil(((NONCE_BYTES + bytes + TAG_BYTES) * 4) / 3);
}

/** Options of {@link sealCookieValue}. */
export interface SealOptions {
  /** The cookie the value is for: only this name opens it. */
  name: string;
  /** The secret to seal with (the first of the jar's `secrets`). */
  secret: CookieSecret;
  /** When the value stops opening, in ms since the epoch (kept to the second); none: never. */
  expiresAt?: number;
}

/** A value ready to encrypt: its checks done, its key on the way. */
export interface PreparedSeal {
  readonly name: string;
  readonly plaintext: Uint8Array<ArrayBuffer>;
  readonly base: Promise<CryptoKey>;
}

/**
 * The checks of {@link sealCookieValue}, without encrypting: the jar makes them before it asks
 * consent, so that a value that cannot be written throws whether or not consent blocks it.
 */
export function prepareSeal(text: string, options: SealOptions): PreparedSeal {
  const { name, secret, expiresAt } = options;
  const base = baseKey(secret, name);
  if (LONE_SURROGATE.test(text)) {
    throw new CookieError(
      'invalid-value',
      name,
      `value ${show(text)} has a lone UTF-16 surrogate.`,
    );
  }
  const expiry = expiresAt === undefined ? '' : Math.floor(expiresAt / 1000).toString(36);
  if (!EXPIRY.test(expiry)) {
    throw new CookieError('invalid-expires', name, `expiresAt ${expiresAt} is not a valid date.`);
  }
  const plaintext = new TextEncoder().encode(`${expiry}.${text}`);
  const length = sealedLength(plaintext.length);
  if (name.length + length > NAME_VALUE_LIMIT) {
    throw new CookieError(
      'too-large',
      name,
      `the encrypted value would be ${length} bytes (name and value ${name.length + length}), over the ${NAME_VALUE_LIMIT} bytes user agents accept (RFC 6265bis §5.6); the value is ${plaintext.length - expiry.length - 1} bytes before encryption, which adds about a third. Store less in it (e.g. an id, and the rest on the server).`,
    );
  }
  return { name, plaintext, base };
}

/** Encrypts a prepared value: `"e1."` and base64url. */
export async function sealPrepared(prepared: PreparedSeal): Promise<string> {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const base = await prepared.base;
  const key = await messageKey(base, nonce.subarray(0, SALT_BYTES), prepared.name, 'encrypt');
  const sealed = new Uint8Array(
    await globalThis.crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: nonce.subarray(SALT_BYTES) },
      key,
      prepared.plaintext,
    ),
  );
  const payload = new Uint8Array(NONCE_BYTES + sealed.length);
  payload.set(nonce);
  payload.set(sealed, NONCE_BYTES);
  return SEALED_PREFIX + bytesToBase64url(payload);
}

/**
 * Encrypts `text` for the cookie `name`: returns `"e1."` and base64url, all cookie-octets.
 * Rejects with a `CookieError`, before encrypting: `invalid-secret` for an empty or
 * non-string/bytes secret, `too-large` when name and sealed value would exceed 4096 bytes (the
 * message gives both sizes), `invalid-value` for text with a lone UTF-16 surrogate (it has no
 * UTF-8 form), `invalid-expires` for an `expiresAt` that is not a date.
 *
 * @example await sealCookieValue('{"user":42}', { name: 'session', secret, expiresAt: Date.now() + 864e5 })
 */
export async function sealCookieValue(text: string, options: SealOptions): Promise<string> {
  return sealPrepared(prepareSeal(text, options));
}

/** Why a value did not open. */
export type UnsealFailure =
  /** Not a sealed value of a known format (prefix, base64url, length). */
  | 'malformed'
  /** No secret opens it: tampered, truncated, sealed for another cookie or with another secret. */
  | 'undecryptable'
  /** It opened, but its expiry has passed. */
  | 'expired';

/** What {@link unsealCookieValue} found. */
export type UnsealResult =
  | { ok: true; value: string; expiresAt?: number }
  | { ok: false; reason: UnsealFailure; expiresAt?: number };

/** Options of {@link unsealCookieValue}. */
export interface UnsealOptions {
  /** The cookie the value was read from. */
  name: string;
  /** Every secret that may have sealed it, the current one first. */
  secrets: CookieSecret | readonly CookieSecret[];
  /** The clock, in ms since the epoch; default `Date.now()`. */
  now?: number;
}

const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Opens a value sealed by {@link sealCookieValue} for the cookie `name`, trying each of
 * `secrets` in turn. Never rejects on bad input (it says why in `reason`); rejects with
 * `invalid-secret` when `secrets` is empty or holds something that cannot be a secret.
 *
 * @example await unsealCookieValue(raw, { name: 'session', secrets: [current, previous] })
 */
export async function unsealCookieValue(
  sealed: string,
  options: UnsealOptions,
): Promise<UnsealResult> {
  const { name } = options;
  const secrets: readonly CookieSecret[] = Array.isArray(options.secrets)
    ? options.secrets
    : [options.secrets as CookieSecret];
  if (secrets.length === 0) {
    throw new CookieError('invalid-secret', name, 'opening an encrypted value needs a secret.');
  }
  const bases = secrets.map((secret) => baseKey(secret, name));
  if (typeof sealed !== 'string' || !sealed.startsWith(SEALED_PREFIX)) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = base64urlToBytes(sealed.slice(SEALED_PREFIX.length));
  if (payload === undefined || payload.length < MIN_PAYLOAD)
    return { ok: false, reason: 'malformed' };
  const salt = payload.subarray(0, SALT_BYTES);
  const iv = payload.subarray(SALT_BYTES, NONCE_BYTES);
  const ciphertext = payload.subarray(NONCE_BYTES);
  let plaintext: Uint8Array | undefined;
  for (const base of bases) {
    const key = await messageKey(await base, salt, name, 'decrypt');
    try {
      plaintext = new Uint8Array(
        await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, ciphertext),
      );
      break;
    } catch {
      // The tag did not verify with this secret: try the next one.
    }
  }
  if (plaintext === undefined) return { ok: false, reason: 'undecryptable' };
  let text: string;
  try {
    text = decoder.decode(plaintext);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const dot = text.indexOf('.');
  const expiry = text.slice(0, dot);
  if (dot === -1 || !EXPIRY.test(expiry)) return { ok: false, reason: 'malformed' };
  const value = text.slice(dot + 1);
  if (expiry === '') return { ok: true, value };
  const expiresAt = Number.parseInt(expiry, 36) * 1000;
  return (options.now ?? Date.now()) < expiresAt
    ? { ok: true, value, expiresAt }
    : { ok: false, reason: 'expired', expiresAt };
}
