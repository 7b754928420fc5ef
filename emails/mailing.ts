import { escapeHtml } from "./layout";
import type { EmailTemplate } from "./types";

/**
 * A mailing written by organisers: the body is already safe HTML (rendered
 * from Markdown by app/utils/markdown.server.ts, raw HTML never passed through).
 * The footer tells the reader why they receive it and how to stop.
 */
export const mailing: EmailTemplate<{
  /** The variant's language, for the HTML lang attribute (may be one the interface does not speak). */
  language: string;
  subject: string;
  bodyHtml: string;
  bodyText: string;
  networkName: string;
  partnerName: string;
  unsubscribeUrl: string;
}> = ({ params, t }) => {
  const why = t("mailings.email.why", { partner: params.partnerName, network: params.networkName });
  const unsubscribe = t("mailings.email.unsubscribe");
  const text = `${params.bodyText}\n\n-- \n${why}\n${unsubscribe}: ${params.unsubscribeUrl}\n`;
  const html = `<!doctype html>
<html lang="${escapeHtml(params.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(params.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5;color:#1c1917">
<main style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
${params.bodyHtml}
</main>
<footer style="max-width:560px;margin:16px auto 0;font-size:13px;color:#4a4f57">
<p style="margin:0 0 8px">${escapeHtml(why)}</p>
<p style="margin:0"><a href="${escapeHtml(params.unsubscribeUrl)}" style="color:#1d4ed8">${escapeHtml(unsubscribe)}</a></p>
</footer>
</body>
</html>
`;
  return { subject: params.subject, text, html };
};
