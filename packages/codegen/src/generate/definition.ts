/**
 * The constant each cookie is emitted as (`CookieDefinition` of the runtime): codec,
 * precomputed attribute strings, category, lifetime, default. All known at generation time.
 */
import {
  type CookieAttributes,
  compileCookieAttributes,
  compileDeleteAttributes,
} from '@cookie-schema/runtime';
import type { NormalizedCookie, NormalizedSchema, NormalizedValueType } from '../schema/types';
import {
  type Expression,
  jsonLiteral,
  type ObjectExpression,
  objectLiteral,
  pureCall,
} from './expression';
import {
  type FunctionStatement,
  type Statement,
  StructureKind,
  VariableDeclarationKind,
} from './structures';
import { checkName, hasValueCheck, jsonTypeName, quote } from './types';

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
    priority: cookie.priority,
  };
}

/** A name the attribute compiler accepts for a family (its prefix plus a placeholder). */
function sampleName(cookie: NormalizedCookie): string {
  return cookie.family ? `${cookie.prefix}x` : cookie.name;
}

// Each cookie's attribute strings are used several times (definitions, docs, purge lists).
const setSuffixes = new WeakMap<NormalizedCookie, string>();
const deleteSuffixes = new WeakMap<NormalizedCookie, string>();

export function setSuffix(cookie: NormalizedCookie): string {
  let suffix = setSuffixes.get(cookie);
  if (suffix === undefined) {
    suffix = compileCookieAttributes(sampleName(cookie), declaredAttributes(cookie));
    setSuffixes.set(cookie, suffix);
  }
  return suffix;
}

const deletionNames = new WeakMap<NormalizedSchema, Map<string, string>>();

/**
 * The distinct deletion attributes of the schema's first-party cookies, each with the name of
 * the constant `shared.ts` exports for it, so that the modules say each once: `deletion` for the
 * one most cookies use, then `deletion2`, `deletion3`… (by use, then text: deterministic).
 */
export function deletionConstants(schema: NormalizedSchema): Map<string, string> {
  let names = deletionNames.get(schema);
  if (names === undefined) {
    const uses = new Map<string, number>();
    for (const c of schema.cookies) {
      if (c.party === 'first') uses.set(deleteSuffix(c), (uses.get(deleteSuffix(c)) ?? 0) + 1);
    }
    const ranked = [...uses].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    names = new Map(ranked.map(([text], i) => [text, i === 0 ? 'deletion' : `deletion${i + 1}`]));
    deletionNames.set(schema, names);
  }
  return names;
}

/** The constant of `cookie`'s deletion attributes (see {@link deletionConstants}). */
export function deletionName(cookie: NormalizedCookie, schema: NormalizedSchema): string {
  return deletionConstants(schema).get(deleteSuffix(cookie))!;
}

export function deleteSuffix(cookie: NormalizedCookie): string {
  let suffix = deleteSuffixes.get(cookie);
  if (suffix === undefined) {
    const { domain, path, secure, sameSite, partitioned, httpOnly } = declaredAttributes(cookie);
    suffix = compileDeleteAttributes(sampleName(cookie), {
      domain,
      path,
      secure,
      sameSite,
      partitioned,
      httpOnly,
    });
    deleteSuffixes.set(cookie, suffix);
  }
  return suffix;
}

function encodingArgument(cookie: NormalizedCookie, runtime: string): string {
  // An encrypted value is sealed as text, and the sealed value is base64url.
  if (cookie.encrypted) return `${runtime}.text`;
  return cookie.encoding === 'uri' ? '' : `${runtime}.${cookie.encoding}`;
}

/** Call arguments: trailing absent ones dropped, absent ones before a present one `undefined`. */
function args(...list: (Expression | '')[]): Expression[] {
  while (list.length && list[list.length - 1] === '') list.pop();
  return list.map((a) => a || 'undefined');
}

/** The properties that are present, as an object literal; `''` when none is. */
function presentProperties(entries: [string, string | number | undefined][]): Expression | '' {
  const present = entries.filter((e): e is [string, string | number] => e[1] !== undefined);
  return present.length ? objectLiteral(present.map(([k, v]) => [k, String(v)])) : '';
}

/**
 * The check of a `string` or `enum` value, written for that cookie as a function of `shared.ts`:
 * only what it declares (the members; the type, lengths in code points, the pattern), one test
 * per line, with the reasons the general codecs give (`expected` drops them in the runtime's
 * production build). A pattern is a RegExp literal with the `u` flag when the source is valid
 * with it, as JSON Schema recommends (and without it otherwise, as `stringCodec` decides).
 */
export function textCheckStatements(
  cookie: NormalizedCookie,
  runtime: string,
  production = false,
): Statement[] {
  const value = cookie.value as Extract<NormalizedValueType, { type: 'string' | 'enum' }>;
  // A production build returns the code the runtime's production `expected()` returns.
  const reason = (what: string) =>
    production ? "return 'invalid-value';" : `return ${runtime}.expected(${quote(what)}, v);`;
  const statements: string[] = [];
  let pattern: Statement | undefined;
  if (value.type === 'enum') {
    const list = `one of ${value.values.map((v) => JSON.stringify(v)).join(', ')}`;
    const members = value.values.map((m) => `v !== ${quote(m)}`);
    const test = members.join(' && ');
    statements.push(
      test.length <= 72
        ? `if (${test}) ${reason(list)}`
        : `if (\n  ${members.join(' &&\n  ')}\n) {\n  ${reason(list)}\n}`,
    );
  } else {
    statements.push(`if (typeof v !== 'string') ${reason('a string')}`);
    if (value.minLength !== undefined) {
      statements.push(
        `if ([...v].length < ${value.minLength}) ${reason(`at least ${value.minLength} characters`)}`,
      );
    }
    if (value.maxLength !== undefined) {
      statements.push(
        `if ([...v].length > ${value.maxLength}) ${reason(`at most ${value.maxLength} characters`)}`,
      );
    }
    if (value.pattern !== undefined) {
      // A module constant: a RegExp literal in the function would be a new object every call.
      pattern = {
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          { name: `${cookie.accessor}Pattern`, initializer: patternLiteral(value.pattern) },
        ],
      };
      statements.push(
        `if (!${cookie.accessor}Pattern.test(v)) ${reason(`a string matching ${patternLiteral(value.pattern)}`)}`,
      );
    }
  }
  statements.push('return undefined;');
  const check: FunctionStatement = {
    kind: StructureKind.Function,
    name: checkName(cookie),
    parameters: [{ name: 'v', type: 'any' }],
    returnType: 'string | undefined',
    statements,
    isExported: true,
    docs: [
      `Why a value is not one of \`${cookie.name}\`'s (${value.type === 'enum' ? 'one of its members' : 'its declared constraints'}), or \`undefined\`.`,
    ],
  };
  return pattern ? [pattern, check] : [check];
}

/** `/source/u`, or `/source/` when `u` rejects the source; `/` and line ends escaped. */
export function patternLiteral(source: string): string {
  try {
    return String(new RegExp(source, 'u'));
  } catch {
    return String(new RegExp(source));
  }
}

/** The codec expression of a cookie, e.g. `$runtime.enumCodec(['en', 'fr'])`. */
export function codecExpression(cookie: NormalizedCookie, runtime: string): Expression {
  const value = cookie.value;
  const encoding = encodingArgument(cookie, runtime);
  switch (value.type) {
    case 'string':
    case 'enum':
      return pureCall(
        `${runtime}.textCodec`,
        [
          quote(value.type),
          hasValueCheck(cookie) ? checkName(cookie) : `${runtime}.isString`,
          encoding || `${runtime}.uri`,
        ],
        // An enum's members are the accessor's declared type, which TypeScript passes down.
        value.type === 'string' ? ['string'] : [],
      );
    case 'integer':
    case 'number': {
      const constraints = presentProperties([
        ['min', value.min],
        ['max', value.max],
      ]);
      return pureCall(`${runtime}.${value.type}Codec`, args(constraints, encoding));
    }
    case 'boolean':
    case 'date':
    case 'consent':
      return pureCall(`${runtime}.${value.type}Codec`, args(encoding));
    case 'json': {
      // The check is generated for this schema and exported by shared.ts (see json-check.ts);
      // the value type is a type argument: TypeScript in src/, gone from the JavaScript.
      const type = jsonTypeName(cookie);
      return pureCall(`${runtime}.jsonCodec`, args(checkName(cookie), encoding), [type]);
    }
  }
}

/** A JavaScript literal of a default value (dates become `new Date(…)`). */
export function defaultLiteral(cookie: NormalizedCookie): Expression | undefined {
  if (cookie.default === undefined) return undefined;
  if (cookie.value.type === 'date') return `new Date(${quote(String(cookie.default))})`;
  if (typeof cookie.default === 'string') return quote(cookie.default);
  // Numbers, booleans, and `json` objects and arrays (which TypeScript's emitter re-spaces).
  return jsonLiteral(cookie.default);
}

/** The `CookieDefinition` object literal of a cookie. */
export function definitionLiteral(
  cookie: NormalizedCookie,
  schema: NormalizedSchema,
  runtime: string,
  side: 'server' | 'client',
): ObjectExpression {
  const entries: [string, Expression | undefined][] = [
    ['name', quote(cookie.prefix)],
    ['family', cookie.family ? 'true' : undefined],
    ['category', cookie.category === schema.requiredCategory ? undefined : quote(cookie.category)],
    ['codec', codecExpression(cookie, runtime)],
    ['suffix', quote(setSuffix(cookie))],
    // The browser derives the deletion from `suffix` (`Max-Age=0`): fewer bytes to download.
    ['deleteSuffix', side === 'server' ? deletionName(cookie, schema) : undefined],
    ['fallback', defaultLiteral(cookie)],
    ['signed', cookie.signed ? 'true' : undefined],
    ['encrypted', cookie.encrypted ? 'true' : undefined],
  ];
  return objectLiteral(
    entries.filter((e): e is [string, Expression] => e[1] !== undefined),
    true,
  );
}
