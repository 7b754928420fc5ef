import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { destroySession } from "~/modules/auth/sessions.server";
import { database } from "~/utils/db.server";

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await destroySession(await database(), request);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
