import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { seriousViolations } from "../support/axe";
import { collectConsoleErrors, launchBrowser, signInAs } from "../support/browser";

interface ApiEvent {
  title: string;
  start: string;
  timeZone: string;
  allDay: boolean;
}

/** The first ```html block under a heading of docs/embed.md, with the example server replaced by the app's. */
function snippet(heading: string, appUrl: string): string {
  const doc = readFileSync("docs/embed.md", "utf8");
  const section = doc.slice(doc.indexOf(heading));
  const block = /```html\n([\s\S]*?)```/.exec(section)![1]!;
  return block.replaceAll("https://daymark.example.org", appUrl);
}

describe("the embeddable calendar on another site", () => {
  let app: RunningApp;
  let browser: Browser;
  let host: Server;
  let hostUrl = "";
  let body = "";

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    host = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><html lang="en"><head><title>A partner's website</title></head><body><main><h1>Our partner's events</h1>${body}</main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    host?.closeAllConnections();
    await new Promise((resolve) => host?.close(resolve));
  });

  async function upcoming(): Promise<ApiEvent[]> {
    const response = await fetch(
      `${app.url}/api/v1/networks/demo/events?limit=200&ends_after=${encodeURIComponent(new Date().toISOString())}`,
    );
    return ((await response.json()) as { data: ApiEvent[] }).data;
  }

  test.each([
    { locale: "fr-FR", timezoneId: "America/New_York", heading: "Événements à venir", yours: "votre heure" },
    { locale: "de-DE", timezoneId: "Asia/Tokyo", heading: "Kommende Veranstaltungen", yours: "Ihre Zeit" },
  ])("the snippet from docs/embed.md in $locale, $timezoneId: the demo's events, no cookie, no third host", async (reader) => {
    body = snippet("## The snippet", app.url);
    const context = await browser.newContext({ locale: reader.locale, timezoneId: reader.timezoneId });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    const origins = new Set<string>();
    page.on("request", (request) => origins.add(new URL(request.url()).origin));
    await page.goto(hostUrl);

    const calendar = page.locator("daymark-events");
    await expect.poll(() => calendar.getByRole("heading", { level: 2 }).textContent(), { timeout: 30_000 }).toBe(reader.heading);
    const events = await upcoming();
    expect(events.length).toBeGreaterThan(5);
    const titles = await calendar.getByRole("heading", { level: 3 }).allTextContents();
    expect(titles.map((title) => title.replace(/^(Annulé|Abgesagt)/, ""))).toEqual(events.map((event) => event.title));

    // The first timed event: in its own zone, and in the reader's with its zone named.
    const timed = events.find((event) => !event.allDay)!;
    const entry = calendar.getByRole("listitem").nth(events.indexOf(timed));
    const own = DateTime.fromISO(timed.start).setZone(timed.timeZone).toFormat("HH:mm");
    const theirs = DateTime.fromISO(timed.start).setZone(reader.timezoneId).toFormat("HH:mm");
    const lines = await entry.locator("p.when").allTextContents();
    expect(lines[0]).toContain(own);
    expect(lines[0]).toContain(`(${timed.timeZone})`);
    expect(lines[1]).toContain(`${reader.yours}:`);
    expect(lines[1]).toContain(theirs);
    expect(lines[1]).toContain(`(${reader.timezoneId})`);
    expect(await entry.getByRole("link").first().getAttribute("href")).toMatch(new RegExp(`^${app.url}/n/demo/events/[0-9a-f-]{36}$`));

    expect(await context.cookies()).toEqual([]);
    expect([...origins].sort()).toEqual([app.url, hostUrl].sort());
    expect(await seriousViolations(page, `partner's page, ${reader.locale}`)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the frame shows the calendar only on the sites the owner lists", async () => {
    const owner = await (await browser.newContext({ locale: "en-GB", javaScriptEnabled: false })).newPage();
    await signInAs(owner, app.url, "owner@demo.example.org");
    await owner.goto(`${app.url}/n/demo/integrations`);
    expect(await owner.locator("pre code").first().textContent()).toBe(
      `<script src="${app.url}/embed.js" defer></script>\n<daymark-events network="demo"></daymark-events>`,
    );
    const frameUrl = `${app.url}/n/demo/embed.html`;
    expect((await fetch(frameUrl)).headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    await owner.getByLabel("Sites that may show the calendar in a frame").fill(`${hostUrl}\nnot a site`);
    await owner.getByRole("button", { name: "Save sites" }).click();
    await expect.poll(() => owner.getByText("Each line must be a site address").count()).toBe(1);
    await owner.getByLabel("Sites that may show the calendar in a frame").fill(`${hostUrl}/`);
    await owner.getByRole("button", { name: "Save sites" }).click();
    await expect.poll(() => owner.getByText("The sites were saved.").count()).toBe(1);

    const answer = await fetch(`${frameUrl}?lang=de`);
    expect(answer.headers.get("content-security-policy")).toContain(`frame-ancestors ${hostUrl}`);
    expect(answer.headers.get("x-frame-options")).toBeNull();
    // Every other page still refuses to be framed.
    expect((await fetch(`${app.url}/n/demo`)).headers.get("x-frame-options")).toBe("DENY");

    body = snippet("## Where scripts cannot be added", app.url);
    const page = await (await browser.newContext({ locale: "en-GB" })).newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(hostUrl);
    const framed = page.frameLocator("iframe");
    await expect.poll(() => framed.getByRole("heading", { level: 2 }).textContent(), { timeout: 30_000 }).toBe("Événements à venir");
    expect(await framed.getByRole("heading", { level: 3 }).count()).toBe((await upcoming()).length);
    expect(errors).toEqual([]);
  });
});
