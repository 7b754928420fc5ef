import type { Insertable, Kysely } from "kysely";
import type { Database, EventsTable } from "~db/types";
import { testYear } from "./calendar";

/** An event row with sensible defaults: published, public, in person, in Lisbon. */
export async function insertEvent(db: Kysely<Database>, networkId: string, values: Partial<Insertable<EventsTable>>) {
  return db
    .insertInto("events")
    .values({
      network_id: networkId,
      title: "Event",
      time_zone: "Europe/Lisbon",
      starts_at: `${testYear}-12-01T18:00:00Z`,
      ends_at: `${testYear}-12-01T20:00:00Z`,
      status: "published",
      visibility: "public",
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
