/**
 * Where each cookie's value check is written, and how: with the reasons of the runtime's codecs,
 * or, in the production build of the package (`dist/production/`), with codes. A check used by both the server and the client
 * module is exported by `shared.ts`; one only a module uses is written in that module, not
 * exported: a client bundle then never holds a server-only cookie's check (its JSON keys, its
 * pattern, its name in a comment), even in a development build that keeps unused code.
 */
import type { NormalizedCookie, NormalizedSchema } from '../schema/types';
import { textCheckStatements } from './definition';
import { clientCookies } from './emit-client';
import { compare, serverCookies } from './emit-server';
import { jsonCheckFunction } from './json-check';
import { type Statement, StructureKind } from './structures';
import { checkName, hasValueCheck } from './types';

/** The module a check is written in. */
export type CheckHome = 'shared' | 'server' | 'client';

const homes = new WeakMap<NormalizedSchema, Map<NormalizedCookie, CheckHome>>();

/** Each checked cookie with the module its check is written in. */
function checkHomes(schema: NormalizedSchema): Map<NormalizedCookie, CheckHome> {
  let map = homes.get(schema);
  if (map === undefined) {
    const server = new Set(serverCookies(schema));
    const client = new Set(clientCookies(schema));
    map = new Map();
    for (const c of schema.cookies) {
      if (c.accessor == null || !hasValueCheck(c)) continue;
      const onServer = server.has(c);
      const onClient = client.has(c);
      if (onServer || onClient)
        map.set(c, onServer && onClient ? 'shared' : onServer ? 'server' : 'client');
    }
    homes.set(schema, map);
  }
  return map;
}

/** The cookies whose checks are written in `home`, in the order of the checks' names. */
function checkedIn(schema: NormalizedSchema, home: CheckHome): NormalizedCookie[] {
  return [...checkHomes(schema)]
    .filter(([, h]) => h === home)
    .map(([c]) => c)
    .sort((a, b) => compare(checkName(a), checkName(b)));
}

/** The check statements of `home`'s module; exported from `shared.ts` only. */
export function checkStatements(
  schema: NormalizedSchema,
  home: CheckHome,
  production = false,
): Statement[] {
  return checkedIn(schema, home).flatMap((c): Statement[] => {
    const statements: Statement[] =
      c.value.type === 'json'
        ? [
            {
              ...jsonCheckFunction(checkName(c), c.value.schema, {
                messages: production ? 'codes' : 'full',
              }),
              docs: [
                `Why a value is not one of \`${c.name}\`'s (its JSON Schema, checked line by line), or \`undefined\`. Objects must be plain, without \`__proto__\`, \`constructor\` or \`prototype\` keys.`,
              ],
            },
          ]
        : textCheckStatements(c, '$runtime', production);
    return statements.map((s) =>
      s.kind === StructureKind.Function ? { ...s, isExported: home === 'shared' } : s,
    );
  });
}

/**
 * Whether `home`'s checks call the runtime (`$runtime.expected`): JSON checks do not, nor any
 * check of a production build (it returns codes).
 */
export function checksUseRuntime(
  schema: NormalizedSchema,
  home: CheckHome,
  production = false,
): boolean {
  return !production && checkedIn(schema, home).some((c) => c.value.type !== 'json');
}

/** The names of the checks `shared.ts` exports for `cookies`, for a module's import. */
export function sharedCheckNames(schema: NormalizedSchema, cookies: NormalizedCookie[]): string[] {
  const map = checkHomes(schema);
  return cookies.filter((c) => map.get(c) === 'shared').map(checkName);
}
