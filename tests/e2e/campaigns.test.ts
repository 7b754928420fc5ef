import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { DateTime } from "luxon";
import { launchBrowser, signInAs } from "../support/browser";
import { prepareDemoDatabase, type PreparedDemo } from "../support/demo-database";

/** A plan's date as the English pages show it, e.g. "Tue, Nov 10". */
const shown = (date: DateTime) => date.setLocale("en").toFormat("ccc, LLL d, yyyy");

describe("campaign planning in the browser", () => {
  let app: RunningApp;
  let browser: Browser;
  let prepared: PreparedDemo<void>;
  /** The World AIDS Day the demo plans: the next one from the day the seed ran. */
  let wad: PreparedDemo<void>["demo"]["campaigns"]["worldAidsDay"];

  beforeAll(async () => {
    prepared = await prepareDemoDatabase();
    wad = prepared.demo.campaigns.worldAidsDay;
    [app, browser] = await Promise.all([startApp({ SESSION_SECRET: process.env.SESSION_SECRET!, ...prepared.env }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await prepared?.cleanup();
  });

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await signInAs(page, app.url, email);
    return page;
  }

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  test("an organiser plans World AIDS Day from the year view, adds actions, marks one done and rolls it over", async () => {
    const page = await signedIn("organiser@demo.example.org");
    await page.getByRole("navigation", { name: "Network" }).getByRole("link", { name: "Year" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("The year ahead");
    // The demo plan for the next World AIDS Day is listed under its day.
    const year = wad.year;
    expect(await page.getByRole("link", { name: wad.title, exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: `Plan a campaign for World AIDS Day ${year}` }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("New campaign");
    expect(await page.getByLabel("Title").inputValue()).toBe(wad.title);
    await page.getByLabel("Title").fill(`Testing push ${year}`);
    await page.getByRole("button", { name: "Create the campaign" }).click();
    await page.waitForURL(`${app.url}/n/demo/campaigns/testing-push-${year}/plan`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Action plan: Testing push ${year}`);

    await page.getByLabel("Action", { exact: true }).fill("Book the venue");
    await page.getByLabel("Number of days").fill("21");
    await page.getByRole("button", { name: "Add the action" }).click();
    await expect.poll(() => page.locator(".action__title").allTextContents()).toEqual(["Book the venue"]);

    await page.getByLabel("Action", { exact: true }).fill("Report back");
    await page.getByLabel("Number of days").fill("14");
    await page.getByLabel("Before or after").selectOption("after");
    await page.getByRole("button", { name: "Add the action" }).click();
    await expect.poll(() => page.locator(".action__title").allTextContents()).toEqual(["Book the venue", "Report back"]);
    expect(await page.locator(".action__meta").first().textContent()).toContain("(21 days before World AIDS Day)");

    await page.getByLabel("Status of Book the venue", { exact: true }).selectOption("done");
    await page.getByRole("button", { name: "Save the status of Book the venue" }).click();
    await expect.poll(() => page.locator(".action--done .action__title").allTextContents()).toEqual(["Book the venue"]);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: "Plan next year from this campaign" }).click();
    await page.waitForURL(`${app.url}/n/demo/campaigns/testing-push-${year + 1}/plan?rolled=created`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(`Action plan: Testing push ${year + 1}`);
    expect(await page.getByRole("status").textContent()).toBe(`Testing push ${year + 1} is planned. Here is what moved.`);
    const moved = page.getByRole("table", { name: "What moved" });
    const rows = await moved
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((cell) => cell.textContent)));
    // Each action moves with the day: a year later, 365 or 366 days depending on a leap day between.
    const day = DateTime.fromISO(wad.date);
    const nextDay = day.plus({ years: 1 });
    const shift = `${nextDay.diff(day, "days").days} days`;
    expect(rows).toEqual([
      ["Book the venue", shown(day.minus({ days: 21 })), shown(nextDay.minus({ days: 21 })), shift],
      ["Report back", shown(day.plus({ days: 14 })), shown(nextDay.plus({ days: 14 })), shift],
    ]);
    // Statuses start again; the plan stays 21 days before the day.
    expect(await page.locator(".action .status").allTextContents()).toEqual(["To do", "To do"]);
    expect(await page.locator(".action__meta").first().textContent()).toContain(
      `${shown(nextDay.minus({ days: 21 }))} (21 days before World AIDS Day)`,
    );
    await page.context().close();
  });

  test("a partner contact pledges on the public page and cannot change another partner's action", async () => {
    const page = await signedIn("partner@demo.example.org");
    await page.goto(`${app.url}/n/demo/campaigns/${wad.slug}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(wad.title);
    await page.getByLabel("We will").selectOption("share_materials");
    await page.getByLabel("Details").fill("Portuguese posters");
    await page.getByRole("button", { name: "Make the pledge" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /\S/ }).textContent()).toBe("Thank you: your pledge is recorded.");

    await page.goto(`${app.url}/n/demo/campaigns/${wad.slug}/plan`);
    // Only the Lisbon collective's own action has a status form.
    expect(await page.getByRole("button", { name: /^Save the status of/ }).count()).toBe(1);
    expect(await page.getByLabel("Status of Confirm the testing van in Lisbon", { exact: true }).count()).toBe(1);
    await page.context().close();

    const anonymous = await fetch(`${app.url}/n/demo/campaigns/${wad.slug}`);
    expect(anonymous.status).toBe(200);
    const malformed = await Promise.all([
      fetch(`${app.url}/n/demo/campaigns/no-such-campaign`),
      fetch(`${app.url}/n/demo/campaigns/${wad.slug}/actions/not-a-uuid`, { redirect: "manual" }),
    ]);
    expect(malformed.map((r) => r.status)).toEqual([404, 302]);
  });
});
