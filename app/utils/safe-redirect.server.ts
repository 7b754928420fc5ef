import { hasControlCharacters } from "./input-hygiene.server";
import { httpError } from "./http.server";

// Any origin of ours would do: only whether a value stays on it matters.
const BASE = new URL("http://daymark.invalid");

/**
 * The one judge of every `redirectTo`: a path on this site, or `fallback`.
 * The value is judged as a browser will read it, after URL parsing has dropped
 * tabs and newlines, turned backslashes into slashes and resolved dot segments
 * (`/%09/evil.example`, `/\evil`, `/.//evil` all name another host). Control
 * characters are refused with a 400: they would otherwise break the Location
 * header.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  if (hasControlCharacters(value)) httpError(400, "errors.badRequest");
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that begins with two slashes is read as another host once it is sent back.
  if (url.origin !== BASE.origin || path.startsWith("//")) return fallback;
  return path;
}
