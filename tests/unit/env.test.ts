import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseEnv } from "~/utils/env.server";

describe("environment", () => {
  test("the embedded default needs nothing and keeps a generated session secret", () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "daymark-env-")), "data");
    const first = parseEnv({ DATA_DIR: dataDir });
    expect(first).toMatchObject({
      port: 3000,
      appUrl: "http://localhost:3000",
      databaseUrl: undefined,
      dataDir,
      smtpUrl: undefined,
      runJobs: true,
      seedDemo: true,
      secureCookies: false,
      importAllowedHosts: [],
    });
    expect(first.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(path.join(dataDir, "session-secret"), "utf8").trim()).toBe(first.sessionSecret);
    expect(parseEnv({ DATA_DIR: dataDir }).sessionSecret).toBe(first.sessionSecret);
    // Link keys are a secret of their own, kept beside it.
    expect(first.linkTokenKeys).toEqual([readFileSync(path.join(dataDir, "link-token-key"), "utf8").trim()]);
    expect(first.linkTokenKeys[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.linkTokenKeys[0]).not.toBe(first.sessionSecret);
    expect(parseEnv({ DATA_DIR: dataDir }).linkTokenKeys).toEqual(first.linkTokenKeys);
  });

  test("LINK_TOKEN_KEYS is a list, newest first, of keys of at least 32 characters; required with PostgreSQL", () => {
    const keys = parseEnv({ LINK_TOKEN_KEYS: `${"n".repeat(32)}, ${"o".repeat(40)}\n${"p".repeat(32)}` }).linkTokenKeys;
    expect(keys).toEqual(["n".repeat(32), "o".repeat(40), "p".repeat(32)]);
    expect(() => parseEnv({ LINK_TOKEN_KEYS: `${"n".repeat(32)},short` })).toThrow(
      "LINK_TOKEN_KEYS: LINK_TOKEN_KEYS needs keys of at least 32 characters each",
    );
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/daymark", SESSION_SECRET: "x".repeat(40) })).toThrow(
      "LINK_TOKEN_KEYS: required with DATABASE_URL",
    );
  });

  test("PostgreSQL needs a session secret shared by every web process", () => {
    expect(() => parseEnv({ DATABASE_URL: "postgres://db/daymark" })).toThrow("SESSION_SECRET: required with DATABASE_URL");
  });

  test("production settings: https cookies, no demo seed, jobs in a worker", () => {
    const env = parseEnv({
      DATABASE_URL: "postgres://db/daymark",
      SESSION_SECRET: "x".repeat(40),
      LINK_TOKEN_KEYS: "k".repeat(40),
      APP_URL: "https://calendar.example.org/",
      RUN_JOBS: "false",
      SMTP_URL: "smtps://user:pass@mail.example.org",
      IMPORT_ALLOWED_HOSTS: "Cloud.Intranet.example, 10.0.0.5",
    });
    expect(env).toMatchObject({
      appUrl: "https://calendar.example.org",
      secureCookies: true,
      seedDemo: false,
      runJobs: false,
      smtpUrl: "smtps://user:pass@mail.example.org",
      importAllowedHosts: ["cloud.intranet.example", "10.0.0.5"],
    });
  });

  test("lists every bad variable at once", () => {
    expect(() => parseEnv({ PORT: "eighty", SMTP_URL: "mail.example.org", SESSION_SECRET: "short" })).toThrow(
      /PORT: .*\n.*SESSION_SECRET: SESSION_SECRET must be at least 32 characters\n.*SMTP_URL: SMTP_URL must start with smtp:\/\/ or smtps:\/\//s,
    );
  });
});
