/**
 * The time zone most of a country keeps, for the countries Daymark's networks
 * work in (Europe and its neighbours). Countries with several zones on their
 * mainland are left out: the form then offers the network's zone.
 */
const countryTimeZones: Record<string, string> = {
  AD: "Europe/Andorra",
  AL: "Europe/Tirane",
  AM: "Asia/Yerevan",
  AT: "Europe/Vienna",
  AZ: "Asia/Baku",
  BA: "Europe/Sarajevo",
  BE: "Europe/Brussels",
  BG: "Europe/Sofia",
  BY: "Europe/Minsk",
  CH: "Europe/Zurich",
  CY: "Asia/Nicosia",
  CZ: "Europe/Prague",
  DE: "Europe/Berlin",
  DK: "Europe/Copenhagen",
  EE: "Europe/Tallinn",
  ES: "Europe/Madrid",
  FI: "Europe/Helsinki",
  FR: "Europe/Paris",
  GB: "Europe/London",
  GE: "Asia/Tbilisi",
  GR: "Europe/Athens",
  HR: "Europe/Zagreb",
  HU: "Europe/Budapest",
  IE: "Europe/Dublin",
  IS: "Atlantic/Reykjavik",
  IT: "Europe/Rome",
  LI: "Europe/Vaduz",
  LT: "Europe/Vilnius",
  LU: "Europe/Luxembourg",
  LV: "Europe/Riga",
  MC: "Europe/Monaco",
  MD: "Europe/Chisinau",
  ME: "Europe/Podgorica",
  MK: "Europe/Skopje",
  MT: "Europe/Malta",
  NL: "Europe/Amsterdam",
  NO: "Europe/Oslo",
  PL: "Europe/Warsaw",
  PT: "Europe/Lisbon",
  RO: "Europe/Bucharest",
  RS: "Europe/Belgrade",
  SE: "Europe/Stockholm",
  SI: "Europe/Ljubljana",
  SK: "Europe/Bratislava",
  SM: "Europe/San_Marino",
  TR: "Europe/Istanbul",
  UA: "Europe/Kyiv",
};

/** The zone a partner's events most likely keep: its country's, if the country has one. */
export function countryTimeZone(country: string | null | undefined): string | undefined {
  return country ? countryTimeZones[country.toUpperCase()] : undefined;
}
