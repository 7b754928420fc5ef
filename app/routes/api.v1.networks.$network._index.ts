import { shapeNetwork } from "~/modules/api/directory.server";
import { requireNetwork } from "~/modules/api/params.server";
import { apiAction, apiLoader } from "~/modules/api/route.server";

export const loader = apiLoader(async ({ db, params, appUrl }) => shapeNetwork(await requireNetwork(db, params.network), appUrl));
export const action = apiAction;
