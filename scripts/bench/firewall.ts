// The cookie firewall in Chromium: the time of a `document.cookie` write it checks against a
// native one, side by side in one page (SPEC §6: a checked write ≤ 1.3× a native one). `pnpm
// bench` runs it in a child process:
//
//   node --import tsx scripts/bench/firewall.ts [--quick]
//
// The page loads the shop's generated client module (its dist, over the built runtime, bundled
// and minified as an app's production build would be), grants statistics and installs the
// firewall. Each round times a batch of writes of every case in turn, the order rotating from
// round to round; between batches a read of document.cookie waits until the browser has stored
// the writes, so that no batch pays for another's. Each figure is the median over the rounds of
// the time per write (and the fastest round's, which a loaded machine disturbs least). Prints one
// JSON line: { cases: { [id]: { median, min } µs per write }, rounds, batch }.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium } from '../chromium.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 41 : 201;
const BATCH = 100;

const bundled = await build({
  entryPoints: [fileURLToPath(new URL('firewall-page.js', import.meta.url))],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'silent',
});
const moduleCode = bundled.outputFiles[0]!.text;

// Cross-origin isolated, so that performance.now() has 5 µs steps rather than 100 µs.
const server = createServer((req, res) => {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-embedder-policy', 'require-corp');
  if (req.url === '/bench.js') {
    res.setHeader('content-type', 'text/javascript');
    res.end(moduleCode);
  } else {
    res.setHeader('content-type', 'text/html');
    res.end(
      `<!doctype html><title>firewall bench</title><script type="module">import '/bench.js';</script>`,
    );
  }
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'runFirewallBench' in window);
  if (!(await page.evaluate(() => crossOriginIsolated)))
    throw new Error('not cross-origin isolated');
  const cases = await page.evaluate(
    ([rounds, batch]) =>
      (
        window as unknown as {
          runFirewallBench(
            rounds: number,
            batch: number,
          ): Record<string, { median: number; min: number }>;
        }
      ).runFirewallBench(rounds, batch),
    [ROUNDS, BATCH] as const,
  );
  console.log(JSON.stringify({ cases, rounds: ROUNDS, batch: BATCH }));
} finally {
  await browser.close();
  server.close();
}
