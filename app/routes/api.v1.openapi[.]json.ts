import { openApiDocument } from "~/modules/api/openapi";
import { apiAction, apiLoader } from "~/modules/api/route.server";

/** The API's OpenAPI 3.1 document (docs/api.md). */
export const loader = apiLoader(async () => openApiDocument);
export const action = apiAction;
