/**
 * The crawler behind `cookie-schema audit --crawl <url>`: Chromium (through playwright-core)
 * visits the site's pages and records every cookie the browser stores, and what wrote it.
 *
 * Passes, each in a new browser with a fresh profile:
 * 1. `no-choice`: the start page, then same-origin links breadth-first, up to `maxPages`; the
 *    visitor never answers the banner.
 * 2. `accept-all`: the start page, a click on the accept control (the generated banner's
 *    `[data-cookie-consent="accept-all"]`, or `acceptSelector`), then the pages of pass 1 again.
 * 3. `reject-all` (optional): the same with the reject control.
 *
 * Each page is given until its network is quiet or `pageTimeout`. Redirects and page-initiated
 * navigations off the site are recorded and not followed. After every page (and every click) the
 * crawler takes a snapshot of the browser's cookie jar; `Set-Cookie` headers and script writes
 * (`document.cookie`, `cookieStore.set`, reported with their stack by an init script) say what
 * wrote each cookie. Library code: it reports progress through a callback and never prints.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Request, Response } from 'playwright-core';
import { writeFileAtomic } from '../write-file-atomic';
import {
  type CookieWrite,
  INIT_SCRIPT_URL,
  type StoredCookie,
  scriptWrite,
  setCookieWrites,
} from './cookie-writes';
import { type CrawlBrowser, launchCrawlBrowser } from './launch-chromium';
import { pageUrl, staysOnSite } from './site-scope';

/** The accept control of the generated consent banner. */
export const ACCEPT_ALL_SELECTOR = '[data-cookie-consent="accept-all"]';
/** The reject control of the generated consent banner. */
export const REJECT_ALL_SELECTOR = '[data-cookie-consent="reject-all"]';

/** The passes of a crawl (see the module comment). */
export type PassName = 'no-choice' | 'accept-all' | 'reject-all';

/** For messages: what each pass does. */
export const PASS_LABELS: Readonly<Record<PassName, string>> = {
  'no-choice': 'no consent choice',
  'accept-all': 'accepting all',
  'reject-all': 'rejecting all',
};

/**
 * When a cookie was seen, for messages: `before any choice`, or once the pass has clicked,
 * `after accepting all` / `after rejecting all`.
 */
export function phaseLabel(pass: PassName, chosen: boolean): string {
  return chosen && pass !== 'no-choice' ? `after ${PASS_LABELS[pass]}` : 'before any choice';
}

/** One page the crawler asked for. */
export interface PageVisit {
  /** The URL requested. */
  url: string;
  /** Where the browser ended up (after redirects on the site). */
  finalUrl?: string;
  status?: number;
  contentType?: string;
  /** Why it could not be loaded (network error, timeout, redirect loop, download…). */
  error?: string;
  /**
   * `idle`: loaded, then no request in flight for 500 ms; `loaded`: the load event fired but the
   * network never went quiet before the timeout; `committed`: not even the load event.
   */
  settled?: 'idle' | 'loaded' | 'committed';
  /** A redirect off the site, not followed. */
  offSite?: OffSiteNavigation;
}

/** A navigation off the site that the crawler recorded and did not follow. */
export interface OffSiteNavigation {
  from: string;
  to: string;
  /** The redirect's status; absent for a navigation the page started (script, meta refresh). */
  status?: number;
  /** The page being visited. */
  page: string;
}

/** What happened to the accept (or reject) control. */
export interface ConsentClick {
  selector: string;
  page: string;
  clicked: boolean;
  /** The frame's URL when the control was in a frame, not the page. */
  frame?: string;
  error?: string;
}

/** The browser's cookie jar at one moment. */
export interface JarSnapshot {
  pass: PassName;
  /** Whether the visitor had answered the banner in this pass yet. */
  chosen: boolean;
  page: string;
  time: number;
  /** Writes of the pass with a lower `seq` happened before it. */
  seq: number;
  cookies: StoredCookie[];
}

/** One pass. */
export interface PassRecord {
  pass: PassName;
  visits: PageVisit[];
  snapshots: JarSnapshot[];
  /** In order of `seq`. */
  writes: CookieWrite[];
  consent?: ConsentClick;
}

/** Everything a crawl saw. */
export interface CrawlRecord {
  start: string;
  /** The origin whose links are followed: the start page's, after redirects on the site. */
  origin: string;
  maxPages: number;
  /** ms. */
  pageTimeout: number;
  browser: string;
  passes: PassRecord[];
  offSite: OffSiteNavigation[];
  /** Links to other origins, not followed (sorted, distinct). */
  otherOrigins: string[];
}

/** Progress, for the command to print. */
export type CrawlProgress =
  | { type: 'browser'; version: string; executablePath: string }
  | { type: 'pass'; pass: PassName }
  | { type: 'visit'; pass: PassName; chosen: boolean; visit: PageVisit; cookies: number }
  | { type: 'consent'; pass: PassName; click: ConsentClick }
  | { type: 'off-site'; pass: PassName; navigation: OffSiteNavigation };

/** Options of {@link crawlSite}. */
export interface CrawlOptions {
  url: string;
  executablePath: string;
  /** Pages of the first pass (the others revisit them). Default 20. */
  maxPages?: number;
  /** Per page, in ms: to load and go quiet. Default 10 000. */
  pageTimeout?: number;
  /** Default {@link ACCEPT_ALL_SELECTOR}. */
  acceptSelector?: string;
  /** Run the third pass, with this selector (e.g. {@link REJECT_ALL_SELECTOR}). */
  rejectSelector?: string;
  /** Write the traffic of every pass to this HAR file. */
  harOut?: string;
  onProgress?: (event: CrawlProgress) => void;
}

/** How long the network must stay quiet for a page to count as idle. */
const QUIET_MS = 500;
const BINDING = '__cookieSchemaCrawlWrite';

/**
 * Runs in every document before its scripts: reports each `document.cookie` assignment and
 * `cookieStore.set` call, with the caller's stack, then lets it through unchanged.
 */
const INIT_SCRIPT = `(() => {
  const send = (api, text) => {
    const report = globalThis.${BINDING};
    if (typeof report !== 'function') return;
    try { report(api, text, new Error().stack || '', document.URL); } catch {}
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set && cookie.configurable) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get: cookie.get,
      set(value) {
        const text = String(value);
        send('document.cookie', text);
        cookie.set.call(this, text);
      },
    });
  }
  const store = globalThis.CookieStore && globalThis.CookieStore.prototype;
  if (store && typeof store.set === 'function') {
    const set = store.set;
    store.set = function (nameOrOptions, value) {
      try {
        const options = typeof nameOrOptions === 'object' && nameOrOptions !== null
          ? nameOrOptions : { name: String(nameOrOptions), value: String(value) };
        send('cookieStore', JSON.stringify(options));
      } catch {}
      return set.apply(this, arguments);
    };
  }
})();
//# sourceURL=${INIT_SCRIPT_URL}`;

const STUB = Buffer.from(
  '<!doctype html><title>Not followed</title><p>cookie-schema audit --crawl does not follow redirects off the site.</p>',
).toString('base64');

/** Crawls the site; see the module comment. Throws when Chromium cannot start. */
export async function crawlSite(options: CrawlOptions): Promise<CrawlRecord> {
  const start = pageUrl(options.url);
  if (!start) throw new Error(`${options.url} is not an http(s) URL.`);
  const record: CrawlRecord = {
    start: start.href,
    origin: start.origin,
    maxPages: options.maxPages ?? 20,
    pageTimeout: options.pageTimeout ?? 10_000,
    browser: '',
    passes: [],
    offSite: [],
    otherOrigins: [],
  };
  const hars = options.harOut ? mkdtempSync(join(tmpdir(), 'cookie-schema-har-')) : undefined;
  const harFiles: { pass: PassName; file: string }[] = [];
  // Starting Chromium takes seconds: each pass's browser starts while the previous pass runs.
  const launch = (pass: PassName) => {
    const har = hars ? join(hars, `${pass}.har`) : undefined;
    if (har) harFiles.push({ pass, file: har });
    const launching = launchCrawlBrowser(options.executablePath, har ? { har } : {});
    launching.catch(() => {}); // awaited later, or closed below
    return launching;
  };
  const passes: PassName[] = ['no-choice', 'accept-all'];
  if (options.rejectSelector !== undefined) passes.push('reject-all');
  let next: Promise<CrawlBrowser> | undefined = launch('no-choice');
  const closing: Promise<void>[] = [];
  try {
    let plan: string[] | undefined;
    for (const [index, pass] of passes.entries()) {
      const browser = await next!;
      next = passes[index + 1] ? launch(passes[index + 1]!) : undefined;
      let result: PassRecord;
      try {
        result = await runPass(browser, pass, plan, start, record, options);
      } finally {
        closing.push(browser.close().catch(() => {})); // meanwhile, the next pass starts
      }
      record.passes.push(result);
      if (pass === 'no-choice') {
        plan = result.visits.filter((v) => !v.error && !v.offSite).map((v) => v.url);
        if (plan.length === 0) break; // nothing loaded: nothing to accept or reject
      }
    }
    return record;
  } finally {
    if (next) closing.push(next.then((browser) => browser.close()).catch(() => {}));
    await Promise.all(closing);
    if (hars) {
      const ran = harFiles.filter((h) => record.passes.some((p) => p.pass === h.pass));
      if (options.harOut && ran.some((h) => existsSync(h.file))) {
        await writeFileAtomic(options.harOut, mergeHars(ran));
      }
      rmSync(hars, { recursive: true, force: true });
    }
  }
}

/** One pass in `browser`. */
async function runPass(
  browser: CrawlBrowser,
  pass: PassName,
  plan: readonly string[] | undefined,
  start: URL,
  record: CrawlRecord,
  options: CrawlOptions,
): Promise<PassRecord> {
  const result: PassRecord = { pass, visits: [], snapshots: [], writes: [] };
  try {
    const session = await openSession(browser, pass, start, record, options, result);
    options.onProgress?.({ type: 'pass', pass });
    const timeout = record.pageTimeout;
    const visitAndSnapshot = async (url: string, chosen: boolean) => {
      const visit = await session.visit(url, timeout);
      result.visits.push(visit);
      const snapshot = await session.snapshot(chosen, visit.finalUrl ?? visit.url);
      options.onProgress?.({
        type: 'visit',
        pass,
        chosen,
        visit,
        cookies: snapshot.cookies.length,
      });
      return visit;
    };

    if (pass === 'no-choice') {
      const queue = [start.href];
      const seen = new Set(queue);
      const others = new Set(record.otherOrigins);
      while (queue.length > 0 && result.visits.length < record.maxPages) {
        const visit = await visitAndSnapshot(queue.shift()!, false);
        if (result.visits.length === 1 && visit.finalUrl && !visit.error && !visit.offSite) {
          const final = pageUrl(visit.finalUrl);
          if (final && staysOnSite(final, start)) record.origin = final.origin;
        }
        if (visit.finalUrl) seen.add(visit.finalUrl);
        for (const href of await session.links(visit)) {
          const link = pageUrl(href);
          if (!link) continue;
          if (link.origin !== record.origin) others.add(link.href);
          else if (!seen.has(link.href)) {
            seen.add(link.href);
            queue.push(link.href);
          }
        }
      }
      record.otherOrigins = [...others].sort();
      return result;
    }

    const first = await visitAndSnapshot(start.href, false);
    const selector =
      pass === 'accept-all'
        ? (options.acceptSelector ?? ACCEPT_ALL_SELECTOR)
        : (options.rejectSelector ?? REJECT_ALL_SELECTOR);
    const click: ConsentClick = first.error
      ? { selector, page: start.href, clicked: false, error: first.error }
      : await session.clickConsent(selector, timeout);
    result.consent = click;
    options.onProgress?.({ type: 'consent', pass, click });
    if (!click.clicked) return result;
    await session.snapshot(true, click.page);
    for (const url of plan ?? []) await visitAndSnapshot(url, true);
    return result;
  } finally {
    result.writes.sort((a, b) => a.seq - b.seq);
  }
}

interface Session {
  visit(url: string, timeout: number): Promise<PageVisit>;
  links(visit: PageVisit): Promise<string[]>;
  clickConsent(selector: string, timeout: number): Promise<ConsentClick>;
  snapshot(chosen: boolean, page: string): Promise<JarSnapshot>;
}

/** Wires one browser for a pass: write recording, off-site blocking, network quiet tracking. */
async function openSession(
  browser: CrawlBrowser,
  pass: PassName,
  start: URL,
  record: CrawlRecord,
  options: CrawlOptions,
  result: PassRecord,
): Promise<Session> {
  const { context } = browser;
  const page = context.pages()[0] ?? (await context.newPage());
  // Popups would load pages the crawl did not choose; a dialog would block the page.
  context.on('page', (other) => {
    if (other !== page) void other.close().catch(() => {});
  });
  let seq = 0;
  let current = start.href;
  const pending = new Set<Promise<void>>();
  const inflight = new Set<Request>();
  let lastActivity = Date.now();

  context.on('request', (request) => {
    inflight.add(request);
    lastActivity = Date.now();
  });
  const finished = (request: Request) => {
    inflight.delete(request);
    lastActivity = Date.now();
  };
  context.on('requestfinished', finished);
  context.on('requestfailed', finished);

  context.on('response', (response: Response) => {
    const context = { seq: seq++, time: Date.now(), page: current };
    const task = response
      .headerValues('set-cookie')
      .then((headers) => {
        if (headers.length === 0) return;
        const request = response.request();
        const target = { url: response.url(), method: request.method(), status: response.status() };
        result.writes.push(...setCookieWrites(headers, target, context));
      })
      .catch(() => {});
    pending.add(task);
    void task.finally(() => pending.delete(task));
  });

  await context.exposeBinding(
    BINDING,
    (_source, api: unknown, text: unknown, stack: unknown, url: unknown) => {
      if (api !== 'document.cookie' && api !== 'cookieStore') return;
      if (typeof text !== 'string' || typeof url !== 'string') return;
      const write = scriptWrite(api, text, typeof stack === 'string' ? stack : '', url, {
        seq: seq++,
        time: Date.now(),
        page: current,
      });
      if (write) result.writes.push(write);
    },
  );
  await context.addInitScript(INIT_SCRIPT);

  const cdp = await context.newCDPSession(page);
  const version = await cdp.send('Browser.getVersion').catch(() => undefined);
  if (!record.browser && version) {
    record.browser = version.product;
    options.onProgress?.({
      type: 'browser',
      version: version.product,
      executablePath: options.executablePath,
    });
  }
  await blockOffSiteNavigations(cdp, start, (navigation) => {
    const full = { ...navigation, from: navigation.from || current, page: current };
    record.offSite.push(full);
    options.onProgress?.({ type: 'off-site', pass, navigation: full });
  });

  /** Resolves true once no request has been in flight for {@link QUIET_MS}, false at `deadline`. */
  const quiet = async (deadline: number): Promise<boolean> => {
    for (;;) {
      const now = Date.now();
      if (inflight.size === 0 && now - lastActivity >= QUIET_MS) return true;
      if (now >= deadline) return false;
      await new Promise((r) => setTimeout(r, Math.min(100, deadline - now)));
    }
  };

  const settle = async (deadline: number): Promise<PageVisit['settled']> => {
    const left = () => Math.max(1, deadline - Date.now());
    try {
      await page.waitForLoadState('load', { timeout: left() });
    } catch {
      return 'committed';
    }
    return (await quiet(deadline)) ? 'idle' : 'loaded';
  };

  return {
    async visit(url, timeout) {
      current = url;
      const deadline = Date.now() + timeout;
      const visit: PageVisit = { url };
      const offSiteBefore = record.offSite.length;
      let response: Response | null;
      try {
        response = await page.goto(url, { waitUntil: 'commit', timeout });
      } catch (error) {
        visit.error = navigationError(error, timeout);
        // Leave the error page before the next visit, so that it cannot interrupt it.
        await page.goto('about:blank', { timeout: 5_000 }).catch(() => {});
        await quiet(Date.now() + 1_000);
        return visit;
      }
      visit.finalUrl = page.url();
      current = visit.finalUrl;
      const offSite = record.offSite
        .slice(offSiteBefore)
        .find((n) => n.status !== undefined && n.from === response?.url());
      if (offSite) {
        visit.offSite = offSite;
        visit.status = offSite.status!;
      } else if (response) {
        visit.status = response.status();
        visit.contentType = response.headers()['content-type'] ?? '';
      }
      visit.settled = await settle(deadline);
      return visit;
    },

    async links(visit) {
      if (visit.error || visit.offSite || !/html/i.test(visit.contentType ?? '')) return [];
      try {
        return await page.$$eval('a[href], area[href]', (elements) =>
          elements.map((e) => (e as HTMLAnchorElement).href),
        );
      } catch {
        return []; // the page navigated away meanwhile
      }
    },

    async clickConsent(selector, timeout) {
      const deadline = Date.now() + timeout;
      const click: ConsentClick = { selector, page: page.url(), clicked: false };
      for (;;) {
        for (const frame of page.frames()) {
          const target = frame.locator(selector).first();
          let visible: boolean;
          try {
            visible = await target.isVisible();
          } catch (error) {
            if (frame !== page.mainFrame()) continue; // detached meanwhile
            click.error = firstLine(error);
            return click;
          }
          if (!visible) continue;
          try {
            await target.click({ timeout: Math.max(1, deadline - Date.now()) });
          } catch (error) {
            click.error = firstLine(error);
            return click;
          }
          click.clicked = true;
          if (frame !== page.mainFrame()) click.frame = frame.url();
          // The choice may load scripts or reload the page: give it a page's time to settle.
          const after = Date.now() + timeout;
          await quiet(after);
          await settle(after);
          click.page = page.url();
          current = click.page;
          return click;
        }
        if (Date.now() >= deadline) return click;
        await new Promise((r) => setTimeout(r, 100));
      }
    },

    async snapshot(chosen, at) {
      while (pending.size > 0) await Promise.all([...pending]);
      const cookies = (await context.cookies()) as StoredCookie[];
      const snapshot: JarSnapshot = { pass, chosen, page: at, time: Date.now(), seq, cookies };
      result.snapshots.push(snapshot);
      return snapshot;
    },
  };
}

/**
 * Pauses the main frame's document requests (CDP `Fetch`): a redirect off the site is answered
 * with a stub page instead of being followed (the browser has already stored its cookies), and a
 * navigation the page starts off the site (script, meta refresh) with 204, which cancels it.
 */
async function blockOffSiteNavigations(
  cdp: CDPSession,
  site: URL,
  onBlocked: (navigation: Omit<OffSiteNavigation, 'page'>) => void,
): Promise<void> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const mainFrame = frameTree.frame.id;
  cdp.on('Fetch.requestPaused', (event) => {
    const { requestId } = event;
    const answer = (method: 'Fetch.continueRequest' | 'Fetch.fulfillRequest', params: object) =>
      cdp.send(method, { requestId, ...params } as never).catch(() => {});
    const url = pageUrl(event.request.url);
    if (event.frameId !== mainFrame || !url) return answer('Fetch.continueRequest', {});
    if (event.responseStatusCode === undefined && event.responseErrorReason === undefined) {
      if (staysOnSite(url, site)) return answer('Fetch.continueRequest', {});
      onBlocked({ from: '', to: url.href });
      return answer('Fetch.fulfillRequest', { responseCode: 204, responseHeaders: [] });
    }
    const status = event.responseStatusCode ?? 0;
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location');
    const to =
      location && status >= 300 && status < 400 ? pageUrl(location.value, url.href) : undefined;
    if (!to || staysOnSite(to, site)) return answer('Fetch.continueRequest', {});
    onBlocked({ from: event.request.url, to: to.href, status });
    return answer('Fetch.fulfillRequest', {
      responseCode: 200,
      responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
      body: STUB,
    });
  });
  await cdp.send('Fetch.enable', {
    patterns: [
      { urlPattern: '*', resourceType: 'Document', requestStage: 'Request' },
      { urlPattern: '*', resourceType: 'Document', requestStage: 'Response' },
    ],
  });
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .replace(/^[a-zA-Z.]+: /, '');
}

/** Playwright's navigation error, as a reader wants it. */
function navigationError(error: unknown, timeout: number): string {
  const text = firstLine(error);
  if (/Timeout \d+ms exceeded/.test(text)) {
    return `no response within ${timeout / 1000} s`;
  }
  if (/Download is starting/.test(text)) return 'the URL starts a download, not a page';
  const code = /net::(ERR_[A-Z_]+)/.exec(text)?.[1];
  if (code === 'ERR_TOO_MANY_REDIRECTS') return 'a redirect loop (net::ERR_TOO_MANY_REDIRECTS)';
  return code ? `net::${code}` : text;
}

/** One HAR of every pass: pages and entries in order, page ids prefixed with the pass. */
function mergeHars(files: readonly { pass: PassName; file: string }[]): string {
  type Har = {
    log: { pages?: { id: string; title?: string }[]; entries?: { pageref?: string }[] };
  };
  let merged: Har | undefined;
  for (const { pass, file } of files) {
    if (!existsSync(file)) continue;
    const har = JSON.parse(readFileSync(file, 'utf8')) as Har;
    const label = phaseLabel(pass, true);
    const pages = (har.log.pages ?? []).map((p) => ({
      ...p,
      id: `${pass}/${p.id}`,
      title: `${label}: ${p.title ?? ''}`,
    }));
    const entries = (har.log.entries ?? []).map((e) =>
      e.pageref === undefined ? e : { ...e, pageref: `${pass}/${e.pageref}` },
    );
    if (!merged) merged = { log: { ...har.log, pages: [], entries: [] } };
    merged.log.pages!.push(...pages);
    merged.log.entries!.push(...entries);
  }
  return `${JSON.stringify(merged, null, 2)}\n`;
}
