import type { Kysely } from "kysely";
import { markScheduled, startSending } from "~/modules/mailings/mailings.server";
import type { Database } from "../types";

/** More contacts, in more languages, beside the demo partners' first contacts. */
const extraContacts = [
  {
    partner: "Marseille Réduction des Risques",
    name: "Lucie",
    email: "lucie@marseille-rdr.example.org",
    locale: "fr",
    role_title: "Accueil",
  },
  {
    partner: "Lisbon Harm Reduction Collective",
    name: "João",
    email: "joao@lisbon-hrc.example.org",
    locale: "pt",
    role_title: "Peer worker",
  },
  { partner: "Kyiv Drug User Union", name: "Taras", email: "taras@kyiv-union.example.org", locale: "uk", role_title: "Outreach" },
  { partner: "London Positive Voices", name: "Priya", email: "priya@positive-voices.example.org", locale: "en", role_title: "Director" },
];

/**
 * A welcome mailing in English and French, started at seed time: the job
 * runner delivers it at start (captured into the dev mailbox by default), so
 * the demo shows a sent mailing with its report. A second one, calling
 * partners to the World AIDS Day campaign, is scheduled for `sendAt`.
 */
export async function seedDemoMailings(
  db: Kysely<Database>,
  input: { networkId: string; organiserId: string; sendAt: Date; worldAidsDay: { id: string; title: string } },
) {
  const { networkId, organiserId } = input;
  for (const contact of extraContacts) {
    const partner = await db
      .selectFrom("partner_organisations")
      .select("id")
      .where("network_id", "=", networkId)
      .where("name", "=", contact.partner)
      .executeTakeFirstOrThrow();
    const { partner: _name, ...values } = contact;
    await db
      .insertInto("partner_contacts")
      .values({ network_id: networkId, partner_id: partner.id, ...values })
      .execute();
  }
  const mailing = await db
    .insertInto("mailings")
    .values({ network_id: networkId, title: "Welcome to the partner network", created_by: organiserId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("mailing_variants")
    .values([
      {
        mailing_id: mailing.id,
        language: "en",
        subject: "Welcome, {{partner.name}}",
        body: "Dear {{contact.name}},\n\nWelcome to the **Demo Network**. Sign in to the partner portal to keep your organisation's details up to date.",
      },
      {
        mailing_id: mailing.id,
        language: "fr",
        subject: "Bienvenue, {{partner.name}}",
        body: "Bonjour {{contact.name}},\n\nBienvenue dans le **Demo Network**. Connectez-vous au portail des partenaires pour tenir à jour les coordonnées de votre organisation.",
      },
    ])
    .execute();
  await startSending(db, mailing.id);

  const call = await db
    .insertInto("mailings")
    .values({
      network_id: networkId,
      campaign_id: input.worldAidsDay.id,
      title: `${input.worldAidsDay.title}: call to partners`,
      created_by: organiserId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("mailing_variants")
    .values({
      mailing_id: call.id,
      language: "en",
      subject: "{{campaign.title}}: will {{partner.name}} join us?",
      body:
        "Dear {{contact.name}},\n\n{{campaign.title}} is on {{campaign.date}}. Tell us what {{partner.name}} plans: " +
        "pledge on the campaign page, or submit your event in the partner portal.",
    })
    .execute();
  await markScheduled(db, call.id, input.sendAt);
}
