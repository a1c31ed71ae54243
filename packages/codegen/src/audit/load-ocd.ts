/**
 * Finding and reading the Open Cookie Database for the audit command (file I/O; the lookup
 * itself is in `ocd.ts`). Order: `--ocd <file>`, `$COOKIE_SCHEMA_OCD`, then the repository's
 * `../shared/data/open-cookie-database/` (JSON, else CSV) beside the workspace root.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexOpenCookieDatabase, type OcdIndex, parseOpenCookieDatabase } from './ocd';

/** The loaded database, or why it is not available (the paths tried). */
export type LoadedOcd = { ok: true; index: OcdIndex; file: string } | { ok: false; reason: string };

/** The directory holding `pnpm-workspace.yaml` above `from`, if any. */
export function findWorkspaceRoot(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Candidate files, in order, for the given explicit path and environment. */
export function ocdCandidates(explicit: string | undefined, env: NodeJS.ProcessEnv): string[] {
  if (explicit) return [explicit];
  if (env.COOKIE_SCHEMA_OCD) return [env.COOKIE_SCHEMA_OCD];
  const roots = [
    findWorkspaceRoot(dirname(fileURLToPath(import.meta.url))),
    findWorkspaceRoot(process.cwd()),
  ].filter((r): r is string => r !== undefined);
  const files: string[] = [];
  for (const root of new Set(roots)) {
    const dir = resolve(root, '..', 'shared', 'data', 'open-cookie-database');
    files.push(join(dir, 'open-cookie-database.json'), join(dir, 'open-cookie-database.csv'));
  }
  return files;
}

/** Reads the first candidate that exists; `.csv` files are parsed as CSV, others as JSON. */
export function loadOcd(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): LoadedOcd {
  const candidates = ocdCandidates(explicit, env);
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      const entries = parseOpenCookieDatabase(
        readFileSync(file, 'utf8'),
        file.toLowerCase().endsWith('.csv') ? 'csv' : 'json',
      );
      return { ok: true, index: indexOpenCookieDatabase(entries), file };
    } catch (error) {
      return { ok: false, reason: `${file} cannot be read: ${(error as Error).message}` };
    }
  }
  return {
    ok: false,
    reason: candidates.length ? `not found at ${candidates.join(' or ')}` : 'no location known',
  };
}
