// Encrypted cookies end to end, by behaviour: a package generated from a schema with an encrypted
// cookie of every value type is imported as an app imports it (its dist/server.js) and run behind
// a real HTTP server on loopback; each value written in one response reads back from the Cookie
// header of the next request, and nothing of it is readable on the wire.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitPackage } from '../src/generate/index';
import { writePackage } from '../src/generate/write';
import { parseSchema } from '../src/schema/load';
import { cookie, schemaText } from './helpers';

const VALUES = {
  e_string: [{ type: 'string', maxLength: 64 }, 'Grüße, "quoted"; and=equals'],
  e_enum: [{ type: 'enum', values: ['bronze', 'silver', 'gold'] }, 'gold'],
  e_integer: [{ type: 'integer', min: -5 }, -3],
  e_number: [{ type: 'number' }, 0.1 + 0.2],
  e_boolean: [{ type: 'boolean' }, false],
  e_date: [{ type: 'date' }, '2026-12-05T12:34:56.789Z'],
  e_json: [
    {
      type: 'json',
      schema: {
        type: 'object',
        properties: {
          user: { type: 'integer' },
          roles: { type: 'array', items: { enum: ['admin', 'editor'] } },
        },
        required: ['user', 'roles'],
        additionalProperties: false,
      },
    },
    { user: 42, roles: ['admin', 'editor'] },
  ],
} as const;

type Jar = Record<string, { get(): Promise<unknown>; set(value: unknown): Promise<boolean> }> & {
  applyTo<T>(target: T): T;
};

// Inside the package, so that the generated code resolves @cookie-schema/runtime as an app's does.
const out = mkdtempSync(join(import.meta.dirname, '.encrypted-'));
let server: Server;
let base: string;

beforeAll(async () => {
  const result = parseSchema(
    schemaText((d) => {
      for (const [name, [value]] of Object.entries(VALUES)) {
        d.cookies[name] = cookie({ value, encrypted: true, maxAge: '1h' });
      }
    }),
    'encrypted.cookies.json',
  );
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  await writePackage(
    out,
    emitPackage(result.schema, { name: '@test/encrypted', command: 'cookie-schema generate …' }),
  );
  const { createCookies } = (await import(pathToFileURL(join(out, 'dist/server.js')).href)) as {
    createCookies: (source: unknown, options: unknown) => Jar;
  };
  const secrets = ['a-secret-of-at-least-32-characters-long!'];
  server = createServer(async (req, res) => {
    const jar = createCookies(req, { secrets });
    const accessor = (req.url ?? '/').slice(1);
    if (req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const value = accessor === 'eDate' ? new Date(JSON.parse(body)) : JSON.parse(body);
      const written = await jar[accessor]!.set(value);
      jar.applyTo(res).end(JSON.stringify({ written }));
    } else {
      const value = await jar[accessor]!.get();
      res.end(JSON.stringify({ value: value ?? null }));
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((done) => server?.close(() => done()) ?? done());
  rmSync(out, { recursive: true, force: true });
});

const accessorOf = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

describe('a generated package with an encrypted cookie of every value type', () => {
  it.each(Object.entries(VALUES))(
    '%s round-trips sealed through a real server',
    async (name, [, value]) => {
      const path = `${base}/${accessorOf(name)}`;
      const written = await fetch(path, { method: 'POST', body: JSON.stringify(value) });
      expect(await written.json()).toEqual({ written: true });
      const [header] = written.headers.getSetCookie();
      expect(header).toMatch(
        new RegExp(
          `^${name}=e1\\.[A-Za-z0-9_-]+; Max-Age=3600; Path=/; HttpOnly; Secure; SameSite=Lax$`,
        ),
      );
      const pair = header!.slice(0, header!.indexOf(';'));
      for (const shown of [JSON.stringify(value), String(value)]) expect(pair).not.toContain(shown);
      const read = await fetch(path, { headers: { cookie: pair } });
      expect(await read.json()).toEqual({ value });
      // Under another encrypted cookie's name, the same sealed value does not open.
      const other = name === 'e_string' ? 'e_enum' : 'e_string';
      const replayed = await fetch(`${base}/${accessorOf(other)}`, {
        headers: { cookie: `${other}=${pair.slice(name.length + 1)}` },
      });
      expect(await replayed.json()).toEqual({ value: null });
    },
  );

  it('has no accessor in the client module', async () => {
    const client = await import(pathToFileURL(join(out, 'dist/client.js')).href);
    expect(Object.keys(client)).toContain('consent');
    for (const name of Object.keys(VALUES)) expect(client).not.toHaveProperty(accessorOf(name));
  });
});
