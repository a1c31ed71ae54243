// `cookie-schema audit --crawl`: its options and errors that come before any browser starts,
// and the promise that other commands never load playwright-core (the real CLI in a child
// process; no Chromium is started here — the crawls themselves are in crawl*.browser.test.ts).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliBin, repoRoot } from './helpers';

const exec = promisify(execFile);
const SCHEMA = join(repoRoot, 'schemas/examples/opendatasoft.cookies.json');

/** Makes `import('playwright-core')` fail, so that loading it shows. */
const FORBID_PLAYWRIGHT = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  "export async function resolve(specifier, context, next) {" +
  "  if (specifier === 'playwright-core') throw new Error('playwright-core was loaded');" +
  "  return next(specifier, context);" +
  "}"));`,
)}`;

async function cli(args: string[], node: string[] = []) {
  try {
    const { stdout, stderr } = await exec(process.execPath, [...node, cliBin, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('audit --crawl: usage', () => {
  it.each([
    [
      ['--crawl', 'ftp://example.com/'],
      '--crawl: expected an http:// or https:// URL, received "ftp://example.com/".',
    ],
    [
      ['--crawl', 'example.com'],
      '--crawl: expected an http:// or https:// URL, received "example.com".',
    ],
    [
      ['--crawl', 'http://x.test/', '--max-pages', '0'],
      '--max-pages: expected a whole number of pages, 1 or more, received "0".',
    ],
    [
      ['--crawl', 'http://x.test/', '--page-timeout', 'soon'],
      '--page-timeout: expected seconds, more than 0 and at most 600, received "soon".',
    ],
    [
      ['--crawl', 'http://x.test/', '--har', 'a.har'],
      'audit needs exactly one of --har, --cookie-header, --set-cookie or --crawl.',
    ],
    [['--har', 'a.har', '--reject'], '--reject works only with --crawl <url>.'],
    [['--cookie-header', 'a=1', '--har-out', 'x.har'], '--har-out works only with --crawl <url>.'],
  ])('%j exits 2: %s', async (args, message) => {
    const { code, stderr } = await cli(['audit', SCHEMA, ...args]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(message);
  });

  it('a --chromium that does not exist: exit 1, saying how to get one', async () => {
    const { code, stdout, stderr } = await cli([
      'audit',
      SCHEMA,
      '--crawl',
      'http://127.0.0.1:9/',
      '--chromium',
      '/nonexistent/chrome',
    ]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(
      /^✗ --chromium names \/nonexistent\/chrome, which does not exist\. Point it at a Chromium or Chrome executable; to get one, install .+, or run "npx playwright install chromium"\.\n$/,
    );
  });

  it('--help documents the crawl and its options', async () => {
    const { stdout } = await cli(['audit', '--help']);
    for (const option of [
      '--crawl <url>',
      '--max-pages <n>',
      '--page-timeout <s>',
      '--accept-selector <css>',
      '--reject ',
      '--reject-selector <css>',
      '--chromium <path>',
      '--har-out <file>',
      '[data-cookie-consent="accept-all"]',
    ]) {
      expect(stdout).toContain(option);
    }
  });
});

describe('playwright-core is loaded only by --crawl', () => {
  it('other commands run with it unloadable; --crawl reaches for it', async () => {
    const node = ['--import', FORBID_PLAYWRIGHT];
    expect((await cli(['validate', SCHEMA], node)).code).toBe(0);
    const header = await cli(['audit', SCHEMA, '--cookie-header', 'csrftoken=x'], node);
    expect([header.code, header.stderr]).toEqual([
      0,
      `✓ audited 1 cookie in 1 observation: the traffic matches ${SCHEMA}\n`,
    ]);
    const crawl = await cli(['audit', SCHEMA, '--crawl', 'http://127.0.0.1:9/'], node);
    expect(crawl.code).toBe(1);
    expect(crawl.stderr).toContain('playwright-core was loaded');
  });
});
