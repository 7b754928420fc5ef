import { listApiCampaigns } from "~/modules/api/directory.server";
import { languageOf, requireNetwork } from "~/modules/api/params.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, url, params, appUrl }) => {
  const network = await requireNetwork(db, params.network);
  return { data: await listApiCampaigns(db, network, languageOf(url, network), appUrl) };
});
export const action = apiAction;
