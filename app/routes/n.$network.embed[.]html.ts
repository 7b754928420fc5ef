import type { LoaderFunctionArgs } from "@remix-run/node";
import { embedFrame } from "~/modules/embed/embed.server";
import { database } from "~/utils/db.server";

/** The embeddable calendar in a frame (docs/embed.md): framed only by the sites the network's owners allow. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return embedFrame(await database(), params.network ?? "", new URL(request.url).searchParams);
}
