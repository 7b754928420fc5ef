import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, primaryDriver, type TestDatabase } from "./database";

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

export interface RunningApp {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built app (`npm run build` first) as a real process on a free
 * port: on a fresh PostgreSQL database when TEST_DATABASE_URL is set, else on
 * a fresh embedded PGlite folder, with the demo network seeded.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "daymark-app-"));
  let database: TestDatabase | undefined;
  if (primaryDriver() === "postgres") {
    database = await createTestDatabase("postgres", { empty: true });
  }
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: url,
      DATA_DIR: path.join(dataDir, "data"),
      SESSION_SECRET: "e2e-session-secret-long-enough-0123456789abcdef",
      SEED_DEMO: "true",
      JOB_POLL_SECONDS: "0.5",
      EMAIL_RETRY_DELAY_SECONDS: "1",
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
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
    if (Date.now() > deadline) throw new Error(`The app did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
