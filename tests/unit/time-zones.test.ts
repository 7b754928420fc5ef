import { IANAZone } from "luxon";
import { describe, expect, test } from "vitest";
import { countryTimeZone } from "~/modules/partners/time-zones";
import { countryCodes } from "~/modules/partners/countries";
import { eventTimeZones } from "~/modules/events/events.server";

describe("a partner's time zone", () => {
  test("comes from its country, whatever the case of the code", () => {
    expect([countryTimeZone("PT"), countryTimeZone("pt"), countryTimeZone("UA"), countryTimeZone("NL")]).toEqual([
      "Europe/Lisbon",
      "Europe/Lisbon",
      "Europe/Kyiv",
      "Europe/Amsterdam",
    ]);
  });

  test("is left to the network for a country with several zones or none given", () => {
    expect([countryTimeZone("US"), countryTimeZone("RU"), countryTimeZone(""), countryTimeZone(null)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("is always a real zone of a known country, offered by the event form", () => {
    const offered = eventTimeZones();
    for (const code of countryCodes) {
      const zone = countryTimeZone(code);
      if (zone === undefined) continue;
      expect(IANAZone.isValidZone(zone), zone).toBe(true);
      expect(offered, zone).toContain(zone);
    }
  });
});
