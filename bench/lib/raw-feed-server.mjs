// The ceiling for feed benchmarks: plain node:http answering with bytes it
// already holds (BODY_FILE, pre-compressed), and 304 when If-None-Match matches.
import { readFileSync } from "node:fs";
import http from "node:http";

const body = readFileSync(process.env.BODY_FILE);
const etag = process.env.ETAG;
const headers = {
  "Content-Type": "text/calendar; charset=utf-8",
  "Content-Encoding": "gzip",
  "Content-Length": String(body.length),
  ETag: etag,
  "Last-Modified": process.env.LAST_MODIFIED,
  "Cache-Control": "public, max-age=300",
  Vary: "Accept-Encoding",
};
const notModified = { ETag: etag, "Last-Modified": process.env.LAST_MODIFIED, "Cache-Control": "public, max-age=300" };
const server = http.createServer((req, res) => {
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, notModified);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  res.end(body);
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
