/**
 * Every regular expression in the runtime runs in linear time, whatever the input: no
 * super-linear backtracking (ReDoS). The runtime reads request headers and cookie values that
 * anyone can send, so one quadratic expression is a CPU cost per request an attacker chooses
 * (`Sec-GPC: 1` + 16,000 spaces + `x` cost 670 ms through `/^[ \t]+|[ \t]+$/g`).
 *
 * recheck (https://makenowjust-labs.github.io/recheck/) decides it for each literal: its
 * automaton checker proves linearity, or finds an attack string. `linear.test.ts` counts the
 * work of the code around them; together they make the header paths linear.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

interface Found {
  where: string;
  source: string;
  flags: string;
}

/** Regular-expression literals, and the places that build one from text (`new RegExp`). */
function scan(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.bench.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const where = `${file.split('\\').join('/')}:${line}`;
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const end = literal.lastIndexOf('/');
        literals.push({ where, source: literal.slice(1, end), flags: literal.slice(end + 1) });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        node.expression.getText() === 'RegExp'
      ) {
        dynamic.push(where);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

const { literals, dynamic } = scan();

describe('every RegExp of the runtime is linear (recheck)', () => {
  it('finds the literals', () => expect(literals.length).toBeGreaterThan(25));

  it.each(literals.map((r) => [`${r.where} /${r.source}/${r.flags}`, r] as const))(
    '%s',
    (_, { source, flags }) => {
      const diagnostics = checkSync(source, flags);
      expect(
        diagnostics.status === 'safe'
          ? 'safe'
          : `${diagnostics.status}: ${JSON.stringify(diagnostics)}`,
      ).toBe('safe');
    },
  );

  it('the checker does flag a quadratic expression (the one Sec-GPC went through)', () => {
    const diagnostics = checkSync('^[ \\t]+|[ \\t]+$', 'g');
    expect(diagnostics).toMatchObject({
      status: 'vulnerable',
      complexity: { type: 'polynomial', degree: 2 },
    });
  });

  // A RegExp built from text is a schema's `pattern` (string values and JSON strings): the
  // schema author's expression, run on a value of at most 4096 bytes (longer ones are refused
  // before decoding, see accessor.ts `isOversized`). No other place may build one.
  it('builds a RegExp from text only for schema patterns', () => {
    expect(dynamic.map((where) => where.replace(/:\d+$/, ''))).toEqual([
      'codecs.ts',
      'codecs.ts',
      'codecs.ts',
      'json-validator.ts',
    ]);
  });
});
