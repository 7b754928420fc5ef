import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server for calendar import tests, on a loopback address: serves
 * calendars with ETag and Last-Modified (answering 304 to a matching
 * conditional request), and the misbehaving answers sources can give.
 */
export interface CalendarServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  url(path: string): string;
  /** Serves `body` at `path`; a new body gets a new ETag and a later Last-Modified. */
  publish(path: string, body: string, options?: { conditional?: boolean; contentType?: string }): void;
  /** Answers `path` with a redirect to `location`. */
  redirect(path: string, location: string): void;
  /** Accepts `path` and never answers. */
  hang(path: string): void;
  /** Streams `bytes` of calendar-looking text at `path` without a Content-Length. */
  flood(path: string, bytes: number): void;
  /** Every request received, in order. */
  requests: { path: string; headers: IncomingHttpHeaders; status: number }[];
  stop(): Promise<void>;
}

type Route =
  | { kind: "file"; body: string; etag: string; lastModified: string; conditional: boolean; contentType: string }
  | { kind: "redirect"; location: string }
  | { kind: "hang" }
  | { kind: "flood"; bytes: number };

export async function startCalendarServer(host = "127.0.0.1"): Promise<CalendarServer> {
  const routes = new Map<string, Route>();
  const requests: CalendarServer["requests"] = [];
  const hanging = new Set<ServerResponse>();
  let version = 0;

  const server: Server = createServer((request, response) => {
    const path = request.url ?? "/";
    const route = routes.get(path);
    const answer = (status: number) => requests.push({ path, headers: request.headers, status });
    if (!route) {
      answer(404);
      response.writeHead(404).end();
      return;
    }
    switch (route.kind) {
      case "file": {
        const matches =
          route.conditional &&
          (request.headers["if-none-match"] === route.etag ||
            (request.headers["if-none-match"] === undefined && request.headers["if-modified-since"] === route.lastModified));
        if (matches) {
          answer(304);
          response.writeHead(304, { ETag: route.etag, "Last-Modified": route.lastModified }).end();
          return;
        }
        answer(200);
        response
          .writeHead(200, {
            "Content-Type": route.contentType,
            ...(route.conditional ? { ETag: route.etag, "Last-Modified": route.lastModified } : {}),
          })
          .end(route.body);
        return;
      }
      case "redirect":
        answer(302);
        response.writeHead(302, { Location: route.location }).end();
        return;
      case "hang":
        answer(0);
        hanging.add(response);
        return;
      case "flood": {
        answer(200);
        response.writeHead(200, { "Content-Type": "text/calendar" });
        const chunk = Buffer.alloc(64 * 1024, "X-FILLER:0123456789\r\n");
        let sent = 0;
        const pump = () => {
          while (sent < route.bytes) {
            sent += chunk.length;
            if (!response.write(chunk)) {
              response.once("drain", pump);
              return;
            }
          }
          response.end();
        };
        response.on("close", () => (sent = route.bytes));
        pump();
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;

  return {
    origin,
    url: (path) => `${origin}${path}`,
    publish(path, body, options = {}) {
      version += 1;
      routes.set(path, {
        kind: "file",
        body,
        etag: `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`,
        // Strictly later for every new version, whatever the wall clock says.
        lastModified: new Date(Date.UTC(2000, 0, 1) + version * 60_000).toUTCString(),
        conditional: options.conditional ?? true,
        contentType: options.contentType ?? "text/calendar; charset=utf-8",
      });
    },
    redirect: (path, location) => routes.set(path, { kind: "redirect", location }),
    hang: (path) => routes.set(path, { kind: "hang" }),
    flood: (path, bytes) => routes.set(path, { kind: "flood", bytes }),
    requests,
    async stop() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
