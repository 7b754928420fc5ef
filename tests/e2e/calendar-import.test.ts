import AxeBuilder from "@axe-core/playwright";
import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { collectConsoleErrors, launchBrowser, signInAs } from "../support/browser";
import { startCalendarServer, type CalendarServer } from "../support/calendar-server";
import { SmtpSink } from "../support/smtp-sink";

/**
 * A partner's own calendar, counted from the day the test runs (the app
 * imports what lies ahead of its real clock): a weekly series of three and
 * one single event, in Google Calendar's shape.
 */
function partnerCalendar(): { ics: string; titles: string[] } {
  const start = DateTime.now().setZone("Europe/Amsterdam").plus({ days: 7 }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
  const local = (value: DateTime) => value.toFormat("yyyyMMdd'T'HHmmss");
  const ics = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "X-WR-CALNAME:Amsterdam Peer Network",
    "BEGIN:VEVENT",
    `DTSTART;TZID=Europe/Amsterdam:${local(start)}`,
    `DTEND;TZID=Europe/Amsterdam:${local(start.plus({ hours: 2 }))}`,
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "UID:peer-night@google.com",
    "SUMMARY:Peer night",
    "LOCATION:Buurthuis\\, Amsterdam",
    "END:VEVENT",
    "BEGIN:VEVENT",
    `DTSTART:${start.plus({ days: 3 }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
    `DTEND:${start.plus({ days: 3, hours: 1 }).toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
    "UID:naloxone-clinic@google.com",
    "SUMMARY:Naloxone clinic",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
  // Latest first, as the review queue lists them.
  return { ics, titles: ["Peer night", "Peer night", "Naloxone clinic", "Peer night"] };
}

describe("a partner's calendar flows into the review queue", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let calendars: CalendarServer;
  let browser: Browser;
  /** Each page's console errors. */
  const consoleErrors: string[][] = [];

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    calendars = await startCalendarServer();
    // The operator's exemption (IMPORT_ALLOWED_HOSTS): the partner's calendar server is on this machine.
    [app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url, IMPORT_ALLOWED_HOSTS: "127.0.0.1" }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await calendars?.stop();
    await sink?.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ locale: "en-GB", viewport: { width: 390, height: 844 } })).newPage();
    consoleErrors.push(collectConsoleErrors(page));
    return page;
  }

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  }

  test("the partner adds its calendar in the portal; the organiser finds its events waiting for review", async () => {
    const calendar = partnerCalendar();
    calendars.publish("/amsterdam.ics", calendar.ics);

    const partner = await newPage();
    // Daan's account has the demo's password, so Daan signs in with it: a sign-in link never opens such an account.
    await partner.goto(`${app.url}/signin?redirectTo=${encodeURIComponent("/n/demo/portal")}`);
    await partner.getByLabel("E-mail address").fill("daan@amsterdam-peers.example.org");
    await partner.getByLabel("Password", { exact: true }).fill("daymark-demo");
    await partner.getByRole("button", { name: "Sign in" }).click();
    await partner.waitForURL(`${app.url}/n/demo/portal`);

    await partner.getByRole("link", { name: "Manage your calendars (0)" }).click();
    await partner.getByRole("heading", { level: 1, name: "Your calendars" }).waitFor();
    expect(await partner.title()).toBe("Your calendars · Daymark");
    expect(await partner.getByText("No calendar has been added yet.").count()).toBe(1);
    // A partner does not decide whether its events skip review.
    expect(await partner.getByLabel("Imported events").count()).toBe(0);

    await partner.getByLabel("Calendar address").fill("ftp://calendar.example.org/x.ics");
    await partner.getByRole("button", { name: "Add the calendar" }).click();
    await expect.poll(() => partner.getByText("Enter an address starting with https://, http:// or webcal://.").count()).toBe(1);

    await partner.getByLabel("Calendar address").fill(calendars.url("/amsterdam.ics"));
    await partner.getByLabel("Languages of the events").fill("nl, en");
    await partner.getByLabel("Time zone of times written without one").selectOption("Europe/Amsterdam");
    await partner.getByRole("button", { name: "Add the calendar" }).click();
    await expect.poll(() => partner.getByRole("status").textContent()).toBe("The calendar is added. Its events are being read.");
    await expectNoAxeViolations(partner);

    // The first sync runs in a job: the status follows on the next visits.
    await expect
      .poll(
        async () => {
          await partner.reload();
          return partner.getByText("4 events imported.").count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    expect(await partner.getByText(/^Last read /).count()).toBe(1);
    expect(await partner.getByText("Wait for review · In person · nl, en").count()).toBe(1);
    await expectNoAxeViolations(partner);

    const organiser = await newPage();
    await signInAs(organiser, app.url, "organiser@demo.example.org");
    await organiser.goto(`${app.url}/n/demo/manage/events`);
    await organiser.getByRole("link", { name: "Review them" }).click();
    const rows = organiser.getByRole("row").filter({ has: organiser.getByRole("link", { name: /^(Peer night|Naloxone clinic)$/ }) });
    await expect.poll(() => rows.count()).toBe(4);
    expect((await rows.allInnerTexts()).map((text) => text.split("\t")[0]!.trim())).toEqual(calendar.titles);
    expect(
      (await rows.allInnerTexts()).every((text) => text.includes("Waiting for review") && text.includes("Amsterdam Peer Network")),
    ).toBe(true);

    await organiser.getByRole("link", { name: "Naloxone clinic" }).click();
    await organiser.getByRole("link", { name: "See the event page" }).click();
    await expect
      .poll(() =>
        organiser.getByText(/^Imported from the calendar of Amsterdam Peer Network \(127\.0\.0\.1:\d+\/amsterdam\.ics\)\./).count(),
      )
      .toBe(1);
    await expectNoAxeViolations(organiser);

    // The organiser sees the same calendar, with its status, in the network's list and on the partner's page.
    await organiser.goto(`${app.url}/n/demo/imports`);
    expect(await organiser.getByRole("row", { name: /Amsterdam Peer Network/ }).textContent()).toContain("4 events imported.");
    expect(await organiser.getByLabel("Allowed host names").count()).toBe(0);
    await expectNoAxeViolations(organiser);
    await organiser.getByRole("link", { name: "Amsterdam Peer Network" }).click();
    await organiser.getByRole("heading", { level: 1, name: "Calendars of Amsterdam Peer Network" }).waitFor();
    expect(await organiser.getByText("4 events imported.").count()).toBe(1);
    expect(await organiser.getByLabel("Imported events").locator("option").allTextContents()).toEqual([
      "Wait for review",
      "Are published at once (a trusted partner)",
    ]);
    await expectNoAxeViolations(organiser);

    // The owner keeps the hosts exempt from the public-address rule; a value that is no host name is refused beside the field.
    const owner = await newPage();
    await signInAs(owner, app.url, "owner@demo.example.org");
    await owner.goto(`${app.url}/n/demo/imports`);
    await owner.getByLabel("Allowed host names").fill("cloud.intranet.example.org\nnot a host!");
    await owner.getByRole("button", { name: "Save the hosts" }).click();
    await expect.poll(() => owner.getByText("Enter host names such as calendar.example.org.").count()).toBe(1);
    await owner.getByLabel("Allowed host names").fill("cloud.intranet.example.org\n127.0.0.1");
    await owner.getByRole("button", { name: "Save the hosts" }).click();
    await expect.poll(() => owner.getByRole("status").textContent()).toBe("The allowed hosts are saved.");
    await owner.reload();
    expect(await owner.getByLabel("Allowed host names").inputValue()).toBe("cloud.intranet.example.org\n127.0.0.1");
    await expectNoAxeViolations(owner);
    expect(consoleErrors.flat()).toEqual([]);
  });
});
