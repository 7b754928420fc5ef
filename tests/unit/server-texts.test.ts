import { describe, expect, test } from "vitest";
import { recordingTexts } from "~/i18n/server-texts.server";
import { formattedOnce, serializeTexts, serverTexts } from "~/i18n/server-texts";
import { countryName } from "~/modules/partners/countries";

describe("texts the server formatted, carried to the browser", () => {
  test("a page's texts cannot close the script block that carries them", () => {
    const serialized = serializeTexts(new Map([["note:[]", "</script><script>alert(1)</script>"]]));
    expect(serialized).not.toContain("<");
    expect(JSON.parse(serialized)).toEqual({ "note:[]": "</script><script>alert(1)</script>" });
  });

  test("while a request renders, each formatted text is recorded under its call", async () => {
    const texts = recordingTexts(() => {
      expect(countryName("PT", "fr")).toBe("Portugal");
      expect(countryName("DE", "fr")).toBe("Allemagne");
      return JSON.parse(serverTexts()) as Record<string, unknown>;
    });
    expect(texts).toEqual({ 'countries.name:["PT","fr"]': "Portugal", 'countries.name:["DE","fr"]': "Allemagne" });
  });

  test("requests record apart, and formatting outside a request records nothing", async () => {
    const render = (name: string) =>
      recordingTexts(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        formattedOnce("greeting", (who: string) => `Hello ${who}`)(name);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return JSON.parse(serverTexts()) as Record<string, unknown>;
      });
    const [first, second] = await Promise.all([render("Moth"), render("Kestrel")]);
    expect(first).toEqual({ 'greeting:["Moth"]': "Hello Moth" });
    expect(second).toEqual({ 'greeting:["Kestrel"]': "Hello Kestrel" });
    expect(JSON.parse(serverTexts())).toEqual({});
  });
});
