import type { LoaderFunctionArgs } from "@remix-run/node";
import { speakerSlotFile } from "~/modules/speakers/calendar.server";
import { findSpeakerInvitation } from "~/modules/speakers/response.server";
import { database } from "~/utils/db.server";
import { looksLikeToken } from "~/utils/tokens.server";

/** The .ics of the speaker's own slot, behind their private link. */
export async function loader({ params }: LoaderFunctionArgs) {
  const context = looksLikeToken(params.token) ? await findSpeakerInvitation(await database(), params.token) : undefined;
  if (!context) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(speakerSlotFile(context.invitation, context.event, context.network), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="session.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
