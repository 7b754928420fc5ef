import type { Insertable, Kysely } from "kysely";
import type { Database, EventsTable } from "~db/types";

/** A published event of the network, starting `startsInHours` from `now`, two hours long. */
export async function createPublishedEvent(
  db: Kysely<Database>,
  networkId: string,
  overrides: Partial<Insertable<EventsTable>> & { now?: Date; startsInHours?: number } = {},
) {
  const { now = new Date(), startsInHours = 24 * 14, ...columns } = overrides;
  // Whole minutes, as events are entered.
  const startsAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + startsInHours * 3600_000);
  return db
    .insertInto("events")
    .values({
      network_id: networkId,
      title: "Naloxone training",
      description: "Bring a friend. **Free** of charge.",
      time_zone: "Europe/Amsterdam",
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 2 * 3600_000),
      venue_name: "De Regenboog",
      address: "Droogbak 3",
      city: "Amsterdam",
      online_url: "https://meet.example.org/naloxone-secret",
      status: "published",
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
