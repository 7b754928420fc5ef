// The production server: static files, the cross-site guard, then Remix.
// It imports the built app, so run `npm run build` first (`npm start` does).
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.dirname(fileURLToPath(import.meta.url));
const build = await import(path.join(root, "build/server/index.js"));
const app = build.entry.module;

let report;
try {
  report = await app.startServices();
} catch (error) {
  console.error(`Daymark could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const env = app.getEnv();

const server = express();
server.disable("x-powered-by");
// Express reads X-Forwarded-Proto (req.protocol) with the same judgement of hops as the client address.
server.set("trust proxy", app.proxyTrustFunction(env.trustProxy));
server.use((req, res, next) => {
  // Private links carry tokens: never leak a URL to another site through Referer.
  res.set({
    ...app.transportSecurityHeaders(env.appUrl),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    ...app.framingHeaders(req.path),
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  });
  next();
});
server.use(compression());
server.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
server.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
server.use((req, res, next) => {
  const crossSite = app.isCrossSiteMutation(
    {
      method: req.method,
      path: req.path,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      host: req.get("host"),
      protocol: req.protocol,
    },
    env.appUrl,
    // RFC 8058 one-click unsubscribe is posted by mail providers, from no page of ours.
    ["/unsubscribe"],
  );
  if (crossSite) {
    res.status(403).type("text/plain").send("Cross-site request refused.");
    return;
  }
  next();
});
server.all(
  "*",
  createRequestHandler({
    build,
    getLoadContext: (req) => ({
      clientAddress: app.clientAddress(req.socket.remoteAddress ?? "unknown", req.headers["x-forwarded-for"], env.trustProxy),
    }),
  }),
);

// A body refused before it was read (a 413) is read on and thrown away, up to a
// bound, so that the client gets to read the answer rather than a connection
// reset; a client that keeps sending past the bound is cut off.
const DISCARD_LIMIT_BYTES = 16 * 1024 * 1024;
function discardUnreadBody(req) {
  if (req.complete) return;
  let discarded = 0;
  req.removeAllListeners("data");
  req.on("data", (chunk) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

let draining = false;
const httpServer = http.createServer((req, res) => {
  // While shutting down, every answer tells a keep-alive client to go elsewhere for the next request.
  if (draining) res.shouldKeepAlive = false;
  res.once("finish", () => discardUnreadBody(req));
  // Malformed paths and queries, and control characters in them, never reach a route.
  const refusal = app.screenUrl(req.url ?? "/");
  if (refusal) {
    app.refusalPage(refusal, req.headers).then(({ status, headers, body }) => res.writeHead(status, headers).end(body));
    return;
  }
  // Calendar feeds are polled far more than pages are read: a warm feed is answered
  // from memory here, ahead of Express and Remix (app/modules/feeds/serve.server.ts).
  if (app.handleFeedRequest(req, res)) return;
  // While the database cannot be reached, what would be a 500 is a 503 with Retry-After.
  app.answerDuringOutages(res, () => server(req, res));
});
const listener = httpServer.listen(report.port, report.host, () => {
  const port = listener.address().port;
  const lines = [
    `Daymark is running on ${report.appUrl} (listening on port ${port})`,
    `  database: ${report.driver === "pglite" ? `embedded (PGlite) in ${env.dataDir}` : "PostgreSQL"}`,
    `  mail: ${report.mail === "smtp" ? "sent through SMTP_URL" : "captured: read it on the network's Mailbox page"}`,
    `  jobs: ${report.jobs}`,
  ];
  if (report.demo) {
    lines.push(`  demo network: ${report.demo.url}`, `  demo sign-in: ${report.demo.email} / ${report.demo.password}`);
  }
  console.log(lines.join("\n"));
});

/** How long requests in flight may run after SIGTERM before their connections are cut. */
const drainDeadlineMs = 10_000;
/** Idle keep-alive connections stay open this long, so a request already on its way is still read. */
const idleGraceMs = 1_000;

/**
 * Stops accepting connections, answers every request that has arrived (each
 * with `Connection: close`), closes idle keep-alive connections, and only then
 * stops the jobs and closes the database pool, so no request meets a closed pool.
 */
async function shutdown(signal) {
  console.log(`${signal} received, finishing the requests in flight`);
  draining = true;
  // net.Server's close, not http.Server's: that one also drops idle keep-alive connections at once,
  // resetting a request a client has just sent on one.
  const drained = new Promise((resolve) => net.Server.prototype.close.call(httpServer, resolve));
  const idle = setTimeout(() => httpServer.closeIdleConnections(), idleGraceMs);
  const deadline = setTimeout(() => httpServer.closeAllConnections(), drainDeadlineMs);
  await drained;
  clearTimeout(idle);
  clearTimeout(deadline);
  await app.stopServices().catch((error) => console.error(error));
  process.exit(0);
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
