import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/modules/auth/access.server";
import { recipientFilterFrom } from "~/modules/mailings/mailings.schema";
import { getMailing } from "~/modules/mailings/mailings.server";
import { exportRecipientsCsv } from "~/modules/mailings/report.server";
import { isUuid } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";

/** The report's recipients, filtered as on the page, with their latest state and server answer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const mailing = isUuid(params.mailingId) ? await getMailing(db, network.id, params.mailingId) : undefined;
  if (!mailing) notFound();
  const csv = await exportRecipientsCsv(db, mailing.id, recipientFilterFrom(new URL(request.url)));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${network.slug}-mailing-recipients.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
