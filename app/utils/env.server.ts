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
  LINK_TOKEN_KEYS: z
    .string()
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .refine((keys) => keys.length > 0 && keys.every((key) => key.length >= 32), "LINK_TOKEN_KEYS needs keys of at least 32 characters each")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("Daymark <no-reply@daymark.localhost>"),
  BOUNCE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, "BOUNCE_DOMAIN must be a domain name such as bounces.example.org")
    .optional(),
  BOUNCE_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, "BOUNCE_IMAP_URL must start with imap:// or imaps://")
    .optional(),
  RUN_JOBS: booleanFlag.default(true),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  EMAIL_RETRY_LIMIT: z.coerce.number().int().min(0).default(8),
  EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
  MAILING_RATE_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(10),
  MAIL_RATE_PER_SECOND: z.coerce.number().min(0).max(10000).default(0),
  MAIL_DOMAIN_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(5),
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  MAIL_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(2).max(600).default(30),
  WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(30).default(12),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(30),
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
  /**
   * Keys of the private links derived from ids (attendees' manage links): the
   * first makes new links, every one is accepted, so a new key can go first
   * while links made with the old ones keep working until it is removed.
   */
  linkTokenKeys: string[];
  smtpUrl: string | undefined;
  mailFrom: string;
  /** VERP return paths bounces+<message id>@ this domain and the mailto: unsubscribe address; unset: neither. */
  bounceDomain: string | undefined;
  /** The mailbox that receives mail to the bounce domain, polled for bounces, complaints and unsubscribes. */
  bounceImapUrl: string | undefined;
  runJobs: boolean;
  jobPollSeconds: number;
  emailRetryLimit: number;
  emailRetryDelaySeconds: number;
  /** Mailing messages handed to the mail server per second, at most. */
  mailingRatePerSecond: number;
  /** One-off messages (confirmations, reminders, invitations) per second; 0: as fast as the mail server answers. */
  mailRatePerSecond: number;
  /** SMTP conversations at once with one recipient domain, per worker. */
  mailDomainConcurrency: number;
  /** Delivery jobs a worker fetches at once. */
  mailBatchSize: number;
  /** How long one delivery attempt may take; every claim, lease and job timeout of mail derives from it. */
  mailTimeoutSeconds: number;
  /** How long one webhook delivery may take; claims and job timeouts derive from it (modules/webhooks/timing.ts). */
  webhookTimeoutSeconds: number;
  webhookRetryLimit: number;
  webhookRetryDelaySeconds: number;
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
  if (raw.DATABASE_URL && !raw.LINK_TOKEN_KEYS) {
    throw new Error(
      "Invalid environment:\n  LINK_TOKEN_KEYS: required with DATABASE_URL, so that every web process makes the same private links",
    );
  }
  const sessionSecret = onFirstUse(() => raw.SESSION_SECRET ?? embeddedSecret(dataDir, "session-secret"));
  const linkTokenKeys = onFirstUse(() => raw.LINK_TOKEN_KEYS ?? [embeddedSecret(dataDir, "link-token-key")]);
  return {
    port: raw.PORT,
    host: raw.HOST,
    appUrl,
    databaseUrl: raw.DATABASE_URL,
    dataDir,
    // Read (or generated) on first use, not here: the process may not own the data folder yet.
    get sessionSecret() {
      return sessionSecret();
    },
    get linkTokenKeys() {
      return linkTokenKeys();
    },
    smtpUrl: raw.SMTP_URL,
    mailFrom: raw.MAIL_FROM,
    bounceDomain: raw.BOUNCE_DOMAIN?.toLowerCase(),
    bounceImapUrl: raw.BOUNCE_IMAP_URL,
    runJobs: raw.RUN_JOBS,
    jobPollSeconds: raw.JOB_POLL_SECONDS,
    emailRetryLimit: raw.EMAIL_RETRY_LIMIT,
    emailRetryDelaySeconds: raw.EMAIL_RETRY_DELAY_SECONDS,
    mailingRatePerSecond: raw.MAILING_RATE_PER_SECOND,
    mailRatePerSecond: raw.MAIL_RATE_PER_SECOND,
    mailDomainConcurrency: raw.MAIL_DOMAIN_CONCURRENCY,
    mailBatchSize: raw.MAIL_BATCH_SIZE,
    mailTimeoutSeconds: raw.MAIL_TIMEOUT_SECONDS,
    webhookTimeoutSeconds: raw.WEBHOOK_TIMEOUT_SECONDS,
    webhookRetryLimit: raw.WEBHOOK_RETRY_LIMIT,
    webhookRetryDelaySeconds: raw.WEBHOOK_RETRY_DELAY_SECONDS,
    trustProxy: raw.TRUST_PROXY,
    seedDemo: raw.SEED_DEMO ?? !raw.DATABASE_URL,
    secureCookies: appUrl.startsWith("https://"),
    importAllowedHosts: raw.IMPORT_ALLOWED_HOSTS.split(/[\s,]+/)
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  };
}

/** `make`'s value, made on the first call and kept. */
function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function withoutEmptyValues(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
}

/** The embedded default keeps generated secrets beside its database, so sessions and links survive restarts. */
function embeddedSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
