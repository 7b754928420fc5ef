import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { seriousViolations, type AxeFinding } from "../support/axe";
import { launchBrowser, signInAs } from "../support/browser";
import { prepareDemoDatabase, type PreparedDemo } from "../support/demo-database";

/** The main pages, as a visitor and as each role sees them. */
const publicPages = [
  "/",
  "/signin",
  "/forgot-password",
  "/n/demo",
  "/n/demo/events",
  "/n/demo/events/month",
  "/n/demo/events/past",
  "/no/such/page",
];
const memberPages = ["/", "/n/demo", "/n/demo/dashboard", "/n/demo/year", "/n/demo/my-actions", "/n/demo/manage/events", "/n/demo/feeds"];
const ownerPages = [
  "/n/demo/members",
  "/n/demo/integrations",
  "/n/demo/mailbox",
  "/n/demo/campaigns",
  "/n/demo/events/new",
  "/n/demo/speakers",
  "/n/demo/privacy",
  "/n/demo/days",
];

describe("accessibility (axe, WCAG 2.1 AA)", () => {
  let app: RunningApp;
  let browser: Browser;
  let prepared: PreparedDemo<void>;
  /** The demo's World AIDS Day campaign, whose year depends on the day the seed ran. */
  let campaign: string;
  beforeAll(async () => {
    prepared = await prepareDemoDatabase();
    campaign = `/n/demo/campaigns/${prepared.demo.campaigns.worldAidsDay.slug}`;
    [app, browser] = await Promise.all([startApp({ SESSION_SECRET: process.env.SESSION_SECRET!, ...prepared.env }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await prepared?.cleanup();
  });

  async function signedIn(email: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, app.url, email);
    return page;
  }

  async function scan(page: Page, paths: string[], who: string): Promise<AxeFinding[]> {
    const findings: AxeFinding[] = [];
    for (const path of paths) {
      await page.goto(`${app.url}${path}`);
      findings.push(...(await seriousViolations(page, `${who} ${path}`)));
    }
    return findings;
  }

  /** An event page and its registration page, reached as a visitor would: from the calendar. */
  async function firstEventPaths(page: Page): Promise<string[]> {
    await page.goto(`${app.url}/n/demo/events`);
    const href = await page.locator(".event-list a").first().getAttribute("href");
    return [href!, `${href}/register`];
  }

  test("no serious or critical violation on the main pages, signed out and signed in", async () => {
    const visitor = await (await browser.newContext()).newPage();
    const findings = [
      ...(await scan(visitor, [...publicPages, campaign, ...(await firstEventPaths(visitor))], "visitor")),
      ...(await scan(await signedIn("partner@demo.example.org"), memberPages, "partner")),
      ...(await scan(
        await signedIn("owner@demo.example.org"),
        [...memberPages, ...ownerPages, `${campaign}/plan`, `${campaign}/dashboard`],
        "owner",
      )),
    ];
    expect(findings).toEqual([]);
  });

  test("a form's errors are announced and linked to their fields", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${app.url}/signin`);
    await page.getByRole("button", { name: "Sign in" }).click();
    const email = page.getByLabel("E-mail address");
    await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
    expect(await seriousViolations(page, "sign-in with errors")).toEqual([]);
  });
});
