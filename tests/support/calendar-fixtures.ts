import { DateTime } from "luxon";

/**
 * Calendars in the shapes five programs publish them, built for one year so
 * they never go stale: Google Calendar, Outlook/Exchange, Nextcloud (Sabre),
 * Apple iCloud and The Events Calendar (WordPress). Version 1 is the first
 * read; version 2 moves one event, cancels one, removes one and changes a
 * series' time. Every wall-clock time is also returned, with its zone, so
 * the test computes the instants it expects on its own.
 */

/** A wall-clock time in a zone, as the fixture writes it. */
export interface Wall {
  date: string;
  time?: string;
  zone: string;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The n-th (1-based) weekday (1 = Monday … 7 = Sunday) of a month; n = -1 is the last. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): DateTime {
  if (n > 0) {
    const first = DateTime.utc(year, month, 1);
    return first.plus({ days: ((weekday - first.weekday + 7) % 7) + (n - 1) * 7 });
  }
  const last = DateTime.utc(year, month, 1).endOf("month").startOf("day");
  return last.minus({ days: (last.weekday - weekday + 7) % 7 });
}

const stamp = (date: string, time?: string) => (time ? `${date.replaceAll("-", "")}T${time.replace(":", "")}00` : date.replaceAll("-", ""));

function calendar(headers: string[], timezones: string[], events: string[][]): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    ...headers,
    ...timezones,
    ...events.flatMap((lines) => ["BEGIN:VEVENT", ...lines, "END:VEVENT"]),
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

const BERLIN = `BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`.replaceAll("\n", "\r\n");

const WINDOWS_BERLIN = `BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE`.replaceAll("\n", "\r\n");

const NEW_YORK = `BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:20070311T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:20071104T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE`.replaceAll("\n", "\r\n");

const SYDNEY = `BEGIN:VTIMEZONE
TZID:Australia/Sydney
BEGIN:STANDARD
TZOFFSETFROM:+1100
TZOFFSETTO:+1000
TZNAME:AEST
DTSTART:20080406T030000
RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU
END:STANDARD
BEGIN:DAYLIGHT
TZOFFSETFROM:+1000
TZOFFSETTO:+1100
TZNAME:AEDT
DTSTART:20081005T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU
END:DAYLIGHT
END:VTIMEZONE`.replaceAll("\n", "\r\n");

const LISBON = `BEGIN:VTIMEZONE
TZID:Europe/Lisbon
BEGIN:DAYLIGHT
TZOFFSETFROM:+0000
TZOFFSETTO:+0100
TZNAME:WEST
DTSTART:19700329T010000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0100
TZOFFSETTO:+0000
TZNAME:WET
DTSTART:19701025T020000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`.replaceAll("\n", "\r\n");

/** The days the fixtures are built around: each series crosses its zone's clock change. */
export function fixtureDays(year: number) {
  const berlinChange = nthWeekday(year, 3, 7, -1); // last Sunday of March
  const newYorkChange = nthWeekday(year, 3, 7, 2); // second Sunday of March
  const sydneyChange = nthWeekday(year, 4, 7, 1); // first Sunday of April (clocks go back)
  const iso = (day: DateTime) => day.toISODate()!;
  return {
    /** Six Tuesdays, three before Berlin's change and three after. */
    googleTuesdays: [19, 12, 5, -2, -9, -16].map((before) => iso(berlinChange.minus({ days: before }))),
    /** Monday after Berlin's change, and the Tuesday it moves to. */
    outlookBoard: iso(berlinChange.plus({ days: 1 })),
    outlookBoardMoved: iso(berlinChange.plus({ days: 2 })),
    /** Four Thursdays, two before New York's change and two after, and an extra Saturday (RDATE). */
    nextcloudThursdays: [10, 3, -4, -11].map((before) => iso(newYorkChange.minus({ days: before }))),
    nextcloudExtraSaturday: iso(newYorkChange.plus({ days: 13 })),
    /** Four Wednesdays, two before Sydney's change and two after. */
    appleWednesdays: [11, 4, -3, -10].map((before) => iso(sydneyChange.minus({ days: before }))),
  };
}

/** The five calendars at version 1 or 2. */
export function vendorCalendars(year: number, version: 1 | 2) {
  const days = fixtureDays(year);
  const dtstamp = `DTSTAMP:${year - 1}1201T090000Z`;
  const seriesTime = version === 1 ? "18:00" : "18:30";
  const seriesEnd = version === 1 ? "20:00" : "20:30";
  const tuesday = (index: number) => days.googleTuesdays[index]!;

  const google = calendar(
    [
      "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Porto Peer Support",
      "X-WR-TIMEZONE:Europe/Berlin",
    ],
    [BERLIN],
    [
      [
        `DTSTART;TZID=Europe/Berlin:${stamp(tuesday(0), seriesTime)}`,
        `DTEND;TZID=Europe/Berlin:${stamp(tuesday(0), seriesEnd)}`,
        "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TU",
        `EXDATE;TZID=Europe/Berlin:${stamp(tuesday(1), seriesTime)}`,
        dtstamp,
        "UID:peer-evening@google.com",
        "SUMMARY:Peer support evening",
        "LOCATION:Drop-in centre\\, Rua Alegre 12\\, Porto",
        "STATUS:CONFIRMED",
        `SEQUENCE:${version === 1 ? 0 : 1}`,
      ],
      [
        `DTSTART;TZID=Europe/Berlin:${stamp(tuesday(3), "19:00")}`,
        `DTEND;TZID=Europe/Berlin:${stamp(tuesday(3), "21:00")}`,
        `RECURRENCE-ID;TZID=Europe/Berlin:${stamp(tuesday(3), seriesTime)}`,
        dtstamp,
        "UID:peer-evening@google.com",
        "SUMMARY:Peer support evening",
        "LOCATION:Community room\\, Rua Nova 5\\, Porto",
        "SEQUENCE:1",
      ],
      [
        `DTSTART;TZID=Europe/Berlin:${stamp(tuesday(4), seriesTime)}`,
        `DTEND;TZID=Europe/Berlin:${stamp(tuesday(4), seriesEnd)}`,
        `RECURRENCE-ID;TZID=Europe/Berlin:${stamp(tuesday(4), seriesTime)}`,
        dtstamp,
        "UID:peer-evening@google.com",
        "SUMMARY:Peer support evening",
        "STATUS:CANCELLED",
        "SEQUENCE:1",
      ],
      [
        // Google writes single events in UTC.
        `DTSTART:${stamp(tuesday(5), "14:00")}Z`,
        `DTEND:${stamp(tuesday(5), "16:00")}Z`,
        dtstamp,
        "UID:naloxone-training@google.com",
        version === 1 ? "SUMMARY:Naloxone training" : "SUMMARY:Naloxone training for peers",
        "DESCRIPTION:<b>Bring</b> a friend<br>Free &amp; open to all",
        "STATUS:CONFIRMED",
      ],
    ],
  );

  const board = version === 1 ? days.outlookBoard : days.outlookBoardMoved;
  const outlook = calendar(
    ["METHOD:PUBLISH", "PRODID:Microsoft Exchange Server 2010", "X-WR-CALNAME:Calendar", "X-PUBLISHED-TTL:PT3H"],
    [WINDOWS_BERLIN],
    [
      [
        "DESCRIPTION:\\n",
        "UID:040000008200E00074C5B7101A82E00800000000B0D5@outlook",
        "SUMMARY;LANGUAGE=en-GB:Board meeting",
        `DTSTART;TZID=W. Europe Standard Time:${stamp(board, "09:30")}`,
        `DTEND;TZID=W. Europe Standard Time:${stamp(board, "12:00")}`,
        "CLASS:PUBLIC",
        "PRIORITY:5",
        dtstamp,
        "TRANSP:OPAQUE",
        "STATUS:CONFIRMED",
        `SEQUENCE:${version === 1 ? 0 : 1}`,
        "LOCATION;LANGUAGE=en-GB:Office",
        "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
        "X-MICROSOFT-CDO-ALLDAYEVENT:FALSE",
      ],
      [
        "UID:040000008200E00074C5B7101A82E00800000000C1E6@outlook",
        "SUMMARY;LANGUAGE=en-GB:Harm reduction summit",
        `DTSTART;VALUE=DATE:${year}0512`,
        `DTEND;VALUE=DATE:${year}0515`,
        "CLASS:PUBLIC",
        dtstamp,
        "TRANSP:TRANSPARENT",
        "SEQUENCE:0",
        "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
      ],
      [
        "UID:040000008200E00074C5B7101A82E00800000000D2F7@outlook",
        "SUMMARY;LANGUAGE=en-GB:Doctor",
        `DTSTART;TZID=W. Europe Standard Time:${stamp(`${year}-04-20`, "08:00")}`,
        `DTEND;TZID=W. Europe Standard Time:${stamp(`${year}-04-20`, "09:00")}`,
        "CLASS:PRIVATE",
        dtstamp,
      ],
    ],
  );

  const thursday = (index: number) => days.nextcloudThursdays[index]!;
  const nextcloud = calendar(
    [
      "PRODID:-//Sabre//Sabre VObject 4.5.4//EN",
      "CALSCALE:GREGORIAN",
      "X-WR-CALNAME:Outreach",
      "REFRESH-INTERVAL;VALUE=DURATION:PT4H",
      "X-PUBLISHED-TTL:PT4H",
    ],
    [NEW_YORK],
    [
      [
        "CREATED:20240101T000000Z",
        dtstamp,
        "UID:5b7c1c3e-1d7a-4f55-9d1b-outreach",
        "SUMMARY:Outreach shift",
        `DTSTART;TZID=America/New_York:${stamp(thursday(0), "19:00")}`,
        `DTEND;TZID=America/New_York:${stamp(thursday(0), "20:30")}`,
        "RRULE:FREQ=WEEKLY;COUNT=4",
        `RDATE;TZID=America/New_York:${stamp(days.nextcloudExtraSaturday, "14:00")}`,
        "LOCATION:Van at 5th Avenue",
      ],
      [
        dtstamp,
        "UID:8e2d4c1a-2b3c-4d5e-info-session",
        "SUMMARY:Drop-in info session",
        `DTSTART;TZID=America/New_York:${stamp(`${year}-06-16`, "17:00")}`,
        `DTEND;TZID=America/New_York:${stamp(`${year}-06-16`, "18:00")}`,
        ...(version === 2 ? ["STATUS:CANCELLED", "SEQUENCE:1"] : []),
      ],
    ],
  );

  const wednesday = (index: number) => days.appleWednesdays[index]!;
  const apple = calendar(
    ["PRODID:-//Apple Inc.//macOS 14.5//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Sydney Peers", "X-APPLE-CALENDAR-COLOR:#1BADF8"],
    [SYDNEY],
    [
      [
        "CREATED:20240102T000000Z",
        dtstamp,
        "UID:A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF",
        "SUMMARY:Online peer circle",
        `DTSTART;TZID=Australia/Sydney:${stamp(wednesday(0), "10:00")}`,
        `DTEND;TZID=Australia/Sydney:${stamp(wednesday(0), "11:00")}`,
        "RRULE:FREQ=WEEKLY;INTERVAL=1;COUNT=4",
        "LOCATION:https://meet.example.org/peer-circle",
        "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC",
      ],
      [
        dtstamp,
        "UID:B2C3D4E5-F6A7-4811-9900-BBCCDDEEFF00",
        "SUMMARY:Picnic",
        // Floating: no zone, read in the source's.
        `DTSTART:${stamp(`${year}-06-20`, "12:00")}`,
        `DTEND:${stamp(`${year}-06-20`, "15:00")}`,
      ],
      [
        dtstamp,
        "UID:C3D4E5F6-A7B8-4911-0011-CCDDEEFF0011",
        "SUMMARY:Awareness day stall",
        `DTSTART;VALUE=DATE:${year}0831`,
        `DTEND;VALUE=DATE:${year}0901`,
      ],
    ],
  );

  const wordpress = calendar(
    [
      "PRODID:-//Lisbon Harm Reduction - ECPv6.5.1//NONSGML v1.0//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:Lisbon Harm Reduction",
      "X-ORIGINAL-URL:https://lisbon.example.org",
      "X-WR-CALDESC:Events for Lisbon Harm Reduction",
      "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
      "X-PUBLISHED-TTL:PT1H",
      "X-WR-TIMEZONE:Europe/Lisbon",
    ],
    [LISBON],
    [
      [
        `DTSTART;TZID=Europe/Lisbon:${stamp(`${year}-09-10`, "09:00")}`,
        `DTEND;TZID=Europe/Lisbon:${stamp(`${year}-09-11`, "17:00")}`,
        dtstamp,
        "CREATED:20240103T000000Z",
        "LAST-MODIFIED:20240103T000000Z",
        "UID:10017-1781082000-1781197200@lisbon.example.org",
        "SUMMARY:Two-day workshop",
        "DESCRIPTION:<p>Overdose response\\, hands on.</p>",
        "URL:https://lisbon.example.org/event/workshop/",
        "LOCATION:Casa das Associações\\, Rua da Paz 1\\, Lisboa\\, 1200-001\\, Portugal",
        "CATEGORIES:Training,Naloxone",
      ],
      [
        `DTSTART;TZID=Europe/Lisbon:${stamp(`${year}-09-14`, "20:00")}`,
        `DTEND;TZID=Europe/Lisbon:${stamp(`${year}-09-14`, "22:00")}`,
        dtstamp,
        "UID:10018-1781467200-1781474400@lisbon.example.org",
        "SUMMARY:Film night",
        "CATEGORIES:Culture",
      ],
      ...(version === 1
        ? [
            [
              `DTSTART;TZID=Europe/Lisbon:${stamp(`${year}-10-02`, "18:30")}`,
              `DTEND;TZID=Europe/Lisbon:${stamp(`${year}-10-02`, "20:00")}`,
              dtstamp,
              "UID:10019-1790965800-1790971200@lisbon.example.org",
              "SUMMARY:Naloxone in prisons: a panel",
              "CATEGORIES:Panel",
            ],
          ]
        : []),
    ],
  );

  return { google, outlook, nextcloud, apple, wordpress };
}
