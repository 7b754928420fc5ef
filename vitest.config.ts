import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { pathAliases } from "./vite.aliases";

// Tests never touch ./data: the app's environment points at a scratch folder.
const testEnv = {
  NODE_ENV: "test" as const,
  DATA_DIR: path.join(tmpdir(), "daymark-test-data"),
  SESSION_SECRET: "test-session-secret-that-is-long-enough-0123456789",
  LINK_TOKEN_KEYS: "test-link-token-key-that-is-long-enough-0123456789",
  APP_URL: "http://localhost:3000",
  MAIL_FROM: "Daymark Test <no-reply@daymark.test>",
};

export default defineConfig({
  resolve: { alias: pathAliases },
  test: {
    env: testEnv,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
