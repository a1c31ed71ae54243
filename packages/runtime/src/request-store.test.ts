import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieError } from './errors.js';
import { parseCookieHeader } from './parse.js';
import {
  createRequestStore,
  domainKey,
  type RequestStore,
  readCookieHeader,
  readGpcHeader,
  trustedWrite,
} from './request-store.js';
import { compileCookieAttributes, compileDeleteAttributes } from './serialize.js';

const header = 'sid=abc; lang=fr; theme=dark';

describe('readCookieHeader / readGpcHeader', () => {
  const sources: [string, unknown, string, boolean][] = [
    [
      'a Fetch Request',
      new Request('http://x/', { headers: { cookie: header, 'sec-gpc': '1' } }),
      header,
      true,
    ],
    ['a Headers', new Headers({ cookie: header, 'sec-gpc': ' 1 ' }), header, true],
    [
      'an IncomingMessage-like (string)',
      { headers: { cookie: header, 'sec-gpc': '1' } },
      header,
      true,
    ],
    [
      'an IncomingMessage-like (array)',
      { headers: { cookie: ['sid=abc', 'lang=fr; theme=dark'] } },
      header,
      false,
    ],
    ['a raw header string', header, header, false],
    ['a Request without cookies', new Request('http://x/'), '', false],
    ['GPC 0', new Headers({ cookie: header, 'sec-gpc': '0' }), header, false],
    ['null', null, '', false],
    ['undefined', undefined, '', false],
    ['a number', 42, '', false],
    ['an object without headers', {}, '', false],
    [
      'a throwing getter',
      {
        get headers() {
          throw new Error('boom');
        },
      },
      '',
      false,
    ],
  ];
  it.each(sources)('%s', (_, source, expected, gpc) => {
    expect(readCookieHeader(source as never)).toBe(expected);
    expect(readGpcHeader(source as never)).toBe(gpc);
  });
});

describe('createRequestStore', () => {
  const suffix = compileCookieAttributes('lang', {
    path: '/',
    maxAge: 60,
    sameSite: 'lax',
    secure: true,
  });

  it('reads lazily and sees its own writes and deletions', () => {
    const store = createRequestStore(new Request('http://x/', { headers: { cookie: header } }));
    expect(store.header).toBe(header);
    expect(store.get('lang')).toBe('fr');
    expect(store.has('missing')).toBe(false);
    store.set('lang', 'de', suffix);
    expect(store.get('lang')).toBe('de');
    store.delete('sid', compileDeleteAttributes('sid', { path: '/' }));
    expect(store.get('sid')).toBeUndefined();
    expect(store.has('sid')).toBe(false);
    store.set('fresh', '1');
    expect(store.names()).toEqual(['lang', 'theme', 'fresh']);
    store.set('sid', 'again');
    expect(store.get('sid')).toBe('again');
    expect(store.names()).toEqual(['sid', 'lang', 'theme', 'fresh']);
  });

  it('reads a write that expires at once (Max-Age=0) as deleted', () => {
    const store = createRequestStore(header);
    store.set('lang', 'de', '; Max-Age=0; Path=/');
    expect(store.get('lang')).toBeUndefined();
    expect(store.names()).not.toContain('lang');
    expect(store.toSetCookieHeaders()).toEqual(['lang=de; Max-Age=0; Path=/']);
    store.set('lang', 'en', suffix);
    expect(store.get('lang')).toBe('en');
  });

  it('queues one Set-Cookie per name, the last write winning', () => {
    const store = createRequestStore(header);
    store.set('lang', 'de', suffix);
    store.set('lang', 'en', suffix);
    store.delete('theme');
    expect(store.toSetCookieHeaders()).toEqual([
      'lang=en; Max-Age=60; Path=/; Secure; SameSite=Lax',
      'theme=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
    store.set('theme', 'light');
    expect(store.toSetCookieHeaders()).toEqual([
      'lang=en; Max-Age=60; Path=/; Secure; SameSite=Lax',
      'theme=light',
    ]);
  });

  it('refuses bad names and values before queueing', () => {
    const store = createRequestStore('');
    expect(() => store.set('a b', 'x')).toThrow(CookieError);
    expect(() => store.set('a', 'x;y')).toThrow(CookieError);
    expect(() => store.delete('a\r\n')).toThrow(CookieError);
    expect(() => store.set('a', 'x'.repeat(4096))).toThrow(/4097 bytes/);
    expect(store.toSetCookieHeaders()).toEqual([]);
  });

  it('has GPC from Sec-GPC', () => {
    expect(createRequestStore(new Headers({ 'sec-gpc': '1' })).gpc).toBe(true);
    expect(createRequestStore({ headers: {} }).gpc).toBe(false);
  });

  it('applies to a Response and to Headers, after what is there', async () => {
    const store = createRequestStore(header);
    store.set('a', '1');
    store.set('b', '2', '; Path=/');
    const response = store.applyTo(new Response('ok', { headers: { 'set-cookie': 'pre=0' } }));
    expect(response.headers.getSetCookie()).toEqual(['pre=0', 'a=1', 'b=2; Path=/']);
    const headers = store.applyTo(new Headers());
    expect(headers.getSetCookie()).toEqual(['a=1', 'b=2; Path=/']);
    expect(await response.text()).toBe('ok');
  });

  it('applying nothing leaves the target alone', () => {
    const headers = createRequestStore('').applyTo(new Headers({ 'set-cookie': 'x=1' }));
    expect(headers.getSetCookie()).toEqual(['x=1']);
  });
});

describe("a request store's writes (short list, then Maps)", () => {
  /** What the store promises, with Maps from the first write. */
  class Model {
    readonly headers = new Map<string, string>();
    readonly values = new Map<string, string | undefined>();
    constructor(readonly header: string) {}
    write(name: string, key: string, value: string | undefined, header: string) {
      this.headers.set(key, header);
      this.values.set(name, value);
    }
    get(name: string) {
      return this.values.has(name)
        ? this.values.get(name)
        : parseCookieHeader(this.header, (v) => v)[name];
    }
    names() {
      const names = Object.keys(parseCookieHeader(this.header, (v) => v));
      for (const [name, value] of this.values) {
        if (value !== undefined && !names.includes(name)) names.push(name);
      }
      return names.filter((n) => !this.values.has(n) || this.values.get(n) !== undefined);
    }
  }
  const names = Array.from({ length: 12 }, (_, i) => `c${i}`);
  const suffixes = ['; Path=/', '; Max-Age=60; Domain=a.example; Path=/', '; Max-Age=0; Path=/'];
  const op = fc.record({
    kind: fc.constantFrom('set', 'trusted', 'delete'),
    name: fc.constantFrom(...names),
    suffix: fc.constantFrom(...suffixes),
    value: fc.stringMatching(/^[a-z0-9]{0,4}$/),
  });

  it('keeps one header per name and Domain, the last write winning, and reads see the last write', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const header = 'c0=h0; c5=h5; other=x';
        const store = createRequestStore(header) as RequestStore;
        const model = new Model(header);
        for (const { kind, name, suffix, value } of ops) {
          const key = name + domainKey(suffix);
          if (kind === 'delete') {
            store.delete(name, suffix);
            model.write(name, key, undefined, `${name}=${suffix}`);
          } else {
            if (kind === 'set') store.set(name, value, suffix);
            else store.setTrusted(trustedWrite(name, suffix), value, true);
            const deletes = suffix.includes('Max-Age=0');
            model.write(name, key, deletes ? undefined : value, `${name}=${value}${suffix}`);
          }
          for (const n of [...names, 'other']) expect(store.get(n)).toBe(model.get(n));
        }
        expect(store.toSetCookieHeaders()).toEqual([...model.headers.values()]);
        expect(store.names()).toEqual(model.names());
      }),
      { numRuns: 400 },
    );
  });

  it('a trusted write still refuses a name and value over 4096 bytes, and an unproven value', () => {
    const store = createRequestStore('') as RequestStore;
    const write = trustedWrite('big', '; Path=/');
    expect(() => store.setTrusted(write, 'x'.repeat(4094), true)).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
    expect(() => store.setTrusted(write, 'a b', false)).toThrow(
      expect.objectContaining({ code: 'invalid-value' }),
    );
    store.setTrusted(write, 'x'.repeat(4093), true);
    expect(store.toSetCookieHeaders()).toEqual([`big=${'x'.repeat(4093)}; Path=/`]);
  });
});

describe('a real node:http server on loopback', () => {
  let url = '';
  let seen: IncomingMessage['headers'] = {};
  const server = createServer((request, response) => {
    seen = request.headers;
    const store = createRequestStore(request);
    if (request.url === '/existing-array') response.setHeader('set-cookie', ['one=1', 'two=2']);
    if (request.url === '/existing-string') response.setHeader('set-cookie', 'one=1');
    const visits = Number(store.get('visits') ?? '0') + 1;
    store.set('visits', String(visits), '; Path=/; HttpOnly; SameSite=Lax');
    if (store.gpc) store.delete('marketing');
    store.applyTo(response);
    response.end(`lang=${store.get('lang')}`);
  });

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await once(server, 'close');
  });

  it('reads IncomingMessage cookies and writes Set-Cookie through setHeader', async () => {
    const response = await fetch(`${url}/`, {
      headers: { cookie: 'lang=fr; visits=41', 'sec-gpc': '1' },
    });
    expect(await response.text()).toBe('lang=fr');
    expect(seen.cookie).toBe('lang=fr; visits=41');
    expect(response.headers.getSetCookie()).toEqual([
      'visits=42; Path=/; HttpOnly; SameSite=Lax',
      'marketing=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
  });

  it.each([
    ['/existing-array', ['one=1', 'two=2', 'visits=1; Path=/; HttpOnly; SameSite=Lax']],
    ['/existing-string', ['one=1', 'visits=1; Path=/; HttpOnly; SameSite=Lax']],
  ])('merges with Set-Cookie headers already on the response (%s)', async (path, expected) => {
    const response = await fetch(`${url}${path}`);
    expect(response.headers.getSetCookie()).toEqual(expected);
    expect(await response.text()).toBe('lang=undefined');
  });
});
