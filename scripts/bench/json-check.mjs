// The shop `cart` cookie's validator: the runtime's compileJsonValidator (closures compiled from
// the schema at load time) against the function json-check.ts generates for that schema, in
// both message modes. Prints ops/s (best of five one-second rounds) on a valid and an invalid
// value, and the gzip size of the generated function, minified. Run: node scripts/bench/json-check.mjs
// (after `pnpm build`: the runtime is imported from its dist).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileJsonValidator } from '@cookie-schema/runtime';
import { transformSync } from 'esbuild';
import { register } from 'tsx/esm/api';
import { root } from '../lib.mjs';

register();
const { jsonCheckFunction } = await import('../../packages/codegen/src/generate/json-check.ts');
const { printJavaScriptFile } = await import('../../packages/codegen/src/generate/dist-file.ts');

const shop = JSON.parse(readFileSync(join(root, 'schemas/examples/shop.cookies.json'), 'utf8'));
const schema = shop.cookies.cart.value.schema;

function generated(messages) {
  const fn = jsonCheckFunction('checkCart', schema, { messages });
  const js = printJavaScriptFile('', [fn]);
  const min = transformSync(js, { minify: true }).code;
  return { check: new Function(`${js}\nreturn checkCart;`)(), gzip: gzipSync(min).length };
}

const valid = {
  items: [
    { sku: 'AB-1234', qty: 2 },
    { sku: 'XY-9', qty: 1 },
    { sku: 'SHIRT-RED-XL', qty: 12 },
  ],
  currency: 'EUR',
  coupon: 'SPRING26',
};
const invalid = { ...valid, items: [...valid.items, { sku: 'AB-1', qty: 120 }] };

const full = generated('full');
const codes = generated('codes');
const candidates = [
  ['compileJsonValidator', compileJsonValidator(schema)],
  ["generated, messages: 'full'", full.check],
  ["generated, messages: 'codes'", codes.check],
];

let sink = 0;
function opsPerSecond(check, value) {
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < 1_000_000_000n) {
      for (let i = 0; i < 1000; i++) sink += check(value) === undefined ? 1 : 0;
      n += 1000;
      elapsed = process.hrtime.bigint() - start;
    }
    best = Math.max(best, (n * 1e9) / Number(elapsed));
  }
  return best;
}

const format = (n) => `${(n / 1e6).toFixed(2)} M ops/s`;
for (const [label, value] of [
  ['valid cart', valid],
  ['invalid cart (qty 120)', invalid],
]) {
  console.log(`${label}:`);
  const base = opsPerSecond(candidates[0][1], value);
  for (const [name, check] of candidates) {
    const ops = name === candidates[0][0] ? base : opsPerSecond(check, value);
    console.log(`  ${name.padEnd(30)} ${format(ops).padStart(16)}  ${(ops / base).toFixed(2)}×`);
  }
}
console.log(`generated checkCart, minified + gzip: ${full.gzip} B (full), ${codes.gzip} B (codes)`);
if (sink === -1) console.log(sink);
