import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import ru from "~/i18n/locales/ru";
import { newManageToken } from "~/modules/registrations/links.server";
import { startApp, type RunningApp } from "../support/app-server";
import { launchBrowser, signInAs } from "../support/browser";
import { prepareDemoDatabase, type PreparedDemo } from "../support/demo-database";
import { createPublishedEvent } from "../support/registration-fixtures";
import { SmtpSink, type ReceivedMail } from "../support/smtp-sink";

interface Prepared {
  eventId: string;
  /** A Russian attendee's manage link token, as the e-mail would carry it. */
  russianToken: string;
}

/** The demo network, one event with seats, and a Russian attendee registered before the test. */
function prepareDatabase() {
  return prepareDemoDatabase<Prepared>(async (db, networkId) => {
    const event = await createPublishedEvent(db, networkId, { title: "Peer naloxone training", capacity: 5, startsInHours: 24 * 10 });
    const { id } = await db
      .insertInto("registrations")
      .values({
        network_id: networkId,
        event_id: event.id,
        name: "Лиса",
        email: "lisa@example.org",
        locale: "ru",
        status: "confirmed",
        manage_token_hash: "set below, from the registration's id",
        calendar_sequence: event.sequence,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const { token: russianToken, hash } = newManageToken(id);
    await db.updateTable("registrations").set({ manage_token_hash: hash }).where("id", "=", id).execute();
    return { eventId: event.id, russianToken };
  });
}

function invitationOf(mail: ReceivedMail): string {
  const ics = mail.parsed.attachments.find((a) => a.contentType === "text/calendar");
  if (!ics) throw new Error(`no invitation in "${mail.parsed.subject}"`);
  return ics.content.toString("utf8");
}

/** The shared machine can take a few seconds to answer a post and revalidate. */
const slow = { timeout: 10_000 };

const sequenceOf = (ics: string) => Number(/^SEQUENCE:(\d+)/m.exec(ics)![1]);

describe("what people trip over in their first week", () => {
  let app: RunningApp;
  let sink: SmtpSink;
  let browser: Browser;
  let prepared: PreparedDemo<Prepared>;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    prepared = await prepareDatabase();
    [app, browser] = await Promise.all([
      startApp({ SMTP_URL: sink.url, SESSION_SECRET: process.env.SESSION_SECRET!, ...prepared.env }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await sink?.stop();
    await prepared?.cleanup();
  });

  async function organiser(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ locale: "en-GB", acceptDownloads: true, ...options });
    const page = await context.newPage();
    await signInAs(page, app.url, "organiser@demo.example.org");
    return { context, page };
  }

  const eventPath = () => `/n/demo/events/${prepared.data.eventId}`;
  const managePath = () => `/n/demo/manage/events/${prepared.data.eventId}`;

  test("a checked-in attendee gets the new time and the cancellation; check-in can be undone; cancelling asks first", async () => {
    const visitor = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await visitor.goto(`${app.url}${eventPath()}/register`);
    await visitor.getByLabel("Name or nickname").fill("Moth");
    await visitor.getByLabel("E-mail address").fill("moth@example.org");
    await visitor.getByLabel(/I agree that Demo Network keeps these details/).check();
    await visitor.getByRole("button", { name: "Register" }).click();
    // The page only says to look in the inbox; the confirmation carries the invitation.
    await expect
      .poll(() => visitor.getByRole("status").textContent())
      .toMatch(/^Check your inbox: we have sent a message to moth@example\.org\./);
    const confirmed = await sink.waitFor((m) => m.envelopeTo.includes("moth@example.org"));
    const firstSequence = sequenceOf(invitationOf(confirmed));
    await visitor.context().close();

    const { context, page } = await organiser();
    await page.goto(`${app.url}${eventPath()}/check-in`);
    await page.getByRole("button", { name: "Mark Moth as arrived" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), slow).toBe("1 of 2 arrived");
    // A tap on the wrong name is undone, and done again.
    await page.getByRole("button", { name: "Undo the check-in of Moth" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), slow).toBe("0 of 2 arrived");
    await page.getByRole("button", { name: "Mark Moth as arrived" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), slow).toBe("1 of 2 arrived");
    await page.goto(`${app.url}${eventPath()}/attendees`);
    expect(await page.locator(".counts").innerText()).toBe("1 confirmed\n0 waitlisted\n0 cancelled\n1 attended");

    // Moved a day later: the checked-in attendee gets the invitation again, with a higher SEQUENCE.
    await page.goto(`${app.url}${managePath()}`);
    const postpone = page.locator("section", { has: page.locator("#postpone-title") });
    const startDate = postpone.getByLabel("Start date");
    const endDate = postpone.getByLabel("End date");
    const later = (iso: string) => DateTime.fromISO(iso).plus({ days: 1 }).toISODate()!;
    const [start, end] = [await startDate.inputValue(), await endDate.inputValue()];
    await startDate.fill(later(start));
    await endDate.fill(later(end));
    await page.getByRole("button", { name: "Move to these dates" }).click();
    const moved = await sink.waitFor((m) => m.envelopeTo.includes("moth@example.org") && m !== confirmed);
    const movedIcs = invitationOf(moved);
    expect(movedIcs).toContain("METHOD:REQUEST");
    expect(sequenceOf(movedIcs)).toBeGreaterThan(firstSequence);

    // Cancelling asks first, says to how many, and going back changes nothing.
    await page.goto(`${app.url}${managePath()}`);
    await page.getByRole("button", { name: "Cancel the event" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Cancel “Peer naloxone training”?" });
    await expect
      .poll(() => dialog.locator("p").textContent(), slow)
      .toBe(
        "The event is marked cancelled in every calendar, and the 2 people registered (with a seat or on the waitlist) and the speakers are told. This cannot be undone.",
      );
    await dialog.getByRole("link", { name: "No, go back" }).click();
    await expect.poll(() => page.getByRole("alertdialog").count(), slow).toBe(0);
    expect(await page.locator(".badge").first().textContent()).toBe("Published");
    await context.close();

    // Without JavaScript the same two steps work.
    const noScript = await organiser({ javaScriptEnabled: false });
    await noScript.page.goto(`${app.url}${managePath()}`);
    await noScript.page.getByRole("button", { name: "Cancel the event" }).click();
    await noScript.page.getByRole("button", { name: "Yes, cancel the event" }).click();
    await noScript.page.waitForURL(/\?done=cancelled$/);
    expect(await noScript.page.locator(".badge").first().textContent()).toBe("Cancelled");
    await noScript.context.close();

    const cancelled = await sink.waitFor((m) => m.envelopeTo.includes("moth@example.org") && m !== confirmed && m !== moved);
    const cancelIcs = invitationOf(cancelled);
    expect(cancelIcs).toContain("METHOD:CANCEL");
    expect(sequenceOf(cancelIcs)).toBeGreaterThan(sequenceOf(movedIcs));
    expect(sink.messagesTo("moth@example.org")).toHaveLength(3);
  });

  test("a manage link opens in the recipient's language, and cancelling there asks first, also without JavaScript", async () => {
    const context = await browser.newContext({ locale: "en-GB", javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/registrations/${prepared.data.russianToken}`);
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    expect(await page.title()).toBe(`${ru.titles.registration} · Daymark`);
    await page.getByRole("button", { name: ru.registrations.manage.cancel }).click();
    expect(await page.getByRole("alertdialog").locator("p").textContent()).toBe(
      ru.registrations.manage.confirmCancel.replace("{event}", "Peer naloxone training"),
    );
    await page.getByRole("button", { name: ru.registrations.manage.confirmCancelSubmit }).click();
    expect(await page.getByRole("status").textContent()).toBe(ru.registrations.manage.cancelledNow);
    await sink.waitFor((m) => m.envelopeTo.includes("lisa@example.org"));
    await context.close();
  });

  test("the privacy page downloads a person's data as a dated JSON file, and erasing asks first with what it will erase", async () => {
    const { context, page } = await organiser();
    await page.goto(`${app.url}/n/demo/privacy`);
    await page.getByLabel("E-mail address of the person").fill("moth@example.org");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download their data (JSON)" }).click(),
    ]);
    const today = DateTime.now().setZone("Europe/Amsterdam").toISODate();
    expect(download.suggestedFilename()).toBe(`demo-personal-data-${today}.json`);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(exported.registrations.map((r: Record<string, string>) => [r.event, r.name, r.email, r.status])).toEqual([
      ["Peer naloxone training", "Moth", "moth@example.org", "attended"],
    ]);
    expect(exported.messages).toHaveLength(3);
    expect(page.url()).toBe(`${app.url}/n/demo/privacy`);
    const erasing =
      "This erases everything held about moth@example.org: 1 registration and 3 e-mails. Their seats go to the waitlist. It cannot be undone.";

    // Without JavaScript the same question comes as a page; going back erases nothing (the erasure below still finds it all).
    const noScript = await organiser({ javaScriptEnabled: false });
    await noScript.page.goto(`${app.url}/n/demo/privacy`);
    await noScript.page.getByLabel("E-mail address of the person").fill("moth@example.org");
    await noScript.page.getByRole("button", { name: "Erase their data" }).click();
    const question = noScript.page.getByRole("alertdialog", { name: "Erase this person’s data?" });
    expect(await question.locator("p").textContent()).toBe(erasing);
    await question.getByRole("link", { name: "No, go back" }).click();
    await noScript.page.waitForURL(`${app.url}/n/demo/privacy`);
    await noScript.context.close();

    await page.getByLabel("E-mail address of the person").fill("moth@example.org");
    await page.getByRole("button", { name: "Erase their data" }).click();
    const dialog = page.getByRole("alertdialog", { name: "Erase this person’s data?" });
    await expect.poll(() => dialog.locator("p").textContent(), slow).toBe(erasing);
    await dialog.getByRole("button", { name: "Yes, erase their data" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), slow).toBe("Erased: 1 registration and 3 e-mails.");
    await context.close();
  });

  test("deleting a partner asks first, saying how many contacts go with it, with and without JavaScript", async () => {
    const noScript = await organiser({ javaScriptEnabled: false });
    await noScript.page.goto(`${app.url}/n/demo/partners`);
    await noScript.page.getByRole("link", { name: "London Positive Voices" }).click();
    await noScript.page.waitForURL(/\/partners\/[0-9a-f-]{36}$/);
    const partnerUrl = noScript.page.url();
    const contacts = await noScript.page.locator("table tbody tr").count();
    expect(contacts).toBeGreaterThan(1);
    await noScript.page.getByRole("button", { name: "Delete this organisation and its contacts" }).click();
    const step = noScript.page.getByRole("alertdialog");
    expect(await step.locator("h2").textContent()).toBe("Delete London Positive Voices?");
    expect(await step.locator("p").textContent()).toBe(
      `The organisation and its ${contacts} contacts leave the directory and stop receiving mailings. This cannot be undone.`,
    );
    await step.getByRole("link", { name: "No, go back" }).click();
    await noScript.page.waitForURL(partnerUrl);
    expect(await noScript.page.getByRole("alertdialog").count()).toBe(0);
    expect(await noScript.page.locator("table tbody tr").count()).toBe(contacts);
    await noScript.context.close();

    const { context, page } = await organiser();
    await page.goto(partnerUrl);
    await page.getByRole("button", { name: "Delete this organisation and its contacts" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Yes, delete it" }).click();
    await page.waitForURL(`${app.url}/n/demo/partners`);
    expect(await page.getByRole("link", { name: "London Positive Voices" }).count()).toBe(0);
    await context.close();
  });

  test("an owner withdraws a member invitation before it is answered, and its link stops working", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await signInAs(page, app.url, "owner@demo.example.org");
    await page.goto(`${app.url}/n/demo/members`);
    await page.getByLabel("E-mail address").fill("maybe.organiser@example.org");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    const mail = await sink.waitFor((m) => m.envelopeTo.includes("maybe.organiser@example.org"));
    const link = mail.parsed.text!.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/)![0];
    expect((await fetch(link)).status).toBe(200);
    const withdraw = page.getByRole("button", { name: "Withdraw the invitation of maybe.organiser@example.org" });
    await expect.poll(() => withdraw.count(), slow).toBe(1);

    await withdraw.click();
    await expect
      .poll(() => page.getByText("The invitation of maybe.organiser@example.org is withdrawn: its link no longer works.").count(), slow)
      .toBe(1);
    await expect.poll(() => withdraw.count(), slow).toBe(0);
    expect((await fetch(link)).status).toBe(410);
    await context.close();
  });

  test("/favicon.ico is an icon, not a 404", async () => {
    const response = await fetch(`${app.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0, 0, 1, 0]);
  });
});
