import { httpError } from "./http.server";
import { hasForbiddenTextCharacters } from "./input-hygiene.server";

/** The most an ordinary form may send: event, registration and sign-in forms are a few kilobytes. */
export const FORM_BODY_BYTES = 1024 * 1024;

/**
 * The request's form, read with a size cap, or an HTTP refusal (never a 500):
 * 413 when the body is larger than `maxBytes` (declared in Content-Length, or
 * counted while a chunked upload streams in, so a huge body is never held in
 * memory), 400 when it is not a form at all or carries control characters
 * other than tab and line breaks in any name or value.
 */
export async function readFormData(request: Request, maxBytes = FORM_BODY_BYTES): Promise<FormData> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > maxBytes) httpError(413, "errors.tooLarge");
  const body = await readCapped(request, maxBytes);
  let form: FormData;
  try {
    form = await new Request(request.url, {
      method: "POST",
      headers: { "Content-Type": request.headers.get("Content-Type") ?? "" },
      body,
    }).formData();
  } catch {
    return httpError(400, "errors.badRequest");
  }
  for (const [name, value] of form) {
    // Uploaded files are checked by their own parsers (the CSV import); names and typed text are checked here.
    if (hasForbiddenTextCharacters(name) || (typeof value === "string" && hasForbiddenTextCharacters(value))) {
      httpError(400, "errors.controlCharacters");
    }
  }
  return form;
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await reader.read();
    } catch {
      return httpError(400, "errors.badRequest");
    }
    if (result.done) break;
    size += result.value.byteLength;
    if (size > maxBytes) {
      // Stop reading: the rest of the upload is never buffered. (Cancelling would
      // destroy the socket before the 413 could be sent.)
      reader.releaseLock();
      httpError(413, "errors.tooLarge");
    }
    chunks.push(result.value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checked before a parameter reaches a uuid column, where a malformed one would be a database error. */
export function isUuid(value: string | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}
