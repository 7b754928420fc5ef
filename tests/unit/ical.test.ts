import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { buildCalendar, type CalendarEvent } from "~/modules/calendar/ical.server";
import { summerTimeStart, testYear } from "../support/calendar";

/** Kyiv moves its clocks forward in the test year: the event runs from the day before to that day. */
const kyivChange = summerTimeStart("Europe/Kyiv", testYear);
const [eve, changeDay] = [kyivChange.minus({ days: 1 }).toISODate()!, kyivChange.toISODate()!];
/** A date as iCalendar writes it: 'YYYYMMDD'. */
const compact = (date: string) => date.replaceAll("-", "");

const base: CalendarEvent = {
  id: "0b5c2a4e-1f7a-4c0e-9a53-6f1c2d3e4f50",
  title: "Naloxone training, Kyiv; bring friends, \\ all welcome\nsecond line",
  description: "Line one\nLine two, with a comma",
  timeZone: "Europe/Kyiv",
  startsAt: new Date(`${eve}T16:00:00Z`), // 18:00 in Kyiv (UTC+2, before the spring change)
  endsAt: new Date(`${changeDay}T16:00:00Z`), // 19:00 in Kyiv (UTC+3, after it)
  allDay: false,
  startDate: null,
  endDate: null,
  status: "confirmed",
  sequence: 3,
  createdAt: new Date(`${testYear}-01-10T09:00:00Z`),
  updatedAt: new Date(`${testYear}-02-01T12:30:00Z`),
  location: "Community centre, vul. Khreshchatyk 1, Kyiv",
  geo: { lat: 50.45, lon: 30.52 },
  url: "https://daymark.example.org/n/demo/events/0b5c2a4e-1f7a-4c0e-9a53-6f1c2d3e4f50",
  categories: ["World AIDS Day", "uk"],
};

const options = {
  method: "PUBLISH" as const,
  host: "daymark.example.org",
  organizer: { name: "Demo Network", email: "no-reply@daymark.example.org" },
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent)) };
}

describe("iCalendar output", () => {
  test("a timed event: stable UID, SEQUENCE, zone-local times with a VTIMEZONE, UTC DTSTAMP", () => {
    const text = buildCalendar([base], options);
    const { calendar, events } = parse(text);
    const [event] = events;
    expect(event!.uid).toBe("0b5c2a4e-1f7a-4c0e-9a53-6f1c2d3e4f50@daymark.example.org");
    expect(event!.sequence).toBe(3);
    expect(event!.summary).toBe("Naloxone training, Kyiv; bring friends, \\ all welcome\nsecond line");
    expect(text).toContain(`DTSTART;TZID=Europe/Kyiv:${compact(eve)}T180000\r\n`);
    expect(text).toContain(`DTEND;TZID=Europe/Kyiv:${compact(changeDay)}T190000\r\n`);
    expect(text).toContain(`DTSTAMP:${testYear}0201T123000Z\r\n`);
    expect(calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid"))).toEqual(["Europe/Kyiv"]);
    expect(event!.startDate.toJSDate().toISOString()).toBe(`${eve}T16:00:00.000Z`);
    expect(event!.endDate.toJSDate().toISOString()).toBe(`${changeDay}T16:00:00.000Z`);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(event!.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(event!.location).toBe("Community centre, vul. Khreshchatyk 1, Kyiv");
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  test("an all-day multi-day event uses VALUE=DATE and an exclusive end", () => {
    const text = buildCalendar(
      [{ ...base, allDay: true, startDate: `${testYear}-11-20`, endDate: `${testYear}-11-27`, timeZone: "Europe/Lisbon" }],
      options,
    );
    expect(text).toContain(`DTSTART;VALUE=DATE:${testYear}1120\r\n`);
    expect(text).toContain(`DTEND;VALUE=DATE:${testYear}1128\r\n`);
    expect(parse(text).calendar.getAllSubcomponents("vtimezone")).toEqual([]);
  });

  test("an invitation names organiser and attendee; a cancellation says CANCEL", () => {
    const invitation = buildCalendar([base], {
      ...options,
      method: "REQUEST",
      attendee: { name: "Nick", email: "nick@example.org" },
    });
    const { calendar, events } = parse(invitation);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(events[0]!.organizer).toBe("mailto:no-reply@daymark.example.org");
    expect(events[0]!.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(["mailto:nick@example.org"]);

    const cancel = parse(buildCalendar([{ ...base, sequence: 4 }], { ...options, method: "CANCEL" }));
    expect(cancel.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancel.events[0]!.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancel.events[0]!.sequence).toBe(4);
  });

  test("the same input gives the same bytes (for ETags)", () => {
    expect(buildCalendar([base], options)).toBe(buildCalendar([base], options));
  });

  test("feed properties are written at calendar level", () => {
    const text = buildCalendar([base], {
      ...options,
      name: "Demo Network",
      extraProperties: [
        ["REFRESH-INTERVAL;VALUE=DURATION", "PT1H"],
        ["X-PUBLISHED-TTL", "PT1H"],
      ],
    });
    const { calendar } = parse(text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Demo Network");
    expect(calendar.getFirstPropertyValue("refresh-interval")?.toString()).toBe("PT1H");
    expect(calendar.getFirstPropertyValue("x-published-ttl")).toBe("PT1H");
  });

  test("the calendar's name and description are escaped like any text (no injected lines)", () => {
    const text = buildCalendar([base], {
      ...options,
      name: "Harm reduction, Lisbon; \\ team\nBEGIN:VEVENT",
      description: "Line one\nMETHOD:CANCEL",
      ttlSeconds: 3600,
    });
    expect(text).toContain("X-WR-CALNAME:Harm reduction\\, Lisbon\\; \\\\ team\\nBEGIN:VEVENT\r\n");
    expect(text).toContain("X-WR-CALDESC:Line one\\nMETHOD:CANCEL\r\n");
    // ical.js leaves X- properties as written (escaped); what matters is that nothing escaped its line.
    const { calendar, events } = parse(text);
    expect(calendar.getAllProperties("method").map((method) => method.getFirstValue())).toEqual(["PUBLISH"]);
    expect(events).toHaveLength(1);
    expect(calendar.getFirstPropertyValue("refresh-interval")?.toString()).toBe("PT1H");
    expect(calendar.getFirstPropertyValue("x-published-ttl")).toBe("PT1H");
  });

  test("GEO and CATEGORIES: written when known, GEO even without a place name", () => {
    const { events } = parse(buildCalendar([{ ...base, location: null }], options));
    expect(events[0]!.component.getFirstPropertyValue("geo")).toEqual([50.45, 30.52]);
    expect(events[0]!.component.getFirstProperty("categories")!.getValues()).toEqual(["World AIDS Day", "uk"]);
    expect(parse(buildCalendar([{ ...base, geo: null, categories: [] }], options)).events[0]!.component.hasProperty("geo")).toBe(false);
  });

  test("a rebuilt calendar reflects an edited event and keeps the others byte for byte", () => {
    const other = { ...base, id: "1b5c2a4e-1f7a-4c0e-9a53-6f1c2d3e4f51", title: "Other", timeZone: "America/New_York" };
    const before = buildCalendar([base, other], options);
    const after = buildCalendar([{ ...base, title: "Renamed", sequence: 4 }, other], options);
    const [first, second] = parse(after).events;
    expect([first!.summary, first!.sequence, second!.summary]).toEqual(["Renamed", 4, "Other"]);
    const otherBlock = (text: string) => text.slice(text.lastIndexOf("BEGIN:VEVENT"));
    expect(otherBlock(after)).toBe(otherBlock(before));
    expect(
      parse(after)
        .calendar.getAllSubcomponents("vtimezone")
        .map((tz) => tz.getFirstPropertyValue("tzid")),
    ).toEqual(["Europe/Kyiv", "America/New_York"]);
  });
});
