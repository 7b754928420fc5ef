import { getApiEvent } from "~/modules/api/events.server";
import { requireNetwork } from "~/modules/api/params.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, reader, params, appUrl, now }) => {
  const network = await requireNetwork(db, params.network);
  return getApiEvent(db, { network, reader, eventId: params.eventId ?? "", appUrl, now });
});
export const action = apiAction;
