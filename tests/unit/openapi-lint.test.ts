import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { openApiDocument } from "~/modules/api/openapi";

const run = promisify(execFile);

test("the API's OpenAPI document passes @redocly/cli lint (recommended rules), offline", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "daymark-openapi-")), "openapi.json");
  writeFileSync(file, JSON.stringify(openApiDocument));
  // redocly.yaml turns telemetry off as well; the update notice would ask the registry.
  const { stdout, stderr } = await run(
    path.resolve("node_modules/.bin/redocly"),
    ["lint", "--config", path.resolve("redocly.yaml"), file],
    {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  expect(`${stdout}${stderr}`).toContain("Your API description is valid.");
  expect(`${stdout}${stderr}`).not.toMatch(/warning[s]? \(|error[s]? \(/i);
});
