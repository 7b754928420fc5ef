import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser, signInAs } from "../support/browser";
import { prepareDemoDatabase } from "../support/demo-database";
import { SmtpSink } from "../support/smtp-sink";

/** The demo database with one small event of our own (one seat). */
function prepareDatabase() {
  return prepareDemoDatabase(async (db, networkId) => {
    const startsAt = new Date(Date.now() + 10 * 86_400_000);
    const event = await db
      .insertInto("events")
      .values({
        network_id: networkId,
        title: "Peer naloxone training",
        time_zone: "Europe/Amsterdam",
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 7_200_000),
        venue_name: "De Regenboog",
        city: "Amsterdam",
        capacity: 1,
        status: "published",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return event.id;
  });
}

describe("registering for an event", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    prepared = await prepareDatabase();
    [app, browser] = await Promise.all([
      // The test process signed nothing, but the seed derives link tokens with this secret: keep it the same.
      startApp({ SMTP_URL: sink.url, SESSION_SECRET: process.env.SESSION_SECRET!, ...prepared.env }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
    await prepared?.cleanup();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB" });
    return context.newPage();
  }

  const checkInbox = (email: string) =>
    `Check your inbox: we have sent a message to ${email}. It tells you whether you have a seat or a place on the waitlist, and holds your private link to manage the registration. Nothing arrived after a few minutes? Look in your spam folder.`;

  /** Registers through the form; the page only says to check the inbox, whose message number `nth` holds the link. */
  async function registerAs(page: Page, name: string, email: string, nth = 1) {
    await page.goto(`${app.url}/n/demo/events/${prepared.data}/register`);
    await page.getByLabel("Name or nickname").fill(name);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel(/I agree that Demo Network keeps these details/).check();
    await page.getByRole("button", { name: "Register" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe(checkInbox(email));
    expect(page.url()).toBe(`${app.url}/n/demo/events/${prepared.data}/register`);
    expect(await page.content()).not.toMatch(/\/registrations\/[A-Za-z0-9_-]{43}/);
    await expect.poll(() => sink.messagesTo(email).length).toBe(nth);
    const message = sink.messagesTo(email)[nth - 1]!;
    const manageLink = message.parsed.text!.match(/https?:\/\/\S+\/registrations\/[A-Za-z0-9_-]{43}/)![0];
    await page.goto(manageLink);
    return { message, manageLink };
  }

  test("a nickname registers, gets the confirmation, cancels through the e-mailed link, and the waitlisted person gets the seat", async () => {
    const moth = await newPage();
    await moth.goto(`${app.url}/n/demo/events/${prepared.data}/register`);
    await expect.poll(() => moth.getByRole("heading", { level: 1 }).textContent()).toBe("Register for Peer naloxone training");
    expect(await moth.getByText("A nickname is fine.", { exact: false }).count()).toBe(1);
    expect((await new AxeBuilder({ page: moth }).analyze()).violations.map((v) => v.id)).toEqual([]);

    // A missing consent is explained beside the box, and what was typed stays.
    await moth.getByLabel("Name or nickname").fill("Moth");
    await moth.getByLabel("E-mail address").fill("moth@example.org");
    await moth.getByRole("button", { name: "Register" }).click();
    await expect.poll(() => moth.getByText("Please agree so that we can register you.").count()).toBe(1);
    expect(await moth.getByLabel("Name or nickname").inputValue()).toBe("Moth");

    const { message: confirmation, manageLink } = await registerAs(moth, "Moth", "moth@example.org");
    expect(await moth.locator("#registration-status").textContent()).toBe("You have a seat.");
    expect(confirmation.parsed.subject).toBe("You are registered: Peer naloxone training");
    expect(confirmation.parsed.text).toContain("Hello Moth,");
    const invite = confirmation.parsed.attachments.find((a) => a.filename === "invite.ics")!;
    expect(invite.contentType).toBe("text/calendar");
    expect(invite.content.toString("utf8")).toContain(`UID:${prepared.data}@localhost`);
    expect(manageLink.startsWith(app.url)).toBe(true);

    // Someone else typing Moth's address sees the very same page; Moth gets the same link again.
    const stranger = await newPage();
    const again = await registerAs(stranger, "Not Moth", "moth@example.org", 2);
    expect(again.manageLink).toBe(manageLink);
    expect(again.message.parsed.subject).toBe("You are registered: Peer naloxone training");

    const kestrel = await newPage();
    const waitlisted = await registerAs(kestrel, "Kestrel", "kestrel@example.org");
    expect(await kestrel.locator("#registration-status").textContent()).toBe(
      "You are on the waitlist, in position 1. We write to you as soon as a seat is yours.",
    );
    expect(waitlisted.message.parsed.subject).toBe("You are on the waitlist: Peer naloxone training");

    const fromMail = await newPage();
    await fromMail.goto(manageLink);
    await expect.poll(() => fromMail.getByRole("heading", { level: 1 }).textContent()).toBe("Your registration");
    expect((await new AxeBuilder({ page: fromMail }).analyze()).violations.map((v) => v.id)).toEqual([]);
    const feedUrl = await fromMail.getByLabel("Your personal calendar feed").inputValue();
    expect(feedUrl).toBe(`${manageLink}/calendar.ics`);
    const feed = await fetch(feedUrl);
    expect([feed.status, feed.headers.get("content-type"), feed.headers.get("cache-control")]).toEqual([
      200,
      "text/calendar; charset=utf-8",
      "private, no-store",
    ]);
    expect(await feed.text()).toContain(`UID:${prepared.data}@localhost`);
    await fromMail.getByRole("button", { name: "Cancel my registration" }).click();
    await expect
      .poll(() => fromMail.getByRole("alertdialog").locator("p").textContent())
      .toBe(
        "Your place at Peer naloxone training goes to the next person waiting. This cannot be undone: to come after all, you would register again.",
      );
    await fromMail.getByRole("button", { name: "Yes, cancel my registration" }).click();
    await expect
      .poll(() => fromMail.getByRole("status").textContent())
      .toBe("Your registration is cancelled. Thank you for letting us know.");
    await expect.poll(() => fromMail.locator("#registration-status").textContent()).toBe("This registration is cancelled.");

    const promoted = await sink.waitFor(
      (m) => m.envelopeTo.includes("kestrel@example.org") && m.parsed.subject === "You are registered: Peer naloxone training",
    );
    expect(promoted.parsed.text).toContain("a seat became free and it is yours now");
    await kestrel.reload();
    expect(await kestrel.locator("#registration-status").textContent()).toBe("You have a seat.");
    await sink.waitFor((m) => m.envelopeTo.includes("moth@example.org") && m.parsed.subject!.startsWith("Registration cancelled"));
    expect(sink.messagesTo("moth@example.org").map((m) => m.parsed.subject)).toEqual([
      "You are registered: Peer naloxone training",
      "You are registered: Peer naloxone training",
      "Registration cancelled: Peer naloxone training",
    ]);
  });

  test("an organiser sees the lists and checks people in on a phone", async () => {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await signInAs(page, app.url, "organiser@demo.example.org");
    await page.goto(`${app.url}/n/demo/events/${prepared.data}/attendees`);
    expect(await page.locator(".counts").innerText()).toBe("1 confirmed\n0 waitlisted\n1 cancelled\n0 attended");
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.getByRole("link", { name: "Check-in view" }).click();
    await page.waitForURL(/\/check-in$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Check-in: Peer naloxone training");
    await page.getByRole("button", { name: "Mark Kestrel as arrived" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("1 of 1 arrived");
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });

  test("private links answer 404 when unknown, and the register page 404 for a malformed event id", async () => {
    const [manage, feed, register] = await Promise.all([
      fetch(`${app.url}/registrations/${"x".repeat(43)}`),
      fetch(`${app.url}/registrations/${"x".repeat(43)}/calendar.ics`),
      fetch(`${app.url}/n/demo/events/not-a-uuid/register`),
    ]);
    expect([manage.status, feed.status, register.status]).toEqual([404, 404, 404]);
  });
});
