import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { seriousViolations } from "../support/axe";
import { collectConsoleErrors, launchBrowser, signInAs } from "../support/browser";

interface EventsPage {
  data: { title: string; visibility: string }[];
  nextCursor: string | null;
}

describe("the owners' Integrations page in the browser", () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function ownerPage(javaScriptEnabled: boolean): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ locale: "en-GB", javaScriptEnabled })).newPage();
    const errors = collectConsoleErrors(page);
    await signInAs(page, app.url, "owner@demo.example.org");
    return { page, errors };
  }

  async function titles(token?: string): Promise<string[]> {
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await fetch(`${app.url}/api/v1/networks/demo/events?limit=200${cursor ? `&cursor=${cursor}` : ""}`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      expect(response.status).toBe(200);
      const page = (await response.json()) as EventsPage;
      titles.push(...page.data.map((event) => event.title));
      cursor = page.nextCursor;
    } while (cursor);
    return titles;
  }

  test("without JavaScript an owner creates a token, shown once, that opens partners-only events, and revokes it", async () => {
    const { page, errors } = await ownerPage(false);
    await page.goto(`${app.url}/n/demo/integrations`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Integrations");

    await page.getByLabel("Name").fill("Partner website");
    await page.getByLabel("Partners-only events").check();
    await page.getByRole("button", { name: "Create token" }).click();
    const notice = page.getByRole("status").filter({ hasText: "New token “Partner website”" });
    await expect.poll(() => notice.count()).toBe(1);
    const token = (await notice.locator("code").textContent())!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole("rowheader", { name: "Partner website" }).count()).toBe(1);

    expect(await titles()).not.toContain("Members' assembly (partners only)");
    expect(await titles(token)).toContain("Members' assembly (partners only)");

    await page.goto(`${app.url}/n/demo/integrations`);
    expect(await page.content()).not.toContain(token);
    await page.getByRole("button", { name: "Revoke the token “Partner website”" }).click();
    await expect.poll(() => page.getByText("The token was revoked: it opens nothing any more.").count()).toBe(1);
    const refused = await fetch(`${app.url}/api/v1/networks/demo/events`, { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(errors).toEqual([]);
  });

  test("a webhook to a loopback address is refused beside its field until the owner allows it; its delivery log opens", async () => {
    const { page, errors } = await ownerPage(true);
    await page.goto(`${app.url}/n/demo/integrations`);
    expect(await seriousViolations(page, "owner /n/demo/integrations")).toEqual([]);
    const address = page.getByLabel("Address", { exact: true });
    await address.fill("http://127.0.0.1:9/hook");
    await page.getByLabel("Event published").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect
      .poll(() => page.getByText("This address leads into a private or local network. Allow it below if the receiver is yours.").count())
      .toBe(1);
    expect(await address.inputValue()).toBe("http://127.0.0.1:9/hook");

    await page.getByLabel("Allow a private or local address").check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const notice = page.getByRole("status").filter({ hasText: "Webhook for http://127.0.0.1:9/hook added." });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.locator("code").textContent()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("link", { name: "0 delivered, 0 waiting, 0 failed" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Deliveries to http://127.0.0.1:9/hook");
    expect(await page.getByText("Nothing sent yet.").count()).toBe(1);
    expect(await seriousViolations(page, "owner webhook log")).toEqual([]);
    // The refusal is a 400 answer (the browser reports it); nothing else went wrong.
    expect(errors).toEqual(["/n/demo/integrations: Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
  });
});
