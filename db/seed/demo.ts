import type { Kysely } from "kysely";
import { hashPassword } from "~/modules/auth/passwords.server";
import type { Database, MembershipRole } from "../types";
import {
  demoCampaignDays,
  plannedCampaigns,
  scheduledMailingTime,
  seedToday,
  type DemoCampaignKey,
  type PlannedCampaign,
} from "./demo-calendar";
import { demoCampaignName, seedDemoCampaigns } from "./demo-campaigns";
import { seedDemoEvents } from "./demo-events";
import { seedDemoMailings } from "./demo-mailings";
import { seedDemoPartners } from "./demo-partners";
import { seedDemoSpeakers } from "./demo-speakers";
import { seedDemoTranslations } from "./demo-translations";
import { seedDemoRegistrations } from "./demo-registrations";

/** The demo accounts, printed at first start. Demo data only ever goes into the embedded database by default. */
export const demoPassword = "daymark-demo";
export const demoAccounts: { email: string; name: string; role: MembershipRole }[] = [
  { email: "owner@demo.example.org", name: "Olena Demo", role: "owner" },
  { email: "organiser@demo.example.org", name: "Oscar Organiser", role: "organiser" },
  { email: "partner@demo.example.org", name: "Pat Partner", role: "partner" },
  // A second partner contact (Amsterdam Peer Network): partners see and edit only their own events.
  { email: "daan@amsterdam-peers.example.org", name: "Daan", role: "partner" },
];
export const demoNetworkSlug = "demo";

export const demoNetworkZone = "Europe/Amsterdam";

/** What the demo seed planned, for the start-up message and for tests that need its dates. */
export interface DemoSeed {
  today: string;
  campaigns: Record<DemoCampaignKey, PlannedCampaign & { slug: string; title: string }>;
}

/**
 * Creates "Demo Network" and its accounts once, with every date counted from
 * `now`; later runs leave existing data alone and return nothing.
 */
export async function seedDemoNetwork(db: Kysely<Database>, now: Date): Promise<DemoSeed | undefined> {
  const existing = await db.selectFrom("networks").select("id").where("slug", "=", demoNetworkSlug).executeTakeFirst();
  if (existing) return undefined;
  const passwordHash = await hashPassword(demoPassword);
  const today = seedToday(now, demoNetworkZone);
  const rules = await db
    .selectFrom("global_days")
    .select(["key", "rule"])
    .where("network_id", "is", null)
    .where("key", "in", Object.values(demoCampaignDays))
    .execute();
  const ruleOf = (key: DemoCampaignKey) => rules.find((row) => row.key === demoCampaignDays[key])!.rule;
  const planned = plannedCampaigns({ worldAidsDay: ruleOf("worldAidsDay"), overdoseAwarenessDay: ruleOf("overdoseAwarenessDay") }, today);
  await db.transaction().execute(async (trx) => {
    const network = await trx
      .insertInto("networks")
      .values({ slug: demoNetworkSlug, name: "Demo Network", default_locale: "en", time_zone: demoNetworkZone })
      .returning("id")
      .executeTakeFirstOrThrow();
    let organiserId = "";
    for (const account of demoAccounts) {
      const user = await trx
        .insertInto("users")
        .values({ email: account.email, name: account.name, password_hash: passwordHash, locale: null })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("memberships").values({ network_id: network.id, user_id: user.id, role: account.role }).execute();
      if (account.role === "organiser") organiserId = user.id;
    }
    await seedDemoPartners(trx, network.id);
    const campaignIds = await seedDemoCampaigns(trx, { networkId: network.id, organiserId, campaigns: planned, today });
    // Events attach to the campaigns above; speakers are invited to these events.
    await seedDemoEvents(trx, { networkId: network.id, now, today, campaigns: planned });
    await seedDemoTranslations(trx, { networkId: network.id, campaigns: planned });
    await seedDemoSpeakers(trx, network.id, now);
    // After the events seed: it registers people on the demo events.
    await seedDemoRegistrations(trx, network.id, now);
    await seedDemoMailings(trx, {
      networkId: network.id,
      organiserId,
      sendAt: scheduledMailingTime(now, demoNetworkZone),
      worldAidsDay: { id: campaignIds.worldAidsDay, title: demoCampaignName("worldAidsDay", planned.worldAidsDay.year).title },
    });
  });
  const named = (key: DemoCampaignKey) => ({ ...planned[key], ...demoCampaignName(key, planned[key].year) });
  return { today, campaigns: { worldAidsDay: named("worldAidsDay"), overdoseAwarenessDay: named("overdoseAwarenessDay") } };
}
