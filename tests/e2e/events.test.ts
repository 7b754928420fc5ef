import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { DateTime } from "luxon";
import { launchBrowser, signInAs } from "../support/browser";
import { testYear } from "../support/calendar";
import { SmtpSink } from "../support/smtp-sink";

const password = "daymark-demo";

/** The vigil's day: the first Monday of April next year, on summer time in Kyiv (UTC+3) and Lisbon (UTC+1). */
const aprilFirst = DateTime.fromObject({ year: testYear, month: 4, day: 1 });
const vigilDay = aprilFirst.plus({ days: (8 - aprilFirst.weekday) % 7 }).setLocale("en-GB");
const vigilDate = vigilDay.toISODate()!;
const vigilDayName = vigilDay.toFormat("cccc, d LLLL yyyy");

describe("events and the public calendar, in a browser", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;
  let eventUrl: string;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    [app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function newPage(options: { timezoneId?: string; javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", ...options });
    return context.newPage();
  }

  async function signIn(page: Page, email: string) {
    await signInAs(page, app.url, email, password);
  }

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  test("a partner submits an event under a campaign; it waits for review", async () => {
    const page = await newPage();
    await signIn(page, "partner@demo.example.org");
    await page.getByRole("link", { name: "Our events" }).click();
    await page.waitForURL(/\/manage\/events$/);
    await page.getByRole("link", { name: "Submit an event" }).click();
    await page.waitForURL(/\/events\/new$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Submit an event");
    await expectNoAxeViolations(page);

    // Submitted empty: errors beside the fields, nothing lost.
    await page.getByLabel("Title").fill("Kyiv evening vigil");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => page.getByLabel("Start date").getAttribute("aria-invalid")).toBe("true");
    const campaign = page.getByLabel("Campaign");
    expect(await page.getByLabel("Title").inputValue()).toBe("Kyiv evening vigil");

    await page
      .getByLabel("Description")
      .fill("We meet at the fountain.\n\n<script>window.pwned = true</script>\n\n[click me](javascript:window.pwned=true)");
    await page.getByLabel("Time zone").selectOption("Europe/Kyiv");
    await page.getByLabel("Start date").fill(vigilDate);
    await page.getByLabel("Start time").fill("18:00");
    await page.getByLabel("End date").fill(vigilDate);
    await page.getByLabel("End time").fill("20:00");
    await page.getByLabel("City").fill("Kyiv");
    await page.getByLabel("Country code").fill("UA");
    await page.getByLabel("Languages spoken").fill("uk, en");
    await page.getByLabel("Step-free access").check();
    await campaign.selectOption({ label: "Peer voices" });
    await page.getByRole("button", { name: "Submit for review" }).click();

    await page.waitForURL(/\/n\/demo\/events\/[0-9a-f-]{36}\?done=submitted$/);
    eventUrl = page.url().replace(/\?.*$/, "");
    expect(await page.getByRole("status").first().textContent()).toBe("Thank you. Your event is waiting for review by the organisers.");
    expect(await page.getByText("This event is waiting for review by the organisers.").count()).toBe(1);
    await page.context().close();

    // Not public yet.
    expect((await fetch(eventUrl)).status).toBe(404);
  });

  test("an organiser approves it with a note; the partner is e-mailed", async () => {
    const page = await newPage();
    await signIn(page, "organiser@demo.example.org");
    await page.getByRole("link", { name: "Events", exact: true }).click();
    await page.waitForURL(/\/manage\/events$/);
    await page.getByRole("link", { name: "Review them" }).click();
    await page.waitForURL(/status=pending_review$/);
    await page.getByRole("link", { name: "Kyiv evening vigil" }).click();
    await page.waitForURL(/\/manage\/events\/[0-9a-f-]{36}$/);
    await expectNoAxeViolations(page);
    await page.getByLabel("Note to the partner").fill("Thank you, see you there.");
    await page.getByRole("button", { name: "Approve and publish" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The event is published and the partner is told.");

    // The demo's welcome mailing also reaches this contact: look for the review's answer.
    const mail = await sink.waitFor(
      (m) => m.envelopeTo.includes("partner@demo.example.org") && m.parsed.subject === "Your event “Kyiv evening vigil” is published",
    );
    expect(mail.parsed.text).toContain(`Their note:\nThank you, see you there.`);
    expect(mail.parsed.text).toContain(eventUrl);
    await page.context().close();
  });

  test("it appears in the public calendar at 18:00 Kyiv time, and at 16:00 for a reader in Lisbon", async () => {
    const page = await newPage({ timezoneId: "Europe/Lisbon" });
    await page.goto(`${app.url}/n/demo/events?country=UA&language=uk`);
    await expectNoAxeViolations(page);
    const entry = page.getByRole("article").filter({ hasText: "Kyiv evening vigil" });
    expect(await entry.locator(".event-item__when").textContent()).toBe(`${vigilDayName}, 18:00–20:00 (Europe/Kyiv)`);

    await page.goto(`${app.url}/n/demo/events/month/${vigilDate.slice(0, 7)}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Events in April ${testYear}`);
    const day = page.getByRole("region", { name: vigilDayName });
    await day.getByRole("link", { name: "Kyiv evening vigil" }).click();
    await page.waitForURL(eventUrl);
    expect(await page.locator(".event-when").textContent()).toBe(`${vigilDayName}, 18:00–20:00`);
    await expect
      .poll(() => page.getByTestId("viewer-time").textContent())
      .toMatch(
        // The browser formats this line itself; its ICU may leave out the comma after the weekday.
        new RegExp(
          `^In your time zone \\(Europe/Lisbon\\): ${vigilDay.toFormat("cccc")},? ${vigilDay.toFormat("d LLLL yyyy")}, 16:00–18:00$`,
        ),
      );
    await expectNoAxeViolations(page);

    // The description is inert: no script ran, the javascript: link is not a link.
    expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await page.locator(".markdown script").count()).toBe(0);
    expect(await page.locator('.markdown a[href^="javascript"]').count()).toBe(0);
    expect(await page.locator(".markdown").textContent()).toContain("<script>window.pwned = true</script>");

    expect(await page.getByRole("link", { name: "Register" }).getAttribute("href")).toBe(`${new URL(eventUrl).pathname}/register`);
    expect(await page.getByRole("link", { name: /Calendar file/ }).getAttribute("href")).toBe(`${new URL(eventUrl).pathname}/calendar.ics`);
    const google = new URL((await page.getByRole("link", { name: "Add to Google Calendar" }).getAttribute("href"))!);
    expect(google.searchParams.get("dates")).toBe(`${vigilDate.replaceAll("-", "")}T150000Z/${vigilDate.replaceAll("-", "")}T170000Z`);
    await page.context().close();
  });

  test("without JavaScript the page shows the event's own time only", async () => {
    const page = await newPage({ timezoneId: "Europe/Lisbon", javaScriptEnabled: false });
    await page.goto(eventUrl);
    expect(await page.locator(".event-when").textContent()).toBe(`${vigilDayName}, 18:00–20:00`);
    expect(await page.getByText("Times are in the event's time zone: Europe/Kyiv.").count()).toBe(1);
    expect(await page.getByTestId("viewer-time").count()).toBe(0);
    await page.context().close();
  });

  test("another partner cannot edit it (403); the submitting partner can", async () => {
    const other = await newPage();
    await signIn(other, "daan@amsterdam-peers.example.org");
    const refused = await other.goto(`${eventUrl}/edit`);
    expect(refused?.status()).toBe(403);
    await expect.poll(() => other.getByRole("heading", { level: 1 }).textContent()).toBe("No access");
    await other.context().close();

    const own = await newPage();
    await signIn(own, "partner@demo.example.org");
    const allowed = await own.goto(`${eventUrl}/edit`);
    expect(allowed?.status()).toBe(200);
    expect(await own.getByLabel("Start time").inputValue()).toBe("18:00");
    await own.context().close();
  });

  test("the cancelled demo event says so, and malformed event addresses answer 404", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/n/demo/events?country=NL`);
    const cancelled = page.getByRole("article").filter({ hasText: "Community picnic" });
    expect(await cancelled.locator(".badge").textContent()).toBe("Cancelled");
    await cancelled.getByRole("link", { name: "Community picnic" }).click();
    expect(await page.locator(".banner--cancelled").textContent()).toBe("This event is cancelled.");
    expect(await page.getByRole("link", { name: "Register" }).count()).toBe(0);
    await page.context().close();

    const statuses = await Promise.all(
      [
        "/n/demo/events/not-a-uuid",
        "/n/demo/events/00000000-0000-0000-0000-000000000000",
        `/n/demo/events/month/${testYear}-13`,
        "/n/demo/events?page=abc&host=x&mode=boat",
        "/n/demo/manage/events/not-a-uuid",
      ].map(async (path) => (await fetch(`${app.url}${path}`, { redirect: "manual" })).status),
    );
    expect(statuses).toEqual([404, 404, 404, 200, 302]);
  });
});
