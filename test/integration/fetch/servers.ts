import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SeenRequest {
  path: string;
  /** performance.now() when the request arrived. */
  at: number;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  /** `http://<host>:<port>` */
  origin: string;
  host: string;
  port: number;
  requests: SeenRequest[];
  /** Requests whose path is not /robots.txt. */
  pageRequests(): SeenRequest[];
  /** Resolves when `count` requests have arrived (bounded by the test timeout). */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on a loopback address (127.0.0.1 by default; any 127/8 address works on Linux). */
export async function startServer(handler: Handler, host = '127.0.0.1', port = 0): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push({ path: request.url ?? '', at: performance.now(), headers: request.headers });
    for (const waiter of [...waiters]) {
      if (requests.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${bound}`,
    host,
    port: bound,
    requests,
    pageRequests: () => requests.filter((r) => r.path !== '/robots.txt'),
    waitForRequests: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Routes by path; unknown paths (including /robots.txt) answer 404. */
export function routes(table: Record<string, Handler>): Handler {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = table[path];
    if (route !== undefined) {
      route(request, response);
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  };
}

export function send(status: number, headers: Record<string, string | number>, body: string | Buffer = ''): Handler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}
