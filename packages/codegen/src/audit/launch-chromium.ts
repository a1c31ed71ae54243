/**
 * Starts the Chromium that `audit --crawl` drives, through playwright-core, which is imported
 * here on first use so that no other command loads it. Each call is a new browser with a fresh,
 * temporary profile, removed on close.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

/**
 * Headless; no sandbox (CI runs as root); no GPU; nothing that reaches the network on its own
 * (QUIC, component updates, sync, background requests), so the crawl sees only the site's traffic.
 */
export const CRAWL_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running browser: its only context, and how to stop it (writes the HAR, if recorded). */
export interface CrawlBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches `executablePath` with a fresh profile that accepts third-party cookies, as Chrome does
 * by default (Chromium's automation profiles block them, and the audit must see what third
 * parties set). `har`: record the traffic there (bodies omitted).
 */
export async function launchCrawlBrowser(
  executablePath: string,
  options: { har?: string; timeout?: number } = {},
): Promise<CrawlBrowser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'cookie-schema-crawl-'));
  mkdirSync(join(profile, 'Default'));
  // cookie_controls_mode 0: allow third-party cookies (1 blocks them in incognito, 2 always).
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: CRAWL_CHROMIUM_ARGS,
      headless: true,
      acceptDownloads: false,
      timeout: options.timeout ?? 30_000,
      ...(options.har ? { recordHar: { path: options.har, content: 'omit' as const } } : {}),
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(
      `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
}
