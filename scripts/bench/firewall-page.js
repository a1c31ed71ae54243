// The page side of scripts/bench/firewall.ts, bundled with the shop's generated client module:
// `runFirewallBench(rounds, batch)` times batches of `document.cookie` writes through the
// browser's own setter and through the installed firewall, and returns the median and the
// fastest time per write of each case over the rounds, in µs.
import { consent, installCookieFirewall } from '../../examples/generated/shop/dist/client.js';

const nativeSet = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie').set;
const ATTRIBUTES = '; Max-Age=63072000; Path=/; SameSite=Lax'; // as gtag.js: two years
const ga = (i) => `_ga=GA1.1.${100000 + i}.1700000000${ATTRIBUTES}`;
const checked = (text) => {
  // biome-ignore lint/suspicious/noDocumentCookie: what a third-party script does, measured
  document.cookie = text;
};

window.runFirewallBench = (rounds, batch) => {
  consent.grant('statistics');
  let reported = 0;
  const onBlocked = () => {
    reported++;
  };
  let firewall = installCookieFirewall({ onBlocked });
  let clamping = false;
  const reinstall = (options) => {
    firewall.uninstall();
    firewall = installCookieFirewall(options);
  };
  // id → [one write, the firewall options its batch runs with]
  const cases = {
    'native: `_ga` through the browser’s own setter': [
      (i) => nativeSet.call(document, ga(i)),
      { onBlocked },
    ],
    'checked: `_ga` (statistics, granted), passes': [(i) => checked(ga(i)), { onBlocked }],
    'checked: `_ga_ABC123` (a family member), passes': [
      (i) => checked(`_ga_ABC123=GS1.1.${1700000000 + i}.1.1.1700000500.0.0.0${ATTRIBUTES}`),
      { onBlocked },
    ],
    'checked with `clampLifetime`: `_ga`, clamped to 13 months and reported': [
      (i) => checked(ga(i)),
      { onBlocked, clampLifetime: true },
    ],
    'checked: `_gid` (undeclared), dropped and reported with its source': [
      (i) => checked(`_gid=GA1.1.${i}.1700000000; Max-Age=86400; Path=/`),
      { onBlocked },
    ],
  };
  const ids = Object.keys(cases);
  const samples = Object.fromEntries(ids.map((id) => [id, []]));
  let n = 0;
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < ids.length; k++) {
      const id = ids[(round + k) % ids.length];
      const [write, options] = cases[id];
      if (Boolean(options.clampLifetime) !== clamping) {
        reinstall(options);
        clamping = !clamping;
      }
      // One write first, so that a firewall just installed has read the consent cookie (which
      // it does again once a second); then wait until the browser has stored the writes
      // before: no batch pays for another's.
      write(n++);
      void document.cookie;
      const start = performance.now();
      for (let j = 0; j < batch; j++) write(n++);
      samples[id].push(((performance.now() - start) * 1000) / batch);
    }
  }
  void document.cookie;
  firewall.uninstall();
  const expected = 2 * rounds * (batch + 1);
  if (reported !== expected) throw new Error(`${reported} writes reported, ${expected} expected`);
  const summary = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    return { median: sorted[sorted.length >> 1], min: sorted[0] };
  };
  return Object.fromEntries(ids.map((id) => [id, summary(samples[id])]));
};
