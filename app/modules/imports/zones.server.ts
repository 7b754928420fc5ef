import { IANAZone } from "luxon";
import { findIana } from "windows-iana";

/**
 * The IANA zone a calendar's TZID means. Calendar programs write zones three
 * ways: an IANA name (Google, Apple, Nextcloud), a Microsoft Windows name
 * ("W. Europe Standard Time": Outlook and Exchange), mapped through CLDR's
 * windowsZones table as the windows-iana package ships it (its territory
 * "001" answer, the zone CLDR names first), or an IANA name behind a vendor's
 * prefix ("/mozilla.org/20050126_1/Europe/Berlin",
 * "/freeassociation.sourceforge.net/Tzfile/Europe/London"). Undefined when
 * none of these fits: the caller then uses the file's own VTIMEZONE rules.
 */
export function ianaZoneFor(tzid: string): string | undefined {
  // Checking a zone name builds an Intl formatter: far the dearest step of reading a large calendar.
  if (!known.has(tzid)) known.set(tzid, resolve(tzid));
  return known.get(tzid);
}

const known = new Map<string, string | undefined>();

function resolve(tzid: string): string | undefined {
  const name = tzid.trim().replace(/^"|"$/g, "");
  if (!name) return undefined;
  if (IANAZone.isValidZone(name)) return name;
  const windows = findIana(name)[0];
  if (windows && IANAZone.isValidZone(windows)) return windows;
  const parts = name.split("/").filter(Boolean);
  for (let start = 0; start < parts.length - 1; start++) {
    const candidate = parts.slice(start).join("/");
    if (candidate.includes("/") && IANAZone.isValidZone(candidate)) return candidate;
  }
  return undefined;
}
