import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { queueEmail } from "~/modules/mail/outbox.server";
import { messageLocale } from "~/modules/partners/portal.server";

/**
 * Tells the partner's contacts that their calendar could not be read several
 * times in a row, in each contact's language, through the outbox in the
 * transaction that records the failure. Sent once per run of failures.
 */
export async function notifyRepeatedFailures(
  trx: Kysely<Database>,
  sourceId: string,
  failure: { code: string; detail: string; failures: number; appUrl: string },
): Promise<void> {
  const source = await trx
    .selectFrom("calendar_sources as s")
    .innerJoin("partner_organisations as p", "p.id", "s.partner_id")
    .innerJoin("networks as n", "n.id", "s.network_id")
    .select(["s.partner_id", "s.url", "p.name as partnerName", "n.id as networkId", "n.slug", "n.name as networkName", "n.default_locale"])
    .where("s.id", "=", sourceId)
    .executeTakeFirstOrThrow();
  const contacts = await trx
    .selectFrom("partner_contacts")
    .select(["name", "email", "locale"])
    .where("partner_id", "=", source.partner_id)
    .orderBy("email")
    .execute();
  for (const contact of contacts) {
    await queueEmail(trx, {
      kind: "calendar-import-failing",
      to: contact.email,
      locale: messageLocale(contact.locale, source.default_locale),
      networkId: source.networkId,
      params: {
        name: contact.name,
        networkName: source.networkName,
        partnerName: source.partnerName,
        calendarUrl: source.url,
        errorCode: failure.code,
        errorDetail: failure.detail,
        failures: failure.failures,
        manageUrl: `${failure.appUrl}/n/${source.slug}/portal/calendars`,
      },
    });
  }
}
