/**
 * Static resolution of cookie names: what the compiler knows about a string expression. A string
 * literal type means resolved (`const NAME = 'sid'`, `as const` objects, string enum members);
 * template literals and `+` concatenations are resolved piece by piece, so a value such as
 * `` `${NAME}=${value}; Path=/` `` yields its name even though the value is unknown.
 */
import { ts } from 'ts-morph';
import type { CookieNameResolution } from './types';

/** A piece of a string: known text, or `null` for a part only known at run time. */
export type StringPiece = string | null;

/** Strips parentheses, `as`, `satisfies`, `!` and `<T>` assertions, which do not change a value. */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/** The literal values of a type: one for a literal type, several for a union of literals. */
function literalValues(type: ts.Type): string[] | undefined {
  if (type.isStringLiteral()) return [type.value];
  if (type.isNumberLiteral()) return [String(type.value)];
  if (type.isUnion()) {
    const values: string[] = [];
    for (const member of type.types) {
      const inner = literalValues(member);
      if (!inner) return undefined;
      values.push(...inner);
    }
    return values;
  }
  return undefined;
}

/**
 * Splits a string expression into known and unknown pieces. Literals, template literals, `+`
 * concatenations and expressions of a single literal type are known; everything else is `null`.
 */
export function stringPieces(
  node: ts.Expression,
  checker: ts.TypeChecker,
  depth = 0,
): StringPiece[] {
  const expr = skipOuterExpressions(node);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isNumericLiteral(expr)) return [String(Number(expr.text))];
  if (ts.isTemplateExpression(expr)) {
    const pieces: StringPiece[] = [expr.head.text];
    for (const span of expr.templateSpans) {
      pieces.push(...stringPieces(span.expression, checker, depth), span.literal.text);
    }
    return pieces;
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [
      ...stringPieces(expr.left, checker, depth),
      ...stringPieces(expr.right, checker, depth),
    ];
  }
  const values = literalValues(checker.getTypeAtLocation(expr));
  if (values?.length === 1) return [values[0]!];
  // `const NAME = 'session' + 'id'` has type `string`: follow the constant to its initializer.
  const initializer = depth < 8 ? constInitializer(expr, checker) : undefined;
  return initializer ? stringPieces(initializer, checker, depth + 1) : [null];
}

/** The initializer of the `const` variable an identifier refers to (through imports too). */
function constInitializer(expr: ts.Expression, checker: ts.TypeChecker): ts.Expression | undefined {
  if (!ts.isIdentifier(expr)) return undefined;
  let symbol =
    expr.parent && ts.isShorthandPropertyAssignment(expr.parent)
      ? checker.getShorthandAssignmentValueSymbol(expr.parent)
      : checker.getSymbolAtLocation(expr);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (
    declaration &&
    ts.isVariableDeclaration(declaration) &&
    ts.isVariableDeclarationList(declaration.parent) &&
    declaration.parent.flags & ts.NodeFlags.Const
  ) {
    return declaration.initializer;
  }
  return undefined;
}

/** Short source text of a node for messages (first line, at most 40 characters). */
export function snippet(node: ts.Node, sourceFile: ts.SourceFile): string {
  const text = node.getText(sourceFile).split('\n')[0]!;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Resolves an expression used as a cookie name (`res.cookie(NAME, …)`). A union of literal types
 * resolves to every member (each is checked against the schema).
 */
export function resolveCookieName(
  node: ts.Expression,
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
): CookieNameResolution {
  const expr = skipOuterExpressions(node);
  const union = literalValues(checker.getTypeAtLocation(expr));
  if (union && union.length > 0) return { kind: 'names', names: [...new Set(union)] };
  const pieces = stringPieces(expr, checker);
  if (pieces.every((p) => p !== null)) return { kind: 'names', names: [pieces.join('')] };
  return { kind: 'unresolved', why: `\`${snippet(expr, sourceFile)}\` is not a constant` };
}

/**
 * Resolves the cookie name of a `name=value; attributes` string (a `document.cookie` assignment or
 * a `Set-Cookie` header value): the known text before the first `=`, which must not depend on a
 * run-time value.
 */
export function resolveNameFromCookieString(
  node: ts.Expression,
  checker: ts.TypeChecker,
  sourceFile: ts.SourceFile,
): CookieNameResolution {
  const expr = skipOuterExpressions(node);
  const union = literalValues(checker.getTypeAtLocation(expr));
  const candidates = union ?? [];
  if (candidates.length > 1) {
    const names = candidates.map(nameBeforeEquals);
    if (names.every((n): n is string => n !== undefined)) {
      return { kind: 'names', names: [...new Set(names)] };
    }
  }
  let known = '';
  for (const piece of stringPieces(expr, checker)) {
    if (piece === null) break;
    known += piece;
    if (known.includes('=')) break;
  }
  const name = nameBeforeEquals(known);
  if (name !== undefined) return { kind: 'names', names: [name] };
  return {
    kind: 'unresolved',
    why: `the name in \`${snippet(expr, sourceFile)}\` is not a constant`,
  };
}

function nameBeforeEquals(text: string): string | undefined {
  const eq = text.indexOf('=');
  if (eq === -1) return undefined;
  // Set-Cookie and document.cookie ignore spaces and tabs around the name (RFC 6265bis §5.6).
  const name = text.slice(0, eq).replace(/^[ \t]+|[ \t]+$/g, '');
  return name === '' ? undefined : name;
}
