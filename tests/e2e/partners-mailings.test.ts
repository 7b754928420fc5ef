import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser, signInAs } from "../support/browser";
import { SmtpSink, type ReceivedMail } from "../support/smtp-sink";

const organiser = { email: "organiser@demo.example.org", password: "daymark-demo" };
const header = "organisation,country,city,languages,website,tags,contact_name,contact_email,contact_language,contact_role,subscribed";
const rows = (lyonCountry: string, lenaEmail: string) =>
  [
    header,
    "Porto Peer Support,PT,Porto,pt; en,https://porto.example.org,e2e-network,Ana Costa,ana@porto.example.org,en,Coordinator,yes",
    "Lyon Santé Communautaire,FR,Lyon,fr,,e2e-network,Camille Martin,camille@lyon.example.org,fr,Outreach,yes",
    `Lyon Santé Communautaire,${lyonCountry},Lyon,fr,,e2e-network,Jean Petit,jean@lyon.example.org,fr,,yes`,
    `Vienna Harm Reduction,AT,Vienna,de; en,,e2e-network,Lena Huber,${lenaEmail},de,,yes`,
  ].join("\n") + "\n";

function headerValue(mail: ReceivedMail, name: string): string | undefined {
  const lines = mail.raw
    .split("\r\n\r\n")[0]!
    .replace(/\r\n(?=[ \t])/g, "")
    .split("\r\n");
  return lines.find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}: `))?.slice(name.length + 2);
}

describe("partners and mailings as an organiser meets them", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    [app, browser] = await Promise.all([startApp({ SMTP_URL: sink.url, MAILING_RATE_PER_SECOND: "50" }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
  });

  async function signedInPage(): Promise<Page> {
    const page = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await signInAs(page, app.url, organiser.email, organiser.password);
    return page;
  }

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
  }

  async function uploadCsv(page: Page, text: string) {
    await page
      .getByLabel("CSV file", { exact: true })
      .setInputFiles({ name: "partners.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await page.getByRole("button", { name: "Check the file" }).click();
  }

  async function composeAndSend(page: Page, title: string, variants: { language?: string; subject: string; body: string }[]) {
    await page.getByRole("link", { name: "Mailings", exact: true }).click();
    await page.getByLabel("Name of the mailing").fill(title);
    await page.getByRole("button", { name: "Create the mailing" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("group", { name: "Tags" }).getByLabel("e2e-network").check();
    for (const variant of variants.slice(1)) {
      await page.getByLabel("Add a version in").selectOption({ label: variant.language! });
      await page.getByRole("button", { name: "Add the version" }).click();
      await page.getByRole("group", { name: `Version in ${variant.language}` }).waitFor();
    }
    for (const [index, variant] of variants.entries()) {
      const group = page.getByRole("group", { name: index === 0 ? /^Version in English/ : `Version in ${variant.language}` });
      await group.getByLabel("Subject").fill(variant.subject);
      await group.getByLabel("Message").fill(variant.body);
    }
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("The draft is saved.");
  }

  test("import a CSV with two bad rows, fix it, import; mail two languages; one-click unsubscribe", async () => {
    const page = await signedInPage();
    await page.getByRole("link", { name: "Partners" }).click();
    await page.getByRole("link", { name: "Import from CSV" }).click();

    await uploadCsv(page, rows("XX", "not-an-address"));
    await expect.poll(() => page.getByRole("heading", { name: "2 rows cannot be imported" }).count()).toBe(1);
    const invalid = page.getByRole("table");
    expect((await invalid.getByRole("row").allInnerTexts()).map((text) => text.replace(/\s+/g, " "))).toEqual([
      "Line Reasons",
      '4 The value in "country" is not valid.',
      '5 The value in "contact_email" is not valid.',
    ]);
    expect(await page.getByRole("button", { name: "Import", exact: true }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.goto(`${app.url}/n/demo/partners?tag=e2e-network`);
    expect(await page.getByRole("heading", { level: 2, name: "0 organisations" }).count()).toBe(1);

    await page.goto(`${app.url}/n/demo/partners/import`);
    await uploadCsv(page, rows("FR", "lena@vienna.example.org"));
    await expect.poll(() => page.getByText("Every row is valid.").count()).toBe(1);
    expect(await page.getByText("4 valid rows: 3 new organisations, 4 new contacts, 0 contacts updated.").count()).toBe(1);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Imported 4 contacts in 3 organisations.");

    await composeAndSend(page, "Overdose Awareness Day", [
      { subject: "Hello {{partner.name}}", body: "Dear {{contact.name}}, join us on **31 August**." },
      { language: "French", subject: "Bonjour {{partner.name}}", body: "Chère, cher {{contact.name}}, rejoignez-nous le **31 août**." },
    ]);
    expect(await page.getByText("This mailing goes to 4 contacts.").count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByLabel("Preview as").selectOption({ label: "Camille Martin <camille@lyon.example.org> · Lyon Santé Communautaire" });
    await page.getByRole("button", { name: "Show the preview" }).click();
    const preview = page.getByRole("article");
    await expect.poll(() => preview.getByRole("heading").textContent()).toBe("Preview: the message to camille@lyon.example.org (French)");
    expect(await preview.locator("dd").textContent()).toBe("Bonjour Lyon Santé Communautaire");
    expect(await preview.locator(".mail-body").innerHTML()).toBe(
      "<p>Chère, cher Camille Martin, rejoignez-nous le <strong>31 août</strong>.</p>\n",
    );

    await page.getByRole("button", { name: "Send now" }).click();
    await expect
      .poll(() => page.getByRole("alertdialog").locator("p").textContent())
      .toBe("The message goes to 4 contacts straight away. A sent e-mail cannot be called back.");
    expect(sink.messagesTo("ana@porto.example.org")).toEqual([]);
    await page.getByRole("button", { name: "Yes, send to 4 contacts" }).click();
    await page.waitForURL(/\/report$/);
    await Promise.all(
      ["ana@porto.example.org", "camille@lyon.example.org", "jean@lyon.example.org", "lena@vienna.example.org"].map((to) =>
        sink.waitFor((mail) => mail.envelopeTo.includes(to)),
      ),
    );
    const [ana] = sink.messagesTo("ana@porto.example.org");
    const [camille] = sink.messagesTo("camille@lyon.example.org");
    const [lena] = sink.messagesTo("lena@vienna.example.org");
    expect(ana!.parsed.subject).toBe("Hello Porto Peer Support");
    expect(ana!.parsed.text).toContain("Dear Ana Costa, join us on 31 August.");
    expect(camille!.parsed.subject).toBe("Bonjour Lyon Santé Communautaire");
    expect(camille!.parsed.text).toContain("Chère, cher Camille Martin, rejoignez-nous le 31 août.");
    expect(camille!.parsed.text).toContain("Se désabonner de ces envois: ");
    expect(lena!.parsed.subject).toBe("Hello Vienna Harm Reduction"); // no German version: the network's English
    await page.reload();
    await expect.poll(() => page.getByRole("row", { name: /^Sent/ }).textContent()).toBe("Sent4");
    await expectNoAxeViolations(page);

    // RFC 8058: the mail provider posts to the List-Unsubscribe address, with no cookie and no Origin of ours.
    expect(headerValue(camille!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const oneClickUrl = headerValue(camille!, "List-Unsubscribe")!.slice(1, -1);
    expect(oneClickUrl).toMatch(new RegExp(`^${app.url}/unsubscribe/[A-Za-z0-9_-]{43}/one-click$`));
    const footerUrl = oneClickUrl.replace(/\/one-click$/, "");
    expect(camille!.parsed.text).toContain(`${footerUrl}\n`);
    const footerPage = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await footerPage.goto(footerUrl);
    // Camille was written to in French: the page from her e-mail speaks French, whatever the browser asks for.
    expect(await footerPage.locator("html").getAttribute("lang")).toBe("fr");
    expect(await footerPage.getByText("Arrêter les envois de Demo Network à camille@lyon.example.org ?").count()).toBe(1);
    await footerPage.context().close();
    const fromProvider = { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.provider.example" };
    const elsewhere = await fetch(`${app.url}/n/demo/portal/signin`, { method: "POST", headers: fromProvider, body: "email=x%40y.org" });
    expect(elsewhere.status).toBe(403); // the cross-site guard still stands everywhere else
    const oneClick = await fetch(oneClickUrl, { method: "POST", headers: fromProvider, body: "List-Unsubscribe=One-Click" });
    expect([oneClick.status, await oneClick.text()]).toEqual([200, "Unsubscribed.\n"]);

    sink.messages.length = 0;
    await composeAndSend(page, "World AIDS Day", [{ subject: "World AIDS Day with {{partner.name}}", body: "Dear {{contact.name}}." }]);
    await expect.poll(() => page.getByText("This mailing goes to 3 contacts.").count(), { timeout: 10_000 }).toBe(1);
    // Without JavaScript the server asks first, on a page of its own, and sends only when told.
    const noScript = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    await noScript.addCookies(await page.context().cookies());
    const plain = await noScript.newPage();
    await plain.goto(page.url());
    await plain.getByRole("button", { name: "Send now" }).click();
    expect(await plain.getByRole("alertdialog").locator("p").textContent()).toBe(
      "The message goes to 3 contacts straight away. A sent e-mail cannot be called back.",
    );
    expect(sink.messages).toEqual([]);
    await plain.getByRole("button", { name: "Yes, send to 3 contacts" }).click();
    await plain.waitForURL(/\/report$/);
    await noScript.close();
    await Promise.all(
      ["ana@porto.example.org", "jean@lyon.example.org", "lena@vienna.example.org"].map((to) =>
        sink.waitFor((mail) => mail.envelopeTo.includes(to)),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.messages.map((mail) => mail.envelopeTo[0]).sort()).toEqual([
      "ana@porto.example.org",
      "jean@lyon.example.org",
      "lena@vienna.example.org",
    ]);

    // Malformed input is answered 400 or 404, never 500.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const statusOf = async (path: string, init: RequestInit = {}) =>
      (await fetch(`${app.url}${path}`, { ...init, headers: { Cookie: cookie, ...init.headers } })).status;
    expect(await statusOf("/n/demo/partners/not-a-uuid")).toBe(404);
    expect(await statusOf("/n/demo/mailings/123")).toBe(404);
    expect(await statusOf("/n/demo/mailings/00000000-0000-4000-8000-000000000000/report")).toBe(404);
    expect(
      await statusOf("/n/demo/partners/import", {
        method: "POST",
        body: "garbage",
        headers: { "Content-Type": "multipart/form-data; boundary=x" },
      }),
    ).toBe(400);
    expect(await statusOf("/unsubscribe/not-a-token")).toBe(404);
    await page.context().close();
  });

  test("a partner contact signs in by e-mailed link, once, and updates their organisation; an account with a password gets no link", async () => {
    const page = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await page.goto(`${app.url}/n/demo/portal`);
    await page.waitForURL(`${app.url}/n/demo/portal/signin`);
    // Daan is a contact whose account signs in with a password: the same answer, and no link is sent.
    await page.getByLabel("E-mail address").fill("daan@amsterdam-peers.example.org");
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect.poll(() => page.getByRole("status").count()).toBe(1);
    const answerForDaan = await page.getByRole("status").textContent();
    await page.goto(`${app.url}/n/demo/portal/signin`);
    await page.getByLabel("E-mail address").fill("olha@kyiv-union.example.org");
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await expect.poll(() => page.getByRole("status").count()).toBe(1);
    expect(await page.getByRole("status").textContent()).toBe(
      answerForDaan!.replace("daan@amsterdam-peers.example.org", "olha@kyiv-union.example.org"),
    );
    const mail = await sink.waitFor(
      (m) => m.envelopeTo.includes("olha@kyiv-union.example.org") && m.parsed.subject!.startsWith("Your sign-in link"),
    );
    expect(sink.messagesTo("daan@amsterdam-peers.example.org").filter((m) => m.parsed.subject!.startsWith("Your sign-in link"))).toEqual(
      [],
    );
    expect(mail.parsed.subject).toBe("Your sign-in link for Demo Network");
    const link = mail.parsed.text!.match(/https?:\/\/\S+\/portal\/signin\/[A-Za-z0-9_-]{43}/)![0];

    await page.goto(link);
    expect(await page.getByText("Sign in as olha@kyiv-union.example.org, contact of Kyiv Drug User Union.").count()).toBe(1);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${app.url}/n/demo/portal`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Kyiv Drug User Union");
    expect(await page.getByRole("link", { name: "Portal" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Partners" }).count()).toBe(0);
    await page.getByLabel("City", { exact: true }).fill("Kyiv-Podil");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Your organisation's details are saved.");
    await expectNoAxeViolations(page);

    const reused = await fetch(link, { method: "POST" });
    expect(reused.status).toBe(410);
    const partners = await fetch(`${app.url}/n/demo/partners`, {
      headers: { Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
    });
    expect(partners.status).toBe(403);
    await page.context().close();
  });
});
