import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import type { ContactInput, DirectoryFilter, OrganisationInput } from "./partners.schema";

/** The partner organisation a signed-in partner contact speaks for in a network, if any. */
export async function getPartnerOfUser(db: Kysely<Database>, networkId: string, userId: string) {
  return db
    .selectFrom("partner_contacts")
    .innerJoin("partner_organisations", "partner_organisations.id", "partner_contacts.partner_id")
    .select(["partner_organisations.id", "partner_organisations.name", "partner_organisations.country", "partner_contacts.id as contactId"])
    .where("partner_contacts.network_id", "=", networkId)
    .where("partner_contacts.user_id", "=", userId)
    .executeTakeFirst();
}

/** PostgreSQL's unique_violation, from pg and PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23505";
}

/** Escapes LIKE's wildcards so a search for "100%" means the text "100%". */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listPartners(db: Kysely<Database>, networkId: string, filter: DirectoryFilter = {}) {
  let query = db
    .selectFrom("partner_organisations as o")
    .select((eb) => [
      "o.id",
      "o.name",
      "o.country",
      "o.city",
      "o.languages",
      "o.tags",
      "o.website",
      eb
        .selectFrom("partner_contacts")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("partner_contacts.partner_id", "=", "o.id")
        .as("contactCount"),
    ])
    .where("o.network_id", "=", networkId);
  if (filter.country) query = query.where("o.country", "=", filter.country);
  if (filter.language) query = query.where(sql<boolean>`${filter.language} = any(o.languages)`);
  if (filter.tag) query = query.where(sql<boolean>`${filter.tag} = any(o.tags)`);
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb("o.name", "ilike", pattern),
        eb("o.city", "ilike", pattern),
        eb.exists(
          eb
            .selectFrom("partner_contacts as c")
            .select("c.id")
            .whereRef("c.partner_id", "=", "o.id")
            .where((inner) => inner.or([inner("c.name", "ilike", pattern), inner("c.email", "ilike", pattern)])),
        ),
      ]),
    );
  }
  return query.orderBy("o.name").execute();
}

/** The countries, languages and tags in use, for the directory's and the segment's choices. */
export async function listDirectoryFacets(db: Kysely<Database>, networkId: string) {
  const rows = await db
    .selectFrom("partner_organisations")
    .select(["country", "languages", "tags"])
    .where("network_id", "=", networkId)
    .execute();
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));
  return {
    countries: sorted(rows.map((row) => row.country)),
    languages: sorted(rows.flatMap((row) => row.languages)),
    tags: sorted(rows.flatMap((row) => row.tags)),
  };
}

export async function getPartner(db: Kysely<Database>, networkId: string, partnerId: string) {
  const organisation = await db
    .selectFrom("partner_organisations")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("id", "=", partnerId)
    .executeTakeFirst();
  if (!organisation) return undefined;
  const contacts = await db
    .selectFrom("partner_contacts")
    .select([
      "id",
      "name",
      "email",
      "locale",
      "role_title",
      "subscribed",
      "unsubscribed_at",
      "user_id",
      "suppressed_at",
      "suppressed_reason",
      "suppressed_detail",
    ])
    .where("partner_id", "=", partnerId)
    .orderBy("name")
    .execute();
  return { ...organisation, contacts };
}

type SaveResult = { ok: true; id: string } | { ok: false; reason: "name-taken" | "email-taken" | "not-found" };

export async function createPartner(
  db: Kysely<Database>,
  networkId: string,
  actorUserId: string,
  input: OrganisationInput,
): Promise<SaveResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("partner_organisations")
        .values({ network_id: networkId, ...input })
        .returning("id")
        .executeTakeFirstOrThrow();
      await recordAudit(trx, { networkId, actorUserId, action: "partner.created", subjectType: "partner", subjectId: id });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
    throw error;
  }
}

/** Organisers change every field; partners in the portal leave tags and notes as they are. */
export async function updatePartner(
  db: Kysely<Database>,
  networkId: string,
  partnerId: string,
  actorUserId: string,
  input: Omit<OrganisationInput, "tags" | "notes"> & Partial<Pick<OrganisationInput, "tags" | "notes">>,
): Promise<SaveResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("partner_organisations")
        .set({ ...input, updated_at: sql`now()` })
        .where("network_id", "=", networkId)
        .where("id", "=", partnerId)
        .returning("id")
        .executeTakeFirst();
      if (!updated) return { ok: false as const, reason: "not-found" as const };
      await recordAudit(trx, {
        networkId,
        actorUserId,
        action: "partner.updated",
        subjectType: "partner",
        subjectId: partnerId,
      });
      return { ok: true as const, id: partnerId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "name-taken" };
    throw error;
  }
}

export async function deletePartner(db: Kysely<Database>, networkId: string, partnerId: string, actorUserId: string) {
  const deleted = await db
    .deleteFrom("partner_organisations")
    .where("network_id", "=", networkId)
    .where("id", "=", partnerId)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) return false;
  await recordAudit(db, { networkId, actorUserId, action: "partner.deleted", subjectType: "partner", subjectId: partnerId });
  return true;
}

export async function addContact(db: Kysely<Database>, networkId: string, partnerId: string, input: ContactInput): Promise<SaveResult> {
  const partner = await db
    .selectFrom("partner_organisations")
    .select("id")
    .where("network_id", "=", networkId)
    .where("id", "=", partnerId)
    .executeTakeFirst();
  if (!partner) return { ok: false, reason: "not-found" };
  try {
    const { id } = await db
      .insertInto("partner_contacts")
      .values({
        network_id: networkId,
        partner_id: partnerId,
        name: input.name,
        email: input.email,
        locale: input.locale,
        role_title: input.roleTitle,
        subscribed: input.subscribed,
        unsubscribed_at: input.subscribed ? null : new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, id };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "email-taken" };
    throw error;
  }
}

export async function removeContact(db: Kysely<Database>, networkId: string, partnerId: string, contactId: string) {
  const deleted = await db
    .deleteFrom("partner_contacts")
    .where("network_id", "=", networkId)
    .where("partner_id", "=", partnerId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}

/** Subscribing again is the contact's or an organiser's explicit choice; unsubscribing stops every later mailing. */
export async function setContactSubscribed(db: Kysely<Database>, networkId: string, contactId: string, subscribed: boolean) {
  const updated = await db
    .updateTable("partner_contacts")
    .set({ subscribed, unsubscribed_at: subscribed ? null : sql`now()`, updated_at: sql`now()` })
    .where("network_id", "=", networkId)
    .where("id", "=", contactId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** A partner's own organisation as the portal shows it: no organisers' notes or tags. */
export async function getOrganisationForPortal(db: Kysely<Database>, networkId: string, partnerId: string) {
  return db
    .selectFrom("partner_organisations")
    .select(["id", "name", "country", "city", "languages", "website", "listed_publicly"])
    .where("network_id", "=", networkId)
    .where("id", "=", partnerId)
    .executeTakeFirst();
}
