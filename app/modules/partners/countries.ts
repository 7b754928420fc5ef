/**
 * ISO 3166-1 alpha-2 country codes, plus XK (Kosovo, user-assigned but used by
 * the EU and by partners there). Names come from Intl.DisplayNames in the
 * reader's language, so no list of names is kept here.
 */
export const countryCodes: readonly string[] = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB",
  "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY",
  "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX",
  "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK",
  "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
  "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR",
  "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA",
  "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
  "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE",
  "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
  "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG",
  "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF",
  "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY",
  "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

const countrySet = new Set(countryCodes);

export function isCountryCode(value: string): boolean {
  return countrySet.has(value);
}

/** A country's name in the reader's language ("PT" → "Portugal", "Portugal" in French too). */
export function countryName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "region", fallback: "code" }).of(code) ?? code;
}

/** Every country, sorted by its name in the reader's language, for a select. */
export function countryOptions(locale: string): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const collator = new Intl.Collator(locale);
  return countryCodes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

/** A two-letter ISO 639-1 code that names a language ("pt"), not just any two letters. */
export function isLanguageCode(value: string): boolean {
  if (!/^[a-z]{2}$/.test(value)) return false;
  return new Intl.DisplayNames(["en"], { type: "language", fallback: "none" }).of(value) !== undefined;
}

export function languageName(code: string, locale: string): string {
  return new Intl.DisplayNames([locale], { type: "language", fallback: "code" }).of(code) ?? code;
}

/** Languages offered for mailing versions: the EU's, the wider region's, and a few spoken by migrant communities. */
export const commonLanguageCodes: readonly string[] = [
  "ar", "az", "be", "bg", "bs", "ca", "cs", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "ga", "gl",
  "hr", "hu", "hy", "is", "it", "ka", "kk", "lb", "lt", "lv", "mk", "mt", "nl", "no", "pl", "pt", "ro", "ru", "sk",
  "sl", "sq", "sr", "sv", "tr", "uk",
];

export function languageOptions(locale: string, codes: readonly string[] = commonLanguageCodes) {
  const collator = new Intl.Collator(locale);
  return codes
    .map((code) => ({ value: code, label: languageName(code, locale) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
