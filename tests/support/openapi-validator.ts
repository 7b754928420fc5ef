import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "~/modules/api/openapi";

/**
 * Checks an API answer against the OpenAPI document: its status must be
 * declared for the operation, and its JSON body must match the declared
 * schema (JSON Schema 2020-12, formats included).
 */
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...openApiDocument, $id: "daymark-openapi" });

const pointerPart = (part: string) => encodeURIComponent(part.replaceAll("~", "~0").replaceAll("/", "~1"));

export async function expectMatchesDocument(template: string, response: Response): Promise<unknown> {
  const operation = (
    openApiDocument.paths as Record<string, { get: { responses: Record<string, { content?: Record<string, unknown> }> } }>
  )[template]?.get;
  expect(operation, `${template} is in the document`).toBeDefined();
  const declared = operation!.responses[String(response.status)];
  expect(declared, `${template} declares ${response.status}`).toBeDefined();
  if (!declared!.content) {
    expect(await response.text()).toBe("");
    return undefined;
  }
  const contentType = response.headers.get("content-type")!.split(";")[0]!;
  expect(Object.keys(declared!.content)).toContain(contentType);
  const pointer = ["paths", template, "get", "responses", String(response.status), "content", contentType, "schema"]
    .map(pointerPart)
    .join("/");
  const validate = ajv.getSchema(`daymark-openapi#/${pointer}`)!;
  const body: unknown = await response.json();
  const valid = validate(body);
  expect(valid ? [] : validate.errors, `${template} ${response.status} matches its schema`).toEqual([]);
  return body;
}
