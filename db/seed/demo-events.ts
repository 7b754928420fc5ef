import { DateTime } from "luxon";
import type { Kysely } from "kysely";
import type { Database, EventMode, EventStatus, EventVisibility } from "../types";

/**
 * The demo network's calendar: events across zones, countries, formats and
 * campaigns, placed relative to the day the seed runs so that most are
 * upcoming and a few are in the archive. Includes a cancelled event, an
 * all-day multi-day one, drafts and a partner submission waiting for review.
 */

/** The demo's own campaign; World AIDS Day and Overdose Awareness Day come from the campaigns seed, when present. */
export const demoEventsCampaign = { slug: "peer-voices-winter", title: "Peer voices this winter" };

interface DemoEvent {
  title: string;
  zone: string;
  /** Days from the seed's day, in the event's zone (events on a global day have fixed dates instead). */
  day?: number;
  /** "HH:mm" and length in hours; all-day events give `days` instead. */
  start?: string;
  hours?: number;
  days?: number;
  mode: EventMode;
  city?: string;
  country?: string;
  venue?: string;
  host?: string;
  campaign?: "own" | "world-aids-day-2026" | "overdose-awareness-day-2027";
  languages: string[];
  accessibility?: string[];
  status?: EventStatus;
  visibility?: EventVisibility;
  /** Submitted by the host partner's contact. */
  submitted?: boolean;
  description?: string;
}

const lisbon = "Lisbon Harm Reduction Collective";
const amsterdam = "Amsterdam Peer Network";
const kyiv = "Kyiv Drug User Union";
const london = "London Positive Voices";
const marseille = "Marseille Réduction des Risques";

const events: DemoEvent[] = [
  { title: "Peer support circle", zone: "Europe/Lisbon", day: 2, start: "18:00", hours: 2, mode: "in_person", city: "Lisbon", country: "PT", venue: "Casa do Bairro", host: lisbon, campaign: "own", languages: ["pt", "en"], accessibility: ["step-free", "quiet-room"] },
  { title: "Naloxone training for peers", zone: "Europe/Amsterdam", day: 3, start: "14:00", hours: 3, mode: "in_person", city: "Amsterdam", country: "NL", venue: "De Regenboog", host: amsterdam, languages: ["nl", "en"], accessibility: ["step-free"] },
  { title: "Advocacy evening: decriminalisation now", zone: "Europe/Kyiv", day: 4, start: "18:00", hours: 2, mode: "hybrid", city: "Kyiv", country: "UA", venue: "Community centre Podil", host: kyiv, campaign: "own", languages: ["uk", "en"] },
  { title: "Testing week drop-in", zone: "Europe/London", day: 5, start: "10:00", hours: 8, mode: "in_person", city: "London", country: "GB", venue: "Positive Voices hub", host: london, languages: ["en"], accessibility: ["step-free", "accessible-toilet"] },
  { title: "Réunion des usagers", zone: "Europe/Paris", day: 6, start: "19:00", hours: 2, mode: "in_person", city: "Marseille", country: "FR", venue: "Local associatif", host: marseille, languages: ["fr"] },
  { title: "Online peer webinar: drug checking", zone: "Europe/Amsterdam", day: 7, start: "16:00", hours: 1.5, mode: "online", languages: ["en"], accessibility: ["captions"], campaign: "own" },
  { title: "Harm reduction street outreach", zone: "Europe/Lisbon", day: 8, start: "21:00", hours: 3, mode: "in_person", city: "Lisbon", country: "PT", host: lisbon, languages: ["pt"] },
  { title: "Community picnic", zone: "Europe/Amsterdam", day: 9, start: "12:00", hours: 4, mode: "in_person", city: "Utrecht", country: "NL", venue: "Wilhelminapark", host: amsterdam, languages: ["nl"], status: "cancelled" },
  { title: "Peer voices gathering (three days)", zone: "Europe/Lisbon", day: 10, days: 3, mode: "in_person", city: "Porto", country: "PT", venue: "Centro Comunitário", host: lisbon, campaign: "own", languages: ["pt", "en", "es"], accessibility: ["step-free", "quiet-room", "childcare"] },
  { title: "Stigma and the media: a workshop", zone: "Europe/London", day: 11, start: "13:00", hours: 2, mode: "hybrid", city: "Manchester", country: "GB", venue: "Friends Meeting House", host: london, languages: ["en"], accessibility: ["hearing-loop", "step-free"] },
  { title: "Kyiv peer counsellors meet-up", zone: "Europe/Kyiv", day: 12, start: "17:30", hours: 2, mode: "in_person", city: "Kyiv", country: "UA", host: kyiv, languages: ["uk", "ru"] },
  { title: "Members' assembly (partners only)", zone: "Europe/Amsterdam", day: 13, start: "15:00", hours: 2, mode: "online", languages: ["en"], visibility: "partners" },
  { title: "Café santé et réduction des risques", zone: "Europe/Paris", day: 14, start: "10:00", hours: 2, mode: "in_person", city: "Marseille", country: "FR", host: marseille, languages: ["fr"], accessibility: ["seating"] },
  { title: "Hepatitis C testing day", zone: "Europe/Lisbon", day: 15, start: "09:00", hours: 8, mode: "in_person", city: "Setúbal", country: "PT", host: lisbon, languages: ["pt"] },
  { title: "Film night: harm reduction stories", zone: "Europe/London", day: 16, start: "19:00", hours: 2.5, mode: "in_person", city: "London", country: "GB", venue: "Rio Cinema", host: london, languages: ["en"], accessibility: ["captions", "step-free"] },
  { title: "Peer researchers online seminar", zone: "Europe/Kyiv", day: 18, start: "18:00", hours: 1.5, mode: "online", host: kyiv, languages: ["uk", "en"], campaign: "own" },
  { title: "Women who use drugs: safe space", zone: "Europe/Amsterdam", day: 19, start: "11:00", hours: 3, mode: "in_person", city: "Rotterdam", country: "NL", host: amsterdam, languages: ["nl", "en"], accessibility: ["gender-neutral-toilet", "quiet-room"], description: "A closed meeting for women and non-binary people who use drugs. **First names only**, no photos." },
  { title: "Vigil for those we lost", zone: "Europe/Lisbon", day: 20, start: "18:30", hours: 1.5, mode: "in_person", city: "Lisbon", country: "PT", venue: "Praça do Comércio", host: lisbon, languages: ["pt", "en"] },
  { title: "Drug policy reading group", zone: "Europe/London", day: 22, start: "18:00", hours: 1.5, mode: "online", host: london, languages: ["en"] },
  { title: "Peer network planning (unlisted)", zone: "Europe/Amsterdam", day: 23, start: "10:00", hours: 2, mode: "online", languages: ["en"], visibility: "unlisted" },
  { title: "Formation naloxone", zone: "Europe/Paris", day: 25, start: "14:00", hours: 3, mode: "in_person", city: "Marseille", country: "FR", host: marseille, languages: ["fr"] },
  { title: "Winter clothes and kit distribution", zone: "Europe/Kyiv", day: 27, start: "12:00", hours: 4, mode: "in_person", city: "Lviv", country: "UA", host: kyiv, languages: ["uk"] },
  { title: "Open mic: our stories", zone: "Europe/London", day: 30, start: "19:30", hours: 2, mode: "in_person", city: "Brighton", country: "GB", host: london, languages: ["en"], campaign: "own" },
  { title: "Outreach volunteers' induction", zone: "Europe/Lisbon", day: 34, start: "10:00", hours: 4, mode: "in_person", city: "Lisbon", country: "PT", host: lisbon, languages: ["pt"] },
  { title: "New year peer support online", zone: "Europe/Amsterdam", day: 42, start: "20:00", hours: 1, mode: "online", host: amsterdam, languages: ["nl", "en"] },
  { title: "Planning day (draft)", zone: "Europe/Amsterdam", day: 45, start: "10:00", hours: 6, mode: "in_person", city: "Amsterdam", country: "NL", languages: ["en"], status: "draft" },
  { title: "Peer-led drug checking pop-up", zone: "Europe/Lisbon", day: 21, start: "22:00", hours: 4, mode: "in_person", city: "Lisbon", country: "PT", host: lisbon, campaign: "own", languages: ["pt", "en"], status: "pending_review", submitted: true },
  { title: "Red ribbon walk", zone: "Europe/London", mode: "in_person", city: "London", country: "GB", host: london, campaign: "world-aids-day-2026", languages: ["en"] },
  { title: "World AIDS Day community testing", zone: "Europe/Kyiv", mode: "in_person", city: "Odesa", country: "UA", host: kyiv, campaign: "world-aids-day-2026", languages: ["uk", "ru"] },
  { title: "Overdose Awareness Day remembrance", zone: "Europe/Amsterdam", mode: "hybrid", city: "Amsterdam", country: "NL", host: amsterdam, campaign: "overdose-awareness-day-2027", languages: ["nl", "en"] },
  { title: "Autumn peer assembly", zone: "Europe/Lisbon", day: -20, start: "10:00", hours: 6, mode: "in_person", city: "Lisbon", country: "PT", host: lisbon, languages: ["pt", "en"] },
  { title: "Past webinar: overdose prevention", zone: "Europe/London", day: -9, start: "17:00", hours: 1, mode: "online", host: london, languages: ["en"] },
  { title: "Past meet-up: Kyiv harm reduction", zone: "Europe/Kyiv", day: -3, start: "18:00", hours: 2, mode: "in_person", city: "Kyiv", country: "UA", host: kyiv, languages: ["uk"] },
];

/** Days fixed by a global day rather than by the seed's date. */
const fixedDays: Record<string, { date: string; start: string; hours: number }> = {
  "Red ribbon walk": { date: "2026-12-01", start: "12:00", hours: 2 },
  "World AIDS Day community testing": { date: "2026-12-01", start: "10:00", hours: 7 },
  "Overdose Awareness Day remembrance": { date: "2027-08-31", start: "19:00", hours: 2 },
};

const defaultDescription =
  "An event of the demo network. Everyone is welcome; **nicknames are fine** and nobody has to say why they come.\n\n" +
  "- Free of charge\n- Light refreshments\n\nMore about harm reduction: [harmreduction.eu](https://harmreduction.eu)";

export async function seedDemoEvents(db: Kysely<Database>, networkId: string, now = DateTime.now()) {
  await db
    .insertInto("campaigns")
    .values({
      network_id: networkId,
      slug: demoEventsCampaign.slug,
      title: demoEventsCampaign.title,
      status: "published",
      starts_on: now.toISODate()!,
      ends_on: now.plus({ days: 60 }).toISODate()!,
    })
    .onConflict((oc) => oc.columns(["network_id", "slug"]).doNothing())
    .execute();
  const campaigns = await db.selectFrom("campaigns").select(["id", "slug"]).where("network_id", "=", networkId).execute();
  const campaignId = (key: DemoEvent["campaign"]) =>
    campaigns.find((c) => c.slug === (key === "own" ? demoEventsCampaign.slug : key))?.id ?? null;
  const partners = await db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).execute();
  const partnerId = (name: string | undefined) => partners.find((p) => p.name === name)?.id ?? null;
  const contacts = await db.selectFrom("partner_contacts").select(["partner_id", "user_id"]).where("network_id", "=", networkId).execute();

  for (const event of events) {
    const fixed = fixedDays[event.title];
    const day = fixed ? DateTime.fromISO(fixed.date, { zone: event.zone }) : now.setZone(event.zone).startOf("day").plus({ days: event.day ?? 0 });
    const timing = event.days
      ? {
          all_day: true,
          start_date: day.toISODate()!,
          end_date: day.plus({ days: event.days - 1 }).toISODate()!,
          starts_at: day.toJSDate(),
          ends_at: day.plus({ days: event.days }).toJSDate(),
        }
      : (() => {
          const [hour, minute] = (fixed?.start ?? event.start!).split(":").map(Number);
          const start = day.set({ hour, minute });
          return {
            all_day: false,
            start_date: null,
            end_date: null,
            starts_at: start.toJSDate(),
            ends_at: start.plus({ minutes: Math.round((fixed?.hours ?? event.hours!) * 60) }).toJSDate(),
          };
        })();
    const host = partnerId(event.host);
    const status = event.status ?? "published";
    await db
      .insertInto("events")
      .values({
        network_id: networkId,
        campaign_id: event.campaign ? campaignId(event.campaign) : null,
        host_partner_id: host,
        submitted_by_partner_id: event.submitted ? host : null,
        created_by: event.submitted ? (contacts.find((c) => c.partner_id === host)?.user_id ?? null) : null,
        title: event.title,
        description: event.description ?? defaultDescription,
        time_zone: event.zone,
        ...timing,
        mode: event.mode,
        venue_name: event.mode === "online" ? null : (event.venue ?? null),
        city: event.city ?? null,
        country: event.country ?? null,
        online_url: event.mode === "in_person" ? null : "https://meet.example.org/demo-room",
        languages: event.languages,
        accessibility: event.accessibility ?? [],
        anonymity_policy: "No photos without asking. First names or nicknames only.",
        visibility: event.visibility ?? "public",
        status,
        sequence: status === "cancelled" ? 1 : 0,
        cancelled_at: status === "cancelled" ? now.toJSDate() : null,
      })
      .execute();
  }
}
