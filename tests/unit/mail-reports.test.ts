import { describe, expect, test } from "vitest";
import { classifyBounce, readMailReport } from "~/modules/mail/reports";
import { mailFixture as fixture } from "../support/mail-fixtures";

const outboxId = "5b0c8a52-1f3e-4d0a-9c7b-2e6f1a3d4c5b";
const values = {
  OUTBOX_ID: outboxId,
  RECIPIENT: "gone@partners.example.net",
  MESSAGE_ID: "f2b1a0c9-7d6e-4f5a-8b3c-1d2e3f4a5b6c@daymark.test",
  MAILING_ID: "0e1d2c3b-4a59-4687-9706-a5b4c3d2e1f0",
  TOKEN: "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCde",
  REPORT_ID: "7ab1",
};

const mailFixture = (name: string) => fixture(name, values);

describe("reading the bounce mailbox", () => {
  test.each([
    [
      "postfix-user-unknown",
      "hard",
      "5.1.1",
      "550 5.1.1 <gone@partners.example.net>: Recipient address rejected: User unknown in virtual mailbox table",
    ],
    [
      "exchange-online-recipient-not-found",
      "hard",
      "5.1.10",
      "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
    ],
    [
      "gmail-over-quota",
      "soft",
      "5.2.2",
      "552-5.2.2 The recipient's inbox is out of storage space. Please direct the 552-5.2.2 recipient to 552 5.2.2 https://support.google.com/mail/?p=OverQuotaTemp",
    ],
    ["exim-no-such-user", "hard", "5.0.0", "550 No such user here"],
  ])("%s is a %s bounce with its status and diagnostic", (name, bounceClass, dsnStatus, diagnostic) => {
    expect(readMailReport(mailFixture(name)).report).toEqual({
      kind: "bounce",
      bounceClass,
      dsnStatus,
      diagnostic,
      outboxId,
      originalMessageId: values.MESSAGE_ID,
      recipient: "gone@partners.example.net",
    });
  });

  test("an Exim delay warning is a deferral, not a bounce", () => {
    expect(readMailReport(mailFixture("exim-delayed"))).toEqual({
      reportId: "E1tKbH3-0002Zq-1x@mx.partners.example.net",
      report: {
        kind: "delay",
        dsnStatus: "4.3.0",
        diagnostic: "451 4.3.0 Temporary system failure. Please try again later.",
        outboxId,
        originalMessageId: null,
        recipient: "gone@partners.example.net",
      },
    });
  });

  test("an ARF report is a complaint about the message its copy names", () => {
    expect(readMailReport(mailFixture("yahoo-arf-complaint"))).toEqual({
      reportId: "2cd9b0f6-8f1e-4c52-b1fe-7bd3d80c1a42@arf.mail.yahoo.com",
      report: {
        kind: "complaint",
        feedbackType: "abuse",
        outboxId,
        originalMessageId: values.MESSAGE_ID,
        recipient: "gone@partners.example.net",
      },
    });
  });

  test("a message to the mailto: address unsubscribes by its token", () => {
    expect(readMailReport(mailFixture("mailto-unsubscribe")).report).toEqual({ kind: "unsubscribe", token: values.TOKEN });
  });

  test("anything else is left alone", () => {
    const letter = "From: someone@example.org\r\nTo: bounces@bounces.daymark.test\r\nSubject: Hello\r\n\r\nHi there\r\n";
    expect(readMailReport(letter)).toEqual({ reportId: null, report: { kind: "other" } });
  });

  test.each([
    ["5.1.1", null, "hard"],
    ["5.2.1", null, "hard"],
    ["5.2.2", null, "soft"],
    ["5.7.1", "550 5.7.1 Message rejected as spam", "soft"],
    ["4.4.7", null, "soft"],
    ["5.0.0", "550 Requested action not taken: mailbox unavailable", "hard"],
    ["5.0.0", "552 Mailbox quota exceeded", "soft"],
  ])("status %s (%s) is %s", (status, diagnostic, expected) => {
    expect(classifyBounce(status, diagnostic)).toBe(expected);
  });
});
