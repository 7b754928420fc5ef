import type { Kysely } from "kysely";
import { shiftDate } from "~/modules/days/recurrence";
import type { Database, EventMode, EventStatus, EventVisibility } from "../types";
import { eventTiming, type DemoCampaignKey, type PlannedCampaign } from "./demo-calendar";
import { demoCampaignName } from "./demo-campaigns";

/**
 * The demo network's calendar: events across zones, countries, formats and
 * campaigns, placed relative to the day the seed runs so that most are
 * upcoming and a few are in the archive. Includes a cancelled event, an
 * all-day multi-day one, drafts and a partner submission waiting for review.
 */

/** The demo's own campaign, over the coming two months; World AIDS Day and Overdose Awareness Day come from the campaigns seed. */
export const demoEventsCampaign = { slug: "peer-voices", title: "Peer voices" };

interface DemoEvent {
  title: string;
  zone: string;
  /** Days from the seed's day, in the event's zone; events of a global day's campaign fall on the day instead. */
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
  /** "own": the demo's own campaign; a campaign key: that campaign, on its day (see campaignDayTimes). */
  campaign?: "own" | DemoCampaignKey;
  languages: string[];
  accessibility?: string[];
  status?: EventStatus;
  visibility?: EventVisibility;
  /** Submitted by the host partner's contact. */
  submitted?: boolean;
  description?: string;
  /** Seats; the demo's registrations fill it and put the rest on the waitlist. */
  capacity?: number;
}

const lisbon = "Lisbon Harm Reduction Collective";
const amsterdam = "Amsterdam Peer Network";
const kyiv = "Kyiv Drug User Union";
const london = "London Positive Voices";
const marseille = "Marseille Réduction des Risques";

const events: DemoEvent[] = [
  {
    title: "Peer support circle",
    zone: "Europe/Lisbon",
    day: 2,
    start: "18:00",
    hours: 2,
    mode: "in_person",
    city: "Lisbon",
    country: "PT",
    venue: "Casa do Bairro",
    host: lisbon,
    campaign: "own",
    languages: ["pt", "en"],
    accessibility: ["step-free", "quiet-room"],
    capacity: 3,
  },
  {
    title: "Naloxone training for peers",
    zone: "Europe/Amsterdam",
    day: 3,
    start: "14:00",
    hours: 3,
    mode: "in_person",
    city: "Amsterdam",
    country: "NL",
    venue: "De Regenboog",
    host: amsterdam,
    languages: ["nl", "en"],
    accessibility: ["step-free"],
  },
  {
    title: "Advocacy evening: decriminalisation now",
    zone: "Europe/Kyiv",
    day: 4,
    start: "18:00",
    hours: 2,
    mode: "hybrid",
    city: "Kyiv",
    country: "UA",
    venue: "Community centre Podil",
    host: kyiv,
    campaign: "own",
    languages: ["uk", "en"],
  },
  {
    title: "Testing week drop-in",
    zone: "Europe/London",
    day: 5,
    start: "10:00",
    hours: 8,
    mode: "in_person",
    city: "London",
    country: "GB",
    venue: "Positive Voices hub",
    host: london,
    languages: ["en"],
    accessibility: ["step-free", "accessible-toilet"],
  },
  {
    title: "Réunion des usagers",
    zone: "Europe/Paris",
    day: 6,
    start: "19:00",
    hours: 2,
    mode: "in_person",
    city: "Marseille",
    country: "FR",
    venue: "Local associatif",
    host: marseille,
    languages: ["fr"],
  },
  {
    title: "Online peer webinar: drug checking",
    zone: "Europe/Amsterdam",
    day: 7,
    start: "16:00",
    hours: 1.5,
    mode: "online",
    languages: ["en"],
    accessibility: ["captions"],
    campaign: "own",
  },
  {
    title: "Harm reduction street outreach",
    zone: "Europe/Lisbon",
    day: 8,
    start: "21:00",
    hours: 3,
    mode: "in_person",
    city: "Lisbon",
    country: "PT",
    host: lisbon,
    languages: ["pt"],
  },
  {
    title: "Community picnic",
    zone: "Europe/Amsterdam",
    day: 9,
    start: "12:00",
    hours: 4,
    mode: "in_person",
    city: "Utrecht",
    country: "NL",
    venue: "Wilhelminapark",
    host: amsterdam,
    languages: ["nl"],
    status: "cancelled",
  },
  {
    title: "Peer voices gathering (three days)",
    zone: "Europe/Lisbon",
    day: 10,
    days: 3,
    mode: "in_person",
    city: "Porto",
    country: "PT",
    venue: "Centro Comunitário",
    host: lisbon,
    campaign: "own",
    languages: ["pt", "en", "es"],
    accessibility: ["step-free", "quiet-room", "childcare"],
  },
  {
    title: "Stigma and the media: a workshop",
    zone: "Europe/London",
    day: 11,
    start: "13:00",
    hours: 2,
    mode: "hybrid",
    city: "Manchester",
    country: "GB",
    venue: "Friends Meeting House",
    host: london,
    languages: ["en"],
    accessibility: ["hearing-loop", "step-free"],
  },
  {
    title: "Kyiv peer counsellors meet-up",
    zone: "Europe/Kyiv",
    day: 12,
    start: "17:30",
    hours: 2,
    mode: "in_person",
    city: "Kyiv",
    country: "UA",
    host: kyiv,
    languages: ["uk", "ru"],
  },
  {
    title: "Members' assembly (partners only)",
    zone: "Europe/Amsterdam",
    day: 13,
    start: "15:00",
    hours: 2,
    mode: "online",
    languages: ["en"],
    visibility: "partners",
  },
  {
    title: "Café santé et réduction des risques",
    zone: "Europe/Paris",
    day: 14,
    start: "10:00",
    hours: 2,
    mode: "in_person",
    city: "Marseille",
    country: "FR",
    host: marseille,
    languages: ["fr"],
    accessibility: ["seating"],
  },
  {
    title: "Hepatitis C testing day",
    zone: "Europe/Lisbon",
    day: 15,
    start: "09:00",
    hours: 8,
    mode: "in_person",
    city: "Setúbal",
    country: "PT",
    host: lisbon,
    languages: ["pt"],
  },
  {
    title: "Film night: harm reduction stories",
    zone: "Europe/London",
    day: 16,
    start: "19:00",
    hours: 2.5,
    mode: "in_person",
    city: "London",
    country: "GB",
    venue: "Rio Cinema",
    host: london,
    languages: ["en"],
    accessibility: ["captions", "step-free"],
  },
  {
    title: "Peer researchers online seminar",
    zone: "Europe/Kyiv",
    day: 18,
    start: "18:00",
    hours: 1.5,
    mode: "online",
    host: kyiv,
    languages: ["uk", "en"],
    campaign: "own",
  },
  {
    title: "Women who use drugs: safe space",
    zone: "Europe/Amsterdam",
    day: 19,
    start: "11:00",
    hours: 3,
    mode: "in_person",
    city: "Rotterdam",
    country: "NL",
    host: amsterdam,
    languages: ["nl", "en"],
    accessibility: ["gender-neutral-toilet", "quiet-room"],
    description: "A closed meeting for women and non-binary people who use drugs. **First names only**, no photos.",
  },
  {
    title: "Vigil for those we lost",
    zone: "Europe/Lisbon",
    day: 20,
    start: "18:30",
    hours: 1.5,
    mode: "in_person",
    city: "Lisbon",
    country: "PT",
    venue: "Praça do Comércio",
    host: lisbon,
    languages: ["pt", "en"],
  },
  {
    title: "Drug policy reading group",
    zone: "Europe/London",
    day: 22,
    start: "18:00",
    hours: 1.5,
    mode: "online",
    host: london,
    languages: ["en"],
  },
  {
    title: "Peer network planning (unlisted)",
    zone: "Europe/Amsterdam",
    day: 23,
    start: "10:00",
    hours: 2,
    mode: "online",
    languages: ["en"],
    visibility: "unlisted",
  },
  {
    title: "Formation naloxone",
    zone: "Europe/Paris",
    day: 25,
    start: "14:00",
    hours: 3,
    mode: "in_person",
    city: "Marseille",
    country: "FR",
    host: marseille,
    languages: ["fr"],
  },
  {
    title: "Winter clothes and kit distribution",
    zone: "Europe/Kyiv",
    day: 27,
    start: "12:00",
    hours: 4,
    mode: "in_person",
    city: "Lviv",
    country: "UA",
    host: kyiv,
    languages: ["uk"],
  },
  {
    title: "Open mic: our stories",
    zone: "Europe/London",
    day: 30,
    start: "19:30",
    hours: 2,
    mode: "in_person",
    city: "Brighton",
    country: "GB",
    host: london,
    languages: ["en"],
    campaign: "own",
  },
  {
    title: "Outreach volunteers' induction",
    zone: "Europe/Lisbon",
    day: 34,
    start: "10:00",
    hours: 4,
    mode: "in_person",
    city: "Lisbon",
    country: "PT",
    host: lisbon,
    languages: ["pt"],
  },
  {
    title: "New year peer support online",
    zone: "Europe/Amsterdam",
    day: 42,
    start: "20:00",
    hours: 1,
    mode: "online",
    host: amsterdam,
    languages: ["nl", "en"],
  },
  {
    title: "Planning day (draft)",
    zone: "Europe/Amsterdam",
    day: 45,
    start: "10:00",
    hours: 6,
    mode: "in_person",
    city: "Amsterdam",
    country: "NL",
    languages: ["en"],
    status: "draft",
  },
  {
    title: "Peer-led drug checking pop-up",
    zone: "Europe/Lisbon",
    day: 21,
    start: "22:00",
    hours: 4,
    mode: "in_person",
    city: "Lisbon",
    country: "PT",
    host: lisbon,
    campaign: "own",
    languages: ["pt", "en"],
    status: "pending_review",
    submitted: true,
  },
  {
    title: "Red ribbon walk",
    zone: "Europe/London",
    start: "12:00",
    hours: 2,
    mode: "in_person",
    city: "London",
    country: "GB",
    host: london,
    campaign: "worldAidsDay",
    languages: ["en"],
  },
  {
    title: "World AIDS Day community testing",
    zone: "Europe/Kyiv",
    start: "10:00",
    hours: 7,
    mode: "in_person",
    city: "Odesa",
    country: "UA",
    host: kyiv,
    campaign: "worldAidsDay",
    languages: ["uk", "ru"],
  },
  {
    title: "Overdose Awareness Day remembrance",
    zone: "Europe/Amsterdam",
    start: "19:00",
    hours: 2,
    mode: "hybrid",
    city: "Amsterdam",
    country: "NL",
    host: amsterdam,
    campaign: "overdoseAwarenessDay",
    languages: ["nl", "en"],
  },
  {
    title: "Autumn peer assembly",
    zone: "Europe/Lisbon",
    day: -20,
    start: "10:00",
    hours: 6,
    mode: "in_person",
    city: "Lisbon",
    country: "PT",
    host: lisbon,
    languages: ["pt", "en"],
  },
  {
    title: "Past webinar: overdose prevention",
    zone: "Europe/London",
    day: -9,
    start: "17:00",
    hours: 1,
    mode: "online",
    host: london,
    languages: ["en"],
  },
  {
    title: "Past meet-up: Kyiv harm reduction",
    zone: "Europe/Kyiv",
    day: -3,
    start: "18:00",
    hours: 2,
    mode: "in_person",
    city: "Kyiv",
    country: "UA",
    host: kyiv,
    languages: ["uk"],
  },
];

const defaultDescription =
  "An event of the demo network. Everyone is welcome; **nicknames are fine** and nobody has to say why they come.\n\n" +
  "- Free of charge\n- Light refreshments\n\nMore about harm reduction: [harmreduction.eu](https://harmreduction.eu)";

export async function seedDemoEvents(
  db: Kysely<Database>,
  input: { networkId: string; now: Date; today: string; campaigns: Record<DemoCampaignKey, PlannedCampaign> },
) {
  const { networkId, now, today } = input;
  await db
    .insertInto("campaigns")
    .values({
      network_id: networkId,
      slug: demoEventsCampaign.slug,
      title: demoEventsCampaign.title,
      status: "published",
      starts_on: today,
      ends_on: shiftDate(today, 60),
    })
    .onConflict((oc) => oc.columns(["network_id", "slug"]).doNothing())
    .execute();
  const campaigns = await db.selectFrom("campaigns").select(["id", "slug"]).where("network_id", "=", networkId).execute();
  const campaignId = (key: DemoEvent["campaign"]) => {
    const slug = key === "own" ? demoEventsCampaign.slug : key ? demoCampaignName(key, input.campaigns[key].year).slug : undefined;
    return campaigns.find((c) => c.slug === slug)?.id ?? null;
  };
  const partners = await db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).execute();
  const partnerId = (name: string | undefined) => partners.find((p) => p.name === name)?.id ?? null;
  const contacts = await db.selectFrom("partner_contacts").select(["partner_id", "user_id"]).where("network_id", "=", networkId).execute();

  for (const event of events) {
    const day = event.day ?? (event.campaign && event.campaign !== "own" ? input.campaigns[event.campaign].date : 0);
    const timing = eventTiming(event.days ? { day, days: event.days } : { day, start: event.start!, hours: event.hours! }, event.zone, now);
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
        capacity: event.capacity ?? null,
        status,
        sequence: status === "cancelled" ? 1 : 0,
        cancelled_at: status === "cancelled" ? now : null,
      })
      .execute();
  }
}
