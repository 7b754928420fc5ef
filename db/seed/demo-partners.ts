import type { Kysely } from "kysely";
import type { Database } from "../types";

/** Partner organisations of the demo network, across countries and languages. */
export const demoPartners = [
  {
    name: "Lisbon Harm Reduction Collective",
    country: "PT",
    city: "Lisbon",
    languages: ["pt", "en"],
    tags: ["peer-led", "harm-reduction service"],
    contact: { name: "Pat Partner", email: "partner@demo.example.org", locale: "en", role_title: "Coordinator" },
  },
  {
    name: "Amsterdam Peer Network",
    country: "NL",
    city: "Amsterdam",
    languages: ["nl", "en"],
    tags: ["peer-led", "national network"],
    contact: { name: "Daan", email: "daan@amsterdam-peers.example.org", locale: "en", role_title: "Outreach" },
  },
  {
    name: "Kyiv Drug User Union",
    country: "UA",
    city: "Kyiv",
    languages: ["uk", "ru", "en"],
    tags: ["peer-led"],
    contact: { name: "Olha", email: "olha@kyiv-union.example.org", locale: "en", role_title: "Advocacy" },
  },
  {
    name: "London Positive Voices",
    country: "GB",
    city: "London",
    languages: ["en"],
    tags: ["HIV", "community organisation"],
    contact: { name: "Sam", email: "sam@positive-voices.example.org", locale: "en", role_title: "Events" },
  },
  {
    name: "Marseille Réduction des Risques",
    country: "FR",
    city: "Marseille",
    languages: ["fr"],
    tags: ["harm-reduction service"],
    contact: { name: "Camille", email: "camille@marseille-rdr.example.org", locale: "fr", role_title: "Coordination" },
  },
];

export async function seedDemoPartners(db: Kysely<Database>, networkId: string) {
  for (const partner of demoPartners) {
    const organisation = await db
      .insertInto("partner_organisations")
      .values({
        network_id: networkId,
        name: partner.name,
        country: partner.country,
        city: partner.city,
        languages: partner.languages,
        tags: partner.tags,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A demo account with the contact's address becomes the contact's portal login.
    const user = await db.selectFrom("users").select("id").where("email", "=", partner.contact.email).executeTakeFirst();
    await db
      .insertInto("partner_contacts")
      .values({ network_id: networkId, partner_id: organisation.id, ...partner.contact, user_id: user?.id ?? null })
      .execute();
  }
}
