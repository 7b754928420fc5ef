import type { LoaderFunctionArgs } from "@remix-run/node";
import { getTranslator } from "~/i18n/registry";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireOrganiserEvent } from "~/modules/registrations/access.server";
import { attendeesCsv, listAttendees, listQuestions } from "~/modules/registrations/organiser.server";
import { recordAudit } from "~/modules/audit/audit.server";

/** The attendee list as CSV, headed in the organiser's language. Personal data: never cached. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event, user } = await requireOrganiserEvent(request, params.network, params.eventId);
  const t = getTranslator(await resolveLocale(request, user.locale));
  const [rows, questions] = await Promise.all([listAttendees(db, event.id), listQuestions(db, event.id)]);
  const csv = attendeesCsv(rows, questions, [
    t("registrations.attendees.name"),
    t("registrations.attendees.email"),
    t("registrations.register.language"),
    t("registrations.attendees.statusColumn"),
    t("registrations.attendees.position"),
    t("registrations.attendees.registered"),
  ]);
  await recordAudit(db, {
    networkId: event.networkId,
    actorUserId: user.id,
    action: "registrations.exported",
    subjectType: "event",
    subjectId: event.id,
    details: { rows: rows.length },
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="attendees.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
