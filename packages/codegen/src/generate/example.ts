/**
 * The `@example` of the generated `createCookies`, written with the package's own cookies so that
 * it compiles as it is when pasted into the app (an example with another schema's accessor
 * would not).
 */
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { quote } from './types';

/** A value of the cookie's type that its codec accepts, or `undefined` when none is obvious. */
function exampleValue(cookie: NormalizedCookie): string | undefined {
  const value = cookie.value;
  switch (value.type) {
    case 'enum':
      // Another value than the default reads as a choice being made.
      return quote(value.values.find((v) => v !== cookie.default) ?? value.values[0]!);
    case 'boolean':
      return cookie.default === true ? 'false' : 'true';
    case 'integer':
    case 'number': {
      const n = value.min ?? (value.max !== undefined && value.max < 1 ? value.max : 1);
      return String(n);
    }
    case 'date':
      return 'new Date()';
    case 'string': {
      // A pattern says more than an example value could honour.
      if (value.pattern !== undefined) return undefined;
      const min = value.minLength ?? 0;
      const max = value.maxLength ?? Number.POSITIVE_INFINITY;
      const text = min <= 5 && max >= 5 ? 'value' : 'x'.repeat(Math.max(min, 1));
      return text.length <= max ? quote(text) : undefined;
    }
    default:
      // json and consent values are better shown by their own APIs.
      return undefined;
  }
}

/**
 * The lines of the example: create the jar, write the first cookie that makes a plain example
 * (declaration order; the required category first, so the write needs no consent), apply the
 * jar to a response. Without such a cookie, the consent check every app makes.
 */
export function createCookiesExample(
  schema: NormalizedSchema,
  serverCookies: readonly NormalizedCookie[],
): string[] {
  const candidates = schema.cookies.filter(
    (c) => serverCookies.includes(c) && !c.family && !c.signed && c.accessor,
  );
  const ordered = [
    ...candidates.filter((c) => c.category === schema.requiredCategory),
    ...candidates.filter((c) => c.category !== schema.requiredCategory),
  ];
  let write: string | undefined;
  for (const cookie of ordered) {
    const value = exampleValue(cookie);
    if (value !== undefined) {
      write = `jar.${cookie.accessor}.set(${value});`;
      break;
    }
  }
  return [
    'const jar = createCookies(request);',
    ...(write ? [write] : ['if (jar.consent.needsPrompt) {', '  // show the consent banner', '}']),
    "return jar.applyTo(new Response('ok'));",
  ];
}
