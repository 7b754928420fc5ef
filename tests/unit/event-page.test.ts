import { describe, expect, test } from "vitest";
import { googleCalendarUrl, outlookCalendarUrl } from "~/modules/events/calendar-links";
import { groupByDay } from "~/modules/events/event-times";
import { presentEventPage } from "~/modules/events/present.server";
import { testYear } from "../support/calendar";

const event = {
  id: "6f1c2d3e-4b5a-4c6d-8e7f-901234567890",
  network_id: "n",
  campaign_id: null,
  host_partner_id: null,
  title: "Vigil",
  description: "",
  time_zone: "Europe/Kyiv",
  starts_at: new Date(`${testYear}-03-27T16:00:00Z`),
  ends_at: new Date(`${testYear}-03-27T18:00:00Z`),
  all_day: false,
  start_date: null,
  end_date: null,
  mode: "hybrid" as const,
  venue_name: "Community centre",
  address: "Kontraktova 1",
  city: "Kyiv",
  country: "UA",
  latitude: null,
  longitude: null,
  online_url: "https://meet.example.org/secret-room",
  online_url_public: false,
  capacity: null,
  registration_opens_at: null,
  registration_closes_at: null,
  languages: ["uk", "en"],
  interpretation: "",
  accessibility: [],
  accessibility_notes: "",
  anonymity_policy: "",
  visibility: "public" as const,
  status: "published" as const,
  sequence: 0,
  cancelled_at: null,
  created_by: null,
  created_at: new Date(),
  updated_at: new Date(),
  submitted_by_partner_id: null,
  review_note: "",
  reviewed_at: null,
  reviewed_by: null,
  partner_changed_at: null,
  content_language: "en",
  content_updated_at: new Date("2026-11-01T00:00:00Z"),
  campaign_content_language: null,
  reminder_hours_before: 24,
  registrations_anonymised_at: null,
  host_name: null,
  campaign_title: null,
  campaign_slug: null,
  cohosts: [],
};
const options = { locale: "en" as const, networkSlug: "demo", appUrl: "https://daymark.test", canEdit: false, canManage: false };

describe("the event page", () => {
  test("Markdown with <script> and javascript: links renders inert", () => {
    const page = presentEventPage(
      {
        ...event,
        description:
          'Hello <script>alert("x")</script>\n\n[click](javascript:alert(1)) [ok](https://example.org) <img src=x onerror=alert(1)>\n\n<a href="javascript:alert(2)">raw</a>',
      },
      options,
    );
    expect(page.descriptionHtml).toBe(
      "<p>Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>\n" +
        '<p>[click](javascript:alert(1)) <a href="https://example.org" rel="nofollow noopener noreferrer">ok</a> &lt;img src=x onerror=alert(1)&gt;</p>\n' +
        "<p>&lt;a href=&quot;javascript:alert(2)&quot;&gt;raw&lt;/a&gt;</p>\n",
    );
  });

  test("the private online link stays private; the page links to the .ics file, Google and Outlook", () => {
    const page = presentEventPage(event, options);
    expect([page.onlineUrl, page.onlineUrlPrivate]).toEqual([null, true]);
    expect(JSON.stringify(page)).not.toContain("secret-room");
    expect(page.calendarLinks.ics).toBe(`/n/demo/events/${event.id}/calendar.ics`);
    const google = new URL(page.calendarLinks.google);
    expect(Object.fromEntries(google.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "Vigil",
      dates: `${testYear}0327T160000Z/${testYear}0327T180000Z`,
      ctz: "Europe/Kyiv",
      details: `https://daymark.test/n/demo/events/${event.id}`,
      location: "Community centre, Kontraktova 1, Kyiv, Ukraine",
    });
    const outlook = new URL(page.calendarLinks.outlook);
    expect([outlook.searchParams.get("startdt"), outlook.searchParams.get("enddt"), outlook.searchParams.get("allday")]).toEqual([
      `${testYear}-03-27T16:00:00Z`,
      `${testYear}-03-27T18:00:00Z`,
      "false",
    ]);
    expect(page.registerUrl).toBe(`/n/demo/events/${event.id}/register`);
    expect(presentEventPage({ ...event, status: "cancelled" }, options).registerUrl).toBeNull();
    expect(presentEventPage(event, { ...options, canEdit: true }).onlineUrl).toBe("https://meet.example.org/secret-room");
  });

  test("all-day links carry dates, the day after the last one as the end", () => {
    const allDay = {
      ...event,
      all_day: true,
      start_date: `${testYear}-03-27`,
      end_date: `${testYear}-03-29`,
      location: "",
      details: "",
      title: "Gathering",
      startsAt: new Date(),
      endsAt: new Date(),
      allDay: true,
      startDate: `${testYear}-03-27`,
      endDate: `${testYear}-03-29`,
      timeZone: "Europe/Kyiv",
    };
    expect(new URL(googleCalendarUrl(allDay)).searchParams.get("dates")).toBe(`${testYear}0327/${testYear}0330`);
    const outlook = new URL(outlookCalendarUrl(allDay)).searchParams;
    expect([outlook.get("startdt"), outlook.get("enddt"), outlook.get("allday")]).toEqual([
      `${testYear}-03-27`,
      `${testYear}-03-30`,
      "true",
    ]);
  });
});

describe("the month view", () => {
  const timed = (startsAt: string, endsAt: string, timeZone: string) => ({
    startsAt,
    endsAt,
    timeZone,
    allDay: false,
    startDate: null,
    endDate: null,
  });

  test("lists each event under its first day in its own zone, and one that began last month under the 1st", () => {
    const kyivLate = timed(`${testYear}-11-30T22:30:00Z`, `${testYear}-11-30T23:30:00Z`, "Europe/Kyiv"); // 1 Dec 00:30 in Kyiv
    const lisbonLate = timed(`${testYear}-11-30T22:30:00Z`, `${testYear}-11-30T23:30:00Z`, "Europe/Lisbon"); // 30 Nov 22:30 in Lisbon
    const running = {
      startsAt: `${testYear}-11-29T00:00:00Z`,
      endsAt: `${testYear}-12-03T00:00:00Z`,
      timeZone: "UTC",
      allDay: true,
      startDate: `${testYear}-11-29`,
      endDate: `${testYear}-12-02`,
    };
    const next = timed(`${testYear + 1}-01-01T10:00:00Z`, `${testYear + 1}-01-01T11:00:00Z`, "UTC");
    const days = groupByDay([running, kyivLate, lisbonLate, next], `${testYear}-12`);
    expect(days.map((d) => [d.day, d.events.length])).toEqual([[`${testYear}-12-01`, 2]]);
    expect(days[0]!.events).toEqual([running, kyivLate]);
  });
});

describe("time zone choices", () => {
  test("offer the current names (Europe/Kyiv), not the ones ICU still uses (Europe/Kiev)", async () => {
    const { eventTimeZones } = await import("~/modules/events/events.server");
    const zones = eventTimeZones();
    expect([zones.includes("Europe/Kyiv"), zones.includes("Europe/Kiev"), zones.includes("Europe/Lisbon"), zones[0]]).toEqual([
      true,
      false,
      true,
      "UTC",
    ]);
  });
});
