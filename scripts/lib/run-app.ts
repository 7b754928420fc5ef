import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface SpawnedApp {
  url: string;
  /** The web process's peak resident memory so far, in MB (Linux: VmHWM). */
  peakRssMegabytes(): number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * The variables of a moved clock (Debian's faketime preloads a library and
 * reads FAKETIME*), for the processes tests and scripts start: the app or a
 * worker must live on the same day as the test that seeded its data, or
 * "upcoming" and "older than a minute" mean different things on each side.
 */
export function clockEnvironment(): Record<string, string> {
  const names = Object.keys(process.env).filter((name) => name === "LD_PRELOAD" || name.startsWith("FAKETIME"));
  return Object.fromEntries(names.map((name) => [name, process.env[name]!]));
}

/**
 * Runs the built app (`npm run build` first) as its own process on a free
 * port, and resolves once it prints that it is running. `env` adds to a
 * minimal environment; pass DATA_DIR or DATABASE_URL.
 */
export async function spawnBuiltApp(env: Record<string, string>): Promise<SpawnedApp> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      PATH: process.env.PATH,
      ...clockEnvironment(),
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: url,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));

  // Generous: a fresh PGlite takes seconds to start, far more on a loaded machine.
  const deadline = Date.now() + 180_000;
  while (!output.includes("Daymark is running")) {
    if (child.exitCode !== null) throw new Error(`The app exited during start:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app did not start in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    peakRssMegabytes: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
