/** `src/server.ts`: `createCookies(source, options)` and the types of the server jar. */
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { checkStatements, sharedCheckNames } from './checks';
import { definitionLiteral, deletionConstants, deletionName, setSuffix } from './definition';
import { cookieDoc, docText } from './docs';
import { createCookiesExample } from './example';
import {
  type ArrayExpression,
  arrayLiteral,
  type Expression,
  type ObjectExpression,
  objectLiteral,
  pureCall,
} from './expression';
import { type Statement, StructureKind, VariableDeclarationKind } from './structures';
import { cookieValueType, jsonTypeNames, propertyKey, quote } from './types';
import { type VerbatimCheck, verbatimCheck } from './verbatim';

const RT = '$runtime';

/**
 * The value type of cookie `N` in `jar.get`/`jar.set`, deferred: N is inferred from the name
 * alone and the value checked against that one cookie. As a plain `CookieValues[N]` (or
 * `NoInfer<…>`), TypeScript inferred N from the value too, or took the constraint of
 * `CookieValues[N]` over every cookie: 46,000 type instantiations for one `jar.set` call with
 * 2,000 cookies, against 30. `[N] extends [CookieName]` narrows N (a `string`, see
 * {@link NAME_ARGUMENT}) to the names it indexes, without distributing over every name as
 * `CookieValues[N & CookieName]` did; a name the server does not have gets `never`, and its
 * error is the name's.
 */
const VALUE_OF_N_TYPE =
  '[N] extends [CookieName] ? (CookieValues[N] extends infer V ? V : never) : never';

/** The value type of cookie `N` where get/set use it: by its name, {@link VALUE_OF_N_TYPE}. */
const VALUE_OF_N = 'CookieValueOf<N>';

/** A by-name read: the value, `undefined` when absent unless the cookie has a `default`. */
const READ_OF_N = `N extends DefaultedCookieName ? ${VALUE_OF_N} : ${VALUE_OF_N} | undefined`;

/**
 * `CookieNameArgument<N>`, the type of `name` in `jar.get`/`set`/`delete`: N itself when the
 * server has that cookie; the reason, as the type error says it (`NotOnServer`), for a cookie of
 * the schema the server does not have; else `CookieName`, which editors offer as completions.
 *
 * Each part keeps type-checking from growing with the number of cookies. N is a `string`: for an
 * argument that is a literal, TypeScript computes the constraint of this type, substituting
 * `string` for N, and any union it builds there that holds every cookie name costs names ×
 * families (it drops the names a family's template literal matches; 3.7× the time of a
 * 20-cookie app at 2,000 cookies). So:
 * - the first test is `([N] extends [CookieName] ? true : false) extends true`, not
 *   `[N] extends [CookieName]`: the latter narrows N to `N & CookieName` in its branch, an
 *   intersection with every name; and not distributive, so a `CookieName` argument is one test;
 * - the reason is looked up behind `N extends string ? … : never` and another
 *   `(… ? true : false) extends true`: for N = `string` the first is surely true and the second
 *   surely false, so the constraint is `CookieName` itself, not a new union of it and the reasons.
 * A union argument that mixes a name the server has with one it has not is refused.
 */
const NAME_ARGUMENT = `([N] extends [CookieName] ? true : false) extends true ? N : N extends string ? (N extends keyof UnavailableCookies ? true : false) extends true ? ${RT}.NotOnServer<N, UnavailableCookies[N & keyof UnavailableCookies]> : CookieName : never`;

/** First-party cookies the server sees (not client-only, not third-party), by accessor. */
export function serverCookies(schema: NormalizedSchema): NormalizedCookie[] {
  return schema.cookies
    .filter((c) => c.party === 'first' && c.scope !== 'client')
    .sort((a, b) => compare(a.accessor!, b.accessor!));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key of a cookie in `CookieValues`: its name, or a template literal for a family. */
export function valuesKey(cookie: NormalizedCookie): string {
  return cookie.family
    ? `[name: \`${cookie.prefix.replace(/[`\\$]/g, '\\$&')}\${string}\`]`
    : propertyKey(cookie.name);
}

export function accessorType(cookie: NormalizedCookie, side: 'Server' | 'Client'): string {
  const type = cookieValueType(cookie, RT);
  const withDefault = cookie.default !== undefined ? 'WithDefault' : '';
  if (cookie.family) return `${RT}.${side}CookieFamily${withDefault}<${type}>`;
  if (cookie.encrypted) return `${RT}.EncryptedServerCookie${withDefault}<${type}>`;
  if (cookie.signed) return `${RT}.SignedServerCookie${withDefault}<${type}>`;
  return `${RT}.${side}Cookie${withDefault}<${type}>`;
}

/** The name type of a cookie: its name, or a template literal for a family. */
function nameType(cookie: NormalizedCookie): string {
  return cookie.family
    ? `\`${cookie.prefix.replace(/[`\\$]/g, '\\$&')}\${string}\``
    : quote(cookie.name);
}

/** The purge list: first-party cookies of categories that need consent. */
export function purgeLiteral(
  cookies: NormalizedCookie[],
  schema: NormalizedSchema,
): ArrayExpression {
  const entries = cookies
    .filter((c) => c.party === 'first' && c.category !== schema.requiredCategory)
    .sort((a, b) => compare(a.name, b.name))
    .map((c) => {
      const family: [string, string][] = c.family ? [['family', 'true']] : [];
      const covered = c.family ? coveredNames(c, schema) : [];
      const except: [string, string][] = covered.length
        ? [['except', `[${covered.map(quote).join(', ')}]`]]
        : [];
      return objectLiteral([
        ['name', quote(c.prefix)],
        ...family,
        ['category', quote(c.category)],
        ['deleteSuffix', deletionName(c, schema)],
        ...except,
      ]);
    });
  return arrayLiteral(entries, true);
}

/**
 * The exactly-declared names a family's prefix covers (`_ga_keep` beside `_ga_*`), sorted: the
 * runtime's purge never deletes them with the family. `validate` refuses such a schema
 * (`family-covers-name`); this keeps a package generated from one anyway from deleting them.
 */
export function coveredNames(family: NormalizedCookie, schema: NormalizedSchema): string[] {
  return schema.cookies
    .filter(
      (c) => !c.family && c.name.startsWith(family.prefix) && c.name.length > family.prefix.length,
    )
    .map((c) => c.name)
    .sort(compare);
}

/** Imports from `./shared.js` and the re-export of its types (`CategoryName`, `json` values). */
export function sharedImports(
  cookies: readonly NormalizedCookie[],
  values: readonly string[],
): Statement[] {
  const types = ['CategoryName', ...jsonTypeNames(cookies)].sort();
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [...types.map((name) => ({ name, isTypeOnly: true })), ...[...values].sort()],
      moduleSpecifier: './shared.js',
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: types,
      moduleSpecifier: './shared.js',
    },
  ];
}

export function valuesInterface(cookies: NormalizedCookie[], doc: string): Statement {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name: 'CookieValues',
    docs: [doc],
    properties: [...cookies]
      .filter((c) => !c.family)
      .sort((a, b) => compare(a.name, b.name))
      .map((c) => ({ name: propertyKey(c.name), type: cookieValueType(c, RT) })),
    indexSignatures: cookies
      .filter((c) => c.family)
      .sort((a, b) => compare(a.name, b.name))
      .map((c) => ({
        keyName: 'name',
        keyType: `\`${c.prefix.replace(/[`\\$]/g, '\\$&')}\${string}\``,
        returnType: cookieValueType(c, RT),
      })),
  };
}

/**
 * A cookie's definition in the server jar: the shared definition, and `verbatim` where the
 * schema proves which values are written and read as they are (see verbatim.ts), so that the
 * jar's write of such a value is one test and a concatenation.
 */
export function serverDefinitionLiteral(
  cookie: NormalizedCookie,
  schema: NormalizedSchema,
): ObjectExpression {
  const literal = definitionLiteral(cookie, schema, RT, 'server');
  const check = verbatimCheck(cookie);
  if (check === undefined) return literal;
  return objectLiteral(
    [...literal.properties, ['verbatim', verbatimExpression(check)]],
    literal.multiline,
  );
}

function verbatimExpression(check: VerbatimCheck): Expression {
  if (check.kind === 'enum') {
    return pureCall(`${RT}.verbatimEnum`, [arrayLiteral(check.values.map(quote))]);
  }
  const args: Expression[] = [check.pattern ?? 'undefined'];
  if (check.maxLength !== undefined || check.minLength !== 0) args.push(String(check.minLength));
  if (check.maxLength !== undefined) args.push(String(check.maxLength));
  if (args.length === 1 && check.pattern === undefined) args.pop();
  return pureCall(`${RT}.verbatimString`, args);
}

export function emitServerStatements(schema: NormalizedSchema): Statement[] {
  const cookies = serverCookies(schema);
  const firstParty = schema.cookies
    .filter((c) => c.party === 'first')
    .sort((a, b) => compare(a.name, b.name));
  const signed = cookies.filter((c) => c.signed && !c.family).map((c) => quote(c.name));
  const encrypted = cookies.filter((c) => c.encrypted).map((c) => quote(c.name));
  const defaulted = cookies.filter((c) => c.default !== undefined).map(nameType);
  const visible = new Set(cookies);
  const unavailable = schema.cookies
    .filter((c) => !visible.has(c))
    .sort((a, b) => compare(a.name, b.name));
  return [
    {
      kind: StructureKind.ImportDeclaration,
      namespaceImport: RT,
      moduleSpecifier: '@cookie-schema/runtime/server',
    },
    ...sharedImports(cookies, [
      'consentConfig',
      'consentMode',
      ...deletionConstants(schema).values(),
      ...sharedCheckNames(schema, cookies),
    ]),
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [
        'AttributeMismatch',
        'BlockedWrite',
        'ConsentRecord',
        'ConsentState',
        'CookieSource',
        'GuardFinding',
        'GuardOptions',
        'Inspection',
        'JarOptions',
        'SetOptions',
      ].sort(),
      moduleSpecifier: '@cookie-schema/runtime/server',
    },
    ...checkStatements(schema, 'server'),
    valuesInterface(
      cookies,
      'The value type of each cookie the server reads and writes, by cookie name.',
    ),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'CookieName',
      docs: ['A declared cookie the server can read and write. Undeclared names do not compile.'],
      type: 'keyof CookieValues & string',
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'SignedCookieName',
      docs: ['Cookies signed with HMAC: reading and writing them by name is async.'],
      type: signed.length ? signed.join(' | ') : 'never',
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'EncryptedCookieName',
      docs: ['Cookies encrypted with AES-256-GCM: reading and writing them by name is async.'],
      type: encrypted.length ? encrypted.join(' | ') : 'never',
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'DefaultedCookieName',
      docs: [
        'Cookies with a `default`: reading one by name gives its value or the default, never `undefined`.',
      ],
      type: defaulted.length ? defaulted.join(' | ') : 'never',
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'UnavailableCookies',
      docs: [
        'Cookies of the schema that the server jar does not have, and why: using one by name is a type error that says so.',
      ],
      properties: unavailable
        .filter((c) => !c.family)
        .map((c) => ({
          name: propertyKey(c.name),
          type: c.party === 'third' ? "'third-party'" : "'client'",
        })),
      indexSignatures: unavailable
        .filter((c) => c.family)
        .map((c) => ({
          keyName: 'name',
          keyType: nameType(c),
          returnType: c.party === 'third' ? "'third-party'" : "'client'",
        })),
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'CookieValueOf',
      docs: [
        'The value type of the cookie named `N` (`never` for a name the server does not have).\n\nWritten `CookieValues[N] extends infer V ? V : never` rather than `CookieValues[N]` so that TypeScript infers `N` from the name alone and checks the value against that one cookie: the plain indexed access made it relate the value to every cookie of the schema (46,000 type instantiations for one `jar.set` call at 2,000 cookies, against 30).',
      ],
      typeParameters: [{ name: 'N', constraint: 'string' }],
      type: VALUE_OF_N_TYPE,
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'CookieNameArgument',
      docs: [
        'The `name` of `jar.get`, `jar.set` and `jar.delete`: a cookie the server has, else the reason it has not, else `CookieName`.',
      ],
      typeParameters: [{ name: 'N', constraint: 'string' }],
      type: NAME_ARGUMENT,
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'Cookies',
      docs: [
        docText(
          `The cookies of one request of ${schema.policy.name}: one typed accessor per declared cookie, consent, and the Set-Cookie headers to send.`,
        ),
      ],
      extends: [`${RT}.CookieJarBase<CategoryName>`],
      properties: cookies.map((c) => ({
        name: c.accessor!,
        isReadonly: true,
        type: accessorType(c, 'Server'),
        docs: [cookieDoc(c, schema)],
      })),
      methods: [
        {
          name: 'get',
          docs: [
            'Reads a cookie by name, as its accessor does: the value, else the `default`, else `undefined` (absent or invalid). Never throws.',
          ],
          typeParameters: [{ name: 'N', constraint: 'string' }],
          parameters: [{ name: 'name', type: 'CookieNameArgument<N>' }],
          returnType: `N extends SignedCookieName | EncryptedCookieName ? Promise<${READ_OF_N}> : ${READ_OF_N}`,
        },
        {
          name: 'set',
          docs: [
            'Writes a cookie by name if its category is granted; returns whether it was written.',
          ],
          typeParameters: [{ name: 'N', constraint: 'string' }],
          parameters: [
            { name: 'name', type: 'CookieNameArgument<N>' },
            { name: 'value', type: VALUE_OF_N },
            { name: 'options', type: `${RT}.SetOptions`, hasQuestionToken: true },
          ],
          returnType:
            'N extends SignedCookieName | EncryptedCookieName ? Promise<boolean> : boolean',
        },
        {
          name: 'delete',
          docs: ['Deletes a cookie by name, with its declared path and domain.'],
          typeParameters: [{ name: 'N', constraint: 'string' }],
          parameters: [{ name: 'name', type: 'CookieNameArgument<N>' }],
          returnType: 'void',
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          `The cookie jar of one request.\n\n@param source a Fetch \`Request\`, a \`Headers\`, a Node \`IncomingMessage\` or a \`Cookie\` header string\n@param options \`secrets\` for signed and encrypted cookies (the first signs and encrypts, all verify and decrypt), \`onBlocked\` (\`"ignore"\`, \`"warn"\`, \`"throw"\`), \`gpc\`, \`domain\` (this deployment's, for the cookies that declare one)\n@example\n${createCookiesExample(schema, cookies).join('\n')}`,
        ),
      ],
      declarations: [
        {
          name: 'createCookies',
          type: `(source: ${RT}.CookieSource, options?: ${RT}.JarOptions) => Cookies`,
          initializer: pureCall(
            `${RT}.defineJar`,
            [
              objectLiteral(
                [
                  ['consent', 'consentConfig'],
                  ['consentMode', 'consentMode'],
                  [
                    'purge',
                    purgeLiteral(
                      schema.cookies.filter((c) => c.party === 'first'),
                      schema,
                    ),
                  ],
                  [
                    'accessors',
                    objectLiteral(
                      cookies.map((c) => [c.accessor!, serverDefinitionLiteral(c, schema)]),
                      true,
                    ),
                  ],
                  ...(unavailable.length
                    ? [
                        [
                          'unavailable',
                          objectLiteral(
                            unavailable.map((c) => [
                              propertyKey(c.name),
                              c.party === 'third' ? "'third-party'" : "'client'",
                            ]),
                            true,
                          ),
                        ] as [string, ObjectExpression],
                      ]
                    : []),
                ],
                true,
              ),
            ],
            ['CategoryName', 'Cookies'],
          ),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: 'setCookieGuard',
          type: `${RT}.GuardDefinition`,
          initializer: objectLiteral(
            [
              [
                'cookies',
                objectLiteral(
                  firstParty
                    .filter((c) => !c.family)
                    .map((c) => [
                      propertyKey(c.name),
                      arrayLiteral([quote(c.category), quote(setSuffix(c))]),
                    ]),
                  true,
                ),
              ],
              [
                'families',
                arrayLiteral(
                  firstParty
                    .filter((c) => c.family)
                    .map((c) =>
                      arrayLiteral([quote(c.prefix), quote(c.category), quote(setSuffix(c))]),
                    ),
                  true,
                ),
              ],
              [
                'thirdParty',
                arrayLiteral(
                  schema.cookies
                    .filter((c) => c.party === 'third')
                    .sort((a, b) => compare(a.name, b.name))
                    .map((c) => quote(c.name)),
                ),
              ],
            ],
            true,
          ),
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        docText(
          'A firewall for Set-Cookie headers that other code wrote (middleware, libraries): drops those of undeclared cookies, of declared third-party cookies and of categories not in `granted`; reports declared cookies written with other attributes or a longer lifetime than declared, and with `{ rewrite: true }` rewrites them to the declaration. Returns what it found. Deletions always pass.\n\n@example\nconst findings = guardSetCookies(response, jar.consent.state().granted);',
        ),
      ],
      declarations: [
        {
          name: 'guardSetCookies',
          type: `(target: ${RT}.GuardTarget, granted: readonly CategoryName[], options?: ${RT}.GuardOptions) => ${RT}.GuardFinding[]`,
          initializer: `(target, granted, options) => ${RT}.guardSetCookies(target, setCookieGuard, granted, options)`,
        },
      ],
    },
  ];
}
