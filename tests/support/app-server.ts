import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnBuiltApp, type SpawnedApp } from "../../scripts/lib/run-app";
import { createTestDatabase, primaryDriver, type TestDatabase } from "./database";

export type RunningApp = SpawnedApp;

/**
 * Starts the built app (`npm run build` first) as a real process on a free
 * port: on a fresh PostgreSQL database when TEST_DATABASE_URL is set, else on
 * a fresh embedded PGlite folder, with the demo network seeded.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "daymark-app-"));
  let database: TestDatabase | undefined;
  if (primaryDriver() === "postgres") database = await createTestDatabase("postgres", { empty: true });
  const app = await spawnBuiltApp({
    DATA_DIR: path.join(dataDir, "data"),
    SESSION_SECRET: "e2e-session-secret-long-enough-0123456789abcdef",
    // Seeds written by the test process derive manage links with the tests' key: the app must share it.
    LINK_TOKEN_KEYS: process.env.LINK_TOKEN_KEYS!,
    SEED_DEMO: "true",
    JOB_POLL_SECONDS: "0.5",
    EMAIL_RETRY_DELAY_SECONDS: "1",
    ...(database?.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  return {
    ...app,
    async stop() {
      await app.stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
