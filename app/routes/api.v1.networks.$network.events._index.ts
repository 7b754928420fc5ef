import { listApiEvents } from "~/modules/api/events.server";
import { eventQueryOf, requireNetwork } from "~/modules/api/params.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, reader, url, params, appUrl, now }) => {
  const query = eventQueryOf(url);
  const network = await requireNetwork(db, params.network);
  return listApiEvents(db, { network, reader, query, appUrl, now });
});
export const action = apiAction;
