import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { collectConsoleErrors, launchBrowser, signInAs } from "../support/browser";
import { SmtpSink } from "../support/smtp-sink";

describe("a mailing's report, the bounce rules and a suppressed contact, as an organiser meets them", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    [app, browser] = await Promise.all([
      startApp({ SMTP_URL: sink.url, MAILING_RATE_PER_SECOND: "50", BOUNCE_DOMAIN: "bounces.daymark.test" }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  }

  test("a refusal at send is a hard bounce: counted, listed, exported, suppressing the contact until lifted", async () => {
    const page = await (await browser.newContext({ locale: "en-GB" })).newPage();
    const errors = collectConsoleErrors(page);
    await signInAs(page, app.url, "organiser@demo.example.org");
    await page.getByRole("link", { name: "Mailings", exact: true }).click();
    await page.getByLabel("Name of the mailing").fill("Bounce check");
    await page.getByRole("button", { name: "Create the mailing" }).click();
    await page.getByRole("heading", { level: 1, name: "Bounce check" }).waitFor();
    const english = page.getByRole("group", { name: /^Version in English/ });
    await english.getByLabel("Subject").fill("News for {{partner.name}}");
    await english.getByLabel("Message").fill("Dear {{contact.name}}.");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The draft is saved.");

    // A demo contact whose mailbox is gone.
    sink.refuseTo("daan@amsterdam-peers.example.org", 550);
    await page.getByRole("button", { name: "Send now" }).click();
    await page.getByRole("button", { name: /^Yes, send to \d+ contacts?$/ }).click();
    await page.waitForURL(/\/report$/);
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByRole("row", { name: /^Bounced/ }).textContent();
        },
        { timeout: 30_000 },
      )
      .toBe("Bounced1");
    expect(sink.messages.every((mail) => /^bounces\+[0-9a-f-]{36}@bounces\.daymark\.test$/.test(mail.envelopeFrom))).toBe(true);
    await expectNoAxeViolations(page);

    // The count links to its recipients: the one bounced, with the server's answer and the message's history.
    await page.getByRole("link", { name: "Bounced", exact: true }).click();
    await page.waitForURL(/\?status=bounced$/);
    await page.getByText("1 recipient.").waitFor();
    const rows = page.getByRole("table", { name: "Recipients" }).getByRole("row");
    expect(await rows.count()).toBe(2);
    const recipient = rows.nth(1);
    const address = "daan@amsterdam-peers.example.org";
    expect(await recipient.getByRole("rowheader").textContent()).toBe(`Daan <${address}>`);
    expect(await recipient.getByRole("cell").nth(1).textContent()).toBe("Bounced (hard)");
    expect(await recipient.getByRole("cell").nth(2).textContent()).toBe("5.0.0 550 Mailbox unavailable");
    expect(await recipient.getByRole("listitem").allTextContents()).toEqual([
      expect.stringMatching(/^queued /),
      expect.stringMatching(/^handed to the mail server /),
      expect.stringMatching(/^bounced /),
      expect.stringMatching(/^suppressed /),
    ]);

    const csvHref = await page.getByRole("link", { name: "Download as CSV" }).getAttribute("href");
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const csv = await (await fetch(`${app.url}${csvHref}`, { headers: { Cookie: cookie } })).text();
    const [head, row, ...rest] = csv.trim().split("\n");
    expect(head).toBe("email,name,organisation,language,status,bounce,dsn_status,diagnostic,last_change");
    expect(row).toMatch(new RegExp(`^${address.replace(/[.+]/g, "\\$&")},.*,bounced,hard,5\\.0\\.0,550 Mailbox unavailable,\\d{4}-`));
    expect(rest).toEqual([]);

    // The rules page shows the rules and who they suppressed; the contact's page says why and lifts it.
    await page.goto(`${app.url}/n/demo/mailings`);
    await page.getByRole("link", { name: "Bounce and complaint rules" }).click();
    await page.getByRole("heading", { level: 1, name: "Bounce and complaint rules" }).waitFor();
    expect(await page.getByRole("listitem").filter({ hasText: "A contact is suppressed after 1 hard bounce" }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: new RegExp(`<${address.replace(/[.+]/g, "\\$&")}>`) }).click();
    await page.getByRole("heading", { level: 2, name: "Contacts", exact: true }).waitFor();
    const contactRow = page.getByRole("row").filter({ hasText: address });
    expect(await contactRow.getByText(/Suppressed since .+: their address bounced for good\./).count()).toBe(1);
    await contactRow.getByRole("button", { name: /^Send mailings to .+ again$/ }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The contact receives mailings again.");
    await expect.poll(() => page.getByText(/Suppressed since/).count()).toBe(0);

    await page.goto(`${app.url}/n/demo/mailings/rules`);
    expect(await page.getByText("No contact is suppressed.").count()).toBe(1);
    await page.getByLabel("Hard bounces before suppressing").fill("2");
    await page.getByRole("button", { name: "Save the rules" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The rules are saved. They apply from the next bounce.");
    await expect.poll(() => page.getByRole("listitem").filter({ hasText: "A contact is suppressed after 2 hard bounces" }).count()).toBe(1);

    await page.goto(`${app.url}/n/demo/mailings`);
    await page.getByRole("link", { name: "Delivery of one-off messages" }).click();
    await page.getByRole("heading", { level: 1, name: "Delivery of one-off messages" }).waitFor();
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });
});
