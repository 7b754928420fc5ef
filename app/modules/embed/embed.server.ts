import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { embedAttributes } from "./embed.schema";

/**
 * The iframe fallback of the embeddable calendar: a page of its own, framed
 * only by the sites the network's owners listed (frame-ancestors), running
 * the same script as the snippet, with nothing else allowed.
 */
export async function setEmbedOrigins(db: Kysely<Database>, input: { networkId: string; userId: string; origins: string[] }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("networks").set({ embed_origins: input.origins }).where("id", "=", input.networkId).execute();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.userId,
      action: "embed.origins_changed",
      subjectType: "network",
      subjectId: input.networkId,
      details: { count: input.origins.length },
    });
  });
}

function embedFramePolicy(origins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${origins.length > 0 ? origins.join(" ") : "'none'"}`,
  ].join("; ");
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

export async function embedFrame(db: Kysely<Database>, slug: string, search: URLSearchParams): Promise<Response> {
  const network = await db.selectFrom("networks").select(["slug", "name", "embed_origins"]).where("slug", "=", slug).executeTakeFirst();
  if (!network) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const attributes = [`network="${escape(network.slug)}"`];
  for (const name of embedAttributes) {
    const value = search.get(name);
    if (value && value.length <= 200) attributes.push(`${name}="${escape(value)}"`);
  }
  const lang = escape(search.get("lang")?.slice(0, 20) || "en");
  const html = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><base target="_top"><title>${escape(network.name)}</title></head>
<body><daymark-events ${attributes.join(" ")}></daymark-events><script src="/embed.js"></script></body>
</html>
`;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": embedFramePolicy(network.embed_origins),
      "Cache-Control": "public, max-age=300",
      "Referrer-Policy": "no-referrer",
    },
  });
}

export async function getEmbedOrigins(db: Kysely<Database>, networkId: string): Promise<string[]> {
  const row = await db.selectFrom("networks").select("embed_origins").where("id", "=", networkId).executeTakeFirstOrThrow();
  return row.embed_origins;
}
