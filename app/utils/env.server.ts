import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseProxyTrust, type ProxyTrust } from "./proxy-trust.server";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  APP_URL: z.url().optional(),
  DATABASE_URL: z.string().startsWith("postgres").optional(),
  DATA_DIR: z.string().default("./data"),
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("Daymark <no-reply@daymark.localhost>"),
  RUN_JOBS: booleanFlag.default(true),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  EMAIL_RETRY_LIMIT: z.coerce.number().int().min(0).default(8),
  EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
  MAILING_RATE_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(10),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const trust = parseProxyTrust(value);
      if ("error" in trust) {
        ctx.addIssue({ code: "custom", message: trust.error });
        return z.NEVER;
      }
      return trust;
    }),
  SEED_DEMO: booleanFlag.optional(),
  IMPORT_ALLOWED_HOSTS: z.string().default(""),
});

export type Env = {
  port: number;
  host: string;
  appUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  runJobs: boolean;
  jobPollSeconds: number;
  emailRetryLimit: number;
  emailRetryDelaySeconds: number;
  /** Mailing messages handed to the mail server per second, at most. */
  mailingRatePerSecond: number;
  /** Which hops in front of the app may report the client's address (X-Forwarded-For). */
  trustProxy: ProxyTrust;
  /** Seed the demo network on start: the default on the embedded database only. */
  seedDemo: boolean;
  secureCookies: boolean;
  /** Host names every network's calendar import may reach although they are not public (an intranet calendar server). */
  importAllowedHosts: string[];
};

let cached: Env | undefined;

/** Parses the environment once; throws a readable message listing every bad variable. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(withoutEmptyValues(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const raw = result.data;
  const dataDir = path.resolve(raw.DATA_DIR);
  const appUrl = (raw.APP_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, "");
  if (raw.DATABASE_URL && !raw.SESSION_SECRET) {
    throw new Error("Invalid environment:\n  SESSION_SECRET: required with DATABASE_URL, so that every web process signs sessions alike");
  }
  return {
    port: raw.PORT,
    host: raw.HOST,
    appUrl,
    databaseUrl: raw.DATABASE_URL,
    dataDir,
    sessionSecret: raw.SESSION_SECRET ?? embeddedSessionSecret(dataDir),
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    runJobs: raw.RUN_JOBS,
    jobPollSeconds: raw.JOB_POLL_SECONDS,
    emailRetryLimit: raw.EMAIL_RETRY_LIMIT,
    emailRetryDelaySeconds: raw.EMAIL_RETRY_DELAY_SECONDS,
    mailingRatePerSecond: raw.MAILING_RATE_PER_SECOND,
    trustProxy: raw.TRUST_PROXY,
    seedDemo: raw.SEED_DEMO ?? !raw.DATABASE_URL,
    secureCookies: appUrl.startsWith("https://"),
    importAllowedHosts: raw.IMPORT_ALLOWED_HOSTS.split(/[\s,]+/)
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  };
}

function withoutEmptyValues(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
}

/** The embedded default keeps a generated secret beside its database, so sessions survive restarts. */
function embeddedSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
