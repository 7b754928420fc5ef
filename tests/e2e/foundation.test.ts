import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser } from "../support/browser";
import { SmtpSink } from "../support/smtp-sink";

const owner = { email: "owner@demo.example.org", password: "daymark-demo" };

describe("the app as a newcomer meets it", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    [app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function newPage(locale = "en-GB"): Promise<Page> {
    const context = await browser.newContext({ locale });
    return context.newPage();
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.goto(`${app.url}/signin`);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  test("the console shows where the app runs and the demo sign-in", () => {
    expect(app.output()).toContain(`Daymark is running on ${app.url}`);
    expect(app.output()).toContain("demo sign-in: owner@demo.example.org / daymark-demo");
  });

  test("/ and /healthz answer 200", async () => {
    const [home, health] = await Promise.all([fetch(`${app.url}/`), fetch(`${app.url}/healthz`)]);
    expect([home.status, health.status, await health.text()]).toEqual([200, 200, "ok\n"]);
  });

  test("a wrong password is refused beside the form, keeping the address; the right one opens the dashboard", async () => {
    const page = await newPage();
    await signIn(page, owner.email, "not the password");
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("The e-mail address or the password is wrong.");
    expect(await page.getByLabel("E-mail address").inputValue()).toBe(owner.email);

    await page.getByLabel("Password", { exact: true }).fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/n/demo/dashboard`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Dashboard");
    await expect.poll(() => page.getByText("Welcome, Olena Demo. You are owner in this network.").count()).toBe(1);
    expect(await page.locator("header .network-name").textContent()).toBe("Demo Network");
    await page.context().close();
  });

  test("bad input is explained beside each field and what was typed stays", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/forgot-password`);
    await page.getByLabel("E-mail address").fill("not-an-address");
    await page.getByRole("button", { name: "Send the link" }).click();
    const field = page.getByLabel("E-mail address");
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    const errorId = await field.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe("Please enter an e-mail address such as name@example.org.");
    expect(await field.inputValue()).toBe("not-an-address");
    await page.context().close();
  });

  test("an owner invites an organiser, who joins through the e-mailed link", async () => {
    const page = await newPage();
    await signIn(page, owner.email, owner.password);
    await page.waitForURL(/dashboard/);
    await page.getByRole("link", { name: "Members" }).click();
    await page.getByLabel("E-mail address").fill("new.organiser@example.org");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("An invitation is on its way to new.organiser@example.org.");

    const mail = await sink.waitFor((m) => m.envelopeTo.includes("new.organiser@example.org"));
    expect(mail.parsed.subject).toBe("You are invited to join Demo Network on Daymark");
    const link = mail.parsed.text!.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/)![0];
    expect(link.startsWith(app.url)).toBe(true);

    const invitee = await newPage();
    await invitee.goto(link);
    await expect.poll(() => invitee.getByRole("heading", { level: 1 }).textContent()).toBe("Join Demo Network");
    await invitee.getByLabel("Your name").fill("Nadia");
    await invitee.getByLabel("New password", { exact: true }).fill("a long enough password");
    await invitee.getByLabel("Repeat the password").fill("a long enough password");
    await invitee.getByRole("button", { name: "Create my account and join" }).click();
    await invitee.waitForURL(`${app.url}/n/demo/dashboard`);
    await expect.poll(() => invitee.getByText("Welcome, Nadia. You are organiser in this network.").count()).toBe(1);

    const reused = await fetch(link);
    expect(reused.status).toBe(410);
    await page.context().close();
    await invitee.context().close();
  });

  test("a forgotten password is reset through the e-mailed link", async () => {
    const page = await newPage();
    await page.goto(`${app.url}/forgot-password`);
    await page.getByLabel("E-mail address").fill("organiser@demo.example.org");
    await page.getByRole("button", { name: "Send the link" }).click();
    await expect.poll(() => page.getByRole("status").count()).toBe(1);
    const mail = await sink.waitFor(
      (m) => m.envelopeTo.includes("organiser@demo.example.org") && m.parsed.subject === "Reset your Daymark password",
    );
    const link = mail.parsed.text!.match(/https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/)![0];
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("brand new password");
    await page.getByLabel("Repeat the password").fill("brand new password");
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL(/\/signin\?reset=done/);
    await signIn(page, "organiser@demo.example.org", "brand new password");
    await page.waitForURL(`${app.url}/n/demo/dashboard`);
    await page.context().close();
  });

  test("a partner is refused the organisers' pages with a friendly 403", async () => {
    const page = await newPage();
    await signIn(page, "partner@demo.example.org", "daymark-demo");
    await page.waitForURL(/dashboard/);
    const response = await page.goto(`${app.url}/n/demo/members`);
    expect(response?.status()).toBe(403);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("No access");
    await page.context().close();
  });

  test("the language follows the browser, and the switcher changes it", async () => {
    const page = await newPage("fr-FR");
    await page.goto(`${app.url}/`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Planifier ensemble campagnes et événements");
    await page.getByLabel("Langue").selectOption("en");
    await page.getByRole("button", { name: "Changer" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Plan campaigns and events together");
    await page.context().close();
  });

  test("unknown pages get the friendly 404; malformed and cross-site posts are refused without a 500", async () => {
    const page = await newPage();
    const response = await page.goto(`${app.url}/no/such/page`);
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Page not found");
    await page.context().close();

    const crossSite = await fetch(`${app.url}/forgot-password`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=owner%40demo.example.org",
    });
    expect([crossSite.status, await crossSite.text()]).toEqual([403, "Cross-site request refused."]);

    const malformed = await Promise.all([
      fetch(`${app.url}/signin`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" }),
      fetch(`${app.url}/signin`, { method: "POST", body: new URLSearchParams({ email: "x".repeat(5000) }) }),
      fetch(`${app.url}/locale`, { method: "POST", body: new URLSearchParams({ locale: "xx" }) }),
      fetch(`${app.url}/reset-password/not-a-token`),
      fetch(`${app.url}/invitations/${"A".repeat(43)}`),
    ]);
    expect(malformed.map((r) => r.status)).toEqual([400, 400, 400, 410, 410]);
  });
});
