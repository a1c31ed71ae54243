/**
 * JSON parsing that keeps positions, so every finding points at `file:line:col`. Uses
 * jsonc-parser's syntax tree (the parser VS Code uses) and reports syntax errors, comments and
 * duplicate keys, which `JSON.parse` accepts silently (the last duplicate would win).
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { toPointer } from './diagnostics';

export interface Position {
  line: number;
  column: number;
}

export interface LocatedJson {
  value: unknown;
  /** Position of the value at a path (or of its key, with `key: true`); nearest parent if absent. */
  locate(path: readonly (string | number)[], key?: boolean): Position;
  syntaxErrors: { position: Position; message: string }[];
  duplicateKeys: { path: (string | number)[]; position: Position; firstPosition: Position }[];
}

export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const SYNTAX_HINTS: Record<string, string> = {
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between entries',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'expected the end of the file after the top-level value',
  InvalidSymbol: 'unexpected character',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfComment: 'unterminated comment',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
  InvalidUnicode: 'invalid \\u escape',
  InvalidNumberFormat: 'invalid number',
  InvalidCommentToken:
    'comments are not allowed: a schema is plain JSON (editors check it against its JSON Schema). Remove the comment',
};

/** What each "…Expected" error at the end of a truncated file was waiting for. */
const CLOSERS: Record<string, string> = {
  CloseBraceExpected: '}',
  CloseBracketExpected: ']',
};

/**
 * jsonc-parser reports a file that ends early once per construct still open, all at its end:
 * one message says so, with what would close them.
 */
function syntaxErrorsOf(text: string, errors: readonly ParseError[]) {
  const end = text.trimEnd().length;
  const atEnd = errors.filter((e) => e.offset >= end);
  const closers = atEnd.map((e) => CLOSERS[printParseErrorCode(e.error)]);
  const truncated = atEnd.length > 1 || (atEnd.length === 1 && closers[0] !== undefined);
  const located = (truncated ? errors.filter((e) => e.offset < end) : errors).map((e) => {
    const name = printParseErrorCode(e.error);
    return {
      position: positionAt(text, e.offset),
      message: `invalid JSON: ${SYNTAX_HINTS[name] ?? name}`,
    };
  });
  if (truncated) {
    const expected = closers.every((c) => c !== undefined)
      ? `; expected ${closers.map((c) => `"${c}"`).join(' ')} to close what is still open`
      : '';
    located.push({
      position: positionAt(text, end),
      message: `invalid JSON: the file ends before the JSON is complete (is it truncated?)${expected}`,
    });
  }
  return located;
}

export function parseLocated(text: string): LocatedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
    allowEmptyContent: false,
  });
  const syntaxErrors = syntaxErrorsOf(text, errors);

  const duplicateKeys: LocatedJson['duplicateKeys'] = [];
  const walk = (node: Node, path: (string | number)[]) => {
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode) continue;
        const key = String(keyNode.value);
        const first = seen.get(key);
        if (first) {
          duplicateKeys.push({
            path: [...path, key],
            position: positionAt(text, keyNode.offset),
            firstPosition: positionAt(text, first.offset),
          });
        } else {
          seen.set(key, keyNode);
        }
        if (valueNode) walk(valueNode, [...path, key]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => {
        walk(child, [...path, i]);
      });
    }
  };
  if (tree) walk(tree, []);

  const find = (path: readonly (string | number)[]): { node: Node | undefined; key?: Node } => {
    let node = tree;
    let keyNode: Node | undefined;
    for (const segment of path) {
      if (!node) break;
      if (node.type === 'object') {
        // The last occurrence of a repeated key: the one JSON.parse keeps and the rules check
        // (the repeat itself is reported apart, at its own line).
        const property = node.children?.findLast((p) => p.children?.[0]?.value === String(segment));
        if (!property) return { node, key: keyNode };
        keyNode = property.children?.[0];
        node = property.children?.[1];
      } else if (node.type === 'array' && typeof segment === 'number') {
        const child = node.children?.[segment];
        if (!child) return { node };
        keyNode = undefined;
        node = child;
      } else {
        return { node };
      }
    }
    return { node, key: keyNode };
  };

  let value: unknown;
  if (syntaxErrors.length === 0) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      syntaxErrors.push({ position: { line: 1, column: 1 }, message: String(error) });
    }
  }

  return {
    value,
    syntaxErrors,
    duplicateKeys,
    locate(path, key = false) {
      const found = find(path);
      const target = key && found.key ? found.key : found.node;
      return target ? positionAt(text, target.offset) : { line: 1, column: 1 };
    },
  };
}

export { toPointer };
