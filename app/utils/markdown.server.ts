import MarkdownIt from "markdown-it";

/**
 * Markdown written by organisers and partners (event descriptions, campaign
 * texts, mailings). Raw HTML is never passed through, and links may only point
 * to http(s) and mailto: a `<script>` stays text and `javascript:` links are
 * dropped. Images are never loaded from elsewhere: they turn into links.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const SAFE_LINK = /^(https?:|mailto:)/i;
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

// Links written by users open outside the app and carry no referrer or opener.
const defaultLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// A remote image would make every reader's browser or mail client call its host
// (a tracker, in effect). Images become links to them, labelled with their alt text.
markdown.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx]!;
  const src = String(token.attrGet("src") ?? "");
  const label = token.content.trim() || src;
  return `<a href="${markdown.utils.escapeHtml(src)}" rel="nofollow noopener noreferrer">${markdown.utils.escapeHtml(label)}</a>`;
};

/** Safe HTML for a page or an e-mail. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** Plain text for places that take no markup (iCalendar DESCRIPTION, text e-mails): links written out. */
export function markdownToPlainText(source: string): string {
  const html = markdown.render(source);
  return html
    .replace(/>\n/g, ">")
    .replace(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g, (_m, href: string, text: string) =>
      text === href || `mailto:${text}` === href ? text : `${text} (${href})`,
    )
    .replace(/<li>/g, "- ")
    .replace(/<\/(p|h[1-6]|blockquote|pre|ul|ol)>/g, "\n\n")
    .replace(/<\/li>/g, "\n")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
