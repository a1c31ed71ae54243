/**
 * The constant each cookie is emitted as (`CookieDefinition` of the runtime): codec,
 * precomputed attribute strings, category, lifetime, default. All known at generation time.
 */
import {
  type CookieAttributes,
  compileCookieAttributes,
  compileDeleteAttributes,
} from '@cookie-schema/runtime';
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { jsonTypeName, quote } from './types';

/** Set-Cookie attributes of a declared cookie (a family's members share them). */
export function declaredAttributes(cookie: NormalizedCookie): CookieAttributes {
  return {
    maxAge: cookie.maxAge,
    domain: cookie.domain,
    path: cookie.path,
    httpOnly: cookie.httpOnly,
    secure: cookie.secure,
    sameSite: cookie.sameSite,
    partitioned: cookie.partitioned,
  };
}

/** A name the attribute compiler accepts for a family (its prefix plus a placeholder). */
function sampleName(cookie: NormalizedCookie): string {
  return cookie.family ? `${cookie.prefix}x` : cookie.name;
}

export function setSuffix(cookie: NormalizedCookie): string {
  return compileCookieAttributes(sampleName(cookie), declaredAttributes(cookie));
}

export function deleteSuffix(cookie: NormalizedCookie): string {
  const { domain, path, secure, sameSite, partitioned, httpOnly } = declaredAttributes(cookie);
  return compileDeleteAttributes(sampleName(cookie), {
    domain,
    path,
    secure,
    sameSite,
    partitioned,
    httpOnly,
  });
}

function encodingArgument(cookie: NormalizedCookie, runtime: string): string {
  return cookie.encoding === 'uri' ? '' : `${runtime}.${cookie.encoding}`;
}

function args(...list: string[]): string {
  while (list.length && list[list.length - 1] === '') list.pop();
  return list.map((a) => a || 'undefined').join(', ');
}

function objectLiteral(entries: [string, string | number | undefined][]): string {
  const present = entries.filter(([, v]) => v !== undefined);
  return present.length ? `{ ${present.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : '';
}

/** The codec expression of a cookie, e.g. `$runtime.enumCodec(['en', 'fr'])`. */
export function codecExpression(cookie: NormalizedCookie, runtime: string): string {
  const value = cookie.value;
  const encoding = encodingArgument(cookie, runtime);
  const pure = '/*#__PURE__*/ ';
  switch (value.type) {
    case 'string': {
      const constraints = objectLiteral([
        ['minLength', value.minLength],
        ['maxLength', value.maxLength],
        ['pattern', value.pattern === undefined ? undefined : quote(value.pattern)],
      ]);
      return `${pure}${runtime}.stringCodec(${args(constraints, encoding)})`;
    }
    case 'enum':
      return `${pure}${runtime}.enumCodec(${args(`[${value.values.map(quote).join(', ')}]`, encoding)})`;
    case 'integer':
    case 'number': {
      const constraints = objectLiteral([
        ['min', value.min],
        ['max', value.max],
      ]);
      return `${pure}${runtime}.${value.type}Codec(${args(constraints, encoding)})`;
    }
    case 'boolean':
    case 'date':
    case 'consent':
      return `${pure}${runtime}.${value.type}Codec(${args(encoding)})`;
    case 'json': {
      const type = jsonTypeName(cookie);
      return `${pure}${runtime}.jsonCodec<${type}>(${args(`${pure}${runtime}.compileJsonValidator<${type}>(${JSON.stringify(value.schema)})`, encoding)})`;
    }
  }
}

/** A JavaScript literal of a default value (dates become `new Date(…)`). */
export function defaultLiteral(cookie: NormalizedCookie): string | undefined {
  if (cookie.default === undefined) return undefined;
  if (cookie.value.type === 'date') return `new Date(${quote(String(cookie.default))})`;
  if (typeof cookie.default === 'string') return quote(cookie.default);
  return JSON.stringify(cookie.default);
}

/** The `CookieDefinition` object literal of a cookie. */
export function definitionLiteral(
  cookie: NormalizedCookie,
  schema: NormalizedSchema,
  runtime: string,
  side: 'server' | 'client',
): string {
  const entries: [string, string | number | undefined][] = [
    ['name', quote(cookie.prefix)],
    ['family', cookie.family ? 'true' : undefined],
    ['category', cookie.category === schema.requiredCategory ? undefined : quote(cookie.category)],
    ['codec', codecExpression(cookie, runtime)],
    ['suffix', quote(setSuffix(cookie))],
    // The browser derives the deletion from `suffix` (`Max-Age=0`): fewer bytes to download.
    ['deleteSuffix', side === 'server' ? quote(deleteSuffix(cookie)) : undefined],
    ['fallback', defaultLiteral(cookie)],
    ['signed', cookie.signed ? 'true' : undefined],
  ];
  return `{ ${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;
}
