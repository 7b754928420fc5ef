import { listApiDays } from "~/modules/api/directory.server";
import { languageOf, requireNetwork } from "~/modules/api/params.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, url, params, appUrl, now }) => {
  const network = await requireNetwork(db, params.network);
  return { data: await listApiDays(db, network, languageOf(url, network), appUrl, now) };
});
export const action = apiAction;
