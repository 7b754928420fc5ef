import { stringify } from "csv-stringify/sync";
import { sql, type Kysely } from "kysely";
import type { Database, PledgeKind } from "~db/types";
import { queueWebhook } from "~/modules/webhooks/queue.server";

/** A partner contact's pledge, made for their own organisation. */
export async function addPledge(
  db: Kysely<Database>,
  input: { networkId: string; campaignId: string; partnerId: string; userId: string; kind: PledgeKind; details: string },
) {
  return db.transaction().execute(async (trx) => {
    const pledge = await trx
      .insertInto("campaign_pledges")
      .values({
        network_id: input.networkId,
        campaign_id: input.campaignId,
        partner_id: input.partnerId,
        kind: input.kind,
        details: input.details,
        created_by: input.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const campaign = await trx
      .selectFrom("campaigns")
      .select(["id", "slug", "title"])
      .where("id", "=", input.campaignId)
      .executeTakeFirstOrThrow();
    const partner = await trx
      .selectFrom("partner_organisations")
      .select(["id", "name"])
      .where("id", "=", input.partnerId)
      .executeTakeFirstOrThrow();
    // The organisation and what it pledged; its free-text details stay in Daymark.
    await queueWebhook(trx, {
      networkId: input.networkId,
      kind: "pledge.made",
      data: { pledge: { id: pledge.id, kind: input.kind }, campaign, partner },
    });
    return pledge;
  });
}

/** Withdraws a pledge: only the organisation that made it (partnerId), or an organiser (partnerId null). */
export async function withdrawPledge(
  db: Kysely<Database>,
  input: { networkId: string; campaignId: string; pledgeId: string; partnerId: string | null },
) {
  let query = db
    .deleteFrom("campaign_pledges")
    .where("id", "=", input.pledgeId)
    .where("network_id", "=", input.networkId)
    .where("campaign_id", "=", input.campaignId);
  if (input.partnerId) query = query.where("partner_id", "=", input.partnerId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listPledges(db: Kysely<Database>, networkId: string, campaignId: string) {
  return db
    .selectFrom("campaign_pledges")
    .innerJoin("partner_organisations", "partner_organisations.id", "campaign_pledges.partner_id")
    .select([
      "campaign_pledges.id",
      "campaign_pledges.kind",
      "campaign_pledges.details",
      "campaign_pledges.created_at",
      "partner_organisations.id as partnerId",
      "partner_organisations.name as partnerName",
      "partner_organisations.country",
    ])
    .where("campaign_pledges.network_id", "=", networkId)
    .where("campaign_pledges.campaign_id", "=", campaignId)
    .orderBy("campaign_pledges.created_at")
    .orderBy("campaign_pledges.id")
    .execute();
}

export interface CountryCount {
  /** ISO 3166-1 alpha-2. */
  country: string;
  pledges: number;
  events: number;
  /** People with a seat (confirmed or attended) at the campaign's events there; kept after anonymisation. */
  registrations: number;
}

/**
 * For reporting to funders: pledges and partner events per country. A partner
 * event is an event of the campaign hosted by a partner organisation, not
 * cancelled or draft; it counts in the country where it happens (else the
 * host's). Registrations are not counted yet: they live in another module.
 */
export async function campaignCountsByCountry(db: Kysely<Database>, networkId: string, campaignId: string): Promise<CountryCount[]> {
  // A registration counts in its event's country, else in the host partner's.
  const eventCountry = sql<string | null>`coalesce(upper(events.country), partner_organisations.country)`;
  const [pledges, events, registrations] = await Promise.all([
    db
      .selectFrom("campaign_pledges")
      .innerJoin("partner_organisations", "partner_organisations.id", "campaign_pledges.partner_id")
      .select((eb) => ["partner_organisations.country", eb.fn.countAll<number>().as("count")])
      .where("campaign_pledges.network_id", "=", networkId)
      .where("campaign_pledges.campaign_id", "=", campaignId)
      .groupBy("partner_organisations.country")
      .execute(),
    db
      .selectFrom("events")
      .innerJoin("partner_organisations", "partner_organisations.id", "events.host_partner_id")
      .select((eb) => [
        eb.fn.coalesce(eb.fn("upper", ["events.country"]), "partner_organisations.country").as("country"),
        eb.fn.countAll<number>().as("count"),
      ])
      .where("events.network_id", "=", networkId)
      .where("events.campaign_id", "=", campaignId)
      .where("events.status", "in", ["published", "pending_review"])
      .groupBy((eb) => eb.fn.coalesce(eb.fn("upper", ["events.country"]), "partner_organisations.country"))
      .execute(),
    db
      .selectFrom("registrations")
      .innerJoin("events", "events.id", "registrations.event_id")
      .leftJoin("partner_organisations", "partner_organisations.id", "events.host_partner_id")
      .select((eb) => [eventCountry.as("country"), eb.fn.countAll<number>().as("count")])
      .where("events.network_id", "=", networkId)
      .where("events.campaign_id", "=", campaignId)
      .where("registrations.status", "in", ["confirmed", "attended"])
      .groupBy(eventCountry)
      .execute(),
  ]);
  const byCountry = new Map<string, CountryCount>();
  const row = (country: string) => {
    const existing = byCountry.get(country) ?? { country, pledges: 0, events: 0, registrations: 0 };
    byCountry.set(country, existing);
    return existing;
  };
  for (const p of pledges) row(p.country).pledges += Number(p.count);
  for (const e of events) row(String(e.country)).events += Number(e.count);
  // Registrations at events with no known country cannot be placed on the map.
  for (const r of registrations) if (r.country) row(String(r.country)).registrations += Number(r.count);
  return [...byCountry.values()].sort(
    (a, b) => b.events + b.pledges - (a.events + a.pledges) || b.registrations - a.registrations || a.country.localeCompare(b.country),
  );
}

/** The per-country counts as CSV for a spreadsheet, with a header row in the reader's language. */
export function countsToCsv(
  counts: CountryCount[],
  header: { countryCode: string; country: string; pledges: string; events: string; registrations: string },
  countryName: (code: string) => string,
): string {
  return stringify(
    [
      [header.countryCode, header.country, header.pledges, header.events, header.registrations],
      ...counts.map((c) => [c.country, countryName(c.country), c.pledges, c.events, c.registrations]),
    ],
    // Cells starting with = + - @ are not formulas: quote them so spreadsheets show them as text.
    { cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) } },
  );
}

/** A partner organisation's pledges across the network's campaigns, newest first: for the partner portal. */
export async function listPartnerPledges(db: Kysely<Database>, networkId: string, partnerId: string) {
  return db
    .selectFrom("campaign_pledges")
    .innerJoin("campaigns", "campaigns.id", "campaign_pledges.campaign_id")
    .select(["campaign_pledges.id", "campaign_pledges.kind", "campaign_pledges.details", "campaigns.slug", "campaigns.title"])
    .where("campaign_pledges.network_id", "=", networkId)
    .where("campaign_pledges.partner_id", "=", partnerId)
    .orderBy("campaign_pledges.created_at", "desc")
    .execute();
}
