// Consent guards of the generated client module in real Chromium, model-based (SPEC §4): the
// shop client module, bundled with esbuild, runs in a page served from loopback; fast-check drives
// random sequences of accessor writes, reads and deletes, grants and revokes, writes by
// third-party-style scripts, stored choices from an older revision, clock jumps (Date.now) and
// Global Privacy Control, through page.evaluate. An init script records every document.cookie
// write and the code that made it. After every command: no write made by the module's code sets
// a cookie of a category not granted at that moment; document.cookie and Chromium's cookie store
// (context.cookies()) hold exactly the cookies the model expects, so after a revoke none of the
// revoked categories (family members and third-party-written cookies included);
// state(), needsPrompt, has() and toConsentMode() agree with the model. The shop's opt-out category
// (audience, with gpcOptOut) is granted before any choice and until the visitor objects, an
// objection outliving the record that made it (older revision, expired), GPC objecting too.
// biome-ignore-all lint/suspicious/noDocumentCookie: third-party scripts and old choices are written raw on purpose.
import { type ConsentRecord, consentCodec } from '@cookie-schema/runtime';
import fc from 'fast-check';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bundleShopClient,
  type CookieWrite,
  instrument,
  launchChromium,
  MODULE_PATH,
  type PageServer,
  parseCookieWrite,
  servePages,
} from './browser-harness.js';
import {
  CATEGORIES,
  type CategoryName,
  CONSENT_COOKIE,
  CONSENT_MAX_AGE,
  currentChoice,
  DAY,
  declarationOf,
  expectSnapshot,
  familyId,
  fbp,
  firstParty,
  gaClient,
  gaState,
  granted,
  isGranted,
  type Model,
  OPTIONAL,
  SCHEMA,
  type Snapshot,
  storeChoice,
  VALUES,
  type Writable,
  write,
} from './shop-consent-model.js';

/** The client module's accessors (HttpOnly, signed and server-only cookies are not in it). */
const WRITABLE: readonly Writable[] = [
  { name: 'ab_bucket', accessor: 'abBucket' },
  { name: 'cart', accessor: 'cart' },
  { name: 'currency', accessor: 'currency' },
  { name: 'last_visit', accessor: 'lastVisit' },
  { name: 'newsletter_dismissed', accessor: 'newsletterDismissed' },
  { name: 'recently_viewed', accessor: 'recentlyViewed' },
  { name: 'theme', accessor: 'theme' },
  { name: '_ga', accessor: 'ga' },
  { name: '_fbp', accessor: 'fbp' },
  { name: 'audience_id', accessor: 'audienceId' },
  { name: '__Secure-csrf', accessor: 'csrf' },
];
const FAMILY_ACCESSOR = 'gaProperty';
const FAMILY_PREFIX = '_ga_';

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Acme Shop</title>
<script type="module">
  import * as shop from '${MODULE_PATH}';
  window.shop = shop;
</script>`;

/**
 * Init script of the model test: the page's Date.now follows the model's clock and
 * navigator.globalPrivacyControl its GPC switch (both set by each command before it runs).
 */
function controls(): void {
  const w = window as unknown as { __now?: number; __gpc?: boolean };
  const realNow = Date.now;
  Date.now = () => (typeof w.__now === 'number' ? w.__now : realNow.call(Date));
  Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
    configurable: true,
    get: () => w.__gpc === true,
  });
}

// ---------------------------------------------------------------------------------------------
// Operations, run in the page by one page.evaluate per command.

type PageOp =
  | { kind: 'get'; accessor: string; suffix?: string }
  | { kind: 'set'; accessor: string; suffix?: string; value: unknown; maxAge?: number }
  | { kind: 'delete'; accessor: string; suffix?: string }
  | { kind: 'grant' | 'revoke' | 'set-choice'; categories: string[] }
  | { kind: 'stored' }
  | { kind: 'document.cookie'; cookie: string };

interface PageResult {
  /** Writes recorded since the last command (a page load's). */
  earlier: CookieWrite[];
  before: Snapshot;
  /** Each operation's result and the writes it made. */
  ops: { result: unknown; writes: CookieWrite[] }[];
  after: Snapshot;
  documentCookie: string;
}

/** Runs in the page: sets the clock and GPC, runs `ops` with the module, reports. */
function drive(input: {
  ops: PageOp[];
  now: number;
  gpc: boolean;
  categories: string[];
}): PageResult {
  interface AnyCookie {
    get(suffix?: unknown): unknown;
    set(...args: unknown[]): boolean;
    delete(suffix?: unknown): void;
    names(): string[];
  }
  const w = window as unknown as {
    __now: number;
    __gpc: boolean;
    __cookieWrites: CookieWrite[];
    shop: Record<string, AnyCookie> & {
      consent: {
        state(): Snapshot['state'];
        needsPrompt: boolean;
        has(c: string): boolean;
        toConsentMode(): Record<string, string>;
        grant(...c: string[]): void;
        revoke(...c: string[]): void;
        set(c: string[]): void;
      };
    };
  };
  w.__now = input.now;
  w.__gpc = input.gpc;
  const { shop } = w;
  const { consent } = shop;
  const snapshot = (): Snapshot => ({
    state: consent.state(),
    needsPrompt: consent.needsPrompt,
    has: Object.fromEntries(input.categories.map((c) => [c, consent.has(c)])),
    consentMode: consent.toConsentMode(),
  });
  const earlier = w.__cookieWrites.splice(0);
  const before = snapshot();
  const run = (op: PageOp): unknown => {
    switch (op.kind) {
      case 'get': {
        const accessor = shop[op.accessor]!;
        return op.suffix === undefined ? accessor.get() : accessor.get(op.suffix);
      }
      case 'set': {
        const accessor = shop[op.accessor]!;
        const options = op.maxAge === undefined ? undefined : { maxAge: op.maxAge };
        return op.suffix === undefined
          ? accessor.set(op.value, options)
          : accessor.set(op.suffix, op.value, options);
      }
      case 'delete': {
        const accessor = shop[op.accessor]!;
        return op.suffix === undefined ? accessor.delete() : accessor.delete(op.suffix);
      }
      case 'grant':
        return consent.grant(...op.categories);
      case 'revoke':
        return consent.revoke(...op.categories);
      case 'set-choice':
        return consent.set(op.categories);
      case 'stored':
        return {
          record: shop.consentRecord!.get(),
          members: shop.gaProperty!.names().sort(),
        };
      case 'document.cookie':
        document.cookie = op.cookie;
    }
    return undefined;
  };
  const ops = input.ops.map((op) => ({ result: run(op), writes: w.__cookieWrites.splice(0) }));
  return { earlier, before, ops, after: snapshot(), documentCookie: document.cookie };
}

interface Real {
  context: BrowserContext;
  page: Page;
  gpc: boolean;
  now: number;
}

let steps = 0;

/** Runs `ops` in the page, updates the model with `update`, and checks every invariant. */
/** Checks that no write the module's code made sets a cookie of a category not granted now. */
function expectGuarded(writes: readonly CookieWrite[], model: Model, label: string): void {
  const allowed = granted(model);
  for (const recorded of writes) {
    if (!recorded.byModule) continue;
    const { name, deletion } = parseCookieWrite(recorded.value);
    if (deletion) continue;
    const declared = firstParty(name);
    expect(
      declared,
      `${label}: the module wrote an undeclared cookie: ${recorded.value}`,
    ).toBeDefined();
    expect(
      allowed,
      `${label}: the module wrote ${name} (${declared!.category}) without consent: ${recorded.value} (${recorded.writer})`,
    ).toContain(declared!.category);
  }
}

/**
 * Runs `ops` in the page and checks every invariant: each operation's result and writes against
 * the model at that moment, the consent API before and after, and the cookies in the page and in
 * Chromium's store after.
 */
async function step(
  model: Model,
  real: Real,
  ops: readonly Op[],
  label: string,
): Promise<{ names: string[] }> {
  steps++;
  const page = await real.page.evaluate(drive, {
    ops: ops.map((op) => op.page),
    now: real.now,
    gpc: real.gpc,
    categories: CATEGORIES,
  });
  expectGuarded(page.earlier, model, `before ${label}`);
  expectSnapshot(page.before, model, `before ${label}`);
  ops.forEach((op, i) => {
    const expected = op.expect(model);
    const actual = page.ops[i]!;
    if (expected !== SKIP) expect(actual.result, `${op.label} in ${label}`).toEqual(expected);
    expectGuarded(actual.writes, model, `${op.label} in ${label}`);
  });
  expectSnapshot(page.after, model, `after ${label}`);
  const want = [...model.cookies.keys()].sort();
  const inDocument = page.documentCookie === '' ? [] : page.documentCookie.split('; ');
  expect(
    inDocument.map((pair) => pair.slice(0, pair.indexOf('='))).sort(),
    `document.cookie after ${label}`,
  ).toEqual(want);
  const names = (await real.context.cookies()).map((c) => c.name);
  expect([...names].sort(), `context.cookies() after ${label}`).toEqual(want);
  return { names };
}

const SKIP = Symbol('not checked');

// ---------------------------------------------------------------------------------------------
// Commands.

interface Op {
  readonly label: string;
  readonly page: PageOp;
  readonly revokes?: readonly CategoryName[];
  expect(model: Model): unknown;
}

function target(name: string): { accessor: string; suffix?: string } {
  if (name.startsWith(FAMILY_PREFIX)) {
    return { accessor: FAMILY_ACCESSOR, suffix: name.slice(FAMILY_PREFIX.length) };
  }
  return { accessor: WRITABLE.find((w) => w.name === name)!.accessor };
}

const readOp = (name: string): Op => ({
  label: `${name}.get()`,
  page: { kind: 'get', ...target(name) },
  expect: (model) =>
    model.cookies.has(name) ? model.cookies.get(name)!.value : SCHEMA.cookies[name]?.default,
});

const storedOp: Op = {
  label: 'consentRecord.get(), gaProperty.names()',
  page: { kind: 'stored' },
  expect: (model) => ({
    record: model.cookies.get(CONSENT_COOKIE)?.value,
    members: [...model.cookies.keys()].filter((n) => n.startsWith(FAMILY_PREFIX)).sort(),
  }),
};

const writeOp = (name: string, value: unknown, maxAge: number | undefined): Op => ({
  label: `${name}.set(${fc.stringify(value)}${maxAge === undefined ? '' : `, { maxAge: ${maxAge} }`})`,
  page: { kind: 'set', ...target(name), value, ...(maxAge === undefined ? {} : { maxAge }) },
  expect: (model) => write(model, name, value, maxAge),
});

const deleteOp = (name: string): Op => ({
  label: `${name}.delete()`,
  page: { kind: 'delete', ...target(name) },
  expect: (model) => {
    model.cookies.delete(name);
    return SKIP;
  },
});

const grantOp = (categories: CategoryName[]): Op => ({
  label: `consent.grant(${categories.join(', ')})`,
  page: { kind: 'grant', categories },
  expect: (model) => {
    storeChoice(model, [...currentChoice(model), ...categories]);
    return SKIP;
  },
});

const revokeOp = (categories: CategoryName[]): Op => ({
  label: `consent.revoke(${categories.join(', ')})`,
  page: { kind: 'revoke', categories },
  revokes: categories,
  expect: (model) => {
    storeChoice(
      model,
      currentChoice(model).filter((c) => !categories.includes(c)),
    );
    return SKIP;
  },
});

const setChoiceOp = (categories: CategoryName[]): Op => ({
  label: `consent.set([${categories.join(', ')}])`,
  page: { kind: 'set-choice', categories },
  revokes: OPTIONAL.filter((c) => !categories.includes(c)),
  expect: (model) => {
    storeChoice(model, categories);
    return SKIP;
  },
});

/** A third-party-style script (gtag, the Meta pixel) writes its cookie itself: no guard applies. */
const scriptWriteOp = (name: string, value: string): Op => ({
  label: `document.cookie = "${name}=${value}" (third-party script)`,
  page: {
    kind: 'document.cookie',
    cookie: `${name}=${value}; max-age=63072000; path=/; SameSite=Lax`,
  },
  expect: (model) => {
    model.cookies.set(name, { value, expiresAt: undefined });
    return SKIP;
  },
});

class PageCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ops: readonly Op[]) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { names } = await step(model, real, this.ops, this.toString());
    // Categories revoked and not written to by a third-party script afterwards in this command.
    const revoked = new Set<string>();
    for (const op of this.ops) {
      if (op.page.kind === 'document.cookie') revoked.clear();
      for (const category of op.revokes ?? []) revoked.add(category);
    }
    const left = names.filter((name) => {
      const category = declarationOf(name)?.category;
      return category !== undefined && revoked.has(category) && !isGranted(model, category);
    });
    expect(left, `cookies of revoked categories in context.cookies() after ${this}`).toEqual([]);
  }
  toString() {
    return `[${this.ops.map((op) => op.label).join('; ')}]`;
  }
}

/** A change outside the module (clock, GPC, stored value, reload), then a look at the state. */
abstract class OutsideCommand implements fc.AsyncCommand<Model, Real> {
  check(_model: Readonly<Model>): boolean {
    return true;
  }
  abstract change(model: Model, real: Real): Promise<void> | void;
  async run(model: Model, real: Real) {
    await this.change(model, real);
    await step(model, real, [], `after ${this}`);
  }
}

class ClockCommand extends OutsideCommand {
  constructor(readonly ms: number) {
    super();
  }
  change(model: Model, real: Real) {
    model.now += this.ms;
    real.now += this.ms;
  }
  override toString() {
    return `Date.now += ${this.ms} ms`;
  }
}

class GpcCommand extends OutsideCommand {
  constructor(readonly on: boolean) {
    super();
  }
  change(model: Model, real: Real) {
    model.gpc = this.on;
    real.gpc = this.on;
  }
  override toString() {
    return `navigator.globalPrivacyControl = ${this.on}`;
  }
}

type Tamper = 'older-revision' | 'backdated' | 'unreadable';
const codec = consentCodec();

/** The stored choice is from before a policy change, too old, or unreadable. */
class TamperCommand extends OutsideCommand {
  constructor(readonly kind: Tamper) {
    super();
  }
  override check(model: Readonly<Model>) {
    return model.cookies.get(CONSENT_COOKIE)?.value !== undefined;
  }
  async change(model: Model, real: Real) {
    const record = { ...(model.cookies.get(CONSENT_COOKIE)!.value as ConsentRecord) };
    let value: ConsentRecord | undefined = record;
    if (this.kind === 'older-revision') record.revision -= 1;
    else if (this.kind === 'backdated') {
      record.updatedAt = Math.max(0, model.now - CONSENT_MAX_AGE - 1);
    } else value = undefined;
    const encoded = value === undefined ? '2.garbage' : codec.encode(value);
    await real.page.evaluate((cookie) => {
      document.cookie = cookie;
    }, `${CONSENT_COOKIE}=${encoded}; Max-Age=15552000; Path=/; Secure; SameSite=Lax`);
    model.cookies.get(CONSENT_COOKIE)!.value = value;
  }
  override toString() {
    return `stored choice → ${this.kind}`;
  }
}

class ReloadCommand extends OutsideCommand {
  async change(_model: Model, real: Real) {
    await real.page.reload();
    await real.page.waitForFunction(() => 'shop' in window);
  }
  override toString() {
    return 'reload the page';
  }
}

// ---------------------------------------------------------------------------------------------

const cookieName = fc.oneof(
  fc.constantFrom(...WRITABLE.map((w) => w.name)),
  familyId.map((id) => FAMILY_PREFIX + id),
);

const writeOpArb = fc.oneof(
  fc
    .constantFrom(...WRITABLE)
    .chain((cookie) => {
      const declared = declarationOf(cookie.name)!.maxAge;
      // Cookie lifetimes run on Chromium's clock: none short enough to end during the test.
      const maxAge =
        declared === undefined
          ? fc.constant(undefined)
          : fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 3600, max: declared })), {
              nil: undefined,
              freq: 4,
            });
      return fc.tuple(fc.constant(cookie.name), VALUES[cookie.name]!, maxAge);
    })
    .map(([name, value, maxAge]) => writeOp(name, value, maxAge)),
  fc.tuple(familyId, gaState).map(([id, value]) => writeOp(FAMILY_PREFIX + id, value, undefined)),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  cookieName.map(readOp),
  fc.constant(storedOp),
  { arbitrary: writeOpArb, weight: 3 },
  cookieName.map(deleteOp),
  { arbitrary: fc.subarray([...CATEGORIES]).map(grantOp), weight: 2 },
  { arbitrary: fc.subarray([...OPTIONAL]).map(revokeOp), weight: 2 },
  fc.subarray([...CATEGORIES]).map(setChoiceOp),
  {
    arbitrary: fc.oneof(
      fc.tuple(familyId, gaState).map(([id, v]) => scriptWriteOp(FAMILY_PREFIX + id, v)),
      gaClient.map((v) => scriptWriteOp('_ga', v)),
      fbp.map((v) => scriptWriteOp('_fbp', v)),
    ),
    weight: 2,
  },
);

type AnyCommand = fc.AsyncCommand<Model, Real>;
const weighted = (arbitrary: fc.Arbitrary<AnyCommand>, weight = 1) => ({ arbitrary, weight });

const commands = fc.commands(
  [
    fc.oneof(
      weighted(
        opArb.map((op) => new PageCommand([op])),
        8,
      ),
      weighted(
        fc.array(opArb, { minLength: 2, maxLength: 4 }).map((ops) => new PageCommand(ops)),
        2,
      ),
      weighted(
        fc
          .oneof(
            fc.integer({ min: 1, max: 3_600_000 }),
            fc.integer({ min: 1, max: 45 }).map((d) => d * DAY),
            fc.integer({ min: 170, max: 200 }).map((d) => d * DAY),
          )
          .map((ms) => new ClockCommand(ms)),
      ),
      weighted(fc.boolean().map((on) => new GpcCommand(on))),
      weighted(
        fc
          .constantFrom<Tamper>('older-revision', 'backdated', 'unreadable')
          .map((kind) => new TamperCommand(kind)),
      ),
      weighted(fc.constant(new ReloadCommand())),
    ),
  ],
  { maxCommands: 30, size: 'medium' },
);

const RUNS = 40;

let browser: Browser;
let server: PageServer;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const [code, launched] = await Promise.all([bundleShopClient(), launchChromium()]);
  browser = launched;
  server = await servePages(code, { '/': PAGE });
  context = await browser.newContext();
  await instrument(context);
  await context.addInitScript(controls);
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('consent guards in Chromium, model-based (shop client module)', () => {
  it('the module never writes a cookie without consent; revoke leaves no cookie of the category; state() follows the model', async () => {
    let runs = 0;
    const first = steps;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        runs++;
        // Each run starts from an empty cookie store and a fresh page (a new module instance).
        await context.clearCookies();
        await page.goto(`${server.base}/`);
        await page.waitForFunction(() => 'shop' in window);
        // Chromium's clock runs cookie lifetimes; the page's Date.now starts at the real now.
        const now = await page.evaluate(() => Date.now());
        const setup = () => ({
          model: { now, gpc: false, cookies: new Map(), expires: false } satisfies Model,
          real: { context, page, gpc: false, now } satisfies Real,
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: RUNS },
    );
    console.info(`consent model (Chromium): ${runs} runs, ${steps - first} steps`);
    expect(runs).toBe(RUNS);
  }, 180_000);
});
