import type { Locale } from "~/i18n/locales";

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** A header value on one line: user text must never start a new header. */
export function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").trim();
}

export type Block =
  | { kind: "paragraph"; text: string }
  /** One paragraph of lines, some written in another language than the message (an event's translated title). */
  | { kind: "lines"; lines: { text: string; lang?: string }[] }
  | { kind: "button"; label: string; url: string }
  | { kind: "note"; text: string };

/** The plain-text part: paragraphs, then links written out in full. */
export function renderText(blocks: Block[]): string {
  const textOf = (block: Block) =>
    block.kind === "button"
      ? `${block.label}:\n${block.url}`
      : block.kind === "lines"
        ? block.lines.map((line) => line.text).join("\n")
        : block.text;
  return blocks.map(textOf).join("\n\n") + "\n";
}

/**
 * The HTML part: simple, table-free markup that mail clients render and screen
 * readers read in order. Every piece of text is escaped here; templates pass text.
 */
export function renderHtml(locale: Locale, title: string, blocks: Block[]): string {
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case "paragraph":
          return `<p style="margin:0 0 16px">${escapeHtml(block.text).replace(/\n/g, "<br>")}</p>`;
        case "lines":
          return `<p style="margin:0 0 16px">${block.lines
            .map((line) => (line.lang ? `<span lang="${escapeHtml(line.lang)}">${escapeHtml(line.text)}</span>` : escapeHtml(line.text)))
            .join("<br>")}</p>`;
        case "note":
          return `<p style="margin:0 0 16px;color:#4a4f57;font-size:14px">${escapeHtml(block.text)}</p>`;
        case "button":
          return (
            `<p style="margin:0 0 24px"><a href="${escapeHtml(block.url)}" ` +
            `style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none">` +
            `${escapeHtml(block.label)}</a></p>` +
            `<p style="margin:0 0 16px;font-size:13px;color:#4a4f57;word-break:break-all">${escapeHtml(block.url)}</p>`
          );
      }
    })
    .join("\n");
  return `<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f5f5f4;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5;color:#1c1917">
<main style="max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px">
${body}
</main>
</body>
</html>
`;
}
