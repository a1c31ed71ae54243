// SPEC §7: a clone of the repository is self-contained. Test data and the data commands need at
// run time live inside it; nothing may read a `shared` folder beside the repository, where some
// of that data was copied from. This fails on any file (outside node_modules and .git) that
// names such a path, as text (dot-dot, slash, shared) or as path segments ('..' then 'shared').
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const SKIP_DIRS = new Set(['node_modules', '.git', '.next', '.out']);
const BINARY = /\.(png|jpe?g|gif|webp|ico|gz|tgz|zip|woff2?)$/i;
// The parent directory, then the folder: written apart so that this file does not match itself.
const PARENT = '.'.repeat(2);
const FOLDER = 'shared';
const PATTERN = new RegExp(`\\.\\.(?:[\\\\/]|['"]\\s*,\\s*['"])${FOLDER}(?=[\\\\/'"\`]|$)`);

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* files(join(dir, entry.name));
    } else if (entry.isFile() && !BINARY.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

describe('the repository is self-contained (SPEC §7)', () => {
  it('the pattern catches both spellings', () => {
    expect(PATTERN.test(`resolve(root, '${PARENT}', '${FOLDER}', 'data')`)).toBe(true);
    expect(PATTERN.test(`${PARENT}/${FOLDER}/data/SOURCES.md`)).toBe(true);
    expect(PATTERN.test(`join(\n  root,\n  '${PARENT}',\n  '${FOLDER}',\n  'data')`)).toBe(true);
    expect(PATTERN.test("import { x } from '../common/names'")).toBe(false);
    expect(PATTERN.test("import { x } from './shared.js'")).toBe(false);
    expect(PATTERN.test("import { C } from '../shared-L20CvEG0.js'")).toBe(false);
  });

  it('no file outside node_modules names the folder beside the repository', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const file of files(root)) {
      if (statSync(file).size > 20_000_000) continue;
      scanned++;
      const text = readFileSync(file, 'utf8');
      const found = PATTERN.exec(text);
      if (found) {
        const line = text.slice(0, found.index).split('\n').length;
        offenders.push(`${relative(root, file)}:${line}: ${found[0].replace(/\s+/g, ' ')}`);
      }
    }
    expect(scanned).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
