import { DateTime } from "luxon";
import { formattedOnce } from "~/i18n/server-texts";

/**
 * Date and time formatting for readers, always through luxon in the reader's
 * locale. `zone` is an IANA zone; the default is the event's or network's zone
 * passed by the caller, never the server's.
 */
export const formatDateTime = formattedOnce("dates.dateTime", (value: Date | string, locale: string, zone: string): string =>
  toDateTime(value, zone).setLocale(locale).toLocaleString(DateTime.DATETIME_MED),
);

export const formatDate = formattedOnce("dates.date", (value: Date | string, locale: string, zone: string): string =>
  toDateTime(value, zone).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
);

function toDateTime(value: Date | string, zone: string): DateTime {
  return typeof value === "string" ? DateTime.fromISO(value, { zone }) : DateTime.fromJSDate(value, { zone });
}
