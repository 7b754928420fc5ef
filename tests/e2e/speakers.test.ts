import AxeBuilder from "@axe-core/playwright";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser, signInAs } from "../support/browser";
import { prepareDemoDatabase } from "../support/demo-database";
import { SmtpSink } from "../support/smtp-sink";

const organiser = { email: "organiser@demo.example.org", password: "daymark-demo" };
const eventTitle = "World AIDS Day forum";

/**
 * The demo database with one published upcoming event, prepared before the
 * app starts (the event pages belong to another feature).
 */
function prepareDatabase() {
  return prepareDemoDatabase(async (db, networkId) => {
    const day = DateTime.now().setZone("Europe/Amsterdam").plus({ days: 20 }).startOf("day");
    const { id } = await db
      .insertInto("events")
      .values({
        network_id: networkId,
        title: eventTitle,
        time_zone: "Europe/Amsterdam",
        starts_at: day.set({ hour: 13 }).toJSDate(),
        ends_at: day.set({ hour: 17 }).toJSDate(),
        status: "published",
        venue_name: "De Balie",
        city: "Amsterdam",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  });
}

describe("speaker invitations in the browser", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;
  let eventId: string;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    const prepared = await prepareDatabase();
    eventId = prepared.data;
    cleanUp = prepared.cleanup;
    [app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url, ...prepared.env }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await cleanUp?.();
    await sink?.stop();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB" });
    return context.newPage();
  }

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
  }

  async function invite(page: Page, name: string, email: string, session: string) {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Role").selectOption("panellist");
    await page.getByLabel("Session title or topic").fill(session);
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("The invitation is on its way.");
    await expect.poll(() => page.getByRole("heading", { level: 3, name: new RegExp(name) }).count()).toBe(1);
  }

  async function linkSentTo(email: string) {
    const mail = await sink.waitFor((m) => m.envelopeTo.includes(email) && m.parsed.subject === `Invitation to speak: ${eventTitle}`);
    return mail.parsed.text!.match(/https?:\/\/\S+\/speak\/[A-Za-z0-9_-]{43}/)![0];
  }

  test("two invited speakers answer; only the consented pseudonym is public; the organiser hears of both by e-mail", async () => {
    const page = await newPage();
    await signInAs(page, app.url, organiser.email, organiser.password);
    await page.getByRole("link", { name: "Speakers" }).click();
    await page.getByRole("link", { name: eventTitle }).click();
    await page.waitForURL(`${app.url}/n/demo/events/${eventId}/speakers`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Speakers: ${eventTitle}`);

    await invite(page, "Amira Haddad", "amira@example.org", "Peer support after diagnosis");
    await invite(page, "Bruno Keller", "bruno@example.org", "Testing in prisons");
    await expectNoAxeViolations(page);

    // Amira accepts under a pseudonym, agreeing only to be listed.
    const amira = await newPage();
    await amira.goto(await linkSentTo("amira@example.org"));
    await expect.poll(() => amira.getByRole("heading", { level: 1 }).textContent()).toBe(`Invitation to speak: ${eventTitle}`);
    await expectNoAxeViolations(amira);
    await amira.getByLabel("Yes, I will take part").check();
    await amira.getByLabel("Name to show").fill("Nightingale");
    await amira.getByLabel("List my name and profile publicly on the event page").check();
    await amira.getByRole("button", { name: "Send my answer" }).click();
    await expect
      .poll(() => amira.getByRole("status").textContent())
      .toBe("Thank you! Your answer is saved: you will take part. The organisers have been told.");
    const slotLink = amira.getByRole("link", { name: "Download your slot for your calendar (.ics)" });
    const slot = await fetch(new URL((await slotLink.getAttribute("href"))!, app.url));
    expect([slot.status, slot.headers.get("content-type"), slot.headers.get("cache-control")]).toEqual([
      200,
      "text/calendar; charset=utf-8",
      "private, no-store",
    ]);
    expect(await slot.text()).toContain("METHOD:REQUEST");

    // Bruno declines with a reason.
    const bruno = await newPage();
    await bruno.goto(await linkSentTo("bruno@example.org"));
    await bruno.getByLabel("No, I cannot").check();
    await bruno.getByLabel("A reason or a note (optional)").fill("Not in town that week");
    await bruno.getByRole("button", { name: "Send my answer" }).click();
    await expect
      .poll(() => bruno.getByRole("status").textContent())
      .toBe("Your answer is saved: you cannot take part. The organisers have been told.");

    // The event page and the public speakers page: only Nightingale, no photo.
    const visitor = await newPage();
    for (const path of [`/n/demo/events/${eventId}`, `/n/demo/events/${eventId}/speakers/public`]) {
      await visitor.goto(`${app.url}${path}`);
      const speakers = visitor.locator(".speaker-card");
      expect(await speakers.count(), path).toBe(1);
      expect(await speakers.getByRole("heading").textContent(), path).toBe("Nightingale");
      expect(await speakers.textContent(), path).toContain("Please do not photograph or record this speaker.");
      const main = (await visitor.locator("main").textContent())!;
      expect(main, path).not.toMatch(/Amira|Haddad|Bruno|amira@/);
      expect(await visitor.locator("main img").count(), path).toBe(0);
      await expectNoAxeViolations(visitor);
    }

    // Both answers reached the organiser through SMTP; Amira got her calendar invitation.
    const answers = await Promise.all([
      sink.waitFor((m) => m.envelopeTo.includes(organiser.email) && /accepted to speak/.test(m.parsed.subject ?? "")),
      sink.waitFor((m) => m.envelopeTo.includes(organiser.email) && /declined to speak/.test(m.parsed.subject ?? "")),
    ]);
    expect(answers.map((mail) => mail.parsed.subject)).toEqual([
      `Amira Haddad (Nightingale) accepted to speak at ${eventTitle}`,
      `Bruno Keller declined to speak at ${eventTitle}`,
    ]);
    expect(answers[1]!.parsed.text).toContain("Their note: Not in town that week");
    const calendarMail = await sink.waitFor((m) => m.envelopeTo.includes("amira@example.org") && m.parsed.attachments.length > 0);
    expect(calendarMail.parsed.attachments[0]!.contentType).toBe("text/calendar");
    expect(calendarMail.parsed.attachments[0]!.content.toString("utf8")).toContain("METHOD:REQUEST");

    // The organiser's page shows each answer.
    await page.reload();
    expect(await page.getByRole("heading", { level: 3, name: /Amira Haddad/ }).textContent()).toBe("Amira Haddad accepted");
    expect(await page.getByRole("heading", { level: 3, name: /Bruno Keller/ }).textContent()).toBe("Bruno Keller declined");
    for (const context of [page, amira, bruno, visitor].map((p) => p.context())) await context.close();
  });

  test("an unknown speaker link and feed answer 404; a withdrawn invitation's link answers a friendly 410", async () => {
    const [unknownPage, unknownFeed] = await Promise.all([
      fetch(`${app.url}/speak/${"B".repeat(43)}`),
      fetch(`${app.url}/speak/${"B".repeat(43)}/sessions.ics`),
    ]);
    expect([unknownPage.status, unknownFeed.status]).toEqual([404, 404]);

    const page = await newPage();
    await page.goto(`${app.url}/signin?redirectTo=${encodeURIComponent(`/n/demo/events/${eventId}/speakers`)}`);
    await page.getByLabel("E-mail address").fill(organiser.email);
    await page.getByLabel("Password", { exact: true }).fill(organiser.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/n/demo/events/${eventId}/speakers`);
    await invite(page, "Chen Li", "chen@example.org", "Chemsex and care");
    const link = await linkSentTo("chen@example.org");
    await page.getByRole("button", { name: "Withdraw Chen Li's invitation" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("The invitation was withdrawn and the speaker told.");
    await sink.waitFor((m) => m.envelopeTo.includes("chen@example.org") && m.parsed.subject === `Invitation withdrawn: ${eventTitle}`);

    const speaker = await newPage();
    const response = await speaker.goto(link);
    expect(response?.status()).toBe(410);
    await expect.poll(() => speaker.getByRole("heading", { level: 1 }).textContent()).toBe("This invitation was withdrawn");
    for (const context of [page, speaker].map((p) => p.context())) await context.close();
  });
});
