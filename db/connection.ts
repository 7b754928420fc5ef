import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { lockDataFolder } from "./data-lock";
import { PGliteDialect, SessionLock } from "./pglite-dialect";
import { typeParsers } from "./type-parsers";
import type { Database } from "./types";

/** Runs raw SQL for pg-boss on the same database, taking turns with Kysely on PGlite. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  driver: "postgres" | "pglite";
  /** For pg-boss: undefined on PostgreSQL, where pg-boss opens its own pool. */
  jobSql: SqlExecutor | undefined;
  connectionString: string | undefined;
  /** Follows NOTIFY on `channel` on a connection of its own (see `Listener`). */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Listener>;
  close(): Promise<void>;
}

export interface Listener {
  /** False while notifications may be missed (the connection was lost and is being re-opened). */
  readonly connected: boolean;
  /**
   * Resolves once every notification committed before the call has been
   * handled; undefined when that is already so (PGlite: one process, and
   * notifications arrive with the statement that commits). On PostgreSQL it is
   * one empty query on the listening connection, shared by every caller that
   * arrives while it waits: the server sends pending notifications before
   * answering it.
   */
  caughtUp(): Promise<void> | undefined;
  /** Called whenever notifications may have been missed, and again once they flow. */
  onGap(callback: () => void): void;
}

/**
 * PGlite keeps PostgreSQL's shared buffers inside the process's own memory,
 * 128 MB of it by default. The embedded database serves one network's data,
 * and its files stay in the operating system's cache anyway: 16 MB of buffers
 * answer as fast and keep the web process about 100 MB smaller.
 */
const embeddedStartParams = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

export type DatabaseConfig = { connectionString: string; poolSize?: number } | { dataDir: string } | { pglite: PGlite };

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if ("connectionString" in config) return openPostgres(config.connectionString, config.poolSize ?? 10);
  if ("dataDir" in config) {
    // Before PGlite reads a byte: a second process on the folder stops here, with the owner's name.
    const release = lockDataFolder(config.dataDir);
    try {
      mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true });
      const handle = await wrapPGlite(new PGlite({ dataDir: config.dataDir, parsers: typeParsers, startParams: embeddedStartParams }));
      return { ...handle, close: () => handle.close().finally(release) };
    } catch (error) {
      release();
      throw error;
    }
  }
  return wrapPGlite(config.pglite);
}

function openPostgres(connectionString: string, max: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    // A database host that does not answer fails a request in seconds (a 503), not when the client gives up.
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  // A client that loses its connection while checked out (between a transaction's statements) emits
  // 'error' with no pool listener attached: the query in flight fails, and the pool drops the client on release.
  pool.on("connect", (client) => client.on("error", (error) => console.error("PostgreSQL connection lost:", error.message)));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listeners: PostgresListener[] = [];
  return {
    db,
    driver: "postgres",
    jobSql: undefined,
    connectionString,
    async listen(channel, onNotify) {
      const listener = new PostgresListener(connectionString, channel, onNotify);
      listeners.push(listener);
      await listener.open();
      return listener;
    },
    async close() {
      await Promise.all(listeners.map((listener) => listener.close()));
      await db.destroy();
    },
  };
}

/** A connection of its own that LISTENs, re-opened after a loss (reporting the gap). */
class PostgresListener implements Listener {
  #client: pg.Client | undefined;
  #connected = false;
  #closed = false;
  #gapCallbacks: (() => void)[] = [];

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
  ) {}

  get connected() {
    return this.#connected;
  }

  /** The round trip waiting to be sent (callers join it), and the one on the wire. */
  #queued: Promise<void> | undefined;
  #sent: Promise<void> | undefined;

  caughtUp(): Promise<void> {
    const client = this.#client;
    if (!client || !this.#connected) return Promise.reject(new Error("not listening"));
    if (this.#queued) return this.#queued;
    // A round trip already on the wire may have left before the caller's commit: wait for the next one.
    const previous = this.#sent;
    const next = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => {
      if (this.#queued === next) this.#queued = undefined;
      // An empty query: the cheapest round trip, and the server still sends pending notifications first.
      const roundTrip = client.query("").then(() => undefined);
      this.#sent = roundTrip;
      return roundTrip;
    });
    this.#queued = next;
    return next;
  }

  onGap(callback: () => void) {
    this.#gapCallbacks.push(callback);
  }

  async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on("notification", (message) => {
      if (message.channel === this.channel) this.onNotify(message.payload ?? "");
    });
    client.on("error", () => this.#lost(client));
    client.on("end", () => this.#lost(client));
    this.#client = client;
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.#connected = true;
    this.#gap();
  }

  #lost(client: pg.Client) {
    if (this.#client !== client || this.#closed) return;
    this.#client = undefined;
    this.#connected = false;
    this.#gap();
    client.end().catch(() => undefined);
    const retry = () => {
      if (this.#closed) return;
      this.open().catch(() => setTimeout(retry, 1_000).unref());
    };
    setTimeout(retry, 200).unref();
  }

  #gap() {
    for (const callback of this.#gapCallbacks) callback();
  }

  async close() {
    this.#closed = true;
    this.#connected = false;
    await this.#client?.end().catch(() => undefined);
  }
}

async function wrapPGlite(pglite: PGlite): Promise<DatabaseHandle> {
  await pglite.waitReady;
  const lock = new SessionLock();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, lock) });
  const jobSql: SqlExecutor = {
    executeSql: (text, values) =>
      lock.run(async () => {
        if (values && values.length > 0) {
          const result = await pglite.query(text, values, { parsers: typeParsers });
          return { rows: result.rows };
        }
        // pg-boss sends several statements at once during setup: exec() accepts that.
        const results = await pglite.exec(text, { parsers: typeParsers });
        return { rows: results.at(-1)?.rows ?? [] };
      }),
  };
  return {
    db,
    driver: "pglite",
    jobSql,
    connectionString: undefined,
    // One process, one session: notifications arrive while the notifying query completes.
    async listen(channel, onNotify) {
      pglite.onNotification((name, payload) => {
        if (name === channel) onNotify(payload);
      });
      await lock.run(() => pglite.exec(`LISTEN ${channel}`));
      return { connected: true, caughtUp: () => undefined, onGap: () => undefined };
    },
    close: () => db.destroy(),
  };
}
