import { describe, expect, it } from 'vitest';
import { defaultCookiePath, lifetimeSeconds, parseSetCookie } from './set-cookie';

describe('parseSetCookie', () => {
  it('reads every attribute the audit checks', () => {
    expect(
      parseSetCookie(
        'sid=abc; Path=/app; Domain=.Example.COM; Secure; HttpOnly; SameSite=Strict; Partitioned; Max-Age=60; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
      ),
    ).toEqual({
      name: 'sid',
      value: 'abc',
      attributes: {
        path: '/app',
        domain: 'example.com',
        secure: true,
        httpOnly: true,
        sameSite: 'strict',
        partitioned: true,
        maxAge: 60,
        expires: Date.UTC(2015, 9, 21, 7, 28),
      },
    });
  });

  it.each([
    ['no "=" (ignored by browsers)', 'sid', undefined],
    ['an empty name', '=abc', undefined],
    ['spaces around name and value', '  a \t= 1 ; path=/', { name: 'a', value: '1', path: '/' }],
    ['a quoted value', 'a="x y"', { name: 'a', value: 'x y' }],
    ['a relative path is dropped', 'a=1; Path=app', { name: 'a', value: '1' }],
    ['an unknown SameSite is dropped', 'a=1; SameSite=Maybe', { name: 'a', value: '1' }],
    ['a non-numeric Max-Age is dropped', 'a=1; Max-Age=1e3', { name: 'a', value: '1' }],
    ['a negative Max-Age is kept', 'a=1; Max-Age=-1', { name: 'a', value: '1', maxAge: -1 }],
    [
      'attribute names are case-insensitive',
      'a=1; SECURE; httponly',
      { name: 'a', value: '1', secure: true, httpOnly: true },
    ],
  ])('%s', (_, header, want) => {
    const parsed = parseSetCookie(header);
    if (want === undefined) return expect(parsed).toBeUndefined();
    const { name, value, ...attributes } = want as Record<string, unknown>;
    expect(parsed).toEqual({
      name,
      value,
      attributes: { secure: false, httpOnly: false, partitioned: false, ...attributes },
    });
  });
});

describe('lifetimeSeconds', () => {
  const base = { secure: false, httpOnly: false, partitioned: false };
  it('prefers Max-Age over Expires, measures Expires from the response time', () => {
    expect(lifetimeSeconds({ ...base, maxAge: 10, expires: 99_000 }, 0)).toBe(10);
    expect(lifetimeSeconds({ ...base, expires: 99_000 }, 0)).toBe(99);
    expect(lifetimeSeconds(base, 0)).toBeUndefined();
  });
});

describe('defaultCookiePath (RFC 6265bis 5.1.4)', () => {
  it.each([
    ['/', '/'],
    ['/a', '/'],
    ['/a/b', '/a'],
    ['/a/b/', '/a/b'],
    ['', '/'],
  ])('%s → %s', (path, want) => {
    expect(defaultCookiePath(path)).toBe(want);
  });
});
