import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startJobRunner, type JobRunner } from "~/jobs/runner.server";
import { addPledge } from "~/modules/campaigns/pledges.server";
import { cancelEvent, postponeEvent, publishEvent } from "~/modules/events/events.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { createMailing, saveMailing, sendMailingNow } from "~/modules/mailings/mailings.server";
import { cancelRegistration, registerAttendee } from "~/modules/registrations/registrations.server";
import { createWebhookEndpoint, listWebhookDeliveries, redeliverWebhook } from "~/modules/webhooks/endpoints.server";
import { action as integrationsAction, loader as integrationsLoader } from "~/routes/n.$network.integrations";
import { action as logAction, loader as logLoader } from "~/routes/n.$network.integrations_.$endpointId";
import { useDatabase } from "~/utils/db.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { insertEvent } from "../support/feed-fixtures";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";
import { seedContacts } from "../support/mailings";
import { WebhookReceiver, type ReceivedWebhook } from "../support/webhook-receiver";

/** What a receiver does: recompute HMAC-SHA256 of "<timestamp>.<body>" with the endpoint's secret. */
function verified(request: ReceivedWebhook, secret: string): boolean {
  const timestamp = String(request.headers["daymark-webhook-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex")}`;
  return request.headers["daymark-webhook-signature"] === expected && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

describe.each(testDrivers())("webhooks delivered by the job runner (%s)", (driver) => {
  let database: TestDatabase;
  let runner: JobRunner;
  let receiver: WebhookReceiver;
  let networkId: string;
  let ownerId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    receiver = await new WebhookReceiver().start();
    networkId = (await createNetwork(database.db, `hooks-${driver}`)).id;
    ownerId = (await createUser(database.db, { email: `owner-${driver}@hooks.example.org`, networkId, role: "owner" })).id;
    runner = await startJobRunner(database, {
      transport: createMailTransport(undefined),
      pollSeconds: 0.5,
      emailRetryLimit: 2,
      emailRetryDelaySeconds: 1,
      schedule: false,
      mailTimeoutSeconds: 4,
      webhookTimeoutSeconds: 4,
      webhookRetryLimit: 3,
      webhookRetryDelaySeconds: 1,
    });
  });
  afterAll(async () => {
    await runner.stop();
    await receiver.stop();
    await database.drop();
  });

  const endpoint = async (path: string, kinds: Parameters<typeof createWebhookEndpoint>[1]["kinds"]) => {
    const created = await createWebhookEndpoint(database.db, {
      networkId,
      userId: ownerId,
      url: receiver.url(path),
      kinds,
      allowPrivate: true,
    });
    if (!created.ok) throw new Error(created.reason);
    return created;
  };

  const deliveriesOf = (endpointId: string) => listWebhookDeliveries(database.db, endpointId);

  test("a loopback or private address is refused unless the owner allows it", async () => {
    for (const url of [receiver.url("/refused"), "http://10.1.2.3/hook", "http://[::1]/hook", "http://169.254.169.254/latest"]) {
      expect(
        await createWebhookEndpoint(database.db, { networkId, userId: ownerId, url, kinds: ["event.published"], allowPrivate: false }),
      ).toEqual({
        ok: false,
        reason: "private-address",
      });
    }
    expect(
      await createWebhookEndpoint(database.db, {
        networkId,
        userId: ownerId,
        url: "ftp://example.org/x",
        kinds: ["event.published"],
        allowPrivate: false,
      }),
    ).toEqual({ ok: false, reason: "invalid" });
    const allowed = await endpoint("/allowed", ["mailing.sent"]);
    expect(allowed.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });

  test("events published, changed and cancelled, registration counts and pledges reach the receiver, signed", async () => {
    const db = database.db;
    const hook = await endpoint("/all", ["event.published", "event.changed", "event.cancelled", "registrations.counts", "pledge.made"]);
    const event = await insertEvent(db, networkId, { title: "Naloxone training", status: "draft" });
    expect(await publishEvent(db, { networkId, eventId: event.id, actorUserId: ownerId })).toEqual({ ok: true, sequence: 1 });
    const registered = await registerAttendee(db, {
      networkId,
      eventId: event.id,
      name: "Moth",
      email: "moth@example.org",
      locale: "en",
      answers: {},
    });
    if (!registered.ok) throw new Error(registered.reason);
    await cancelRegistration(db, registered.registrationId);
    const campaign = await db
      .insertInto("campaigns")
      .values({ network_id: networkId, slug: "wad", title: "World AIDS Day", status: "published" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const partner = await db
      .insertInto("partner_organisations")
      .values({ network_id: networkId, name: "Lisbon Collective", country: "PT" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await addPledge(db, {
      networkId,
      campaignId: campaign.id,
      partnerId: partner.id,
      userId: ownerId,
      kind: "hold_event",
      details: "Private note",
    });
    const times = { startDate: `${testYear}-12-02`, startTime: "18:00", endDate: `${testYear}-12-02`, endTime: "20:00" };
    expect(await postponeEvent(db, { networkId, eventId: event.id, actorUserId: ownerId, times })).toEqual({ ok: true, sequence: 2 });
    await cancelEvent(db, { networkId, eventId: event.id, actorUserId: ownerId });

    await expect.poll(() => receiver.to("/all").length, { timeout: 30_000, interval: 100 }).toBe(6);
    const received = receiver.to("/all");
    expect(received.every((request) => verified(request, hook.secret))).toBe(true);
    expect(verified({ ...received[0]!, body: received[0]!.body.replace("Naloxone", "Nal0xone") }, hook.secret)).toBe(false);
    const bodies = received.map((request) => JSON.parse(request.body) as { id: string; type: string; data: Record<string, any> });
    expect(bodies.map((body) => body.type).sort()).toEqual([
      "event.cancelled",
      "event.changed",
      "event.published",
      "pledge.made",
      "registrations.counts",
      "registrations.counts",
    ]);
    expect(received.map((request) => request.headers["daymark-webhook-type"]).sort()).toEqual(bodies.map((body) => body.type).sort());
    expect(bodies.every((body, index) => body.id === received[index]!.headers["daymark-webhook-id"])).toBe(true);
    expect(bodies.find((body) => body.type === "event.published")!.data.event).toMatchObject({
      id: event.id,
      title: "Naloxone training",
      status: "published",
      sequence: 1,
      change: "published",
      url: `http://localhost:3000/n/hooks-${driver}/events/${event.id}`,
    });
    expect(bodies.find((body) => body.type === "event.changed")!.data.event).toMatchObject({
      change: "rescheduled",
      sequence: 2,
      timeZone: "Europe/Lisbon",
      start: `${testYear}-12-02T18:00:00.000Z`,
    });
    expect(bodies.find((body) => body.type === "event.cancelled")!.data.event).toMatchObject({ status: "cancelled", sequence: 3 });
    // Counts only: nobody's name or address travels.
    const counts = bodies.filter((body) => body.type === "registrations.counts").map((body) => body.data.counts);
    expect(counts).toContainEqual({ confirmed: 1, attended: 0, waitlisted: 0, cancelled: 0 });
    expect(counts).toContainEqual({ confirmed: 0, attended: 0, waitlisted: 0, cancelled: 1 });
    expect(received.some((request) => request.body.includes("moth@example.org") || request.body.includes("Moth"))).toBe(false);
    expect(bodies.find((body) => body.type === "pledge.made")!.data).toEqual({
      pledge: { id: expect.any(String), kind: "hold_event" },
      campaign: { id: campaign.id, slug: "wad", title: "World AIDS Day" },
      partner: { id: partner.id, name: "Lisbon Collective" },
    });
    expect(received.some((request) => request.body.includes("Private note"))).toBe(false);

    await expect.poll(async () => (await deliveriesOf(hook.id)).map((delivery) => delivery.status)).toEqual(Array(6).fill("delivered"));
    expect((await deliveriesOf(hook.id)).every((delivery) => delivery.last_status_code === 200 && delivery.attempts === 1)).toBe(true);
  });

  test("a receiver answering 500 is tried again with backoff until it takes the delivery; one that keeps failing is logged, and redelivered", async () => {
    const db = database.db;
    receiver.answer("/flaky", [500, 500, 204]);
    receiver.answer("/down", [503]);
    const flaky = await endpoint("/flaky", ["event.published"]);
    const down = await endpoint("/down", ["event.published"]);
    const event = await insertEvent(db, networkId, { title: "Peer support circle", status: "draft" });
    await publishEvent(db, { networkId, eventId: event.id, actorUserId: ownerId });

    await expect.poll(() => receiver.to("/flaky").length, { timeout: 60_000, interval: 200 }).toBe(3);
    await expect.poll(async () => (await deliveriesOf(flaky.id))[0]!.status, { timeout: 10_000 }).toBe("delivered");
    expect(await deliveriesOf(flaky.id)).toMatchObject([{ attempts: 3, last_status_code: 204, last_error: null }]);
    // The same delivery each time: one id, one body.
    expect(new Set(receiver.to("/flaky").map((request) => request.headers["daymark-webhook-id"])).size).toBe(1);
    expect(new Set(receiver.to("/flaky").map((request) => request.body)).size).toBe(1);

    // retryLimit 3: the first try and three retries, then failed for good, with the last answer kept.
    await expect.poll(async () => (await deliveriesOf(down.id))[0]!.status, { timeout: 90_000, interval: 500 }).toBe("failed");
    const [failed] = await deliveriesOf(down.id);
    expect(failed).toMatchObject({ attempts: 4, last_status_code: 503, last_error: "http-status: 503" });
    expect(receiver.to("/down")).toHaveLength(4);

    receiver.answer("/down", [200]);
    expect(await redeliverWebhook(db, { networkId, endpointId: down.id, deliveryId: failed!.id })).toBe(true);
    await expect.poll(async () => (await deliveriesOf(down.id))[0]!.status, { timeout: 30_000, interval: 200 }).toBe("delivered");
    expect(await deliveriesOf(down.id)).toMatchObject([{ attempts: 5, last_status_code: 200 }]);
    expect(receiver.to("/down")[4]!.headers["daymark-webhook-id"]).toBe(failed!.id);
    // Only what is done can be redelivered.
    expect(await redeliverWebhook(db, { networkId, endpointId: flaky.id, deliveryId: failed!.id })).toBe(false);
  });

  test("an address no longer allowed is refused at delivery, for good", async () => {
    const db = database.db;
    const hook = await endpoint("/revoked", ["event.published"]);
    await db.updateTable("webhook_endpoints").set({ allow_private: false }).where("id", "=", hook.id).execute();
    const event = await insertEvent(db, networkId, { title: "Quiet meeting", status: "draft" });
    await publishEvent(db, { networkId, eventId: event.id, actorUserId: ownerId });
    await expect.poll(async () => (await deliveriesOf(hook.id))[0]?.status, { timeout: 30_000, interval: 200 }).toBe("failed");
    expect(await deliveriesOf(hook.id)).toMatchObject([{ attempts: 1, last_status_code: null, last_error: "private-address: 127.0.0.1" }]);
    expect(receiver.to("/revoked")).toEqual([]);
  });
  test("the owners' pages: add a webhook (a loopback address only when allowed), read its delivery log, send one again", async () => {
    const db = database.db;
    const slug = `hooks-${driver}`;
    const context = { clientAddress: "192.0.2.1" };
    const post = async (
      path: string,
      fields: [string, string][],
      routeAction: (args: Parameters<typeof integrationsAction>[0]) => Promise<unknown>,
      params: Record<string, string>,
    ): Promise<unknown> =>
      routeAction({
        request: await signedInRequest(db, ownerId, `http://localhost:3000${path}`, { method: "POST", body: new URLSearchParams(fields) }),
        params,
        context,
      });
    const add = (allow: boolean) =>
      post(
        `/n/${slug}/integrations`,
        [
          ["intent", "create-webhook"],
          ["url", receiver.url("/page")],
          ["kinds", "event.published"],
          ["kinds", "mailing.sent"],
          ...(allow ? ([["allowPrivate", "on"]] as [string, string][]) : []),
        ],
        integrationsAction,
        { network: slug },
      );
    const refused = (await add(false)) as unknown as {
      data: { webhookResult: { error: Record<string, string[]> } };
      init: { status: number };
    };
    expect(refused.init.status).toBe(400);
    expect(refused.data.webhookResult.error.url).toEqual(["api.webhooks.errors.private-address"]);
    const added = (await add(true)) as { webhookCreated: { url: string; secret: string } };
    expect(added.webhookCreated.secret).toMatch(/^whsec_/);

    const page = (await integrationsLoader({
      request: await signedInRequest(db, ownerId, `http://localhost:3000/n/${slug}/integrations`),
      params: { network: slug },
      context,
    })) as { webhooks: { id: string; url: string; kinds: string[]; allowPrivate: boolean }[] };
    const listed = page.webhooks.find((hook) => hook.url === receiver.url("/page"))!;
    expect(listed).toMatchObject({ kinds: ["event.published", "mailing.sent"], allowPrivate: true });
    expect(JSON.stringify(page)).not.toContain(added.webhookCreated.secret);

    const event = await insertEvent(db, networkId, { title: "Logged event", status: "draft" });
    await publishEvent(db, { networkId, eventId: event.id, actorUserId: ownerId });
    await expect.poll(() => receiver.to("/page").length, { timeout: 30_000, interval: 100 }).toBe(1);
    const readLog = async () =>
      (await logLoader({
        request: await signedInRequest(db, ownerId, `http://localhost:3000/n/${slug}/integrations/${listed.id}`),
        params: { network: slug, endpointId: listed.id },
        context,
      })) as { deliveries: { id: string; kind: string; status: string; attempts: number; statusCode: number | null }[] };
    await expect.poll(async () => (await readLog()).deliveries[0]?.status, { timeout: 10_000 }).toBe("delivered");
    const [logged] = (await readLog()).deliveries;
    expect(logged).toMatchObject({ kind: "event.published", attempts: 1, statusCode: 200 });
    expect(
      await post(
        `/n/${slug}/integrations/${listed.id}`,
        [
          ["intent", "redeliver"],
          ["deliveryId", logged!.id],
        ],
        logAction,
        {
          network: slug,
          endpointId: listed.id,
        },
      ),
    ).toEqual({ redelivered: true });
    await expect.poll(() => receiver.to("/page").length, { timeout: 30_000, interval: 100 }).toBe(2);
    await expect.poll(async () => (await readLog()).deliveries[0]).toMatchObject({ status: "delivered", attempts: 2 });
  });
  test("a mailing that has reached every recipient is reported with its counts, never its recipients", async () => {
    const db = database.db;
    const hook = await endpoint("/mailings", ["mailing.sent"]);
    const network = await db.selectFrom("networks").selectAll().where("id", "=", networkId).executeTakeFirstOrThrow();
    const contacts = await seedContacts(db, networkId, 3);
    const mailingId = await createMailing(db, network, ownerId, "November news");
    await saveMailing(db, networkId, mailingId, {
      title: "November news",
      campaignId: null,
      countries: [],
      languages: [],
      tags: [],
      pledgedCampaignId: null,
      variants: [{ language: "en", subject: "Hello {{partner.name}}", body: "Dear {{contact.name}}" }],
    });
    expect(await sendMailingNow(db, network, mailingId, ownerId)).toEqual({ ok: true });
    await expect.poll(() => receiver.to("/mailings").length, { timeout: 60_000, interval: 200 }).toBe(1);
    const [request] = receiver.to("/mailings");
    expect(verified(request!, hook.secret)).toBe(true);
    const body = JSON.parse(request!.body) as { type: string; data: { mailing: { id: string; title: string }; counts: unknown } };
    expect(body.type).toBe("mailing.sent");
    expect(body.data.mailing).toMatchObject({ id: mailingId, title: "November news" });
    expect(body.data.counts).toEqual({ sent: 3, unsubscribed: 0 });
    expect(contacts.some((contact) => request!.body.includes(contact.email))).toBe(false);
  });
});
