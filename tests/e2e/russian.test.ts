import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import ru from "~/i18n/locales/ru";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { prepareDemoDatabase, type PreparedDemo } from "../support/demo-database";
import { SmtpSink } from "../support/smtp-sink";

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);

/** A reader switches the interface to Russian and registers for an event with five seats. */
describe("Daymark in Russian", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;
  let prepared: PreparedDemo<string>;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    prepared = await prepareDemoDatabase(async (db, networkId) => {
      const startsAt = new Date(Date.now() + 12 * 86_400_000);
      const event = await db
        .insertInto("events")
        .values({
          network_id: networkId,
          title: "Тренинг по налоксону",
          time_zone: "Europe/Kyiv",
          starts_at: startsAt,
          ends_at: new Date(startsAt.getTime() + 2 * 3_600_000),
          venue_name: "Общественный центр",
          city: "Киев",
          country: "UA",
          capacity: 5,
          status: "published",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return event.id;
    });
    [app, browser] = await Promise.all([
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

  async function register(page: Page, name: string, email: string) {
    await page.goto(`${app.url}/n/demo/events/${prepared.data}/register`);
    await page.getByLabel(ru.registrations.register.name).fill(name);
    await page.getByLabel(ru.registrations.register.email).fill(email);
    await page.getByLabel(fill(ru.registrations.register.consent, { network: "Demo Network" })).check();
    await page.getByRole("button", { name: ru.registrations.register.submit }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe(fill(ru.registrations.register.checkInbox, { email }));
  }

  async function seatsLine(page: Page) {
    await page.goto(`${app.url}/n/demo/events/${prepared.data}/register`);
    return page
      .getByText(/Остал|мест/)
      .first()
      .textContent();
  }

  test("the switcher turns the interface Russian; the event page, the plural of seats and the confirmation e-mail follow", async () => {
    const page = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await page.goto(`${app.url}/n/demo/events/${prepared.data}`);
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("button", { name: "Change" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ru");

    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Тренинг по налоксону");
    expect(
      await page.getByRole("navigation", { name: ru.layout.networkNavigation }).getByRole("link", { name: ru.events.nav.calendar }).count(),
    ).toBe(1);
    expect(await page.locator("dt").first().textContent()).toBe(ru.events.page.when);

    expect(await seatsLine(page)).toContain("5 мест");
    await register(page, "Лиса", "lisa@example.org");
    const mail = await sink.waitFor((m) => m.envelopeTo.includes("lisa@example.org"));
    expect(mail.parsed.subject).toBe(fill(ru.registrations.emails.confirmed.subject, { event: "Тренинг по налоксону" }));
    expect(mail.parsed.text).toContain(fill(ru.registrations.emails.confirmed.intro, { network: "Demo Network" }));

    await register(page, "Ёж", "ezh@example.org");
    await register(page, "Сова", "sova@example.org");
    expect(await seatsLine(page)).toContain("2 места");
    await register(page, "Кот", "kot@example.org");
    expect(await seatsLine(page)).toContain("1 место");
    await page.context().close();
  });
});
