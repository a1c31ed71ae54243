/**
 * Test projects for the build plugin: a temporary directory inside the repository's git-ignored
 * `.out/` (so the generated package resolves `@cookie-schema/runtime` from the workspace's
 * node_modules, as an app's would), with a copy of the reference schema and an entry that imports
 * the generated client's `lang` accessor by package name.
 */
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const cliBin = join(repoRoot, 'packages', 'codegen', 'bin', 'cookie-schema.js');
const referenceSchema = join(repoRoot, 'schemas', 'examples', 'opendatasoft.cookies.json');

/** The package name the test projects generate. */
export const PACKAGE = '@test/site-cookies';

// biome-ignore lint/suspicious/noExplicitAny: schema documents are edited loosely in tests
export type Doc = Record<string, any>;

export function referenceDoc(): Doc {
  return JSON.parse(readFileSync(referenceSchema, 'utf8'));
}

/** Two errors the CLI reports with their own lines: a lifetime over 400 days, a missing category. */
export function breakSchema(doc: Doc): Doc {
  doc.cookies.sessionid.maxAge = '2y';
  doc.cookies.csrftoken.category = 'marketing';
  return doc;
}

export interface Project {
  dir: string;
  /** Absolute path of a file of the project. */
  path(...parts: string[]): string;
  writeSchema(doc: Doc): void;
  /** Every generated file (relative path → content). */
  generated(out?: string): Map<string, string>;
  /** Every generated file (relative path → mtime in ms). */
  mtimes(out?: string): Map<string, number>;
}

/** A fresh project: `site.cookies.json` (the reference schema) and `entry.js`. */
export function createProject(label: string): Project {
  const parent = join(repoRoot, '.out');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `unplugin-${label}-`));
  const path = (...parts: string[]) => join(dir, ...parts);
  const walk = (out: string) => listFiles(path(out)).map((f) => relative(path(out), f));
  const project: Project = {
    dir,
    path,
    writeSchema(doc) {
      writeFileSync(path('site.cookies.json'), `${JSON.stringify(doc, null, 2)}\n`);
    },
    generated(out = 'cookies') {
      return new Map(walk(out).map((f) => [f, readFileSync(path(out, f), 'utf8')]));
    },
    mtimes(out = 'cookies') {
      return new Map(walk(out).map((f) => [f, statSync(path(out, f)).mtimeMs]));
    },
  };
  project.writeSchema(referenceDoc());
  writeFileSync(
    path('entry.js'),
    `import { lang } from '${PACKAGE}/client';\nlang.set('fr');\nconsole.log(lang.get());\n`,
  );
  return project;
}

function listFiles(dir: string): string[] {
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((e) => join(dir, e))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** The real CLI in a child process. */
export async function cli(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cliBin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The located diagnostic lines `cookie-schema validate` prints for the project's schema. */
export async function validateLines(project: Project): Promise<string[]> {
  const { stderr } = await cli(['validate', 'site.cookies.json'], project.dir);
  return stderr.split('\n').filter((line) => /^site\.cookies\.json:\d+:\d+ \//.test(line));
}

/** Polls `check` until it returns true (or throws after `timeout` ms). */
export async function waitFor(
  what: string,
  check: () => boolean,
  timeout = 60_000,
  interval = 100,
): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`timed out after ${timeout} ms: ${what}`);
    await new Promise((done) => setTimeout(done, interval));
  }
}

/** The content of a file, or undefined when it does not exist. */
export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
