import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium-path';

/** A fake file system: these files exist, and directories list what is under them. */
function fs(files: string[]) {
  return {
    exists: (path: string) => files.includes(path),
    list: (dir: string) => [
      ...new Set(
        files
          .filter((f) => f.startsWith(`${dir}/`))
          .map((f) => f.slice(dir.length + 1).split('/')[0]!),
      ),
    ],
  };
}

const linux = { platform: 'linux' as const, home: '/home/ada' };

describe('findChromium', () => {
  it('takes --chromium, then CHROME_PATH, then CHROMIUM_PATH, and does not fall back from a wrong one', () => {
    const files = fs(['/opt/a/chrome', '/opt/b/chrome', '/usr/bin/chromium']);
    const env = { CHROME_PATH: '/opt/b/chrome' };
    expect(findChromium({ ...linux, ...files, env, explicit: '/opt/a/chrome' })).toEqual({
      ok: true,
      path: '/opt/a/chrome',
      from: '--chromium',
    });
    expect(findChromium({ ...linux, ...files, env })).toEqual({
      ok: true,
      path: '/opt/b/chrome',
      from: 'CHROME_PATH',
    });
    const wrong = findChromium({ ...linux, ...files, env: { CHROME_PATH: '/nope/chrome' } });
    expect(wrong).toEqual({
      ok: false,
      message:
        'CHROME_PATH names /nope/chrome, which does not exist. Point it at a Chromium or Chrome executable; to get one, install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium), or run "npx playwright install chromium".',
    });
  });

  it('then the usual install locations, in order', () => {
    const files = fs(['/usr/bin/google-chrome', '/usr/bin/chromium-browser']);
    expect(findChromium({ ...linux, ...files, env: {} })).toMatchObject({
      path: '/usr/bin/chromium-browser',
      from: 'installed',
    });
    const mac = fs(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome']);
    expect(findChromium({ platform: 'darwin', home: '/Users/ada', ...mac, env: {} })).toMatchObject(
      {
        path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      },
    );
    const edge = join('C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe');
    expect(
      findChromium({
        platform: 'win32',
        home: 'C:\\Users\\ada',
        ...fs([edge]),
        env: { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' },
      }),
    ).toMatchObject({ path: edge });
  });

  it("then the newest Chromium in Playwright's cache", () => {
    const cache = '/home/ada/.cache/ms-playwright';
    const files = fs([
      `${cache}/chromium-1099/chrome-linux/chrome`,
      `${cache}/chromium-1200/chrome-linux64/chrome`,
      `${cache}/firefox-1400/firefox/firefox`,
    ]);
    expect(findChromium({ ...linux, ...files, env: {} })).toEqual({
      ok: true,
      path: `${cache}/chromium-1200/chrome-linux64/chrome`,
      from: "Playwright's cache",
    });
    const moved = fs(['/srv/pw/chromium-7/chrome-linux/chrome']);
    expect(
      findChromium({ ...linux, ...moved, env: { PLAYWRIGHT_BROWSERS_PATH: '/srv/pw' } }),
    ).toMatchObject({ path: '/srv/pw/chromium-7/chrome-linux/chrome' });
  });

  it('says where it looked and how to get one when there is none', () => {
    const result = findChromium({ ...linux, ...fs([]), env: {} });
    expect(result).toEqual({
      ok: false,
      message:
        'audit --crawl needs Chromium or Google Chrome, and found none (tried --chromium, CHROME_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome, /usr/bin/google-chrome-stable, /snap/bin/chromium, /opt/google/chrome/chrome and /home/ada/.cache/ms-playwright/chromium-*). To fix: install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium), or run "npx playwright install chromium", or pass --chromium <path> (or set CHROME_PATH) to a Chromium-based browser.',
    });
  });
});
