/**
 * Finds raw cookie APIs in one source file (TypeScript compiler nodes, with the program's type
 * checker for name resolution and import origins). Each pattern below is one `case` of
 * {@link detectRawCookieUses}; the fixture app `test/fixtures/scan-app` has an example of each.
 *
 * | API | recognized as |
 * |---|---|
 * | `document.cookie = "n=v"` / a read of `document.cookie` | write / nameless read |
 * | `cookieStore.set/get/getAll/delete(name \| { name })` | write / read / delete |
 * | Express `res.cookie(name, …)`, `res.clearCookie(name)` | write / delete |
 * | `res.setHeader('Set-Cookie', v)`, `headers.append/set('Set-Cookie', v)`, `c.header('Set-Cookie', v)` | write |
 * | any `{ 'Set-Cookie': v }` object literal (`new Headers`, `res.writeHead`, `new Response`) and `['Set-Cookie', v]` header pairs | write |
 * | Next.js `cookies().set/get/has/delete`, `(await cookies()).…`, a variable holding `cookies()`, `x.cookies.set/get/has/delete` | write / read / delete |
 * | Hono `setCookie`, `setSignedCookie`, `getCookie`, `getSignedCookie`, `deleteCookie` (from `hono/cookie`) | write / read / delete |
 * | js-cookie `Cookies.set/get/remove` | write / read / delete |
 * | `cookie` package `serialize`, `stringifySetCookie` (write), `parse`, `parseCookie` (nameless read) | |
 */
import { ts } from 'ts-morph';
import {
  resolveCookieName,
  resolveNameFromCookieString,
  skipOuterExpressions,
  snippet,
} from './resolve-name';
import type { CookieAccess, CookieNameResolution, RawCookieUse } from './types';

const NONE: CookieNameResolution = { kind: 'none' };

/** A use found by a pattern, before it gets a position. */
interface Found {
  node: ts.Node;
  api: string;
  access: CookieAccess;
  name: CookieNameResolution;
}

function found(
  node: ts.Node,
  api: string,
  access: CookieAccess,
  name: CookieNameResolution,
): Found {
  return { node, api, access, name };
}

/** Where an identifier comes from: `import`/`require` of `module`, `imported` name or `*`. */
interface ImportOrigin {
  module: string;
  /** The exported name, `default`, or `*` for a namespace / CommonJS module object. */
  imported: string;
}

/** Finds every raw cookie use in `sourceFile`, in source order. `file` labels the results. */
export function detectRawCookieUses(
  sourceFile: ts.SourceFile,
  checker: ts.TypeChecker,
  file: string,
): RawCookieUse[] {
  const uses: RawCookieUse[] = [];
  const add = (node: ts.Node, api: string, access: CookieAccess, name: CookieNameResolution) => {
    const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    uses.push({ file, line: line + 1, column: character + 1, api, access, name });
  };
  const nameOf = (arg: ts.Expression | undefined): CookieNameResolution =>
    arg === undefined
      ? { kind: 'unresolved', why: 'no name argument' }
      : resolveCookieName(arg, checker, sourceFile);
  /** A name given as a string or as `{ name }` (cookieStore, Next.js, cookie@2). */
  const nameOrObject = (arg: ts.Expression | undefined): CookieNameResolution => {
    const expr = arg && skipOuterExpressions(arg);
    if (expr && ts.isObjectLiteralExpression(expr)) {
      const prop = findProperty(expr, 'name');
      return prop ? nameOf(prop) : { kind: 'unresolved', why: 'the object has no `name`' };
    }
    return nameOf(arg);
  };
  /** A `Set-Cookie` value: a string, or an array literal of strings (one use per element). */
  const setCookieValue = (at: ts.Node, api: string, value: ts.Expression | undefined) => {
    const expr = value && skipOuterExpressions(value);
    if (!expr) return;
    const items = ts.isArrayLiteralExpression(expr) ? [...expr.elements] : [expr];
    for (const item of items) {
      // `serialize(…)` / `stringifySetCookie(…)` is reported where it is called.
      if (ts.isCallExpression(skipOuterExpressions(item)) && isSerializerCall(item)) continue;
      if (ts.isSpreadElement(item)) {
        add(item, api, 'write', {
          kind: 'unresolved',
          why: `\`${snippet(item, sourceFile)}\` is not a constant`,
        });
        continue;
      }
      add(
        items.length > 1 ? item : at,
        api,
        'write',
        resolveNameFromCookieString(item, checker, sourceFile),
      );
    }
  };
  const isSerializerCall = (node: ts.Expression): boolean => {
    const call = skipOuterExpressions(node) as ts.CallExpression;
    const fn = cookiePackageFunction(call.expression);
    return fn === 'serialize' || fn === 'stringifySetCookie';
  };
  /** `serialize` for `serialize(…)` / `cookie.serialize(…)` when it comes from 'cookie'. */
  const cookiePackageFunction = (callee: ts.Expression): string | undefined => {
    if (ts.isIdentifier(callee)) {
      const origin = importOrigin(callee, checker);
      return origin?.module === 'cookie' ? origin.imported : undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const origin = importOrigin(callee.expression, checker);
      return origin?.module === 'cookie' &&
        (origin.imported === '*' || origin.imported === 'default')
        ? callee.name.text
        : undefined;
    }
    return undefined;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignment(node.operatorToken.kind)) {
      if (isDocumentCookie(node.left)) {
        add(
          node,
          'document.cookie',
          'write',
          resolveNameFromCookieString(node.right, checker, sourceFile),
        );
        visit(node.right);
        return;
      }
    } else if (isDocumentCookie(node)) {
      add(node, 'document.cookie', 'read', NONE);
      return;
    } else if (ts.isCallExpression(node)) {
      const use = visitCall(node);
      if (use) add(use.node, use.api, use.access, use.name);
    } else if (ts.isPropertyAssignment(node) && isSetCookieKey(node.name)) {
      setCookieValue(node, 'Set-Cookie header', node.initializer);
    } else if (
      ts.isArrayLiteralExpression(node) &&
      node.elements.length === 2 &&
      isSetCookieString(node.elements[0]!)
    ) {
      setCookieValue(node, 'Set-Cookie header', node.elements[1]);
    }
    ts.forEachChild(node, visit);
  };

  const visitCall = (call: ts.CallExpression): Found | undefined => {
    const callee = skipOuterExpressions(call.expression);
    const args = call.arguments;
    if (ts.isIdentifier(callee)) {
      const origin = importOrigin(callee, checker);
      if (origin?.module === 'hono/cookie' || origin?.module === 'hono/helper/cookie') {
        const api = callee.text;
        switch (origin.imported) {
          case 'setCookie':
          case 'setSignedCookie':
            return found(
              call,
              api,
              'write',
              honoPrefixed(
                nameOf(args[1]),
                optionPrefix(args[origin.imported === 'setCookie' ? 3 : 4]),
              ),
            );
          case 'deleteCookie':
            return found(call, api, 'delete', honoPrefixed(nameOf(args[1]), optionPrefix(args[2])));
          case 'getCookie':
            return found(
              call,
              api,
              'read',
              args[1] ? honoPrefixed(nameOf(args[1]), literalPrefix(args[2])) : NONE,
            );
          case 'getSignedCookie':
            return found(
              call,
              api,
              'read',
              args[2] ? honoPrefixed(nameOf(args[2]), literalPrefix(args[3])) : NONE,
            );
        }
      }
      if (origin?.module === 'cookie') {
        switch (origin.imported) {
          case 'serialize':
          case 'stringifySetCookie':
            return found(call, origin.imported, 'write', nameOrObject(args[0]));
          case 'parse':
          case 'parseCookie':
            return found(call, origin.imported, 'read', NONE);
        }
      }
      return;
    }
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    const receiver = skipOuterExpressions(callee.expression);
    const receiverText = ts.isIdentifier(receiver) ? receiver.text : undefined;

    const cookieFn = cookiePackageFunction(callee);
    if (cookieFn === 'serialize' || cookieFn === 'stringifySetCookie') {
      return found(call, `${receiverText}.${cookieFn}`, 'write', nameOrObject(args[0]));
    }
    if (cookieFn === 'parse' || cookieFn === 'parseCookie') {
      return found(call, `${receiverText}.${cookieFn}`, 'read', NONE);
    }
    if (isGlobal(receiver, 'cookieStore')) {
      const api = `cookieStore.${method}`;
      if (method === 'set') return found(call, api, 'write', nameOrObject(args[0]));
      if (method === 'delete') return found(call, api, 'delete', nameOrObject(args[0]));
      if (method === 'get' || method === 'getAll') {
        return found(call, api, 'read', args[0] ? nameOrObject(args[0]) : NONE);
      }
      return;
    }
    if (isJsCookie(receiver)) {
      const api = `${receiverText}.${method}`;
      if (method === 'set') return found(call, api, 'write', nameOf(args[0]));
      if (method === 'remove') return found(call, api, 'delete', nameOf(args[0]));
      if (method === 'get') return found(call, api, 'read', args[0] ? nameOf(args[0]) : NONE);
      return;
    }
    if (isNextCookies(receiver)) {
      const api = `${nextLabel(receiver)}.${method}`;
      if (method === 'set') return found(call, api, 'write', nameOrObject(args[0]));
      if (method === 'delete') return found(call, api, 'delete', nameOrObject(args[0]));
      if (method === 'get' || method === 'has')
        return found(call, api, 'read', nameOrObject(args[0]));
      if (method === 'getAll')
        return found(call, api, 'read', args[0] ? nameOrObject(args[0]) : NONE);
      return;
    }
    if (method === 'cookie' && args.length >= 2) {
      return found(call, `${receiverText ?? 'res'}.cookie`, 'write', nameOf(args[0]));
    }
    if (method === 'clearCookie' && args.length >= 1) {
      return found(call, `${receiverText ?? 'res'}.clearCookie`, 'delete', nameOf(args[0]));
    }
    if (
      (method === 'setHeader' || method === 'append' || method === 'set' || method === 'header') &&
      args.length >= 2 &&
      isSetCookieString(args[0]!)
    ) {
      setCookieValue(call, `${receiverText ?? '…'}.${method}('Set-Cookie')`, args[1]);
    }
    return undefined;
  };

  /** `document.cookie`, `window.document.cookie`, `globalThis.document.cookie`. */
  const isDocumentCookie = (node: ts.Node): node is ts.PropertyAccessExpression =>
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'cookie' &&
    isGlobal(skipOuterExpressions(node.expression), 'document');

  /** `name` or `window.name` / `globalThis.name` / `self.name`, not shadowed by an import. */
  const isGlobal = (node: ts.Expression, name: string): boolean => {
    if (ts.isIdentifier(node)) return node.text === name && !importOrigin(node, checker);
    return (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === name &&
      ts.isIdentifier(node.expression) &&
      ['window', 'globalThis', 'self'].includes(node.expression.text)
    );
  };

  const isJsCookie = (node: ts.Expression): boolean => {
    if (!ts.isIdentifier(node)) return false;
    const origin = importOrigin(node, checker);
    if (origin) return origin.module === 'js-cookie';
    return node.text === 'Cookies';
  };

  /** `cookies()`, `await cookies()`, a variable initialized with one, or `x.cookies`. */
  const isNextCookies = (node: ts.Expression): boolean => {
    const expr = skipAwait(node);
    if (ts.isCallExpression(expr)) {
      const fn = skipOuterExpressions(expr.expression);
      return ts.isIdentifier(fn) && fn.text === 'cookies' && expr.arguments.length === 0;
    }
    if (ts.isPropertyAccessExpression(expr)) return expr.name.text === 'cookies';
    if (ts.isIdentifier(expr)) {
      const declaration = checker.getSymbolAtLocation(expr)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
        const init = skipAwait(declaration.initializer);
        return ts.isCallExpression(init) && isNextCookies(init);
      }
    }
    return false;
  };
  const nextLabel = (node: ts.Expression): string => {
    const expr = skipAwait(node);
    if (ts.isCallExpression(expr)) return 'cookies()';
    return snippet(expr, sourceFile);
  };

  visit(sourceFile);
  return uses;
}

function skipAwait(node: ts.Expression): ts.Expression {
  let expr = skipOuterExpressions(node);
  while (ts.isAwaitExpression(expr)) expr = skipOuterExpressions(expr.expression);
  return expr;
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.PlusEqualsToken;
}

function isSetCookieString(node: ts.Expression): boolean {
  const expr = skipOuterExpressions(node);
  return (
    (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) &&
    expr.text.toLowerCase() === 'set-cookie'
  );
}

function isSetCookieKey(name: ts.PropertyName): boolean {
  return (
    (ts.isStringLiteral(name) ||
      ts.isIdentifier(name) ||
      ts.isNoSubstitutionTemplateLiteral(name)) &&
    name.text.toLowerCase() === 'set-cookie'
  );
}

function findProperty(object: ts.ObjectLiteralExpression, key: string): ts.Expression | undefined {
  for (const prop of object.properties) {
    if (ts.isPropertyAssignment(prop) && propertyKey(prop.name) === key) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === key) return prop.name;
  }
  return undefined;
}

function propertyKey(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) ||
    ts.isStringLiteral(name) ||
    ts.isNoSubstitutionTemplateLiteral(name)
    ? name.text
    : undefined;
}

/** Hono's `prefix: 'secure' | 'host'` option, which prepends `__Secure-` / `__Host-`. */
function optionPrefix(arg: ts.Expression | undefined): string | undefined {
  const expr = arg && skipOuterExpressions(arg);
  if (!expr || !ts.isObjectLiteralExpression(expr)) return undefined;
  const prefix = findProperty(expr, 'prefix');
  return prefix ? literalPrefix(prefix) : undefined;
}

function literalPrefix(arg: ts.Expression | undefined): string | undefined {
  const expr = arg && skipOuterExpressions(arg);
  if (!expr || !ts.isStringLiteral(expr)) return undefined;
  return expr.text === 'secure' ? '__Secure-' : expr.text === 'host' ? '__Host-' : undefined;
}

function honoPrefixed(
  name: CookieNameResolution,
  prefix: string | undefined,
): CookieNameResolution {
  return prefix && name.kind === 'names'
    ? { kind: 'names', names: name.names.map((n) => prefix + n) }
    : name;
}

/**
 * Where an identifier was imported from: ES `import` (named, default, namespace) or CommonJS
 * `require` (whole module or destructured). `undefined` for local declarations and globals.
 */
function importOrigin(
  identifier: ts.Identifier,
  checker: ts.TypeChecker,
): ImportOrigin | undefined {
  const declaration = checker.getSymbolAtLocation(identifier)?.declarations?.[0];
  if (!declaration) return undefined;
  if (ts.isImportSpecifier(declaration)) {
    const module = moduleOf(declaration.parent.parent.parent.moduleSpecifier);
    const imported = (declaration.propertyName ?? declaration.name).text;
    return module === undefined ? undefined : { module, imported };
  }
  if (ts.isImportClause(declaration)) {
    const module = moduleOf(declaration.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, imported: 'default' };
  }
  if (ts.isNamespaceImport(declaration)) {
    const module = moduleOf(declaration.parent.parent.moduleSpecifier);
    return module === undefined ? undefined : { module, imported: '*' };
  }
  if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    const module = requiredModule(declaration.initializer);
    return module === undefined ? undefined : { module, imported: '*' };
  }
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent)) {
    const variable = declaration.parent.parent;
    const module = ts.isVariableDeclaration(variable)
      ? requiredModule(variable.initializer)
      : undefined;
    const key = declaration.propertyName ?? declaration.name;
    const imported = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : undefined;
    return module === undefined || imported === undefined ? undefined : { module, imported };
  }
  return undefined;
}

function moduleOf(specifier: ts.Expression): string | undefined {
  return ts.isStringLiteral(specifier) ? specifier.text : undefined;
}

/** `'m'` for `require('m')` (also `await import('m')`), else `undefined`. */
function requiredModule(init: ts.Expression | undefined): string | undefined {
  if (!init) return undefined;
  const expr = skipAwait(init);
  if (!ts.isCallExpression(expr) || expr.arguments.length !== 1) return undefined;
  const isRequire = ts.isIdentifier(expr.expression) && expr.expression.text === 'require';
  const isImport = expr.expression.kind === ts.SyntaxKind.ImportKeyword;
  const arg = expr.arguments[0]!;
  return (isRequire || isImport) && ts.isStringLiteral(arg) ? arg.text : undefined;
}
