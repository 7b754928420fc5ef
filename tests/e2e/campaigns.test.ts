import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser, signInAs } from "../support/browser";

describe("campaign planning in the browser", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
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
    // The demo plan for World AIDS Day 2026 is listed under its day.
    expect(await page.getByRole("link", { name: "World AIDS Day 2026", exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole("link", { name: "Plan a campaign for World AIDS Day 2026" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("New campaign");
    expect(await page.getByLabel("Title").inputValue()).toBe("World AIDS Day 2026");
    await page.getByLabel("Title").fill("Testing push 2026");
    await page.getByRole("button", { name: "Create the campaign" }).click();
    await page.waitForURL(`${app.url}/n/demo/campaigns/testing-push-2026/plan`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Action plan: Testing push 2026");

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
    await page.waitForURL(`${app.url}/n/demo/campaigns/testing-push-2027/plan?rolled=created`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Action plan: Testing push 2027");
    expect(await page.getByRole("status").textContent()).toBe("Testing push 2027 is planned. Here is what moved.");
    const moved = page.getByRole("table", { name: "What moved" });
    const rows = await moved.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((cell) => cell.textContent)),
    );
    expect(rows).toEqual([
      ["Book the venue", "Tue, Nov 10, 2026", "Wed, Nov 10, 2027", "365 days"],
      ["Report back", "Tue, Dec 15, 2026", "Wed, Dec 15, 2027", "365 days"],
    ]);
    // Statuses start again; the plan stays 21 days before the day.
    expect(await page.locator(".action .status").allTextContents()).toEqual(["To do", "To do"]);
    expect(await page.locator(".action__meta").first().textContent()).toContain("Wed, Nov 10, 2027 (21 days before World AIDS Day)");
    await page.context().close();
  });

  test("a partner contact pledges on the public page and cannot change another partner's action", async () => {
    const page = await signedIn("partner@demo.example.org");
    await page.goto(`${app.url}/n/demo/campaigns/world-aids-day-2026`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("World AIDS Day 2026");
    await page.getByLabel("We will").selectOption("share_materials");
    await page.getByLabel("Details").fill("Portuguese posters");
    await page.getByRole("button", { name: "Make the pledge" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: /\S/ }).textContent()).toBe("Thank you: your pledge is recorded.");

    await page.goto(`${app.url}/n/demo/campaigns/world-aids-day-2026/plan`);
    // Only the Lisbon collective's own action has a status form.
    expect(await page.getByRole("button", { name: /^Save the status of/ }).count()).toBe(1);
    expect(await page.getByLabel("Status of Confirm the testing van in Lisbon", { exact: true }).count()).toBe(1);
    await page.context().close();

    const anonymous = await fetch(`${app.url}/n/demo/campaigns/world-aids-day-2026`);
    expect(anonymous.status).toBe(200);
    const malformed = await Promise.all([
      fetch(`${app.url}/n/demo/campaigns/no-such-campaign`),
      fetch(`${app.url}/n/demo/campaigns/world-aids-day-2026/actions/not-a-uuid`, { redirect: "manual" }),
    ]);
    expect(malformed.map((r) => r.status)).toEqual([404, 302]);
  });
});
