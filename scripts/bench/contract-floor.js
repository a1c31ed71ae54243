// A reference for the bundle benchmark, not product code: the contract of one guarded client
// accessor (SPEC §4) written as tightly as a careful person would by hand, for one integer cookie
// in a category that needs consent — get with default, inspect with a reason, has, delete, set
// with validation and a CookieError naming the cookie, a lifetime override that may not exceed
// the declared one, and the consent guard (record grammar, revision, consentMaxAge, GPC). Its
// size is what the contract costs before any generality: see docs/BENCHMARKS.md.

class CookieError extends Error {
  constructor(code, cookie, message) {
    super(`Cookie "${cookie}": ${message}`);
    this.code = code;
    this.cookie = cookie;
  }
}

const cookies = () => (typeof document === 'undefined' ? '' : document.cookie).split('; ');

function read(name) {
  for (const pair of cookies()) {
    if (pair.startsWith(name) && pair.charCodeAt(name.length) === 61) {
      const value = pair.slice(name.length + 1);
      return /^".*"$/.test(value) ? value.slice(1, -1) : value;
    }
  }
  return undefined;
}

function write(name, value, suffix) {
  if (name.length + value.length > 4096)
    throw new CookieError('too-large', name, 'over 4096 bytes');
  // biome-ignore lint/suspicious/noDocumentCookie: this file is what the accessor does by hand
  if (typeof document !== 'undefined') document.cookie = `${name}=${value}${suffix}`;
}

const MAX_AGE = /; Max-Age=(\d+)/;

function lifetime(def, name, options) {
  let seconds = options?.maxAge;
  const expires = options?.expires;
  if (seconds === undefined && expires === undefined) return def.suffix;
  if (expires !== undefined) {
    const left = Math.max(0, Math.ceil((expires.getTime() - Date.now()) / 1000));
    seconds = seconds === undefined ? left : Math.min(seconds, left);
  }
  const declared = Number(MAX_AGE.exec(def.suffix)?.[1] ?? 0);
  if (!(Number.isInteger(seconds) && seconds >= 0 && seconds <= declared)) {
    throw new CookieError('invalid-max-age', name, `maxAge ${seconds} is not 0 to ${declared}`);
  }
  const until = new Date(Date.now() + seconds * 1000).toUTCString();
  return `; Max-Age=${seconds}${def.suffix.replace(MAX_AGE, '')}; Expires=${until}`;
}

const CONSENT = /^1\.(0|[1-9]\d*)\.(0|[1-9a-z][0-9a-z]*)\.[\w-]*\.([01]?)\.([\w~-]*)$/;

function granted(category, config) {
  const match = CONSENT.exec(read(config.cookie) ?? '');
  if (!match || Number(match[1]) !== config.revision) return false;
  const at = Number.parseInt(match[2], 36);
  const now = Date.now();
  if (now - at > config.maxAge * 1000 || at > now + 86_400_000) return false;
  const gpc = typeof navigator !== 'undefined' && navigator.globalPrivacyControl === true;
  return (
    match[4].split('~').includes(category) &&
    !(gpc && config.gpcOptOut.includes(category) && match[3] !== '1')
  );
}

function integerCodec(min, max) {
  const check = (v) =>
    typeof v !== 'number' || !Number.isSafeInteger(v)
      ? `expected a safe integer, received ${JSON.stringify(v)}`
      : v < min
        ? `expected at least ${min}, received ${v}`
        : v > max
          ? `expected at most ${max}, received ${v}`
          : undefined;
  return {
    encode(value, name) {
      const reason = check(value);
      if (reason) throw new CookieError('invalid-value', name, reason);
      return String(value);
    },
    decode(raw) {
      const reason = /^(?:0|-?[1-9]\d*)$/.test(raw)
        ? check(Number(raw))
        : `${JSON.stringify(raw)} is not a valid integer`;
      return reason ? { ok: false, reason } : { ok: true, value: Number(raw) };
    },
  };
}

function inspect(def, raw) {
  if (raw === undefined) return { ok: true, present: false, value: def.fallback, raw };
  const decoded = def.codec.decode(raw);
  return decoded.ok
    ? { ok: true, present: true, value: decoded.value, raw }
    : { ok: false, present: true, value: def.fallback, raw, reason: decoded.reason };
}

function guardedCookie(def, config) {
  const name = def.name;
  return {
    name,
    get: () => inspect(def, read(name)).value,
    inspect: () => inspect(def, read(name)),
    has: () => read(name) !== undefined,
    delete: () => write(name, '', `; Max-Age=0${def.suffix.replace(MAX_AGE, '')}`),
    set(value, options) {
      const encoded = def.codec.encode(value, name);
      const suffix = lifetime(def, name, options);
      if (!granted(def.category, config)) return false;
      write(name, encoded, suffix);
      return true;
    },
  };
}

const consentGuard = {
  cookie: 'shop_consent',
  revision: 3,
  maxAge: 15552000,
  required: 'necessary',
  gpcOptOut: ['marketing'],
};

export const abBucket = guardedCookie(
  {
    name: 'ab_bucket',
    category: 'statistics',
    codec: integerCodec(0, 99),
    suffix: '; Max-Age=2592000; Path=/; Secure; SameSite=Lax',
  },
  consentGuard,
);
