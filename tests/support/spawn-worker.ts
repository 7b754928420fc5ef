import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { clockEnvironment } from "../../scripts/lib/run-app";

/**
 * Starts a job worker as a process of its own, as production runs it:
 * `script` is scripts/worker.ts (PostgreSQL only) or
 * tests/support/worker-process.ts (either driver). `database` is
 * { DATABASE_URL } or { DATA_DIR }; `settings` adds or overrides variables.
 */
export function spawnWorker(
  script: string,
  database: Record<string, string>,
  smtpUrl: string,
  settings: Record<string, string> = {},
): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      PATH: process.env.PATH,
      ...clockEnvironment(),
      NODE_ENV: "production",
      ...database,
      SESSION_SECRET: "worker-test-session-secret-long-enough-0123456789",
      LINK_TOKEN_KEYS: process.env.LINK_TOKEN_KEYS!,
      APP_URL: "https://daymark.test",
      SMTP_URL: smtpUrl,
      MAIL_FROM: "Daymark Test <no-reply@daymark.test>",
      JOB_POLL_SECONDS: "0.5",
      MAILING_RATE_PER_SECOND: "40",
      ...settings,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", (chunk) => process.stderr.write(chunk));
  return child;
}
