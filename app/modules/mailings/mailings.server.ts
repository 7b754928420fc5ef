import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import type { MessageKey } from "~/i18n/translate";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import type { MailingInput } from "./mailings.schema";
import { unknownFieldsIn, usesCampaignFields } from "./merge-fields";
import { loadMailingContext, mailingHeaders, renderMailingMessage } from "./render.server";

export interface Segment {
  countries: string[];
  languages: string[];
  tags: string[];
  /** Only organisations that pledged to this campaign (null: any). */
  pledgedCampaignId: string | null;
}

/** Subscribed, unsuppressed contacts of the network whose organisation matches every non-empty part of the segment. */
export function segmentContacts(db: Kysely<Database>, networkId: string, segment: Segment) {
  let query = db
    .selectFrom("partner_contacts as c")
    .innerJoin("partner_organisations as o", "o.id", "c.partner_id")
    .where("c.network_id", "=", networkId)
    .where("c.subscribed", "=", true)
    .where("c.suppressed_at", "is", null);
  if (segment.countries.length > 0) query = query.where("o.country", "in", segment.countries);
  if (segment.languages.length > 0) query = query.where(sql<boolean>`o.languages && ${sql.val(segment.languages)}::text[]`);
  if (segment.tags.length > 0) query = query.where(sql<boolean>`o.tags && ${sql.val(segment.tags)}::text[]`);
  if (segment.pledgedCampaignId) {
    const campaignId = segment.pledgedCampaignId;
    query = query.where("o.id", "in", (eb) =>
      eb.selectFrom("campaign_pledges").select("partner_id").where("campaign_id", "=", campaignId).where("network_id", "=", networkId),
    );
  }
  return query;
}

export async function listMailings(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("mailings as m")
    .select((eb) => [
      "m.id",
      "m.title",
      "m.status",
      "m.scheduled_at",
      "m.started_at",
      "m.finished_at",
      "m.created_at",
      eb.selectFrom("mailing_recipients").select(eb.fn.countAll<number>().as("n")).whereRef("mailing_id", "=", "m.id").as("recipients"),
    ])
    .where("m.network_id", "=", networkId)
    .orderBy("m.created_at", "desc")
    .execute();
}

export async function createMailing(
  db: Kysely<Database>,
  network: { id: string; default_locale: string },
  userId: string | null,
  title: string,
) {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("mailings")
      .values({ network_id: network.id, title, created_by: userId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("mailing_variants").values({ mailing_id: id, language: network.default_locale, subject: "", body: "" }).execute();
    return id;
  });
}

export async function getMailing(db: Kysely<Database>, networkId: string, mailingId: string) {
  const mailing = await db
    .selectFrom("mailings")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("id", "=", mailingId)
    .executeTakeFirst();
  if (!mailing) return undefined;
  const variants = await db
    .selectFrom("mailing_variants")
    .select(["language", "subject", "body"])
    .where("mailing_id", "=", mailingId)
    .orderBy("language")
    .execute();
  return { ...mailing, variants };
}

export async function listCampaignChoices(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("campaigns")
    .select(["id", "title", "starts_on"])
    .where("network_id", "=", networkId)
    .where("status", "<>", "archived")
    .orderBy("starts_on", "desc")
    .execute();
}

export interface ContentProblem {
  /** The form field it concerns: "variants[0].body", "campaignId", or "" for the whole mailing. */
  field: string;
  key: MessageKey;
  values?: Record<string, string>;
}

/**
 * Problems that stop a mailing from being sent: unknown merge fields (named),
 * campaign fields without a campaign or its date, no variant in the network's
 * language, empty subjects or bodies.
 */
export async function checkMailingContent(
  db: Kysely<Database>,
  network: { id: string; default_locale: string },
  input: Pick<MailingInput, "campaignId" | "variants">,
): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const campaign = input.campaignId
    ? await db
        .selectFrom("campaigns")
        .select(["id", "starts_on"])
        .where("network_id", "=", network.id)
        .where("id", "=", input.campaignId)
        .executeTakeFirst()
    : undefined;
  if (input.campaignId && !campaign) problems.push({ field: "campaignId", key: "validation.choose" });
  input.variants.forEach((variant, index) => {
    for (const part of ["subject", "body"] as const) {
      const field = `variants[${index}].${part}`;
      if (!variant[part].trim()) problems.push({ field, key: "validation.required" });
      for (const name of unknownFieldsIn(variant[part])) {
        problems.push({ field, key: "mailings.validation.unknownField", values: { field: `{{${name}}}` } });
      }
      if (usesCampaignFields(variant[part])) {
        if (!input.campaignId) problems.push({ field, key: "mailings.validation.needsCampaign" });
        else if (campaign && !campaign.starts_on && variant[part].includes("campaign.date")) {
          problems.push({ field, key: "mailings.validation.campaignHasNoDate" });
        }
      }
    }
  });
  if (!input.variants.some((variant) => variant.language === network.default_locale)) {
    problems.push({ field: "", key: "mailings.validation.needsDefaultVariant", values: { language: network.default_locale } });
  }
  return problems;
}

/** Saves a draft as typed; problems are shown but do not stop saving, only sending. */
export async function saveMailing(db: Kysely<Database>, networkId: string, mailingId: string, input: MailingInput) {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("mailings")
      .set({
        title: input.title,
        campaign_id: input.campaignId,
        segment_countries: input.countries,
        segment_languages: input.languages,
        segment_tags: input.tags,
        segment_pledged_campaign_id: input.pledgedCampaignId,
        updated_at: sql`now()`,
      })
      .where("network_id", "=", networkId)
      .where("id", "=", mailingId)
      .where("status", "=", "draft")
      .returning("id")
      .executeTakeFirst();
    if (!updated) return false;
    await trx.deleteFrom("mailing_variants").where("mailing_id", "=", mailingId).execute();
    await trx
      .insertInto("mailing_variants")
      .values(input.variants.map((variant) => ({ mailing_id: mailingId, ...variant })))
      .execute();
    return true;
  });
}

export async function addVariant(db: Kysely<Database>, networkId: string, mailingId: string, language: string) {
  const mailing = await getMailing(db, networkId, mailingId);
  if (!mailing || mailing.status !== "draft") return false;
  await db
    .insertInto("mailing_variants")
    .values({ mailing_id: mailingId, language, subject: "", body: "" })
    .onConflict((oc) => oc.columns(["mailing_id", "language"]).doNothing())
    .execute();
  return true;
}

export async function removeVariant(db: Kysely<Database>, networkId: string, mailingId: string, language: string) {
  const mailing = await getMailing(db, networkId, mailingId);
  if (!mailing || mailing.status !== "draft") return false;
  await db.deleteFrom("mailing_variants").where("mailing_id", "=", mailingId).where("language", "=", language).execute();
  return true;
}

export function segmentOf(mailing: {
  segment_countries: string[];
  segment_languages: string[];
  segment_tags: string[];
  segment_pledged_campaign_id: string | null;
}): Segment {
  return {
    countries: mailing.segment_countries,
    languages: mailing.segment_languages,
    tags: mailing.segment_tags,
    pledgedCampaignId: mailing.segment_pledged_campaign_id,
  };
}

export async function countRecipients(db: Kysely<Database>, networkId: string, segment: Segment) {
  const row = await segmentContacts(db, networkId, segment)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Contacts to preview the mailing as, by organisation. */
export async function listPreviewRecipients(db: Kysely<Database>, networkId: string, segment: Segment, limit = 500) {
  return segmentContacts(db, networkId, segment)
    .select(["c.id", "c.name", "c.email", "c.locale", "o.name as partnerName"])
    .orderBy("o.name")
    .orderBy("c.name")
    .limit(limit)
    .execute();
}

/** The mailing as one contact of the network would read it (the unsubscribe link is a placeholder). */
export async function previewMailing(db: Kysely<Database>, networkId: string, mailingId: string, contactId: string, appUrl: string) {
  const contact = await db
    .selectFrom("partner_contacts as c")
    .innerJoin("partner_organisations as o", "o.id", "c.partner_id")
    .select(["c.name", "c.email", "c.locale", "o.name as partnerName"])
    .where("c.network_id", "=", networkId)
    .where("c.id", "=", contactId)
    .executeTakeFirst();
  if (!contact) return undefined;
  const context = await loadMailingContext(db, mailingId);
  const message = renderMailingMessage(
    context,
    { name: contact.name, partnerName: contact.partnerName, language: contact.locale },
    `${appUrl}/unsubscribe/preview`,
  );
  return {
    to: contact.email,
    language: message.language,
    subject: message.rendered.subject,
    html: message.params.bodyHtml,
    text: message.rendered.text,
  };
}

/** Sends the preview of one contact's message to the organiser, marked as a test. */
export async function sendTestMessage(
  db: Kysely<Database>,
  input: { networkId: string; mailingId: string; contactId: string; to: string; appUrl: string; testLabel: string },
) {
  const contact = await db
    .selectFrom("partner_contacts as c")
    .innerJoin("partner_organisations as o", "o.id", "c.partner_id")
    .select(["c.name", "c.locale", "o.name as partnerName"])
    .where("c.network_id", "=", input.networkId)
    .where("c.id", "=", input.contactId)
    .executeTakeFirst();
  if (!contact) return false;
  const context = await loadMailingContext(db, input.mailingId);
  const unsubscribeUrl = `${input.appUrl}/unsubscribe/preview`;
  const message = renderMailingMessage(
    context,
    { name: contact.name, partnerName: contact.partnerName, language: contact.locale },
    unsubscribeUrl,
  );
  await queueEmail(db, {
    kind: "mailing",
    to: input.to,
    locale: message.uiLocale,
    networkId: input.networkId,
    params: { ...message.params, subject: `${input.testLabel} ${message.params.subject}` },
    headers: mailingHeaders(context, { unsubscribeUrl, token: null, appUrl: input.appUrl, bounceDomain: undefined }),
  });
  return true;
}

export type SendProblem = ContentProblem[] | "no-recipients" | "not-draft";

/** Checks that the saved mailing can go: content sound, someone to send to, still a draft. */
async function readyToSend(db: Kysely<Database>, network: { id: string; default_locale: string }, mailingId: string) {
  // Locks the row: of two organisers pressing "send" at once, the second finds it no longer a draft.
  await db.selectFrom("mailings").select("id").where("id", "=", mailingId).forUpdate().execute();
  const mailing = await getMailing(db, network.id, mailingId);
  if (!mailing) return { problem: "not-draft" as const };
  if (mailing.status !== "draft") return { problem: "not-draft" as const };
  const problems = await checkMailingContent(db, network, { campaignId: mailing.campaign_id, variants: mailing.variants });
  if (problems.length > 0) return { problem: problems };
  if ((await countRecipients(db, network.id, segmentOf(mailing))) === 0) return { problem: "no-recipients" as const };
  return { mailing };
}

/** Fixes the recipient list and hands the mailing to the dispatcher. */
export async function sendMailingNow(
  db: Kysely<Database>,
  network: { id: string; default_locale: string },
  mailingId: string,
  actorUserId: string | null,
): Promise<{ ok: true } | { ok: false; problem: SendProblem }> {
  return db.transaction().execute(async (trx) => {
    const ready = await readyToSend(trx, network, mailingId);
    if (!ready.mailing) return { ok: false as const, problem: ready.problem };
    await startSending(trx, mailingId);
    await recordAudit(trx, { networkId: network.id, actorUserId, action: "mailing.sent", subjectType: "mailing", subjectId: mailingId });
    return { ok: true as const };
  });
}

export async function scheduleMailing(
  db: Kysely<Database>,
  network: { id: string; default_locale: string },
  mailingId: string,
  actorUserId: string,
  sendAt: Date,
): Promise<{ ok: true } | { ok: false; problem: SendProblem }> {
  return db.transaction().execute(async (trx) => {
    const ready = await readyToSend(trx, network, mailingId);
    if (!ready.mailing) return { ok: false as const, problem: ready.problem };
    await markScheduled(trx, mailingId, sendAt);
    await recordAudit(trx, {
      networkId: network.id,
      actorUserId,
      action: "mailing.scheduled",
      subjectType: "mailing",
      subjectId: mailingId,
    });
    return { ok: true as const };
  });
}

/** Sets the send time of a mailing that is ready to send, and queues its wake-up. */
export async function markScheduled(db: Kysely<Database>, mailingId: string, sendAt: Date) {
  await db
    .updateTable("mailings")
    .set({ status: "scheduled", scheduled_at: sendAt, updated_at: sql`now()` })
    .where("id", "=", mailingId)
    .execute();
  // The job wakes at the time; the minute tick is the fallback if it is lost.
  await enqueueJob(db, queues.mailingDispatch, { mailingId }, { startAfter: sendAt });
}

/** Back to draft; a wake-up job already queued finds nothing to do. */
export async function unscheduleMailing(db: Kysely<Database>, networkId: string, mailingId: string) {
  const updated = await db
    .updateTable("mailings")
    .set({ status: "draft", scheduled_at: null, updated_at: sql`now()` })
    .where("network_id", "=", networkId)
    .where("id", "=", mailingId)
    .where("status", "=", "scheduled")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/**
 * The recipient list, fixed once: every subscribed contact in the segment,
 * with the variant language they will get. Later changes to the directory do
 * not change who this mailing goes to, only unsubscribing does.
 */
export async function startSending(db: Kysely<Database>, mailingId: string) {
  const mailing = await db
    .selectFrom("mailings")
    .innerJoin("networks", "networks.id", "mailings.network_id")
    .select([
      "mailings.network_id",
      "mailings.segment_countries",
      "mailings.segment_languages",
      "mailings.segment_tags",
      "mailings.segment_pledged_campaign_id",
      "networks.default_locale",
    ])
    .where("mailings.id", "=", mailingId)
    .executeTakeFirstOrThrow();
  const languages = (await db.selectFrom("mailing_variants").select("language").where("mailing_id", "=", mailingId).execute()).map(
    (row) => row.language,
  );
  await db
    .insertInto("mailing_recipients")
    .columns(["mailing_id", "position", "contact_id", "email", "contact_name", "partner_name", "language"])
    .expression(
      segmentContacts(db, mailing.network_id, segmentOf(mailing)).select([
        sql<string>`${mailingId}::uuid`.as("mailing_id"),
        sql<number>`row_number() over (order by o.name, c.email)`.as("position"),
        "c.id",
        "c.email",
        "c.name",
        "o.name as partner_name",
        sql<string>`case when c.locale = any(${sql.val(languages)}::text[]) then c.locale else ${mailing.default_locale} end`.as(
          "language",
        ),
      ]),
    )
    .execute();
  await db
    .updateTable("mailings")
    .set({ status: "sending", started_at: sql`now()`, updated_at: sql`now()` })
    .where("id", "=", mailingId)
    .execute();
  await enqueueJob(db, queues.mailingDispatch, { mailingId });
}
