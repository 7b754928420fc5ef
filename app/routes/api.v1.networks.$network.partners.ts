import { listApiPartners } from "~/modules/api/directory.server";
import { requireNetwork } from "~/modules/api/params.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, params, appUrl }) => {
  const network = await requireNetwork(db, params.network);
  return { data: await listApiPartners(db, network, appUrl) };
});
export const action = apiAction;
