// `npm start`: builds the app when the build is missing or older than the
// sources, then runs the production server. Use `npm run dev` while editing.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const builtServer = path.join(root, "build/server/index.js");
const sources = ["app", "db", "emails", "public", "package-lock.json", "vite.config.ts", "remix.config.js"];

function newestChange(target) {
  const full = path.join(root, target);
  if (!existsSync(full)) return 0;
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(full).reduce((newest, entry) => Math.max(newest, newestChange(path.join(target, entry))), stats.mtimeMs);
}

const stale = !existsSync(builtServer) || Math.max(...sources.map(newestChange)) > statSync(builtServer).mtimeMs;
if (stale) {
  console.log("Building Daymark…");
  const build = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import("../server.mjs");
