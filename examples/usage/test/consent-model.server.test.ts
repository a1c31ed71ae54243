// Consent guards of the generated server module, model-based (SPEC §4): fast-check drives random
// sequences of requests against a real HTTP server on loopback. A simulated browser cookie jar
// carries cookies from one request to the next (Cookie header out, Set-Cookie headers in, with
// Max-Age/Expires, path, domain, prefixes and the 400-day cap honoured), and a model derived from
// the spec and the generated policy data predicts the consent state and the cookies present.
// After every command: no Set-Cookie of a response sets a cookie of a category the visitor has not
// granted at that moment; the jar holds exactly the cookies the model expects; state(),
// needsPrompt, has() and toConsentMode() agree with the model; after a revoke no cookie of a
// revoked category (family members included) is left in the jar. The shop's opt-out category
// (audience, with gpcOptOut) is granted before any choice and until the visitor objects, an
// objection outliving the record that made it (older revision, expired), GPC objecting too.
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConsentRecord, consentCodec } from '@cookie-schema/runtime';
import { policy } from '@examples/shop-cookies/policy';
import {
  type CategoryName,
  type Cookies,
  createCookies,
  guardSetCookies,
  type SetOptions,
} from '@examples/shop-cookies/server';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CONSENT_COOKIE,
  CONSENT_MAX_AGE,
  currentChoice,
  DAY,
  declarationOf,
  evict,
  expectSnapshot,
  familyId,
  fbp,
  firstParty,
  gaClient,
  gaState,
  granted,
  isGranted,
  LIFETIME_CAP,
  lifetime,
  type Model,
  OPTIONAL,
  SCHEMA,
  type Snapshot,
  storeChoice,
  VALUES,
  type Writable,
  write,
} from './shop-consent-model.js';

// ---------------------------------------------------------------------------------------------
// A browser cookie jar, as RFC 6265bis §5.6–5.7 describes it, for one host over a secure
// context (http://127.0.0.1 is potentially trustworthy: Secure cookies are kept).

interface StoredCookie {
  name: string;
  value: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** ms since the epoch; `undefined`: a session cookie. */
  expiresAt: number | undefined;
  created: number;
}

interface ParsedSetCookie {
  name: string;
  value: string;
  domain: string | undefined;
  path: string | undefined;
  secure: boolean;
  /** `-Infinity`: delete; `undefined`: session. */
  expiresAt: number | undefined;
}

function parseSetCookie(header: string, now: number): ParsedSetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return undefined;
  const name = pair.slice(0, eq).trim();
  if (name === '') return undefined;
  const parsed: ParsedSetCookie = {
    name,
    value: pair.slice(eq + 1).trim(),
    domain: undefined,
    path: undefined,
    secure: false,
    expiresAt: undefined,
  };
  let maxAge: number | undefined;
  let expires: number | undefined;
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key === 'max-age' && /^-?\d+$/.test(value)) {
      const seconds = Number(value);
      maxAge =
        seconds <= 0 ? Number.NEGATIVE_INFINITY : now + Math.min(seconds * 1000, LIFETIME_CAP);
    } else if (key === 'expires') {
      const date = Date.parse(value);
      if (!Number.isNaN(date)) expires = Math.min(date, now + LIFETIME_CAP);
    } else if (key === 'domain' && value !== '') {
      parsed.domain = value.replace(/^\./, '').toLowerCase();
    } else if (key === 'path') {
      parsed.path = value.startsWith('/') ? value : undefined;
    } else if (key === 'secure') {
      parsed.secure = true;
    }
  }
  // Max-Age wins over Expires (§5.6.2).
  parsed.expiresAt = maxAge ?? expires;
  return parsed;
}

/** §5.1.4 default-path. */
function defaultPath(requestPath: string): string {
  const last = requestPath.lastIndexOf('/');
  return last <= 0 ? '/' : requestPath.slice(0, last);
}

/** §5.1.4 path-match. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  return (
    requestPath.startsWith(cookiePath) &&
    (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/')
  );
}

class BrowserJar {
  readonly cookies: StoredCookie[] = [];
  #clock = 0;

  constructor(readonly host: string) {}

  /** Stores one `Set-Cookie` (or `document.cookie` write) received for `requestPath` at `now`. */
  receive(header: string, requestPath: string, now: number): void {
    const parsed = parseSetCookie(header, now);
    if (!parsed) return;
    let hostOnly = true;
    let domain = this.host;
    if (parsed.domain !== undefined) {
      // An IP address host domain-matches only itself; Chromium then keeps a host-only cookie.
      const ip = /^[\d.]+$/.test(this.host);
      if (parsed.domain === this.host) hostOnly = ip;
      else if (!ip && this.host.endsWith(`.${parsed.domain}`)) {
        hostOnly = false;
        domain = parsed.domain;
      } else return;
    }
    const path = parsed.path ?? defaultPath(requestPath);
    // Cookie prefixes (§4.1.3).
    if (parsed.name.startsWith('__Secure-') && !parsed.secure) return;
    if (
      parsed.name.startsWith('__Host-') &&
      (!parsed.secure || path !== '/' || parsed.domain !== undefined)
    ) {
      return;
    }
    const index = this.cookies.findIndex(
      (c) => c.name === parsed.name && c.domain === domain && c.path === path,
    );
    const created = index < 0 ? this.#clock++ : this.cookies[index]!.created;
    if (index >= 0) this.cookies.splice(index, 1);
    if (parsed.expiresAt !== undefined && parsed.expiresAt <= now) return;
    this.cookies.push({
      name: parsed.name,
      value: parsed.value,
      domain,
      hostOnly,
      path,
      expiresAt: parsed.expiresAt,
      created,
    });
  }

  #evict(now: number): void {
    for (let i = this.cookies.length - 1; i >= 0; i--) {
      const expiresAt = this.cookies[i]!.expiresAt;
      if (expiresAt !== undefined && expiresAt <= now) this.cookies.splice(i, 1);
    }
  }

  /** The `Cookie` header of a request to `requestPath` at `now` (§5.7.3 order). */
  header(requestPath: string, now: number): string {
    this.#evict(now);
    return this.cookies
      .filter((c) => pathMatches(requestPath, c.path))
      .sort((a, b) => b.path.length - a.path.length || a.created - b.created)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** Names present at `now`. */
  names(now: number): string[] {
    this.#evict(now);
    return this.cookies.map((c) => c.name);
  }

  /** Replaces the value of a stored cookie, keeping its attributes (a tampered or old cookie). */
  rewrite(name: string, value: string): void {
    for (const cookie of this.cookies) if (cookie.name === name) cookie.value = value;
  }

  /** Closing the browser ends session cookies. */
  endSession(): void {
    for (let i = this.cookies.length - 1; i >= 0; i--) {
      if (this.cookies[i]!.expiresAt === undefined) this.cookies.splice(i, 1);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The server: one real HTTP server; each command is one request whose handler runs an operation
// on the request's jar.

const SECRETS = ['model-test-secret-0123456789abcdef'];
const HOST = '127.0.0.1';

interface Real {
  jar: BrowserJar;
  now: number;
  gpc: boolean;
}

type Operation = (jar: Cookies, res: ServerResponse) => unknown;

interface Exchange {
  result: unknown;
  before: Snapshot;
  after: Snapshot;
  setCookie: string[];
}

let server: Server;
let base: string;
// node:http with keep-alive: a third of fetch's cost per request on this machine.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let pending: { op: Operation; now: number; done?: Omit<Exchange, 'setCookie'>; error?: unknown };

function snapshot(jar: Cookies): Snapshot {
  return {
    state: jar.consent.state(),
    needsPrompt: jar.consent.needsPrompt,
    has: Object.fromEntries(CATEGORIES.map((c) => [c, jar.consent.has(c)])),
    consentMode: jar.consent.toConsentMode(),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const call = pending;
  try {
    const jar = createCookies(req, { secrets: SECRETS, now: () => call.now });
    const before = snapshot(jar);
    const result = await call.op(jar, res);
    call.done = { result, before, after: snapshot(jar) };
    jar.applyTo(res).end();
  } catch (error) {
    call.error = error;
    res.statusCode = 500;
    res.end();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((done) => server.listen(0, HOST, done));
  base = `http://${HOST}:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  agent.destroy();
  return new Promise<void>((done) => server.close(() => done()));
});

const PATHS = ['/', '/cart', '/account/orders'];

/** One request from the simulated browser: Cookie and Sec-GPC out, Set-Cookie into the jar. */
async function request(real: Real, op: Operation, path: string): Promise<Exchange> {
  pending = { op, now: real.now };
  const headers: Record<string, string> = {};
  const cookie = real.jar.header(path, real.now);
  if (cookie !== '') headers.cookie = cookie;
  if (real.gpc) headers['sec-gpc'] = '1';
  if (real.jar.host !== HOST) headers.host = real.jar.host;
  const response = await new Promise<IncomingMessage>((done, fail) => {
    const req = httpRequest(base + path, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => done(res));
    });
    req.on('error', fail);
    req.end();
  });
  if (pending.error !== undefined) throw pending.error;
  expect(response.statusCode).toBe(200);
  const setCookie = response.headers['set-cookie'] ?? [];
  for (const header of setCookie) real.jar.receive(header, path, real.now);
  return { ...pending.done!, setCookie };
}

/** The server's accessors of first-party cookies (the signed one included). */
const WRITABLE: readonly Writable[] = [
  { name: 'ab_bucket', accessor: 'abBucket' },
  { name: 'cart', accessor: 'cart' },
  { name: 'currency', accessor: 'currency' },
  { name: 'last_visit', accessor: 'lastVisit' },
  { name: 'recently_viewed', accessor: 'recentlyViewed' },
  { name: '_ga', accessor: 'ga' },
  { name: '_fbp', accessor: 'fbp' },
  { name: 'audience_id', accessor: 'audienceId' },
  { name: '__Secure-csrf', accessor: 'csrf' },
  { name: '__Host-session', accessor: 'session' },
];

interface AnyCookie {
  get(): unknown;
  set(value: unknown, options?: SetOptions): boolean | Promise<boolean>;
  delete(): void;
}
interface AnyFamily {
  get(suffix: string): unknown;
  set(suffix: string, value: unknown, options?: SetOptions): boolean;
  delete(suffix: string): void;
  names(): string[];
}
interface ByName {
  get(name: string): unknown;
  set(name: string, value: unknown, options?: SetOptions): boolean | Promise<boolean>;
  delete(name: string): void;
}

const accessorOf = (jar: Cookies, accessor: string) =>
  (jar as unknown as Record<string, AnyCookie>)[accessor]!;
const familyOf = (jar: Cookies) => jar.gaProperty as unknown as AnyFamily;
const byName = (jar: Cookies) => jar as unknown as ByName;

// ---------------------------------------------------------------------------------------------
// Operations a request handler runs on its jar, each with what the model says it must return.
// A request runs one operation or a burst of several (a page that grants, writes and revokes in
// one response).

type Via = 'accessor' | 'name';

interface Op {
  readonly label: string;
  /** Categories this operation revokes (checked to be gone from the browser afterwards). */
  readonly revokes?: readonly CategoryName[];
  run(jar: Cookies, res: ServerResponse): unknown;
  /** Updates the model; returns the result the server must have given, if it is checked. */
  expect(model: Model): { result: unknown } | undefined;
}

function readOp(name: string, via: Via): Op {
  const family = name.startsWith('_ga_');
  const cookie = WRITABLE.find((w) => w.name === name);
  return {
    label: `get(${name} via ${via})`,
    run: (jar) => {
      if (via === 'name') return byName(jar).get(name);
      return family ? familyOf(jar).get(name.slice(4)) : accessorOf(jar, cookie!.accessor).get();
    },
    expect: (model) => ({
      result: model.cookies.has(name)
        ? model.cookies.get(name)!.value
        : SCHEMA.cookies[name]?.default,
    }),
  };
}

const readStoredOp: Op = {
  label: 'consentRecord.get() and gaProperty.names()',
  run: (jar) => ({ record: jar.consentRecord.get(), members: jar.gaProperty.names().sort() }),
  expect: (model) => ({
    result: {
      record: model.cookies.get(CONSENT_COOKIE)?.value,
      members: [...model.cookies.keys()].filter((n) => n.startsWith('_ga_')).sort(),
    },
  }),
};

function writeOp(cookie: Writable, value: unknown, via: Via, maxAge: number | undefined): Op {
  const options = maxAge === undefined ? undefined : { maxAge };
  return {
    label: `set(${cookie.name}, ${fc.stringify(value)}${options ? `, { maxAge: ${maxAge} }` : ''} via ${via})`,
    run: (jar) =>
      via === 'name'
        ? byName(jar).set(cookie.name, value, options)
        : accessorOf(jar, cookie.accessor).set(value, options),
    expect: (model) => ({ result: write(model, cookie.name, value, maxAge) }),
  };
}

function familyWriteOp(suffix: string, value: string, via: Via): Op {
  const name = `_ga_${suffix}`;
  return {
    label: `set(${name}, ${JSON.stringify(value)} via ${via === 'name' ? 'name' : 'gaProperty'})`,
    run: (jar) =>
      via === 'name' ? byName(jar).set(name, value) : familyOf(jar).set(suffix, value),
    expect: (model) => ({ result: write(model, name, value, undefined) }),
  };
}

function deleteOp(name: string, via: Via): Op {
  return {
    label: `delete(${name} via ${via})`,
    run: (jar) => {
      if (via === 'name') return byName(jar).delete(name);
      if (name.startsWith('_ga_')) return familyOf(jar).delete(name.slice(4));
      return accessorOf(jar, WRITABLE.find((w) => w.name === name)!.accessor).delete();
    },
    expect: (model) => {
      model.cookies.delete(name);
      return undefined;
    },
  };
}

function grantOp(categories: CategoryName[]): Op {
  return {
    label: `consent.grant(${categories.join(', ')})`,
    run: (jar) => jar.consent.grant(...categories),
    expect: (model) => {
      storeChoice(model, [...currentChoice(model), ...categories]);
      return undefined;
    },
  };
}

function revokeOp(categories: CategoryName[]): Op {
  return {
    label: `consent.revoke(${categories.join(', ')})`,
    revokes: categories,
    run: (jar) => jar.consent.revoke(...categories),
    expect: (model) => {
      storeChoice(
        model,
        currentChoice(model).filter((c) => !categories.includes(c)),
      );
      return undefined;
    },
  };
}

function setChoiceOp(categories: CategoryName[]): Op {
  return {
    label: `consent.set([${categories.join(', ')}])`,
    revokes: OPTIONAL.filter((c) => !categories.includes(c)),
    run: (jar) => jar.consent.set(categories),
    expect: (model) => {
      storeChoice(model, categories);
      return undefined;
    },
  };
}

/** Other code (a middleware, a library) wrote Set-Cookie headers; the handler runs the guard. */
interface ForeignWrite {
  readonly name: string;
  /** The value as written in the header. */
  readonly value: string;
  /** What a typed read of it gives. */
  readonly typed: unknown;
}

function foreignHeadersOp(writes: readonly ForeignWrite[]): Op {
  return {
    label: `guardSetCookies(${writes.map((w) => w.name).join(', ')})`,
    run: (jar, res) => {
      res.setHeader(
        'set-cookie',
        writes.map((w) => `${w.name}=${w.value}; Max-Age=3600; Path=/`),
      );
      // What it dropped (it also reports these headers' attributes: no Secure, no SameSite).
      return guardSetCookies(res, jar.consent.state().granted)
        .filter((d) => d.action === 'dropped')
        .map((d) => d.cookie);
    },
    expect: (model) => {
      const dropped: string[] = [];
      for (const { name, typed } of writes) {
        const declared = firstParty(name);
        if (declared && isGranted(model, declared.category)) {
          model.cookies.set(name, { value: typed, expiresAt: model.now + 3_600_000 });
        } else dropped.push(name);
      }
      return { result: dropped };
    },
  };
}

let exchanges = 0;

/** One request that runs `ops` in order, then the checks every command shares. */
class RequestCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly ops: readonly Op[],
    readonly path = '/',
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    let expected: ({ result: unknown } | undefined)[] = [];
    const { result } = await exchange(
      model,
      real,
      this.path,
      async (jar, res) => {
        const results: unknown[] = [];
        for (const op of this.ops) results.push(await op.run(jar, res));
        return results;
      },
      (m) => {
        expected = this.ops.map((op) => op.expect(m));
      },
      this.toString(),
    );
    const results = result as unknown[];
    this.ops.forEach((op, i) => {
      if (expected[i]) expect(results[i], `${op.label} in ${this}`).toEqual(expected[i]!.result);
    });
    const revoked = new Set(this.ops.flatMap((op) => op.revokes ?? []));
    const left = real.jar.names(real.now).filter((name) => {
      const category = declarationOf(name)?.category as CategoryName | undefined;
      return category !== undefined && revoked.has(category) && !isGranted(model, category);
    });
    expect(left, `cookies of revoked categories left after ${this}`).toEqual([]);
  }
  toString() {
    return `request ${this.path} [${this.ops.map((op) => op.label).join('; ')}]`;
  }
}

/** Runs `op` on the request's jar and checks what every exchange must satisfy. */
async function exchange(
  model: Model,
  real: Real,
  path: string,
  op: Operation,
  update: (model: Model) => void,
  label: string,
): Promise<Exchange> {
  exchanges++;
  evict(model);
  const modelBefore = { ...model, cookies: new Map(model.cookies) };
  const result = await request(real, op, path);
  expectSnapshot(result.before, modelBefore, `before ${label}`);
  update(model);
  expectSnapshot(result.after, model, `after ${label}`);
  const allowed = granted(model);
  for (const header of result.setCookie) {
    const parsed = parseSetCookie(header, model.now)!;
    const deletion = parsed.expiresAt !== undefined && parsed.expiresAt <= model.now;
    if (deletion) continue;
    const declared = firstParty(parsed.name);
    expect(declared, `${label}: the response sets an undeclared cookie: ${header}`).toBeDefined();
    expect(
      allowed,
      `${label}: the response sets ${parsed.name} (${declared!.category}) without consent: ${header}`,
    ).toContain(declared!.category);
  }
  expect(real.jar.names(real.now).sort(), `cookies in the browser after ${label}`).toEqual(
    [...model.cookies.keys()].sort(),
  );
  return result;
}

/** A change outside the server (the browser, its clock, page scripts), then a plain request. */
abstract class BrowserSideCommand implements fc.AsyncCommand<Model, Real> {
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract change(model: Model, real: Real): void;
  async run(model: Model, real: Real) {
    evict(model);
    this.change(model, real);
    await exchange(
      model,
      real,
      '/',
      () => undefined,
      () => {},
      `a request after ${this}`,
    );
  }
}

/** Page scripts wrote a cookie with document.cookie (no guard applies to them). */
class ScriptWriteCommand extends BrowserSideCommand {
  constructor(
    readonly name: string,
    readonly value: string,
    readonly typed: unknown,
  ) {
    super();
  }
  change(model: Model, real: Real) {
    // gtag asks for two years; the browser keeps at most 400 days.
    real.jar.receive(
      `${this.name}=${this.value}; Max-Age=63072000; Path=/; SameSite=Lax`,
      '/',
      real.now,
    );
    model.cookies.set(this.name, { value: this.typed, expiresAt: lifetime(model, 63_072_000) });
  }
  override toString() {
    return `document.cookie = "${this.name}=${this.value}"`;
  }
}

type Tamper = 'older-revision' | 'newer-revision' | 'backdated' | 'unreadable';
const codec = consentCodec();

/** The stored choice is from before a policy change, too old, or unreadable. */
class TamperCommand extends BrowserSideCommand {
  constructor(readonly kind: Tamper) {
    super();
  }
  override check(model: Readonly<Model>) {
    const stored = model.cookies.get(CONSENT_COOKIE);
    return stored?.value !== undefined && (stored.expiresAt ?? Infinity) > model.now;
  }
  change(model: Model, real: Real) {
    const record = { ...(model.cookies.get(CONSENT_COOKIE)!.value as ConsentRecord) };
    let value: ConsentRecord | undefined = record;
    if (this.kind === 'older-revision') record.revision = policy.revision - 1;
    else if (this.kind === 'newer-revision') record.revision = policy.revision + 1;
    else if (this.kind === 'backdated')
      record.updatedAt = Math.max(0, model.now - CONSENT_MAX_AGE - 1);
    else value = undefined;
    real.jar.rewrite(CONSENT_COOKIE, value === undefined ? '2.garbage' : codec.encode(value));
    model.cookies.get(CONSENT_COOKIE)!.value = value;
  }
  override toString() {
    return `stored choice → ${this.kind}`;
  }
}

class ClockCommand extends BrowserSideCommand {
  constructor(readonly ms: number) {
    super();
  }
  change(model: Model, real: Real) {
    model.now += this.ms;
    real.now += this.ms;
  }
  override toString() {
    return `clock += ${this.ms} ms`;
  }
}

/** Advances the clock to 1 ms before, exactly at, or 1 ms after the stored choice expires. */
class ConsentExpiryCommand extends BrowserSideCommand {
  constructor(readonly offset: -1 | 0 | 1) {
    super();
  }
  #target(model: Readonly<Model>): number | undefined {
    const record = model.cookies.get(CONSENT_COOKIE)?.value as ConsentRecord | undefined;
    return record && record.updatedAt + CONSENT_MAX_AGE + this.offset;
  }
  override check(model: Readonly<Model>) {
    const target = this.#target(model);
    return target !== undefined && target > model.now;
  }
  change(model: Model, real: Real) {
    const ms = this.#target(model)! - model.now;
    model.now += ms;
    real.now += ms;
  }
  override toString() {
    return `clock → consentMaxAge ${['- 1 ms', 'exactly', '+ 1 ms'][this.offset + 1]}`;
  }
}

class GpcCommand extends BrowserSideCommand {
  constructor(readonly on: boolean) {
    super();
  }
  change(model: Model, real: Real) {
    model.gpc = this.on;
    real.gpc = this.on;
  }
  override toString() {
    return `Sec-GPC: ${this.on ? '1' : 'absent'}`;
  }
}

class RestartCommand extends BrowserSideCommand {
  change(model: Model, real: Real) {
    real.jar.endSession();
    for (const [name, cookie] of model.cookies) {
      if (cookie.expiresAt === undefined) model.cookies.delete(name);
    }
  }
  override toString() {
    return 'browser restart (session cookies end)';
  }
}

// ---------------------------------------------------------------------------------------------

const via = fc.constantFrom<Via>('accessor', 'name');
const path = fc.constantFrom(...PATHS);
const categories = (from: readonly CategoryName[]) => fc.subarray([...from]);
const cookieName = fc.oneof(
  fc.constantFrom(...WRITABLE.map((w) => w.name)),
  familyId.map((id) => `_ga_${id}`),
);

const writeOpArb = fc
  .constantFrom(...WRITABLE)
  .chain((cookie) => {
    const declared = declarationOf(cookie.name)!;
    const maxAge =
      declared.maxAge === undefined
        ? fc.constant(undefined)
        : fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: declared.maxAge })), {
            nil: undefined,
            freq: 4,
          });
    return fc.tuple(fc.constant(cookie), VALUES[cookie.name]!, via, maxAge);
  })
  .map(([cookie, value, by, maxAge]) => writeOp(cookie, value, by, maxAge));

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(cookieName, via).map(([name, by]) => readOp(name, by)),
  fc.constant(readStoredOp),
  { arbitrary: writeOpArb, weight: 2 },
  fc.tuple(familyId, gaState, via).map(([suffix, value, by]) => familyWriteOp(suffix, value, by)),
  fc.tuple(cookieName, via).map(([name, by]) => deleteOp(name, by)),
  { arbitrary: categories(CATEGORIES).map(grantOp), weight: 2 },
  { arbitrary: categories(OPTIONAL).map(revokeOp), weight: 2 },
  categories(CATEGORIES).map(setChoiceOp),
);

/** What other code writes: declared cookies (valid values), undeclared and third-party names. */
const foreignWrite: fc.Arbitrary<ForeignWrite> = fc.oneof(
  gaClient.map((v) => ({ name: '_ga', value: v, typed: v })),
  fc.tuple(familyId, gaState).map(([id, v]) => ({ name: `_ga_${id}`, value: v, typed: v })),
  fbp.map((v) => ({ name: '_fbp', value: v, typed: v })),
  fc.integer({ min: 0, max: 99 }).map((n) => ({ name: 'ab_bucket', value: String(n), typed: n })),
  fc.constantFrom('light', 'dark').map((v) => ({ name: 'theme', value: v, typed: v })),
  fc.constantFrom('tracker', '_gid', 'IDE').map((name) => ({ name, value: 'x.1', typed: 'x.1' })),
);

const scriptWrite = fc.oneof(
  fc.tuple(familyId, gaState).map(([id, v]) => new ScriptWriteCommand(`_ga_${id}`, v, v)),
  gaClient.map((v) => new ScriptWriteCommand('_ga', v, v)),
  fbp.map((v) => new ScriptWriteCommand('_fbp', v, v)),
  fc.constantFrom('light', 'dark').map((v) => new ScriptWriteCommand('theme', v, v)),
  fc.constant(new ScriptWriteCommand('newsletter_dismissed', 'true', true)),
);

const clock = fc.oneof(
  fc.integer({ min: 1, max: 3_600_000 }),
  fc.integer({ min: 1, max: 45 }).map((days) => days * DAY),
  fc.integer({ min: 170, max: 200 }).map((days) => days * DAY),
);

type AnyCommand = fc.AsyncCommand<Model, Real>;
const weighted = (arbitrary: fc.Arbitrary<AnyCommand>, weight = 1) => ({ arbitrary, weight });

const commands = fc.commands(
  [
    fc.oneof(
      weighted(
        fc.tuple(opArb, path).map(([op, at]) => new RequestCommand([op], at)),
        8,
      ),
      weighted(
        fc
          .tuple(fc.array(opArb, { minLength: 2, maxLength: 5 }), path)
          .map(([ops, at]) => new RequestCommand(ops, at)),
        2,
      ),
      weighted(
        fc
          .array(foreignWrite, { minLength: 1, maxLength: 4 })
          .map((writes) => new RequestCommand([foreignHeadersOp(writes)])),
      ),
      weighted(scriptWrite),
      weighted(
        fc
          .constantFrom<Tamper>('older-revision', 'newer-revision', 'backdated', 'unreadable')
          .map((kind) => new TamperCommand(kind)),
      ),
      weighted(clock.map((ms) => new ClockCommand(ms))),
      weighted(
        fc.constantFrom<-1 | 0 | 1>(-1, 0, 1).map((offset) => new ConsentExpiryCommand(offset)),
      ),
      weighted(fc.boolean().map((on) => new GpcCommand(on))),
      weighted(fc.constant(new RestartCommand())),
    ),
  ],
  { maxCommands: 40, size: 'medium' },
);

const START = Date.parse('2026-11-29T12:00:00Z');
const RUNS = 200;

describe('consent guards on the server, model-based (shop, real HTTP server)', () => {
  it('never sets a cookie without consent, purges on revoke, and reports the state the model predicts', async () => {
    let runs = 0;
    const first = exchanges;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        runs++;
        const setup = () => ({
          model: { now: START, gpc: false, cookies: new Map(), expires: true } satisfies Model,
          real: { jar: new BrowserJar(HOST), now: START, gpc: false } satisfies Real,
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: RUNS },
    );
    console.info(`consent model (server): ${runs} runs, ${exchanges - first} requests`);
    expect(runs).toBe(RUNS);
  });
  it('revoke deletes the analytics cookies gtag.js wrote on the site domain (cookie_domain "auto", its default)', async () => {
    const real: Real = { jar: new BrowserJar('www.shop.example'), now: START, gpc: false };
    await request(real, (jar) => jar.consent.grant('statistics'), '/');
    // gtag.js, now allowed to run, writes its cookies on the registrable domain.
    for (const name of ['_ga', '_ga_ABC123']) {
      real.jar.receive(
        `${name}=GA1.1.1.1; Max-Age=63072000; Domain=shop.example; Path=/; SameSite=Lax`,
        '/',
        real.now,
      );
    }
    expect(real.jar.names(real.now).sort()).toEqual(['_ga', '_ga_ABC123', CONSENT_COOKIE]);
    const { setCookie } = await request(real, (jar) => jar.consent.revoke('statistics'), '/');
    expect(
      real.jar.names(real.now).filter((name) => name.startsWith('_ga')),
      `cookies of the revoked category left in the browser; the response sent: ${setCookie.join(' | ')}`,
    ).toEqual([]);
  });
});
