/**
 * Observed cookies from the three inputs of `cookie-schema audit`: a HAR (HTTP Archive 1.2), a raw
 * `Cookie` header, and a text file with one `Set-Cookie` header per line. Text in, observations
 * out; reading files is the command's job.
 */
import { parseSetCookie } from './set-cookie';
import type { CookieObservation } from './types';

/**
 * The cookies of a `Cookie` request header (`a=1; b=2`), in order, duplicates included. Pairs
 * without `=` are skipped, as browsers never send them.
 */
export function observeCookieHeader(
  header: string,
  where = 'Cookie header',
  extra: Partial<CookieObservation> = {},
): CookieObservation[] {
  const observations: CookieObservation[] = [];
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = pair.slice(0, eq).replace(/^[ \t]+|[ \t]+$/g, '');
    if (name === '') continue;
    const value = pair.slice(eq + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    observations.push({ kind: 'sent', name, value, exchange: 0, ...extra, where });
  }
  return observations;
}

/**
 * One `Set-Cookie` header per line (a leading `Set-Cookie:` is allowed; blank lines and lines
 * starting with `#` are skipped). All lines are one response: a consent cookie set on any line
 * counts for the others. `where` of each observation is `file:line`.
 */
export function observeSetCookieLines(text: string, file: string): CookieObservation[] {
  const observations: CookieObservation[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\s*set-cookie\s*:/i, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const parsed = parseSetCookie(line);
    if (!parsed) return;
    observations.push({
      kind: 'set',
      name: parsed.name,
      value: parsed.value,
      attributes: parsed.attributes,
      exchange: 0,
      where: `${file}:${index + 1}`,
    });
  });
  return observations;
}

interface HarHeader {
  name?: unknown;
  value?: unknown;
}
interface HarCookie {
  name?: unknown;
  value?: unknown;
}
interface HarEntry {
  startedDateTime?: unknown;
  request?: { method?: unknown; url?: unknown; headers?: unknown; cookies?: unknown };
  response?: { headers?: unknown; cookies?: unknown };
}

/** What {@link observeHar} returns: observations, and what in the file could not be used. */
export interface HarObservations {
  observations: CookieObservation[];
  entries: number;
  problems: string[];
}

/**
 * The cookies of every entry of a HAR: each request's `Cookie` header (or its `cookies` list when
 * the recorder left the header out) and each response's `Set-Cookie` headers (one per header
 * entry; values joined with newlines are split). The response time is the `Date` header, else
 * the entry's `startedDateTime`.
 */
export function observeHar(har: unknown, file: string): HarObservations {
  const entries = (har as { log?: { entries?: unknown } } | null)?.log?.entries;
  if (!Array.isArray(entries)) {
    return {
      observations: [],
      entries: 0,
      problems: [`${file}: not a HAR file (no log.entries).`],
    };
  }
  const observations: CookieObservation[] = [];
  const problems: string[] = [];
  entries.forEach((raw: HarEntry, index) => {
    const request = raw?.request ?? {};
    const response = raw?.response ?? {};
    const url = typeof request.url === 'string' ? safeUrl(request.url) : undefined;
    const method = typeof request.method === 'string' ? request.method : 'GET';
    const where = `${file} entry ${index + 1} (${method} ${url ? url.pathname + url.search : '?'})`;
    const context: Partial<CookieObservation> & { exchange: number } = { exchange: index, where };
    if (url) {
      context.host = url.hostname;
      context.requestPath = url.pathname;
    }
    const requestHeaders = headerValues(request.headers, 'cookie');
    if (requestHeaders.length > 0) {
      for (const header of requestHeaders) {
        observations.push(...observeCookieHeader(header, `${where} request`, context));
      }
    } else {
      for (const c of asArray<HarCookie>(request.cookies)) {
        if (typeof c?.name === 'string' && typeof c.value === 'string') {
          observations.push({
            kind: 'sent',
            name: c.name,
            value: c.value,
            ...context,
            exchange: index,
            where: `${where} request`,
          });
        }
      }
    }
    const date = headerValues(response.headers, 'date')[0];
    const started =
      typeof raw?.startedDateTime === 'string' ? Date.parse(raw.startedDateTime) : NaN;
    const time = date !== undefined && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : started;
    for (const header of headerValues(response.headers, 'set-cookie').flatMap((v) =>
      v.split('\n'),
    )) {
      const parsed = parseSetCookie(header);
      if (!parsed) {
        problems.push(`${where}: ignored a Set-Cookie header a browser ignores too: ${header}`);
        continue;
      }
      observations.push({
        kind: 'set',
        name: parsed.name,
        value: parsed.value,
        attributes: parsed.attributes,
        ...context,
        where: `${where} response`,
        ...(Number.isNaN(time) ? {} : { time }),
      });
    }
  });
  return { observations, entries: entries.length, problems };
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function headerValues(headers: unknown, name: string): string[] {
  return asArray<HarHeader>(headers)
    .filter((h) => typeof h?.name === 'string' && h.name.toLowerCase() === name)
    .map((h) => String(h.value ?? ''));
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
