import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { allCatalogues } from "~/i18n/catalogues.server";
import { locales, localeNames, type Locale } from "~/i18n/locales";
import { startApp, type RunningApp } from "../support/app-server";
import { collectConsoleErrors, launchBrowser, signInAs } from "../support/browser";
import { prepareDemoDatabase, type PreparedDemo } from "../support/demo-database";
import { createPublishedEvent } from "../support/registration-fixtures";

/** The demo network plus an event with a long-named attendee, so the attendee table has a row to be wide with. */
function prepareDatabase() {
  return prepareDemoDatabase(async (db, networkId) => {
    const event = await createPublishedEvent(db, networkId, { title: "Peer naloxone training with a rather long title", capacity: 10 });
    await db
      .insertInto("registrations")
      .values({
        network_id: networkId,
        event_id: event.id,
        name: "Maximiliane Konstantinopoulou-Wertheimer",
        email: "maximiliane.konstantinopoulou-wertheimer@harm-reduction.example.org",
        locale: "de",
        status: "confirmed",
      })
      .execute();
    return event.id;
  });
}

describe("every language, on a phone", () => {
  let app: RunningApp;
  let browser: Browser;
  let prepared: PreparedDemo<string>;

  beforeAll(async () => {
    prepared = await prepareDatabase();
    [app, browser] = await Promise.all([startApp(prepared.env), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await prepared?.cleanup();
  });

  async function organiserIn(options: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: "en-GB", ...options });
    const page = await context.newPage();
    await signInAs(page, app.url, "organiser@demo.example.org");
    return { context, page };
  }

  async function switchTo(page: Page, locale: Locale) {
    await page.locator("#language-select").selectOption(locale);
    await page.locator(".language-switcher button").click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(locale);
  }

  test("the switcher turns the page titles of five main pages into each language", async () => {
    const { context, page } = await organiserIn();
    const problems = collectConsoleErrors(page);
    const pages: [path: string, title: (c: (typeof allCatalogues)["en"]) => string][] = [
      ["/n/demo/dashboard", (c) => c.titles.dashboard],
      ["/n/demo/campaigns", (c) => c.titles.campaigns],
      ["/n/demo/manage/events", (c) => c.titles.events],
      ["/n/demo/partners", (c) => c.titles.partners],
      ["/n/demo/mailings", (c) => c.titles.mailings],
    ];
    const seen: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const locale of locales) {
      await page.goto(`${app.url}/n/demo/dashboard`);
      await switchTo(page, locale);
      expect(await page.locator("#language-select").inputValue()).toBe(locale);
      seen[locale] = [];
      for (const [path] of pages) {
        await page.goto(`${app.url}${path}`);
        await page.waitForLoadState("networkidle");
        seen[locale].push(await page.title());
      }
      expected[locale] = pages.map(([, title]) => `${title(allCatalogues[locale])} · Daymark`);
    }
    expect(seen).toEqual(expected);
    // The languages really differ: no title is left in English.
    for (const locale of locales.filter((l) => l !== "en")) {
      expect(
        seen[locale]!.filter((title, index) => title === seen.en![index]),
        localeNames[locale],
      ).toEqual([]);
    }
    // A page reached by a client-side link keeps the language in its title too.
    await page.goto(`${app.url}/n/demo/dashboard`);
    await page
      .getByRole("navigation", { name: allCatalogues.ru.layout.networkNavigation })
      .getByRole("link", { name: allCatalogues.ru.campaigns.nav.campaigns })
      .click();
    await page.waitForURL(/\/campaigns$/);
    await expect.poll(() => page.title()).toBe(`${allCatalogues.ru.titles.campaigns} · Daymark`);
    expect(problems).toEqual([]);
    await context.close();
  });

  test.each(["ru", "de"] as const)("at 390x844 in %s the organiser pages never scroll sideways", async (locale) => {
    const { context, page } = await organiserIn({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const problems = collectConsoleErrors(page);
    await switchTo(page, locale);
    const paths = [
      "/n/demo/dashboard",
      "/n/demo/year",
      "/n/demo/campaigns",
      `/n/demo/campaigns/${prepared.demo.campaigns.worldAidsDay.slug}`,
      `/n/demo/campaigns/${prepared.demo.campaigns.worldAidsDay.slug}/plan`,
      "/n/demo/my-actions",
      "/n/demo/manage/events",
      `/n/demo/manage/events/${prepared.data}`,
      `/n/demo/events/${prepared.data}`,
      `/n/demo/events/${prepared.data}/attendees`,
      `/n/demo/events/${prepared.data}/check-in`,
      `/n/demo/events/${prepared.data}/speakers`,
      "/n/demo/speakers",
      "/n/demo/partners",
      "/n/demo/mailings",
      "/n/demo/feeds",
      "/n/demo/privacy",
      "/n/demo/events",
    ];
    const wide: Record<string, { width: number; culprits: string[] }> = {};
    for (const path of paths) {
      await page.goto(`${app.url}${path}`);
      await page.waitForLoadState("networkidle");
      const measured = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const culprits = [...document.querySelectorAll("body *")]
          .filter((element) => {
            const box = element.getBoundingClientRect();
            if (box.width === 0 || box.right <= width + 1) return false;
            // Inside a box that scrolls on its own, width is fine.
            for (let parent = element.parentElement; parent; parent = parent.parentElement) {
              if (parent.scrollWidth > parent.clientWidth && getComputedStyle(parent).overflowX !== "visible") return false;
            }
            return true;
          })
          .slice(0, 5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)})`);
        return { width: document.documentElement.scrollWidth, culprits };
      });
      if (measured.width > 390) wide[path] = measured;
    }
    expect(wide).toEqual({});
    expect(problems).toEqual([]);
    await context.close();
  });

  test("on a phone the navigation is a grouped menu that opens without JavaScript and marks the organiser's page", async () => {
    const { context, page } = await organiserIn({ viewport: { width: 390, height: 844 }, isMobile: true, javaScriptEnabled: false });
    // The tests before left the organiser's account in another language.
    await switchTo(page, "en");
    await page.goto(`${app.url}/n/demo/events/${prepared.data}/attendees`);
    const menu = page.getByRole("navigation", { name: "Network" });
    await expect.poll(() => menu.count()).toBe(1);
    expect(await menu.locator("summary").textContent()).toBe("Menu: Events");
    expect(await menu.getByRole("link").count()).toBe(0); // closed until asked
    await menu.locator("summary").click();
    expect(await menu.locator(".site-nav__group").allTextContents()).toEqual(["Events and calendars", "Planning", "People and data"]);
    expect(await menu.getByRole("group", { name: "Planning" }).getByRole("link").allTextContents()).toEqual([
      "Dashboard",
      "Year",
      "Campaigns",
      "My actions",
    ]);
    expect(await menu.locator('[aria-current="page"]').allTextContents()).toEqual(["Events"]);
    await menu.getByRole("link", { name: "Partners" }).click();
    await page.waitForURL(/\/n\/demo\/partners$/);
    expect(await page.getByRole("navigation", { name: "Network" }).locator("summary").textContent()).toBe("Menu: Partners");

    // The public event page is the calendar's; its organiser pages belong to "Manage events".
    await page.goto(`${app.url}/n/demo/events/${prepared.data}`);
    expect(await page.getByRole("navigation", { name: "Network" }).locator("summary").textContent()).toBe("Menu: Calendar");
    await context.close();
  });
});
