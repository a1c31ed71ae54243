// A Fetch handler served by Node's http module on 127.0.0.1, port 0: the few lines that
// @hono/node-server, Bun.serve or Deno.serve do for real apps (request → Request, Response →
// response, each Set-Cookie as its own header line).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface Served {
  url: string;
  close(): Promise<void>;
}

function toRequest(req: IncomingMessage, base: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? 'GET';
  const body =
    method === 'GET' || method === 'HEAD'
      ? undefined
      : (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>);
  return new Request(new URL(req.url ?? '/', base), {
    method,
    headers,
    body,
    duplex: 'half',
  } as RequestInit);
}

async function send(response: Response, res: ServerResponse): Promise<void> {
  const raw: string[] = [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') raw.push(name, value);
  });
  for (const cookie of response.headers.getSetCookie()) raw.push('set-cookie', cookie);
  res.writeHead(response.status, response.statusText, raw);
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      res.write(chunk);
    }
  }
  res.end();
}

export async function serveFetch(
  handler: (request: Request) => Promise<Response>,
): Promise<Served> {
  let base = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handler(toRequest(req, base))
      .then((response) => send(response, res))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
