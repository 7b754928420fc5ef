import { useEffect, useState } from "react";
import { useLocale, useT } from "~/i18n/react";
import { formatEventWhen } from "~/modules/events/event-times";

/**
 * The event's time in the reader's own zone, read from the browser once the
 * page has loaded. It shows only when it reads differently from the time in
 * the event's zone; without JavaScript the page shows the event's zone alone.
 */
export function ViewerTime({ startsAt, endsAt, timeZone }: { startsAt: string; endsAt: string; timeZone: string }) {
  const t = useT();
  const locale = useLocale();
  const [viewer, setViewer] = useState<{ zone: string; when: string } | null>(null);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === timeZone) return;
    const event = { startsAt, endsAt, allDay: false, startDate: null, endDate: null };
    const when = formatEventWhen(event, locale, zone);
    if (when !== formatEventWhen(event, locale, timeZone)) setViewer({ zone, when });
  }, [startsAt, endsAt, timeZone, locale]);
  if (!viewer) return null;
  return (
    <p className="viewer-time" data-testid="viewer-time">
      {t("events.page.yourTime", { zone: viewer.zone.replaceAll("_", " "), when: viewer.when })}
    </p>
  );
}
