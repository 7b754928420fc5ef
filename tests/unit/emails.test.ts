import { describe, expect, test } from "vitest";
import { renderEmail } from "~emails/index";
import { isPermanentFailure } from "~/modules/mail/transport.server";

describe("email templates", () => {
  const params = { name: "Ana <b>", resetUrl: "https://d.example/reset-password/abc?x=1&y=2", validMinutes: 60 };

  test("the password reset renders subject, text and HTML in English", () => {
    const email = renderEmail("password-reset", "en", params);
    expect(email.subject).toBe("Reset your Daymark password");
    expect(email.text).toBe(
      [
        "Hello Ana <b>,",
        "Someone asked to reset the password of your Daymark account. Choose a new password with this link:",
        "Choose a new password:\nhttps://d.example/reset-password/abc?x=1&y=2",
        "The link is valid for 60 minutes and works once.",
        "If you did not ask for this, ignore this message: your password stays as it is.",
      ].join("\n\n") + "\n",
    );
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain("Hello Ana &lt;b&gt;,");
    expect(email.html).toContain('href="https://d.example/reset-password/abc?x=1&amp;y=2"');
    expect(email.html).not.toContain("<b>");
  });

  test("and in French, with the French plural", () => {
    const email = renderEmail("password-reset", "fr", { ...params, validMinutes: 1 });
    expect(email.subject).toBe("Réinitialisez votre mot de passe Daymark");
    expect(email.text).toContain("Le lien est valable 1 minute et ne sert qu’une fois.");
    expect(email.html).toContain('<html lang="fr">');
  });

  test("a subject built from user text stays on one line", () => {
    const email = renderEmail("network-invitation", "en", {
      networkName: "Evil\r\nBcc: victim@example.org",
      inviterName: "Ana",
      roleLabel: "organiser",
      acceptUrl: "https://d.example/invitations/x",
      validDays: 7,
    });
    expect(email.subject).toBe("You are invited to join Evil Bcc: victim@example.org on Daymark");
  });
});

describe("SMTP failures", () => {
  test("5xx replies are permanent; 4xx replies and network errors are worth retrying", () => {
    expect(isPermanentFailure({ responseCode: 550 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 554 })).toBe(true);
    expect(isPermanentFailure({ responseCode: 451 })).toBe(false);
    expect(isPermanentFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNECTION" }))).toBe(false);
    expect(isPermanentFailure(null)).toBe(false);
  });
});
