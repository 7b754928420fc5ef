import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface WrkOptions {
  connections?: number;
  threads?: number;
  durationSeconds?: number;
  headers?: Record<string, string>;
}

/**
 * Requests per second from wrk (Debian package `wrk`), the load generator: it
 * does not saturate a core before a fast server does, as Node clients do.
 * Loopback only.
 */
export async function wrkRequestsPerSecond(url: string, options: WrkOptions = {}): Promise<number> {
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) throw new Error(`wrk only targets loopback, not ${url}`);
  const args = [
    `-t${options.threads ?? 1}`,
    `-c${options.connections ?? 50}`,
    `-d${options.durationSeconds ?? 5}s`,
    ...Object.entries(options.headers ?? {}).flatMap(([name, value]) => ["-H", `${name}: ${value}`]),
    url,
  ];
  const { stdout } = await run("wrk", args, { maxBuffer: 1024 * 1024 });
  const match = stdout.match(/Requests\/sec:\s+([\d.]+)/);
  if (!match) throw new Error(`unexpected wrk output:\n${stdout}`);
  const non2xx = stdout.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  if (non2xx) throw new Error(`wrk saw ${non2xx[1]} error responses from ${url}`);
  return Number(match[1]);
}

export async function assertWrkInstalled() {
  try {
    await run("wrk", ["--version"]).catch((error: { stdout?: string }) => {
      // wrk prints its version and exits 1.
      if (!error.stdout?.includes("wrk")) throw error;
    });
  } catch {
    throw new Error("npm run bench needs wrk: apt-get install wrk");
  }
}
