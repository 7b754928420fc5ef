import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { collectConsoleErrors, launchBrowser, settled, signInAs } from "../support/browser";
import { prepareDemoDatabase, type PreparedDemo } from "../support/demo-database";

/** Links a visit must not follow: they sign out, download files or are not pages. */
const notAPage = /\/signout|\.ics|\.csv|\.json|\/feeds?\/|\/export|\/calendar$/;

/** One visit per kind of page: ids, tokens, months and days stand for any, query values too. */
function pageKind(path: string): string {
  const url = new URL(path, "http://x");
  const shape = url.pathname
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":id")
    .replace(/[A-Za-z0-9_-]{43}/g, ":token")
    .replace(/\d{4}-\d{2}(-\d{2})?/g, ":date");
  return `${shape}?${[...url.searchParams.keys()].sort().join("&")}`;
}

/**
 * Visits every kind of page reachable by links from `start`, as the person
 * signed in to `page` would, and returns the console errors seen on each.
 */
async function crawl(page: Page, appUrl: string, start: string[]): Promise<{ visited: number; errors: Record<string, string[]> }> {
  const errors = collectConsoleErrors(page);
  const kinds = new Set<string>();
  const queue = [...start];
  const found: Record<string, string[]> = {};
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (kinds.has(pageKind(path))) continue;
    kinds.add(pageKind(path));
    errors.length = 0;
    await page.goto(`${appUrl}${path}`);
    await settled(page);
    if (errors.length > 0) found[path] = [...errors];
    const links = await page.locator("a[href^='/']").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
    for (const link of links) {
      const target = link.split("#")[0]!;
      if (target && !notAPage.test(target) && !kinds.has(pageKind(target))) queue.push(target);
    }
  }
  return { visited: kinds.size, errors: found };
}

describe("pages hydrate as the server rendered them", () => {
  let app: RunningApp;
  let browser: Browser;
  let prepared: PreparedDemo<void>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    prepared = await prepareDemoDatabase();
    [app, browser] = await Promise.all([startApp({ SESSION_SECRET: process.env.SESSION_SECRET!, ...prepared.env }), launchBrowser()]);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.stop();
    await prepared?.cleanup();
  });

  /** A reader in Lisbon, so that the event's zone and the reader's differ. */
  async function newPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, timezoneId: "Europe/Lisbon" });
    contexts.push(context);
    return context.newPage();
  }

  /** The sign-in form in the page's language, found by its fields' kinds. */
  async function signInInAnyLanguage(page: Page, email: string) {
    await page.goto(`${app.url}/signin`);
    await page.locator("input[type=email]").fill(email);
    await page.locator("input[type=password]").fill("daymark-demo");
    await page.locator("form:has(input[type=password]) button[type=submit]").click();
    await page.waitForURL(/\/dashboard$/);
  }

  test.each([
    { who: "a visitor reading French", email: null, locale: "fr-FR" },
    { who: "a partner", email: "partner@demo.example.org", locale: "en-GB" },
    { who: "an organiser", email: "organiser@demo.example.org", locale: "en-GB" },
    { who: "the owner reading Russian", email: "owner@demo.example.org", locale: "ru-RU" },
  ])("$who follows every link from the start and sees no console error", async ({ email, locale }) => {
    const page = await newPage(locale);
    if (email) await signInInAnyLanguage(page, email);
    const start = email ? [new URL(page.url()).pathname] : ["/", "/n/demo"];
    const { visited, errors } = await crawl(page, app.url, start);
    expect(errors).toEqual({});
    // The crawl reached the app's pages, not just the start.
    expect(visited).toBeGreaterThan(email ? 20 : 8);
  });

  test("what an organiser types before the scripts arrive is still there after hydration", async () => {
    const page = await newPage("en-GB");
    await signInAs(page, app.url, "organiser@demo.example.org");
    await page.goto(`${app.url}/n/demo/speakers`);
    const eventSpeakers = await page.locator("a[href$='/speakers'][href*='/events/']").first().getAttribute("href");
    const errors = collectConsoleErrors(page);

    // A slow phone connection: the page's scripts take two seconds.
    await page.route("**/assets/*.js", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await route.continue();
    });
    await page.goto(`${app.url}${eventSpeakers}`, { waitUntil: "domcontentloaded" });
    await page.getByLabel("Name", { exact: true }).fill("Amira Haddad");
    await page.getByLabel("Session title or topic").fill("Peer support after diagnosis");
    await settled(page);

    expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Amira Haddad");
    expect(await page.getByLabel("Session title or topic").inputValue()).toBe("Peer support after diagnosis");
    expect(errors).toEqual([]);
  });
});
