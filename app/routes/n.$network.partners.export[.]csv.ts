import type { LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import { requireMembership } from "~/modules/auth/access.server";
import { exportPartnersCsv } from "~/modules/partners/csv.server";

/** The directory as CSV, in the same columns the import reads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const csv = await exportPartnersCsv(db, network.id);
  const date = DateTime.now().setZone(network.time_zone).toISODate();
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${network.slug}-partners-${date}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
