import { describe, expect, test } from "vitest";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";

describe("user Markdown", () => {
  test("renders ordinary formatting", () => {
    expect(renderMarkdown("**Bold** and [a link](https://example.org)")).toBe(
      '<p><strong>Bold</strong> and <a href="https://example.org" rel="nofollow noopener noreferrer">a link</a></p>\n',
    );
  });

  test("a <script> stays text", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  });

  test("javascript: and data: links are not made into links", () => {
    const html = renderMarkdown("[click](javascript:alert(1)) [img](data:text/html;base64,xx) <javascript:alert(1)>");
    expect(html).not.toContain("<a");
    expect(html).not.toMatch(/href=/);
  });

  test("raw HTML attributes cannot sneak in", () => {
    expect(renderMarkdown('<img src=x onerror="alert(1)">')).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>\n");
  });

  test("remote images are never loaded: they become links labelled with their alt text", () => {
    expect(renderMarkdown('![Our "poster"](https://tracker.example/pixel.gif?u=1&v=2) ![](https://example.org/a.png)')).toBe(
      '<p><a href="https://tracker.example/pixel.gif?u=1&amp;v=2" rel="nofollow noopener noreferrer">Our &quot;poster&quot;</a> ' +
        '<a href="https://example.org/a.png" rel="nofollow noopener noreferrer">https://example.org/a.png</a></p>\n',
    );
    expect(renderMarkdown("![x](data:image/png;base64,AAAA)")).not.toContain("<img");
    expect(markdownToPlainText("See ![the poster](https://example.org/p.png).")).toBe("See the poster (https://example.org/p.png).");
  });

  test("plain text keeps the words and writes links out", () => {
    expect(markdownToPlainText("# Title\n\nMeet us at [the centre](https://example.org/map) & bring *friends*.\n\n- one\n- two")).toBe(
      "Title\n\nMeet us at the centre (https://example.org/map) & bring friends.\n\n- one\n- two",
    );
  });
});
