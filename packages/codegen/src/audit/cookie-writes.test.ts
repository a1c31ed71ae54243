import { describe, expect, it } from 'vitest';
import {
  type CookieWrite,
  callerFrame,
  describeWrite,
  isDeletion,
  type StoredCookie,
  scriptWrite,
  setCookieWrites,
  storedAttributes,
  writeOf,
} from './cookie-writes';

const at = (seq: number) => ({ seq, time: 1_000_000, page: 'https://x.test/' });
const display = (url: string) => url.replace('https://x.test', '');

// A stack as V8 gives it from inside the init script's setter.
const STACK = `Error
    at send (cookie-schema-crawl.js:4:44)
    at HTMLDocument.set [as cookie] (cookie-schema-crawl.js:13:9)
    at track (https://x.test/js/app.js:1:2048)
    at https://x.test/js/app.js:1:3000`;

const stored = (extra: Partial<StoredCookie> = {}): StoredCookie => ({
  name: 'a',
  value: '1',
  domain: 'x.test',
  path: '/',
  expires: -1,
  httpOnly: false,
  secure: true,
  sameSite: 'Lax',
  ...extra,
});

describe('cookie writes seen by a crawl', () => {
  it('reads the nearest frame that is not the init script', () => {
    expect(callerFrame(STACK)).toEqual({ url: 'https://x.test/js/app.js', line: 1, column: 2048 });
    expect(callerFrame('Error\n    at set (cookie-schema-crawl.js:1:1)')).toBeUndefined();
  });

  it('parses a document.cookie assignment and a cookieStore.set call', () => {
    const write = scriptWrite(
      'document.cookie',
      'a=1; path=/; max-age=60; SameSite=Lax',
      STACK,
      'https://x.test/docs/page',
      at(3),
    )!;
    expect(write).toMatchObject({
      api: 'document.cookie',
      name: 'a',
      value: '1',
      attributes: { path: '/', maxAge: 60, sameSite: 'lax', secure: false },
      host: 'x.test',
      path: '/docs/page',
      url: 'https://x.test/js/app.js',
      line: 1,
      column: 2048,
    });
    expect(describeWrite(write, display)).toBe('document.cookie in /js/app.js:1:2048');
    const store = scriptWrite(
      'cookieStore',
      JSON.stringify({ name: 'b', value: '2', expires: 2_000_000 }),
      STACK,
      'https://x.test/',
      at(4),
    )!;
    expect(store.attributes).toEqual({
      secure: true,
      httpOnly: false,
      partitioned: false,
      path: '/',
      sameSite: 'strict',
      expires: 2_000_000,
    });
    expect(describeWrite(store, display)).toBe('cookieStore.set in /js/app.js:1:2048');
    expect(
      scriptWrite('document.cookie', 'novalue', STACK, 'https://x.test/', at(5)),
    ).toBeUndefined();
  });

  it('names an inline script by its document and line, and says when the stack names none', () => {
    const inline = scriptWrite(
      'document.cookie',
      'a=1',
      'Error\n    at https://x.test/:12:5',
      'https://x.test/',
      at(1),
    )!;
    expect(describeWrite(inline, display)).toBe(
      'document.cookie in an inline script of / (line 12)',
    );
    const unknown = scriptWrite('document.cookie', 'a=1', '', 'https://x.test/p', at(1))!;
    expect(describeWrite(unknown, display)).toBe(
      'document.cookie in a script of /p (the stack names no script)',
    );
  });

  it('attributes a stored cookie to the last write of its name, domain, path and value', () => {
    const writes: CookieWrite[] = [
      ...setCookieWrites(
        ['a=1; Path=/; Secure', 'a=2; Path=/; Secure; Domain=x.test'],
        { url: 'https://x.test/login', method: 'POST', status: 303 },
        at(1),
      ),
      scriptWrite('document.cookie', 'a=1; path=/', STACK, 'https://x.test/', at(2))!,
      scriptWrite('document.cookie', 'a=1; path=/', STACK, 'https://x.test/', at(9))!,
    ];
    expect(writeOf(stored(), writes, 5)?.seq).toBe(2);
    expect(writeOf(stored(), writes, 2)?.seq).toBe(1);
    expect(writeOf(stored({ domain: '.x.test', value: '2' }), writes, 5)?.attributes.domain).toBe(
      'x.test',
    );
    expect(writeOf(stored({ value: '3' }), writes, 99)).toBeUndefined();
    expect(writeOf(stored({ path: '/docs' }), writes, 99)).toBeUndefined();
    expect(describeWrite(writes[0]!, display)).toBe(
      'Set-Cookie in the response to POST /login (303)',
    );
  });

  it('knows deletions, and reads a stored cookie when its write was not seen', () => {
    const write = (text: string) =>
      scriptWrite('document.cookie', text, '', 'https://x.test/', at(1))!;
    expect(isDeletion(write('a=; max-age=0'))).toBe(true);
    expect(isDeletion(write('a=; expires=Thu, 01 Jan 1970 00:00:00 GMT'))).toBe(true);
    expect(isDeletion(write('a=1; max-age=10'))).toBe(false);
    expect(storedAttributes(stored({ domain: '.x.test', expires: 1_700_000_000.5 }))).toEqual({
      secure: true,
      httpOnly: false,
      partitioned: false,
      path: '/',
      sameSite: 'lax',
      domain: 'x.test',
      expires: 1_700_000_000_500,
    });
  });
});
