import { describe, expect, it } from 'vitest';
import type { CookieDefinition } from './accessor.js';
import { enumCodec, integerCodec } from './codecs.js';
import type { ConsentConfig } from './consent.js';
import { defineJar } from './jar.js';

const consent: ConsentConfig<'necessary'> = {
  cookie: 'choice',
  revision: 1,
  hash: 'h',
  maxAge: 86_400,
  required: 'necessary',
  categories: ['necessary'],
  gpcOptOut: [],
  optOut: [],
  suffix: '; Path=/',
  deleteSuffix: '; Max-Age=0; Path=/',
};
const accessors: Record<string, CookieDefinition<unknown>> = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `c${i}`,
    { name: `c${i}`, codec: integerCodec(), suffix: '; Max-Age=60; Path=/' },
  ]),
);
accessors.lang = { name: 'lang', codec: enumCodec(['en', 'fr']), suffix: '; Path=/' };
// biome-ignore lint/suspicious/noExplicitAny: the generated Cookies interface is not needed here
const createCookies = defineJar<'necessary', any>({
  consent,
  consentMode: {},
  purge: [],
  accessors,
});
const header = Array.from({ length: 40 }, (_, i) => `c${i}=${i}`).join('; ');

describe('defineJar', () => {
  it('keeps one accessor per cookie for the request, past the short list too', () => {
    const jar = createCookies(header);
    const first = Array.from({ length: 40 }, (_, i) => jar[`c${i}`]);
    for (let i = 0; i < 40; i++) {
      expect(jar[`c${i}`]).toBe(first[i]);
      expect(jar[`c${i}`].get()).toBe(i);
    }
    jar.c39.set(7);
    expect(jar.c39.get()).toBe(7);
    expect(jar.get('c39')).toBe(7);
  });

  it('shares nothing between requests', () => {
    const a = createCookies('lang=fr');
    const b = createCookies('lang=en');
    expect(a.lang).not.toBe(b.lang);
    a.lang.set('en');
    expect([a.lang.get(), b.lang.get()]).toEqual(['en', 'en']);
    expect(a.toSetCookieHeaders()).toEqual(['lang=en; Path=/']);
    expect(b.toSetCookieHeaders()).toEqual([]);
  });

  it('keeps one consent object per jar', () => {
    const jar = createCookies('');
    expect(jar.consent).toBe(jar.consent);
    // The required category only: there is nothing to ask, so no prompt.
    expect(jar.consent.needsPrompt).toBe(false);
  });
});
