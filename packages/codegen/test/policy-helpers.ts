/** Test helpers of the policy renderers (not part of the package's API). */
import { join } from 'node:path';
import { loadSchema, parseSchema } from '../src/schema/load';
import type { NormalizedSchema } from '../src/schema/types';
import { examples } from './helpers';

/** Loads `schemas/examples/<name>.cookies.json`, which must be valid. */
export async function loadExample(name: string): Promise<NormalizedSchema> {
  const result = await loadSchema(join(examples, `${name}.cookies.json`));
  if (!result.ok) throw new Error(`example ${name} is invalid`);
  return result.schema;
}

/** Parses schema text, which must be valid. */
export function parseValid(text: string, file = 'test.cookies.json'): NormalizedSchema {
  const result = parseSchema(text, file);
  if (!result.ok) {
    throw new Error(result.diagnostics.map((d) => `${d.pointer}: ${d.message}`).join('\n'));
  }
  return result.schema;
}

/**
 * The body rows of every GFM table in `markdown`, as cell texts with Markdown escapes undone
 * (`\|` → `|`, `\_` → `_`). Header and delimiter rows are skipped.
 */
export function markdownTableRows(markdown: string): string[][] {
  const rows: string[][] = [];
  const lines = markdown.split('\n');
  lines.forEach((line, i) => {
    if (!line.startsWith('|')) return;
    if (/^\|(\s*:?-+:?\s*\|)+$/.test(line)) return;
    if (/^\|(\s*:?-+:?\s*\|)+$/.test(lines[i + 1] ?? '')) return;
    const cells: string[] = [];
    let cell = '';
    for (let j = 1; j < line.length; j++) {
      const c = line[j]!;
      if (c === '\\' && j + 1 < line.length) {
        cell += line[++j];
      } else if (c === '|') {
        cells.push(cell.trim());
        cell = '';
      } else {
        cell += c;
      }
    }
    rows.push(cells);
  });
  return rows;
}
