import { sql } from "kysely";
import { OUTAGE_RETRY_AFTER_SECONDS } from "~/utils/database-outage.server";
import { database } from "~/utils/db.server";

/** 200 when the database answers, 503 otherwise: for load balancers and uptime checks. */
export async function loader() {
  try {
    const db = await database();
    await sql`select 1`.execute(db);
    return new Response("ok\n", { status: 200, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
  } catch {
    return new Response("database unavailable\n", {
      status: 503,
      headers: { "Content-Type": "text/plain", "Cache-Control": "no-store", "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS) },
    });
  }
}
