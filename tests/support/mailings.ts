import type { Kysely } from "kysely";
import type { Database } from "~db/types";

/** Three language versions using every merge field. */
export const variants = [
  {
    language: "en",
    subject: "{{campaign.title}}: a call to {{partner.name}}",
    body: "Dear {{contact.name}}, {{campaign.date}} is coming.",
  },
  {
    language: "fr",
    subject: "{{campaign.title}} : un appel à {{partner.name}}",
    body: "Bonjour {{contact.name}}, {{campaign.date}} approche.",
  },
  {
    language: "pt",
    subject: "{{campaign.title}}: um apelo a {{partner.name}}",
    body: "Olá {{contact.name}}, {{campaign.date}} está a chegar.",
  },
];

export interface SeededContact {
  email: string;
  name: string;
  partnerName: string;
  expectedLanguage: "en" | "fr" | "pt";
}

/**
 * `count` subscribed contacts in organisations of ten: a third French, a third
 * Portuguese, a third English or with no language (who get the network's English).
 */
export async function seedContacts(db: Kysely<Database>, networkId: string, count: number): Promise<SeededContact[]> {
  const seeded: SeededContact[] = [];
  for (let start = 0; start < count; start += 500) {
    const chunk = Array.from({ length: Math.min(500, count - start) }, (_, offset) => start + offset);
    const organisations = await db
      .insertInto("partner_organisations")
      .values(
        [...new Set(chunk.map((i) => Math.floor(i / 10)))].map((group) => ({
          network_id: networkId,
          name: `Partner ${String(group).padStart(4, "0")}`,
          country: group % 2 === 0 ? "PT" : "FR",
        })),
      )
      .returning(["id", "name"])
      .execute();
    const idOf = new Map(organisations.map((o) => [o.name, o.id]));
    const rows = chunk.map((i) => {
      const partnerName = `Partner ${String(Math.floor(i / 10)).padStart(4, "0")}`;
      const expectedLanguage = (["en", "fr", "pt"] as const)[i % 3]!;
      const locale = expectedLanguage === "en" ? (i % 2 === 0 ? "en" : null) : expectedLanguage;
      const contact = { email: `contact${i}@partners.example.org`, name: `Contact ${i}`, partnerName, expectedLanguage };
      seeded.push(contact);
      return { network_id: networkId, partner_id: idOf.get(partnerName)!, name: contact.name, email: contact.email, locale };
    });
    await db.insertInto("partner_contacts").values(rows).execute();
  }
  return seeded;
}

/** Waits until the mailing's dispatcher has finished and `done()` holds. */
export async function waitForMailing(db: Kysely<Database>, mailingId: string, done: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mailing = await db.selectFrom("mailings").select("status").where("id", "=", mailingId).executeTakeFirstOrThrow();
    if (mailing.status === "sent" && done()) return;
    if (Date.now() > deadline) throw new Error(`mailing still ${mailing.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
