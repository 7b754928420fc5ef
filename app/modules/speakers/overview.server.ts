import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database } from "~db/types";
import { speakerEventColumns, type SpeakerEvent } from "./context.server";
import { organiserRow, type OrganiserRow } from "./invitations.server";
import type { SpeakerStatus } from "./speakers.schema";

/** Events stay on the speakers overview this long after they end. */
const RECENT_DAYS = 30;

function eventSummary(event: SpeakerEvent) {
  return {
    id: event.id,
    title: event.title,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    timeZone: event.time_zone,
    allDay: event.all_day && event.start_date && event.end_date ? { startDate: event.start_date, endDate: event.end_date } : null,
    status: event.status,
  };
}
export type EventSummary = ReturnType<typeof eventSummary>;

/** Upcoming and recent events of the network with their invitations counted by state, and the campaigns. */
export async function listSpeakerOverview(db: Kysely<Database>, networkId: string, now = new Date()) {
  const since = DateTime.fromJSDate(now).minus({ days: RECENT_DAYS }).toJSDate();
  const events = (await db
    .selectFrom("events")
    .select(speakerEventColumns)
    .where("events.network_id", "=", networkId)
    .where("events.ends_at", ">", since)
    .orderBy("events.starts_at")
    .limit(200)
    .execute()) as SpeakerEvent[];
  const counts = events.length
    ? await db
        .selectFrom("speaker_invitations")
        .select(["event_id", "status", (eb) => eb.fn.countAll<number>().as("count")])
        .where("network_id", "=", networkId)
        .where(
          "event_id",
          "in",
          events.map((event) => event.id),
        )
        .groupBy(["event_id", "status"])
        .execute()
    : [];
  const campaigns = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "title"])
    .where("network_id", "=", networkId)
    .orderBy("title")
    .execute();
  return {
    events: events.map((event) => ({
      ...eventSummary(event),
      counts: Object.fromEntries(
        counts.filter((row) => row.event_id === event.id).map((row) => [row.status, Number(row.count)]),
      ) as Partial<Record<SpeakerStatus, number>>,
    })),
    campaigns,
  };
}

/** Every invitation of a campaign's events, event by event; undefined for an unknown campaign. */
export async function listCampaignInvitations(db: Kysely<Database>, networkId: string, campaignSlug: string, now = new Date()) {
  const campaign = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "title"])
    .where("network_id", "=", networkId)
    .where("slug", "=", campaignSlug)
    .executeTakeFirst();
  if (!campaign) return undefined;
  const events = (await db
    .selectFrom("events")
    .select(speakerEventColumns)
    .where("events.network_id", "=", networkId)
    .where("events.campaign_id", "=", campaign.id)
    .orderBy("events.starts_at")
    .execute()) as SpeakerEvent[];
  const invitations = events.length
    ? await db
        .selectFrom("speaker_invitations")
        .selectAll()
        .where("network_id", "=", networkId)
        .where(
          "event_id",
          "in",
          events.map((event) => event.id),
        )
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    : [];
  const groups: { event: EventSummary; invitations: OrganiserRow[] }[] = events.map((event) => ({
    event: eventSummary(event),
    invitations: invitations.filter((row) => row.event_id === event.id).map((row) => organiserRow(row, event, now)),
  }));
  return { campaign, groups };
}
