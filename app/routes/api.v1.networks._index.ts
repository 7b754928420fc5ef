import { listApiNetworks } from "~/modules/api/directory.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, appUrl }) => ({ data: await listApiNetworks(db, appUrl) }));
export const action = apiAction;
