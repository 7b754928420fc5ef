import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { collectConsoleErrors, launchBrowser } from "../support/browser";

const owner = { email: "owner@demo.example.org", password: "daymark-demo" };

describe("in the browser: the page policy and sign-in redirects", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** A page that records console errors and every CSP violation the browser reports. */
  async function watchedPage() {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    const problems = collectConsoleErrors(page);
    await page.exposeFunction("reportViolation", (text: string) => problems.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `CSP violation: ${event.violatedDirective} ${event.blockedURI}`,
        ),
      );
    });
    return { page, problems };
  }

  async function signIn(page: Page, query = "") {
    await page.goto(`${app.url}/signin${query}`);
    await page.getByLabel("E-mail address").fill(owner.email);
    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  test("the main pages load and hydrate under the policy with no violation and no console error", async () => {
    const { page, problems } = await watchedPage();
    await signIn(page);
    await page.waitForURL(`${app.url}/n/demo/dashboard`);
    const visited: string[] = [];
    const visit = async (path: string) => {
      await page.goto(`${app.url}${path}`);
      // Remix's router exists only once the page's own scripts (with the nonce) have run.
      await expect.poll(() => page.evaluate(() => typeof (window as unknown as { __remixRouter?: object }).__remixRouter)).toBe("object");
      visited.push(path);
    };
    const firstLink = async (pattern: RegExp) => {
      const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((link) => link.getAttribute("href") ?? ""));
      return hrefs.find((href) => pattern.test(href));
    };
    for (const path of ["/", "/n/demo", "/n/demo/dashboard", "/n/demo/year", "/n/demo/days", "/n/demo/campaigns"]) await visit(path);
    const campaign = await firstLink(/^\/n\/demo\/campaigns\/[^/]+$/);
    if (campaign) await visit(campaign);
    await visit("/n/demo/events");
    const event = await firstLink(/^\/n\/demo\/events\/[0-9a-f-]{36}$/);
    expect(event).toBeDefined();
    await visit(event!);
    for (const path of [
      "/n/demo/members",
      "/n/demo/integrations",
      "/n/demo/feeds",
      "/n/demo/mailings",
      "/n/demo/partners",
      "/n/demo/speakers",
    ])
      await visit(path);
    const mailing = await firstLink(/^\/n\/demo\/mailings\/[0-9a-f-]{36}$/);
    if (mailing) await visit(mailing);
    // A client-side navigation, through the app's own scripts.
    await page.goto(`${app.url}/n/demo/dashboard`);
    await page.getByRole("link", { name: "Events", exact: true }).first().click();
    await page.waitForURL(`${app.url}/n/demo/manage/events`);
    expect(visited.length).toBeGreaterThanOrEqual(12);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  test("signing in goes back to a path of this site, never to another host", async () => {
    const { page } = await watchedPage();
    await signIn(page, `?redirectTo=${encodeURIComponent("/n/demo/events")}`);
    await page.waitForURL(`${app.url}/n/demo/events`);
    await page.context().close();

    const other = await watchedPage();
    await signIn(other.page, `?redirectTo=${encodeURIComponent("//evil.example/phish")}`);
    await other.page.waitForURL(`${app.url}/n/demo/dashboard`);
    // Already signed in: the sign-in page forwards at once, by the same judge.
    await other.page.goto(`${app.url}/signin?redirectTo=${encodeURIComponent("/\\evil.example")}`);
    await other.page.waitForURL(`${app.url}/`);
    await other.page.context().close();

    // A tab hidden in the path is a 400, shown as a page: the browser goes nowhere.
    const tabbed = await browser.newPage();
    const response = await tabbed.goto(`${app.url}/signin?redirectTo=/%09/evil.example`);
    expect(response?.status()).toBe(400);
    expect(new URL(tabbed.url()).host).toBe(new URL(app.url).host);
    expect(await tabbed.getByRole("heading", { level: 1 }).textContent()).toBe("Something is wrong with this request");
    await tabbed.close();
  });
});
