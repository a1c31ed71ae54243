/**
 * The example app of the reference schema (schemas/examples/opendatasoft.cookies.json): an
 * open-data portal on Node `http` that uses the four cookies of the reference policy as the real
 * Django platform does, through the generated package `@examples/opendatasoft-cookies`.
 *
 * - `sessionid` (HttpOnly): set by `POST /login`, an in-memory session; `POST /logout` ends it.
 * - `django_language`: read here to render the page; written by the page's language switch.
 * - `csrftoken`: set on the first page; page code sends it back as `X-CSRFToken` on API calls
 *   and forms send it as `csrfmiddlewaretoken` (Django's CSRF check; rotated at login).
 * - `cookies_preferences`: written by the generated consent banner in the browser.
 * - `_pk_id.*` (statistics, opt-out): written by the Matomo-style script while statistics are
 *   granted, which they are until the visitor objects (anonymous audience measurement).
 *
 * Every response goes through the generated `guardSetCookies` firewall.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Cookies,
  createCookies,
  type GuardFinding,
  guardSetCookies,
} from '@examples/opendatasoft-cookies/server';
import { buildClient, type ClientBundle } from './bundle.js';
import { searchDatasets } from './catalog.js';
import { messagesFor, PAGE_LANGUAGES } from './messages.js';
import { type PageContext, renderHome, renderMessage, renderPolicy } from './page.js';

export interface AppOptions {
  /** Port to listen on; `0` picks a free one. Default 3000. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /**
   * Replays the mistakes of an older version of the app, for the audit fixture
   * (scripts/record-har.ts): pasted Hotjar and Matomo snippets that write cookies before consent
   * (`/legacy.js`), and Django's `set_language` view writing `django_language` by hand
   * (`POST /i18n/setlang/`). Off by default: the app itself sets only declared cookies, with
   * consent.
   */
  legacy?: boolean;
  /**
   * Told about every Set-Cookie header the firewall drops, or finds written with other attributes
   * than declared (never happens in this app, but for the legacy mode's hand-written cookies).
   */
  onFinding?: (findings: readonly GuardFinding[], request: string) => void;
}

export interface User {
  username: string;
  name: string;
  password: string;
}

export interface Session {
  user: User;
  createdAt: number;
}

/** A page view the statistics script reported to `/matomo.php`. */
export interface StatisticsHit {
  visitor: string;
  url: string;
  /**
   * Whether statistics were granted for the request: opt-out (anonymous audience measurement),
   * so granted until the visitor objects.
   */
  granted: boolean;
}

export interface RunningApp {
  /** `http://host:port/` */
  url: string;
  server: Server;
  /** Active sessions by `sessionid`. */
  sessions: ReadonlyMap<string, Session>;
  hits: readonly StatisticsHit[];
  bundles: readonly ClientBundle[];
  close(): Promise<void>;
}

const USERS = new Map<string, User>([
  ['ada', { username: 'ada', name: 'Ada Lovelace', password: 'lovelace' }],
]);

const LOWER_DIGITS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALPHANUMERIC = `ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER_DIGITS}`;

/** `length` characters of `alphabet`, from the CSPRNG, unbiased. */
function randomString(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'Request body too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Django's CSRF check: the token sent with the request (form field or `X-CSRFToken` header) must
 * equal the `csrftoken` cookie. Returns Django's reason when it fails.
 */
function csrfFailure(jar: Cookies, supplied: string | null | undefined): string | undefined {
  const expected = jar.csrftoken.get();
  if (expected === undefined) return 'CSRF cookie not set.';
  if (!supplied) return 'CSRF token missing.';
  return sameSecret(supplied, expected) ? undefined : 'CSRF token incorrect.';
}

/** Builds the page code, then listens. Resolves once the server accepts connections. */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const { port = 3000, host = '127.0.0.1', legacy = false } = options;
  const bundles = await buildClient({ legacy });
  const scripts = new Map(bundles.map((b) => [b.path, b]));
  const sessions = new Map<string, Session>();
  const hits: StatisticsHit[] = [];

  /** Sends a response: the jar's Set-Cookie headers, through the firewall. */
  function send(
    req: IncomingMessage,
    res: ServerResponse,
    jar: Cookies,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) {
    res.statusCode = status;
    for (const [name, value] of Object.entries({ ...HEADERS, ...headers })) {
      res.setHeader(name, value);
    }
    jar.applyTo(res);
    const findings = guardSetCookies(res, jar.consent.state().granted);
    if (findings.length > 0) options.onFinding?.(findings, `${req.method} ${req.url}`);
    res.end(body);
  }

  const sendHtml = (
    req: IncomingMessage,
    res: ServerResponse,
    jar: Cookies,
    status: number,
    body: string,
  ) =>
    send(req, res, jar, status, body, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
    });

  const redirect = (req: IncomingMessage, res: ServerResponse, jar: Cookies, to: string) =>
    send(req, res, jar, 303, '', { location: to });

  /** The page context; sets `csrftoken` if the visitor has none (like Django's `get_token`). */
  function pageContext(jar: Cookies): PageContext {
    let csrfToken = jar.csrftoken.get();
    if (csrfToken === undefined) {
      csrfToken = randomString(32, ALPHANUMERIC);
      jar.csrftoken.set(csrfToken);
    }
    return { language: jar.lang.get(), csrfToken, legacy };
  }

  function currentSession(jar: Cookies): Session | undefined {
    const id = jar.sessionid.get();
    if (id === undefined) return undefined;
    const session = sessions.get(id);
    if (!session) jar.sessionid.delete(); // e.g. the server restarted
    return session;
  }

  /** A form POST checked like Django's CsrfViewMiddleware; answers 403 and returns undefined. */
  async function readForm(req: IncomingMessage, res: ServerResponse, jar: Cookies) {
    const form = new URLSearchParams(await readBody(req));
    const failure = csrfFailure(jar, form.get('csrfmiddlewaretoken'));
    if (failure === undefined) return form;
    sendHtml(
      req,
      res,
      jar,
      403,
      renderMessage(pageContext(jar), `CSRF verification failed. Request aborted. ${failure}`),
    );
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://app.invalid');
    const jar = createCookies(req);
    const route = `${req.method} ${url.pathname}`;
    const script = req.method === 'GET' ? scripts.get(url.pathname) : undefined;
    if (script) {
      send(req, res, jar, 200, script.code, {
        'content-type': 'text/javascript; charset=utf-8',
      });
      return;
    }
    switch (route) {
      case 'GET /': {
        const user = currentSession(jar)?.user;
        const ctx = { ...pageContext(jar), user, loginError: false };
        sendHtml(req, res, jar, 200, renderHome(ctx));
        return;
      }
      case 'GET /cookies':
        sendHtml(req, res, jar, 200, renderPolicy(pageContext(jar)));
        return;
      case 'POST /login': {
        const form = await readForm(req, res, jar);
        if (!form) return;
        const user = USERS.get(form.get('username') ?? '');
        if (!user || !sameSecret(form.get('password') ?? '', user.password)) {
          const ctx = { ...pageContext(jar), user: undefined, loginError: true };
          sendHtml(req, res, jar, 401, renderHome(ctx));
          return;
        }
        const id = randomString(32, LOWER_DIGITS);
        sessions.set(id, { user, createdAt: Date.now() });
        jar.sessionid.set(id);
        jar.csrftoken.set(randomString(32, ALPHANUMERIC)); // Django rotates the token at login
        redirect(req, res, jar, '/');
        return;
      }
      case 'POST /logout': {
        if (!(await readForm(req, res, jar))) return;
        const id = jar.sessionid.get();
        if (id !== undefined) sessions.delete(id);
        jar.sessionid.delete();
        redirect(req, res, jar, '/');
        return;
      }
      case 'POST /api/search': {
        const failure = csrfFailure(jar, req.headers['x-csrftoken'] as string | undefined);
        if (failure !== undefined) {
          send(req, res, jar, 403, JSON.stringify({ detail: `CSRF Failed: ${failure}` }), {
            'content-type': 'application/json',
          });
          return;
        }
        let query = '';
        try {
          const body = JSON.parse((await readBody(req)) || '{}') as { q?: unknown };
          if (typeof body.q === 'string') query = body.q;
        } catch {
          throw new HttpError(400, 'The body is not JSON.');
        }
        const language = messagesFor(jar.lang.get()).language;
        const user = currentSession(jar)?.user.username ?? null;
        const results = searchDatasets(query, language);
        send(req, res, jar, 200, JSON.stringify({ language, user, results }), {
          'content-type': 'application/json',
        });
        return;
      }
      case 'POST /matomo.php': {
        hits.push({
          visitor: url.searchParams.get('_id') ?? '',
          url: url.searchParams.get('url') ?? '',
          granted: jar.consent.has('statistics'),
        });
        send(req, res, jar, 204, '');
        return;
      }
      case 'POST /i18n/setlang/': {
        if (!legacy) break;
        const form = await readForm(req, res, jar);
        if (!form) return;
        const language = form.get('language') ?? '';
        if ((PAGE_LANGUAGES as string[]).includes(language)) {
          // LEGACY: Django's set_language writes the cookie by hand, with Django's defaults
          // (LANGUAGE_COOKIE_AGE set to two years here): no Secure, no SameSite, and longer than
          // the one year the policy declares. The firewall lets it through (the cookie is
          // declared and necessary); `cookie-schema audit` reports the attributes.
          const maxAge = 2 * 365 * 86_400;
          const expires = new Date(Date.now() + maxAge * 1000).toUTCString();
          res.setHeader(
            'set-cookie',
            `django_language=${language}; expires=${expires}; Max-Age=${maxAge}; Path=/`,
          );
        }
        const next = form.get('next') ?? '/';
        redirect(req, res, jar, next.startsWith('/') && !next.startsWith('//') ? next : '/');
        return;
      }
    }
    const { text } = messagesFor(jar.lang.get());
    sendHtml(req, res, jar, 404, renderMessage(pageContext(jar), text.notFound));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.statusCode = status;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(error instanceof HttpError ? error.message : 'Internal server error.');
      if (!(error instanceof HttpError)) console.error(error);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    server,
    sessions,
    hits,
    bundles,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
