/**
 * The file list of a scan: paths as given (files or directories), directories walked
 * recursively, skipping `node_modules`, `dist`, hidden directories and declaration files.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

/** Extensions the scan reads: TypeScript and JavaScript, with JSX and module variants. */
export const SCANNED_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Directory names never entered. */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist']);

/** What {@link collectSourceFiles} found. */
export interface CollectedFiles {
  /** Source files, sorted, each once; relative to `cwd` when inside it. */
  files: string[];
  /** Paths that do not exist. */
  missing: string[];
}

/**
 * Expands `paths` into the source files to scan. A file given explicitly is scanned whatever its
 * extension; files found in directories only when their extension is one of
 * {@link SCANNED_EXTENSIONS} (and not `.d.ts`).
 */
export async function collectSourceFiles(
  paths: readonly string[],
  cwd: string = process.cwd(),
): Promise<CollectedFiles> {
  const files = new Set<string>();
  const missing: string[] = [];
  const show = (absolute: string) => {
    const rel = relative(cwd, absolute);
    return rel === '' || rel.startsWith('..') ? absolute : rel;
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) await walk(path);
      } else if (entry.isFile() && isScannable(entry.name)) {
        files.add(show(path));
      }
    }
  };
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(absolute);
    else files.add(show(absolute));
  }
  return { files: [...files].sort(), missing };
}

function isScannable(name: string): boolean {
  if (/\.d\.[cm]?ts$/.test(name)) return false;
  return SCANNED_EXTENSIONS.some((ext) => name.endsWith(ext));
}
