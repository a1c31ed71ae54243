// Shared helpers for the repository's own scripts (demo, test, bench).
// Plain Node ESM so they run before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.4.2';

/** Runs a command with inherited stdio from the repository root; returns its exit code. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Runs a command and throws when it fails. */
export function must(command, args, options = {}) {
  const code = run(command, args, options);
  if (code !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed with exit code ${code}`);
  }
}

let pnpmCommand;
/** pnpm at the pinned version: a global one if it matches, else through npx (corepack fails here). */
export function pnpm() {
  if (pnpmCommand) return pnpmCommand;
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  pnpmCommand =
    probe.status === 0 && probe.stdout.trim() === PNPM_VERSION
      ? ['pnpm']
      : ['npx', '-y', `pnpm@${PNPM_VERSION}`];
  return pnpmCommand;
}

export function runPnpm(args, options) {
  const [command, ...prefix] = pnpm();
  return run(command, [...prefix, ...args], options);
}

export function mustPnpm(args, options) {
  const [command, ...prefix] = pnpm();
  must(command, [...prefix, ...args], options);
}

/** Installs dependencies (frozen lockfile in CI) and builds the workspace packages. */
export function installAndBuild() {
  step('install dependencies');
  mustPnpm(['install', ...(process.env.CI ? ['--frozen-lockfile'] : [])]);
  step('build packages');
  mustPnpm(['--filter', './packages/**', '--workspace-concurrency=1', 'run', 'build']);
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Makes sure Chromium exists for the browser tests: installs Debian's package when root. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return true;
  if (process.getuid?.() !== 0) {
    console.warn(
      `! ${CHROMIUM} is missing and this is not root: install Debian's "chromium" package.`,
    );
    return false;
  }
  step('install Chromium (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-q'], { env }) !== 0) return false;
  return run('apt-get', ['install', '-y', '-q', 'chromium'], { env }) === 0 && existsSync(CHROMIUM);
}

export function step(title) {
  console.log(`\n── ${title} ──`);
}
