import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { matchesKeywords } from "~/modules/imports/apply.server";
import { describeImportError, displayCalendarUrl } from "~/modules/imports/imports.schema";
import { NotACalendarError, parseCalendar } from "~/modules/imports/parse.server";
import { ianaZoneFor } from "~/modules/imports/zones.server";
import { isPublicAddress } from "~/modules/net/addresses.server";
import { testYear } from "../support/calendar";

describe("public addresses", () => {
  test.each([
    ["8.8.8.8", true],
    ["172.32.0.1", true],
    ["2a00:1450:4001:80b::200e", true],
    ["::ffff:8.8.8.8", true],
    ["0.0.0.0", false],
    ["10.1.2.3", false],
    ["100.64.0.1", false],
    ["127.0.0.1", false],
    ["127.255.255.254", false],
    ["169.254.169.254", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["192.168.1.1", false],
    ["192.0.2.10", false],
    ["198.18.0.1", false],
    ["224.0.0.251", false],
    ["255.255.255.255", false],
    ["::", false],
    ["::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:10.0.0.1", false],
    ["::127.0.0.1", false],
    ["64:ff9b::a00:1", false],
    ["2002:a00:1::1", false],
    ["2001::1", false],
    ["2001:db8::1", false],
    ["fc00::1", false],
    ["fd12:3456::1", false],
    ["fe80::1%eth0", false],
    ["ff02::1", false],
    ["not-an-address", false],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("time zone names in calendars", () => {
  test.each([
    ["Europe/Kyiv", "Europe/Kyiv"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["Eastern Standard Time", "America/New_York"],
    ["AUS Eastern Standard Time", "Australia/Sydney"],
    ["GMT Standard Time", "Europe/London"],
    ["/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"],
    ["/freeassociation.sourceforge.net/Tzfile/America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["Customized Time Zone", undefined],
  ])("%s is %s", (tzid, expected) => {
    expect(ianaZoneFor(tzid)).toBe(expected);
  });
});

const now = DateTime.utc(testYear, 1, 10, 12).toJSDate();
const horizonEnd = DateTime.utc(testYear + 1, 1, 10, 12).toJSDate();
const parse = (lines: string[], defaultZone = "Europe/Lisbon") =>
  parseCalendar(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", ...lines, "END:VCALENDAR", ""].join("\r\n"), {
    now,
    horizonEnd,
    defaultZone,
  });
const iso = (date: Date) => date.toISOString();

describe("reading a calendar", () => {
  test("an endless daily series stops at the horizon, and what has ended is not read", () => {
    const calendar = parse([
      "BEGIN:VEVENT",
      "UID:daily",
      `DTSTART:${testYear - 1}0101T090000Z`,
      `DTEND:${testYear - 1}0101T100000Z`,
      "RRULE:FREQ=DAILY",
      "SUMMARY:Daily",
      "END:VEVENT",
    ]);
    const days = DateTime.fromJSDate(horizonEnd).diff(DateTime.fromJSDate(now), "days").days;
    // The occurrence of the 10th (09:00–10:00) ended before noon: the first is the 11th.
    expect(calendar.occurrences).toHaveLength(days);
    expect(calendar.occurrences[0]!.recurrenceKey).toBe(`${testYear}-01-11`);
    expect(calendar.occurrences.at(-1)!.recurrenceKey).toBe(`${testYear + 1}-01-10`);
  });

  test("a zone known only by its VTIMEZONE is read through its rules", () => {
    const calendar = parse([
      "BEGIN:VTIMEZONE",
      "TZID:Customized Time Zone",
      "BEGIN:STANDARD",
      "DTSTART:16010101T030000",
      "TZOFFSETFROM:+0300",
      "TZOFFSETTO:+0200",
      "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:16010101T040000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0300",
      "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
      "END:DAYLIGHT",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:custom",
      `DTSTART;TZID=Customized Time Zone:${testYear}0701T100000`,
      `DTEND;TZID=Customized Time Zone:${testYear}0701T120000`,
      "SUMMARY:Summer meeting",
      "END:VEVENT",
    ]);
    expect(calendar.occurrences.map((o) => [iso(o.time.startsAt), iso(o.time.endsAt), o.time.timeZone])).toEqual([
      [`${testYear}-07-01T07:00:00.000Z`, `${testYear}-07-01T09:00:00.000Z`, "Europe/Lisbon"],
    ]);
  });

  test("private and confidential events are never read; a missing end is an hour, or a day", () => {
    const calendar = parse([
      "REFRESH-INTERVAL;VALUE=DURATION:P1D",
      "BEGIN:VEVENT",
      "UID:private",
      `DTSTART:${testYear}0301T100000Z`,
      "CLASS:PRIVATE",
      "SUMMARY:Therapy",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:confidential",
      `DTSTART:${testYear}0301T100000Z`,
      "CLASS:CONFIDENTIAL",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:no-end",
      `DTSTART:${testYear}0302T100000Z`,
      "SUMMARY:Open end",
      "DESCRIPTION:<p>Line one</p><p>Tom &amp; Jerry&#39;s &#x263A;</p>",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:day",
      `DTSTART;VALUE=DATE:${testYear}0303`,
      "SUMMARY:A day",
      "CATEGORIES:Health,Outreach",
      "CATEGORIES:Peer",
      "END:VEVENT",
    ]);
    expect(calendar.refreshIntervalSeconds).toBe(86_400);
    expect(
      calendar.occurrences.map((o) => ({
        uid: o.uid,
        start: iso(o.time.startsAt),
        end: iso(o.time.endsAt),
        days: [o.time.startDate, o.time.endDate],
        description: o.description,
        categories: o.categories,
      })),
    ).toEqual([
      {
        uid: "no-end",
        start: `${testYear}-03-02T10:00:00.000Z`,
        end: `${testYear}-03-02T11:00:00.000Z`,
        days: [null, null],
        description: "Line one\nTom & Jerry's ☺",
        categories: [],
      },
      {
        uid: "day",
        start: `${testYear}-03-03T00:00:00.000Z`,
        end: `${testYear}-03-04T00:00:00.000Z`,
        days: [`${testYear}-03-03`, `${testYear}-03-03`],
        description: "",
        categories: ["Health", "Outreach", "Peer"],
      },
    ]);
  });

  test("an override whose series is not in the file stands alone; two occurrences on one day keep apart", () => {
    const calendar = parse([
      "BEGIN:VEVENT",
      "UID:orphan",
      `RECURRENCE-ID:${testYear}0401T090000Z`,
      `DTSTART:${testYear}0401T100000Z`,
      `DTEND:${testYear}0401T110000Z`,
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:twice",
      `DTSTART:${testYear}0501T090000Z`,
      `DTEND:${testYear}0501T100000Z`,
      "RRULE:FREQ=DAILY;COUNT=2;BYHOUR=9,15",
      "END:VEVENT",
    ]);
    expect(calendar.occurrences.map((o) => `${o.uid} ${o.recurrenceKey} ${o.title || "(untitled)"}`)).toEqual([
      `orphan ${testYear}-04-01 (untitled)`,
      `twice ${testYear}-05-01 (untitled)`,
      `twice ${testYear}-05-01T15:00:00 (untitled)`,
    ]);
  });

  test("a file that is no calendar is refused", () => {
    expect(() => parseCalendar("<!doctype html><p>Events</p>", { now, horizonEnd, defaultZone: "UTC" })).toThrow(NotACalendarError);
    expect(() => parseCalendar("BEGIN:VCARD\r\nEND:VCARD\r\n", { now, horizonEnd, defaultZone: "UTC" })).toThrow(NotACalendarError);
  });
});

describe("filters and words", () => {
  const occurrence = parse([
    "BEGIN:VEVENT",
    "UID:x",
    `DTSTART:${testYear}0301T100000Z`,
    "SUMMARY:Outreach",
    "DESCRIPTION:With free NALOXONE kits",
    "CATEGORIES:Street work",
    "END:VEVENT",
  ]).occurrences[0]!;

  test("keywords match the title, the description or a category, whatever the case", () => {
    expect(matchesKeywords(occurrence, [])).toBe(true);
    expect(matchesKeywords(occurrence, ["naloxone"])).toBe(true);
    expect(matchesKeywords(occurrence, ["street"])).toBe(true);
    expect(matchesKeywords(occurrence, ["testing", "hepatitis"])).toBe(false);
  });

  test("failures in words: sizes in MB, time in seconds; addresses without their query", () => {
    expect(describeImportError("too-large", String(10 * 1024 * 1024))).toEqual({
      key: "imports.errors.tooLarge",
      values: { detail: "10" },
    });
    expect(describeImportError("timeout", "20000")).toEqual({ key: "imports.errors.timeout", values: { detail: "20" } });
    expect(describeImportError("http-status", "404")).toEqual({ key: "imports.errors.httpStatus", values: { detail: "404" } });
    expect(displayCalendarUrl("https://cloud.example.org/remote.php/dav/public-calendars/AbCdEf123456?export")).toBe(
      "cloud.example.org/remote.php/dav/publ…ars/AbCdEf123456",
    );
    expect(displayCalendarUrl("https://lisbon.example.org/events/?ical=1")).toBe("lisbon.example.org/events/");
  });
});
