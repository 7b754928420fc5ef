import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser, signInAs } from "../support/browser";

const password = "daymark-demo";

describe("calendar feeds in the browser", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", ...options });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    const page = await context.newPage();
    await signInAs(page, app.url, email, password);
    return page;
  }

  let privateUrl = "";

  test("a partner contact creates their organisation's private feed and subscribes from the panel", async () => {
    const page = await signedIn("partner@demo.example.org");
    await page.getByRole("link", { name: "Calendar feeds" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Calendar feeds");
    expect(await page.getByRole("rowheader").allTextContents()).toEqual(["Lisbon Harm Reduction Collective"]);
    await page.getByRole("button", { name: "Create the private feed for Lisbon Harm Reduction Collective" }).click();

    const notice = page.getByRole("status").filter({ hasText: "New private feed for Lisbon Harm Reduction Collective" });
    await expect.poll(() => notice.count()).toBe(1);
    const address = notice.getByLabel("Feed address");
    privateUrl = await address.inputValue();
    expect(privateUrl).toMatch(new RegExp(`^${app.url}/n/demo/feeds/[A-Za-z0-9_-]{43}/calendar\\.ics$`));
    const webcal = privateUrl.replace(/^http:\/\//, "webcal://");
    expect(await notice.getByRole("link", { name: "Apple Calendar, Thunderbird or another app" }).getAttribute("href")).toBe(webcal);
    expect(await notice.getByRole("link", { name: "Google Calendar" }).getAttribute("href")).toBe(
      `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    );
    expect(await notice.getByRole("link", { name: "Outlook.com" }).getAttribute("href")).toBe(
      `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(privateUrl)}&name=${encodeURIComponent(
        "Demo Network: calendar for Lisbon Harm Reduction Collective",
      )}`,
    );
    expect(await notice.getByText("Google Calendar refreshes subscribed calendars only every several hours").count()).toBe(1);
    expect(await notice.getByText("This address is private").count()).toBe(1);

    await notice.getByRole("button", { name: "Copy the address" }).click();
    await expect.poll(() => notice.getByText("Address copied.").count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(privateUrl);

    const feed = await fetch(privateUrl);
    expect([feed.status, feed.headers.get("content-type"), feed.headers.get("cache-control")]).toEqual([
      200,
      "text/calendar; charset=utf-8",
      "private, no-store",
    ]);
    expect(await feed.text()).toContain("X-WR-CALNAME:Demo Network: calendar for Lisbon Harm Reduction Collective\r\n");

    // The public feed's panel is on the same page.
    const publicAddress = page.getByLabel("Feed address").last();
    expect(await publicAddress.inputValue()).toBe(`${app.url}/n/demo/calendar.ics`);
    await page.context().close();
  });

  test("an organiser sees when each private feed was last used and revokes one without JavaScript", async () => {
    const page = await signedIn("organiser@demo.example.org", { javaScriptEnabled: false });
    await page.goto(`${app.url}/n/demo/feeds`);
    expect((await page.getByRole("rowheader").allTextContents()).length).toBe(5);
    const row = page.getByRole("row").filter({ hasText: "Lisbon Harm Reduction Collective" });
    expect(await row.getByRole("cell").nth(0).textContent()).toMatch(/^Active since \w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/);
    expect(await row.getByRole("cell").nth(1).textContent()).toMatch(/^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/);
    expect(await page.getByRole("row").filter({ hasText: "Kyiv Drug User Union" }).getByRole("cell").nth(0).textContent()).toBe("None");
    await row.getByRole("button", { name: "Revoke the private feed for Lisbon Harm Reduction Collective" }).click();
    await expect.poll(() => page.getByText("The private feed for Lisbon Harm Reduction Collective was revoked").count()).toBe(1);
    const revoked = await fetch(privateUrl);
    expect([revoked.status, revoked.headers.get("cache-control")]).toEqual([404, "private, no-store"]);
    await page.context().close();
  });

  test("feeds come from the fast path: 304 for the current tag, 404 for unknown ones, 400 for a bad filter", async () => {
    const first = await fetch(`${app.url}/n/demo/calendar.ics`);
    expect([first.status, first.headers.get("cache-control")]).toEqual([200, "public, max-age=300"]);
    const again = await fetch(`${app.url}/n/demo/calendar.ics`, { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${app.url}/n/demo/events/not-an-id/calendar.ics`)).status).toBe(404);
    expect((await fetch(`${app.url}/n/demo/calendar.ics?country=Portugal`)).status).toBe(400);
  });
});
