import { httpError } from "./http.server";

/** The request's form, or a 400 (never a 500) when the body is not a form at all. */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return httpError(400, "errors.badRequest");
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checked before a parameter reaches a uuid column, where a malformed one would be a database error. */
export function isUuid(value: string | undefined): value is string {
  return typeof value === "string" && UUID.test(value);
}
