import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";
import { collectConsoleErrors, launchBrowser, signInAs } from "../support/browser";

describe("events in the reader's language, in a browser", () => {
  let app: RunningApp;
  let browser: Browser;
  const consoleErrors: string[][] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function newPage(locale: string): Promise<Page> {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    consoleErrors.push(collectConsoleErrors(page));
    return page;
  }

  async function expectNoAxeViolations(page: Page) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }

  test("a Ukrainian browser reads the demo event in Ukrainian with the interface in English, and switches to the English original", async () => {
    const page = await newPage("uk-UA");
    await page.goto(`${app.url}/n/demo/events`);
    const listed = page.getByRole("link", { name: "Тренінг з налоксону для рівних" });
    expect(await listed.getAttribute("lang")).toBe("uk");
    await listed.click();
    await page.waitForURL(/\/n\/demo\/events\/[0-9a-f-]{36}$/);
    const title = page.getByRole("heading", { level: 1 });
    await expect.poll(() => title.textContent()).toBe("Тренінг з налоксону для рівних");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await title.locator("span[lang]").getAttribute("lang")).toBe("uk");
    expect(await page.locator(".markdown").getAttribute("lang")).toBe("uk");
    expect(await page.getByRole("heading", { name: "About this event" }).count()).toBe(1);
    // The subscribe panel offers the feed in the other languages the event is written in.
    const feeds = page.locator(".feed-languages a");
    expect(await feeds.evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute("hreflang")]))).toEqual([
      ["English", "en"],
      ["français", "fr"],
    ]);
    await expectNoAxeViolations(page);

    const switcher = page.getByRole("navigation", { name: "Languages of this text" });
    expect(await switcher.getByRole("link").allTextContents()).toEqual(["English", "français"]);
    await switcher.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/\?lang=en$/);
    await expect.poll(() => title.textContent()).toBe("Naloxone training for peers");
    expect(await title.locator("span[lang]").getAttribute("lang")).toBe("en");
    expect(consoleErrors.flat()).toEqual([]);
  });

  test("a French reader of an event written only in English reads it with a note, in French", async () => {
    const page = await newPage("fr-FR");
    await page.goto(`${app.url}/n/demo/events?q=outreach`);
    await page.getByRole("link", { name: "Harm reduction street outreach" }).click();
    await page.waitForURL(/\/n\/demo\/events\/[0-9a-f-]{36}$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await expect.poll(() => page.getByRole("note").textContent()).toBe("Affiché en anglais : non disponible en français.");
    expect(await page.getByRole("navigation", { name: "Langues de ce texte" }).count()).toBe(0);
    await expectNoAxeViolations(page);
    expect(consoleErrors.flat()).toEqual([]);
  });

  test("editing the original shows its translations as older on the organiser's edit page", async () => {
    const page = await newPage("en-GB");
    await signInAs(page, app.url, "organiser@demo.example.org");
    await page.goto(`${app.url}/n/demo/events?q=${encodeURIComponent("Red ribbon")}`);
    await page.getByRole("link", { name: "Red ribbon walk" }).click();
    await page.getByRole("link", { name: "Edit the event" }).click();
    await page.waitForURL(/\/edit$/);
    const states = () =>
      page
        .locator("#translations tbody tr")
        .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("td")].slice(0, 2).map((cell) => cell.textContent)));
    await expect.poll(states).toEqual([
      ["Ukrainian", "Up to date"],
      ["French", "Up to date"],
      ["Portuguese", "Missing"],
    ]);
    await page.getByLabel("Title").fill("Red ribbon walk and vigil");
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.waitForURL(/\?done=updated$/);
    await page.getByRole("link", { name: "Edit the event" }).click();
    await page.waitForURL(/\/edit$/);
    await expect.poll(states).toEqual([
      ["Ukrainian", "Older than the original's last change"],
      ["French", "Older than the original's last change"],
      ["Portuguese", "Missing"],
    ]);

    // The Ukrainian version beside the original, saved again: up to date.
    await page.getByRole("link", { name: "Update the Ukrainian version" }).click();
    await page.waitForURL(/\/translations\/uk$/);
    // The address changes before the new page is drawn: wait for it before typing.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ukrainian version");
    await page.getByLabel("Title").fill("Хода з червоними стрічками і вшанування");
    await page.getByRole("button", { name: "Save translation" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Translation saved.");
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "Back to editing" }).click();
    await page.waitForURL(/\/edit(#translations)?$/);
    await expect.poll(async () => (await states())[0]).toEqual(["Ukrainian", "Up to date"]);
    expect(consoleErrors.flat()).toEqual([]);
  });
});
