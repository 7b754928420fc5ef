import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { blankOutboxMessages } from "~/modules/mail/erasure.server";
import { lockEvent } from "./events.server";
import { promoteFromWaitlist } from "./registrations.server";

/** Removes the personal data of these registrations, keeping their status for counts. */
async function anonymiseRegistrations(trx: Kysely<Database>, registrationIds: string[], now: Date) {
  if (registrationIds.length === 0) return { registrations: 0, messages: 0 };
  const links = await trx.selectFrom("registration_emails").select("outbox_id").where("registration_id", "in", registrationIds).execute();
  const messages = await blankOutboxMessages(
    trx,
    links.map((link) => link.outbox_id),
  );
  await trx
    .updateTable("registrations")
    .set({ email: null, name: null, answers: "{}", manage_token_hash: null, anonymised_at: now, updated_at: now })
    .where("id", "in", registrationIds)
    .execute();
  return { registrations: registrationIds.length, messages };
}

/**
 * The scheduled part of the privacy promise (run by the maintenance job):
 * every event that ended more than its network's `anonymise_after_days` ago
 * loses its registrations' personal data, once.
 */
export async function anonymiseEndedEvents(db: Kysely<Database>, now = new Date()) {
  const due = await db
    .selectFrom("events as e")
    .innerJoin("networks as n", "n.id", "e.network_id")
    .select(["e.id", "e.network_id"])
    .where("e.registrations_anonymised_at", "is", null)
    .where(sql<boolean>`e.ends_at + make_interval(days => n.anonymise_after_days) <= ${now}`)
    .execute();
  let registrations = 0;
  for (const event of due) {
    await db.transaction().execute(async (trx) => {
      const locked = await trx
        .selectFrom("events")
        .select("id")
        .where("id", "=", event.id)
        .where("registrations_anonymised_at", "is", null)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) return;
      const ids = await trx
        .selectFrom("registrations")
        .select("id")
        .where("event_id", "=", event.id)
        .where("anonymised_at", "is", null)
        .execute();
      const done = await anonymiseRegistrations(
        trx,
        ids.map((row) => row.id),
        now,
      );
      await trx.updateTable("events").set({ registrations_anonymised_at: now }).where("id", "=", event.id).execute();
      await recordAudit(trx, {
        networkId: event.network_id,
        action: "registrations.anonymised",
        subjectType: "event",
        subjectId: event.id,
        details: done,
      });
      registrations += done.registrations;
    });
  }
  return { events: due.length, registrations };
}

export interface DataExport {
  registrations: {
    event: string;
    eventStartsAt: string;
    name: string;
    email: string;
    language: string;
    status: string;
    answers: Record<string, string | string[]>;
    registeredAt: string;
  }[];
  messages: { subject: string; kind: string; status: string; createdAt: string }[];
}

/** What erasing an address would touch, said to the organiser before they confirm. */
export async function countPersonalData(db: Kysely<Database>, input: { networkId: string; email: string }) {
  const [registrations, messages] = await Promise.all([
    db
      .selectFrom("registrations")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("network_id", "=", input.networkId)
      .where("email", "=", input.email)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("email_outbox")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("network_id", "=", input.networkId)
      .where("to_address", "=", input.email)
      .executeTakeFirstOrThrow(),
  ]);
  return { registrations: Number(registrations.count), messages: Number(messages.count) };
}

/**
 * A data subject request: everything the network holds about one address,
 * as the person would read it. The audit log records that it happened and
 * how much was found, never the address.
 */
export async function exportPersonalData(
  db: Kysely<Database>,
  input: { networkId: string; actorUserId: string; email: string },
): Promise<DataExport> {
  const registrations = await db
    .selectFrom("registrations as r")
    .innerJoin("events as e", "e.id", "r.event_id")
    .select(["e.title", "e.starts_at", "r.name", "r.email", "r.locale", "r.status", "r.answers", "r.created_at", "r.event_id"])
    .where("r.network_id", "=", input.networkId)
    .where("r.email", "=", input.email)
    .orderBy("r.created_at")
    .execute();
  const questions = registrations.length
    ? await db
        .selectFrom("registration_questions")
        .select(["id", "label"])
        .where(
          "event_id",
          "in",
          registrations.map((r) => r.event_id),
        )
        .execute()
    : [];
  const labels = new Map(questions.map((q) => [q.id, q.label]));
  const messages = await db
    .selectFrom("email_outbox")
    .select(["subject", "kind", "status", "created_at"])
    .where("network_id", "=", input.networkId)
    .where("to_address", "=", input.email)
    .orderBy("created_at")
    .execute();
  await recordAudit(db, {
    networkId: input.networkId,
    actorUserId: input.actorUserId,
    action: "registrations.data_exported",
    details: { registrations: registrations.length, messages: messages.length },
  });
  return {
    registrations: registrations.map((r) => ({
      event: r.title,
      eventStartsAt: r.starts_at.toISOString(),
      name: r.name ?? "",
      email: r.email ?? "",
      language: r.locale,
      status: r.status,
      answers: Object.fromEntries(Object.entries(r.answers).map(([id, value]) => [labels.get(id) ?? id, value])),
      registeredAt: r.created_at.toISOString(),
    })),
    messages: messages.map((m) => ({ subject: m.subject, kind: m.kind, status: m.status, createdAt: m.created_at.toISOString() })),
  };
}

/**
 * A data subject request to erase: the address's registrations in the network
 * are anonymised (their seats are given up, so the waitlist is not blocked by
 * a person who is gone) and every message to the address is blanked.
 */
export async function erasePersonalData(
  db: Kysely<Database>,
  input: { networkId: string; actorUserId: string; email: string; now?: Date },
) {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const registrations = await trx
      .selectFrom("registrations")
      .select(["id", "event_id", "status"])
      .where("network_id", "=", input.networkId)
      .where("email", "=", input.email)
      .execute();
    // Lock the events whose seats change, always in the same order.
    const eventIds = [...new Set(registrations.map((r) => r.event_id))].sort();
    const events = [];
    for (const eventId of eventIds) events.push((await lockEvent(trx, eventId))!);
    const messageIds = await trx
      .selectFrom("email_outbox")
      .select("id")
      .where("network_id", "=", input.networkId)
      .where("to_address", "=", input.email)
      .execute();
    const ids = registrations.map((r) => r.id);
    if (ids.length > 0) {
      await trx
        .updateTable("registrations")
        .set({ status: "cancelled", waitlist_rank: null, cancelled_at: now })
        .where("id", "in", ids)
        .where("status", "in", ["confirmed", "waitlisted"])
        .execute();
    }
    const done = await anonymiseRegistrations(trx, ids, now);
    for (const event of events) if (event.status === "published") await promoteFromWaitlist(trx, event, now);
    const messages = await blankOutboxMessages(
      trx,
      messageIds.map((m) => m.id),
    );
    const details = { registrations: done.registrations, messages: Math.max(messages, done.messages) };
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "registrations.data_erased",
      details,
    });
    return details;
  });
}
