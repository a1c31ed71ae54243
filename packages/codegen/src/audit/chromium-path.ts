/**
 * Finding a Chromium (or Google Chrome, or Edge) already installed, for `audit --crawl`. The
 * project never downloads a browser: it uses the one the machine has. Pure apart from the two
 * file-system probes, which are injected so the search can be tested anywhere.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where to look, and how. The defaults are this process's. */
export interface ChromiumSearch {
  /** `--chromium <path>`: the only candidate when given. */
  explicit?: string;
  /** `CHROME_PATH` (then `CHROMIUM_PATH`, which the repository's test launcher reads). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  exists?: (path: string) => boolean;
  /** Entries of a directory; `[]` when it cannot be read. */
  list?: (dir: string) => string[];
}

/** The executable found, or every place tried and how to get one. */
export type ChromiumLocation =
  | { ok: true; path: string; from: string }
  | { ok: false; message: string };

/** The usual install locations, per platform (after `--chromium` and the environment). */
function installedPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string) {
  if (platform === 'darwin') {
    const apps = ['/Applications', join(home, 'Applications')];
    return apps.flatMap((dir) => [
      `${dir}/Chromium.app/Contents/MacOS/Chromium`,
      `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(
      (r): r is string => r !== undefined,
    );
    return [
      ...roots.map((r) => join(r, 'Chromium', 'Application', 'chrome.exe')),
      ...roots.map((r) => join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/opt/google/chrome/chrome',
  ];
}

/** Playwright's browser cache (`npx playwright install chromium` fills it). */
function playwrightCache(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0') {
    return env.PLAYWRIGHT_BROWSERS_PATH;
  }
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'ms-playwright');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'ms-playwright');
  return join(env.XDG_CACHE_HOME ?? join(home, '.cache'), 'ms-playwright');
}

/** Executables inside one `chromium-<revision>` directory of the cache, by platform. */
function cachedExecutables(platform: NodeJS.Platform, dir: string): string[] {
  if (platform === 'darwin') {
    return ['chrome-mac-arm64', 'chrome-mac-x64', 'chrome-mac'].flatMap((d) => [
      join(
        dir,
        d,
        'Google Chrome for Testing.app',
        'Contents',
        'MacOS',
        'Google Chrome for Testing',
      ),
      join(dir, d, 'Chromium.app', 'Contents', 'MacOS', 'Chromium'),
    ]);
  }
  if (platform === 'win32') {
    return ['chrome-win64', 'chrome-win'].map((d) => join(dir, d, 'chrome.exe'));
  }
  return ['chrome-linux64', 'chrome-linux'].map((d) => join(dir, d, 'chrome'));
}

/**
 * Finds a Chromium to drive: `--chromium`, else `$CHROME_PATH` (or `$CHROMIUM_PATH`), else the
 * usual install locations (Linux packages, macOS applications, Windows program folders), else the
 * newest `chromium-*` in Playwright's cache. A path given explicitly that does not exist is an
 * error of its own, rather than a silent fallback to another browser.
 */
export function findChromium(search: ChromiumSearch = {}): ChromiumLocation {
  const env = search.env ?? process.env;
  const platform = search.platform ?? process.platform;
  const home = search.home ?? homedir();
  const exists = search.exists ?? existsSync;
  const list =
    search.list ??
    ((dir: string) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    });
  const howToGet =
    platform === 'darwin'
      ? 'install Google Chrome or Chromium (brew install --cask chromium)'
      : platform === 'win32'
        ? 'install Google Chrome, or use Microsoft Edge'
        : 'install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium)';
  const fix = `${howToGet}, or run "npx playwright install chromium", or pass --chromium <path> (or set CHROME_PATH) to a Chromium-based browser`;

  const given: [string, string | undefined][] = [
    ['--chromium', search.explicit],
    ['CHROME_PATH', env.CHROME_PATH],
    ['CHROMIUM_PATH', env.CHROMIUM_PATH],
  ];
  for (const [from, path] of given) {
    if (!path) continue;
    if (exists(path)) return { ok: true, path, from };
    return {
      ok: false,
      message: `${from} names ${path}, which does not exist. Point it at a Chromium or Chrome executable; to get one, ${fix.replace(/, or pass --chromium.*$/, '')}.`,
    };
  }
  const tried = installedPaths(platform, env, home);
  for (const path of tried) if (exists(path)) return { ok: true, path, from: 'installed' };
  const cache = playwrightCache(platform, env, home);
  const revisions = list(cache)
    .filter((d) => /^chromium-\d+$/.test(d))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)));
  for (const revision of revisions) {
    for (const path of cachedExecutables(platform, join(cache, revision))) {
      if (exists(path)) return { ok: true, path, from: "Playwright's cache" };
    }
  }
  return {
    ok: false,
    message: `audit --crawl needs Chromium or Google Chrome, and found none (tried --chromium, CHROME_PATH, ${tried.join(', ')} and ${join(cache, 'chromium-*')}). To fix: ${fix}.`,
  };
}
