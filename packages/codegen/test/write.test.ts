// writePackage: all or nothing. A rename that fails at any point of the switch leaves the
// previous package byte for byte, with no stray temporary files; and only a directory whose
// package.json carries the marker field is overwritten.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitPackage } from '../src/generate/index';
import { GENERATED_FIELD } from '../src/generate/marker';
import { type WriteFs, writePackage } from '../src/generate/write';
import { parseSchema } from '../src/schema/load';
import { schemaText } from './helpers';

function generated(edit: Parameters<typeof schemaText>[0] = () => {}): Map<string, string> {
  const loaded = parseSchema(schemaText(edit), 's.json');
  if (!loaded.ok) throw new Error('invalid schema');
  return emitPackage(loaded.schema, { name: '@t/cookies', command: 'test' });
}

/** Every file under `dir`, path → text. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = readFileSync(path, 'utf8');
  }
  return files;
}

/** Staging directories left beside `dir`. */
function staging(dir: string): string[] {
  return readdirSync(dirname(dir)).filter((name) => name.startsWith(`.${basename(dir)}.`));
}

/** The real file system, but the `failAt`-th rename (0-based) fails as a full disk would. */
function failingRename(failAt: number): WriteFs & { renames: number } {
  const fs = {
    ...nodeFs,
    renames: 0,
    rename: async (
      from: Parameters<WriteFs['rename']>[0],
      to: Parameters<WriteFs['rename']>[1],
    ) => {
      if (fs.renames++ === failAt) {
        throw Object.assign(new Error(`EIO: rename ${from}`), { code: 'EIO' });
      }
      return nodeFs.rename(from, to);
    },
  };
  return fs;
}

describe('writePackage rolls a failed switch back', () => {
  // The new version changes files, adds one (src dir of a new name is not needed: a changed
  // header suffices) and drops one, so the switch replaces, creates and removes.
  const before = generated();
  const after = generated((d) => {
    d.policy.revision = 2;
    d.cookies.theme = {
      provider: 'Test',
      service: 'Look',
      category: 'statistics',
      purpose: 'Theme.',
      value: { type: 'enum', values: ['light', 'dark'] },
    };
  });
  after.delete('dist/policy.d.ts');

  it('the new version replaces, adds and removes files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
    await writePackage(dir, before);
    const fs = failingRename(Number.POSITIVE_INFINITY);
    const result = await writePackage(dir, after, fs);
    expect(result.removed).toEqual(['dist/policy.d.ts']);
    expect(result.written.length).toBeGreaterThan(3);
    expect(snapshot(dir)).toEqual(Object.fromEntries(after));
    expect(fs.renames).toBeGreaterThan(result.written.length);
  });

  it('a rename failing at any step leaves the previous package exactly, and no stray files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
    await writePackage(dir, before);
    const previous = snapshot(dir);
    const total = failingRename(Number.POSITIVE_INFINITY);
    const probe = mkdtempSync(join(tmpdir(), 'cs-write-'));
    await writePackage(probe, before);
    await writePackage(probe, after, total);
    expect(total.renames).toBeGreaterThan(5);
    for (let failAt = 0; failAt < total.renames; failAt++) {
      const error = await writePackage(dir, after, failingRename(failAt)).catch((e) => e);
      expect(error, `rename #${failAt}`).toMatchObject({ code: 'EIO' });
      expect(snapshot(dir), `after a failure at rename #${failAt}`).toEqual(previous);
      expect(staging(dir), 'the staging directory is gone').toEqual([]);
    }
  });

  it('a target that cannot be renamed over (a directory in the way) leaves the previous package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
    await writePackage(dir, before);
    mkdirSync(join(dir, 'src/zzz.ts'));
    writeFileSync(join(dir, 'src/zzz.ts/keep'), 'mine');
    const previous = snapshot(dir);
    const blocked = new Map([...after, ['src/zzz.ts', 'export {};\n']]);
    await expect(writePackage(dir, blocked)).rejects.toThrow();
    expect(snapshot(dir)).toEqual(previous);
  });

  it('a directory made for a new file goes with the rollback', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
    await writePackage(dir, before);
    const withDir = new Map([...after, ['src/extra/more.ts', 'export {};\n']]);
    await expect(writePackage(dir, withDir, failingRename(0))).rejects.toThrow(/EIO/);
    expect(readdirSync(join(dir, 'src'))).not.toContain('extra');
  });
});

describe('writePackage recognises its own output by the marker field', () => {
  const files = generated();

  it('the generated package.json carries the marker', () => {
    const manifest = JSON.parse(files.get('package.json')!);
    expect(manifest[GENERATED_FIELD]).toEqual({ generated: 's.json' });
  });

  it.each([
    ['an app', '{"name":"my-app"}'],
    [
      'a description that only says so',
      '{"name":"x","description":"Typed cookies of X, generated by cookie-schema from s.json."}',
    ],
    ['a marker that is not an object', `{"${GENERATED_FIELD}":true}`],
    ['text that is not JSON', 'generated by cookie-schema'],
  ])('refuses %s', async (_, manifest) => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
    writeFileSync(join(dir, 'package.json'), manifest);
    await expect(writePackage(dir, files)).rejects.toThrow(
      `refusing to overwrite it (its package.json has no "${GENERATED_FIELD}" field)`,
    );
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe(manifest);
  });

  it('overwrites a package that has the field, and an empty directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cs-write-'));
    mkdirSync(join(dir, 'empty'));
    await writePackage(join(dir, 'empty'), files);
    await expect(
      writePackage(
        join(dir, 'empty'),
        generated((d) => {
          d.policy.revision = 5;
        }),
      ),
    ).resolves.toMatchObject({ written: expect.arrayContaining(['package.json']) });
  });
});
