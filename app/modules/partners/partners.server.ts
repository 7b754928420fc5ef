import type { Kysely } from "kysely";
import type { Database } from "~db/types";

/** The partner organisation a signed-in partner contact speaks for in a network, if any. */
export async function getPartnerOfUser(db: Kysely<Database>, networkId: string, userId: string) {
  return db
    .selectFrom("partner_contacts")
    .innerJoin("partner_organisations", "partner_organisations.id", "partner_contacts.partner_id")
    .select([
      "partner_organisations.id",
      "partner_organisations.name",
      "partner_organisations.country",
      "partner_contacts.id as contactId",
    ])
    .where("partner_contacts.network_id", "=", networkId)
    .where("partner_contacts.user_id", "=", userId)
    .executeTakeFirst();
}
