#!/usr/bin/env node
// Starts the example app and prints its URL.
//
//   node examples/app/start.mjs [--port 3000] [--host 127.0.0.1] [--legacy]
//
// PORT in the environment sets the default port; `--port 0` picks a free one (tests). `--legacy`
// replays an older version's cookie mistakes, for recording the audit fixture only.
// Runs the TypeScript sources through tsx (a dev dependency of the repository root); the
// generated package and the runtime are used from their built dist, as in any app.
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    legacy: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('Usage: node examples/app/start.mjs [--port <n>] [--host <address>] [--legacy]');
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number (0 for any free port), received "${values.port}".`);
  process.exit(2);
}

register();
const { startApp } = await import('./src/server.ts');
const app = await startApp({
  port,
  host: values.host,
  legacy: values.legacy,
  onFinding: (findings, request) => {
    for (const f of findings)
      console.warn(`firewall: ${f.action} ${f.cookie} (${f.reason}) in ${request}`);
  },
});
const sizes = app.bundles.map((b) => `${b.path} ${b.gzip} B gzip`).join(', ');
console.log(`Example app (reference schema): ${app.url}`);
console.log(
  `  page code: ${sizes}${values.legacy ? '\n  LEGACY MODE: sets undeclared and unconsented cookies on purpose' : ''}`,
);
console.log('  demo account: ada / lovelace — Ctrl+C to stop');
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
