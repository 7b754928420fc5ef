import type { Kysely } from "kysely";
import { hashPassword } from "~/modules/auth/passwords.server";
import type { Database, MembershipRole } from "../types";
import { seedDemoCampaigns } from "./demo-campaigns";
import { seedDemoEvents } from "./demo-events";
import { seedDemoMailings } from "./demo-mailings";
import { seedDemoPartners } from "./demo-partners";
import { seedDemoSpeakers } from "./demo-speakers";
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

/** Creates "Demo Network" and its accounts once; later runs leave existing data alone. */
export async function seedDemoNetwork(db: Kysely<Database>): Promise<{ created: boolean }> {
  const existing = await db.selectFrom("networks").select("id").where("slug", "=", demoNetworkSlug).executeTakeFirst();
  if (existing) return { created: false };
  const passwordHash = await hashPassword(demoPassword);
  await db.transaction().execute(async (trx) => {
    const network = await trx
      .insertInto("networks")
      .values({ slug: demoNetworkSlug, name: "Demo Network", default_locale: "en", time_zone: "Europe/Amsterdam" })
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
    await seedDemoCampaigns(trx, network.id, organiserId);
    // Events attach to the campaigns above; speakers are invited to these events.
    await seedDemoEvents(trx, network.id);
    await seedDemoSpeakers(trx, network.id);
    // After the events seed: it registers people on the demo events.
    await seedDemoRegistrations(trx, network.id);
    await seedDemoMailings(trx, network.id, organiserId);
  });
  return { created: true };
}
