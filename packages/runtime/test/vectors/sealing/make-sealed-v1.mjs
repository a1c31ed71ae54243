// Writes sealed-v1.json: values sealed in format 1 of encrypted cookies (packages/runtime/src/
// sealing.ts), made here with Node's own crypto (hkdfSync, aes-256-gcm) rather than the runtime's
// WebCrypto code, so the test that opens them checks the runtime against a second implementation
// of the format. Nonces are derived from each vector's id (SHA-256), so running this again gives
// the same file byte for byte (formatted by the repository's biome, as every JSON file is):
//
//   node packages/runtime/test/vectors/sealing/make-sealed-v1.mjs
//
// The file is test data: once committed it must not change, so that a value sealed today keeps
// opening in later versions. A new format gets a new file.
import { execFileSync } from 'node:child_process';
import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CURRENT = 'current-secret-of-at-least-32-characters!';
const PREVIOUS = 'previous-secret-of-at-least-32-characters';
const BYTES = Buffer.from(
  '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  'hex',
);
const NOW = Date.UTC(2026, 11, 5, 12, 0, 0); // 2026-12-05T12:00:00Z

const SESSION = JSON.stringify({
  user: 42,
  role: 'admin',
  cart: [{ sku: 'ABC-123', qty: 2, price: 1999 }],
});

/** Format 1 (see sealing.ts): "e1." base64url(salt 12 | iv 12 | AES-256-GCM(expiry "." text) | tag). */
function seal(id, { name, secret, text, expiresAt }) {
  const nonce = createHash('sha256').update(`sealed-v1 ${id}`).digest().subarray(0, 24);
  const salt = nonce.subarray(0, 12);
  const iv = nonce.subarray(12, 24);
  const key = Buffer.from(hkdfSync('sha256', secret, salt, `cookie-schema:e1:encrypt:${name}`, 32));
  const expiry = expiresAt === undefined ? '' : Math.floor(expiresAt / 1000).toString(36);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(`${expiry}.${text}`, 'utf8'), cipher.final()]);
  const payload = Buffer.concat([nonce, body, cipher.getAuthTag()]);
  return `e1.${payload.toString('base64url')}`;
}

const show = (secret) => (typeof secret === 'string' ? secret : { $hex: secret.toString('hex') });

const cases = [
  {
    id: 'string',
    description: 'a short string, no expiry',
    seal: { name: 'session', secret: CURRENT, text: 'hello' },
    open: { name: 'session', secrets: [CURRENT] },
    expected: { ok: true, value: 'hello' },
  },
  {
    id: 'json-session',
    description: 'a JSON session with an expiry a day ahead, under a __Host- name',
    seal: { name: '__Host-session', secret: CURRENT, text: SESSION, expiresAt: NOW + 86_400_000 },
    open: { name: '__Host-session', secrets: [CURRENT], now: NOW },
    expected: { ok: true, value: SESSION, expiresAt: NOW + 86_400_000 },
  },
  {
    id: 'expired',
    description: 'the same an hour after its expiry',
    seal: { name: '__Host-session', secret: CURRENT, text: SESSION, expiresAt: NOW - 3_600_000 },
    open: { name: '__Host-session', secrets: [CURRENT], now: NOW },
    expected: { ok: false, reason: 'expired', expiresAt: NOW - 3_600_000 },
  },
  {
    id: 'bytes-secret',
    description: 'sealed with a 32-byte secret given as bytes',
    seal: { name: 'oauth_state', secret: BYTES, text: 'state=xyz&verifier=abc' },
    open: { name: 'oauth_state', secrets: [BYTES] },
    expected: { ok: true, value: 'state=xyz&verifier=abc' },
  },
  {
    id: 'rotated',
    description: 'sealed with the previous secret, opened after a rotation (current first)',
    seal: { name: 'session', secret: PREVIOUS, text: '{"user":7}' },
    open: { name: 'session', secrets: [CURRENT, PREVIOUS] },
    expected: { ok: true, value: '{"user":7}' },
  },
  {
    id: 'rotated-out',
    description: 'the same once the previous secret is dropped',
    seal: { name: 'session', secret: PREVIOUS, text: '{"user":7}' },
    open: { name: 'session', secrets: [CURRENT] },
    expected: { ok: false, reason: 'undecryptable' },
  },
  {
    id: 'unicode',
    description: 'non-ASCII text (UTF-8 inside)',
    seal: { name: 'session', secret: CURRENT, text: 'Grüße aus 東京 🍪' },
    open: { name: 'session', secrets: [CURRENT] },
    expected: { ok: true, value: 'Grüße aus 東京 🍪' },
  },
  {
    id: 'empty',
    description: 'the empty string',
    seal: { name: 'session', secret: CURRENT, text: '' },
    open: { name: 'session', secrets: [CURRENT] },
    expected: { ok: true, value: '' },
  },
  {
    id: 'other-name',
    description: 'sealed for "session", replayed as "oauth_state"',
    seal: { name: 'session', secret: CURRENT, text: 'hello' },
    open: { name: 'oauth_state', secrets: [CURRENT] },
    expected: { ok: false, reason: 'undecryptable' },
  },
];

const vectors = cases.map(({ id, description, seal: input, open, expected }) => ({
  id,
  description,
  sealed: seal(id, input),
  sealedFor: input.name,
  secret: show(input.secret),
  ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
  open: { ...open, secrets: open.secrets.map(show) },
  expected,
}));

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'sealed-v1.json');
const doc = {
  format:
    'cookie-schema encrypted cookie values, format 1 ("e1."); see packages/runtime/src/sealing.ts',
  made: 'node packages/runtime/test/vectors/sealing/make-sealed-v1.mjs (Node crypto, not the runtime)',
  vectors,
};
writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
const biome = join(here, '..', '..', '..', '..', '..', 'node_modules', '.bin', 'biome');
execFileSync(biome, ['format', '--write', file], { stdio: 'ignore' });
console.log(`wrote ${vectors.length} vectors to ${file}`);
