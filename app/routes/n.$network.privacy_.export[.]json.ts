import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import { requireMembership } from "~/modules/auth/access.server";
import { exportPersonalData } from "~/modules/registrations/privacy.server";
import { DataRequestSchema } from "~/modules/registrations/registrations.schema";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";

/**
 * A subject-access request answered as a file. It is a resource route so the
 * privacy page's form posts straight here as a document request and the
 * browser saves the answer instead of rendering it.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const submission = parseWithZod(await readFormData(request), { schema: DataRequestSchema });
  if (submission.status !== "success" || submission.value.intent !== "export") httpError(400, "errors.badRequest");
  const exported = await exportPersonalData(db, { networkId: network.id, actorUserId: user.id, email: submission.value.email });
  const date = DateTime.now().setZone(network.time_zone).toISODate();
  return new Response(`${JSON.stringify(exported, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${network.slug}-personal-data-${date}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
