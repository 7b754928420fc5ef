import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useParams, useActionData } from "@remix-run/react";
import { FormErrors, Notice } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireMembership } from "~/modules/auth/access.server";
import {
  IMPORT_FORM_BYTES,
  importPartners,
  MAX_IMPORT_BYTES,
  previewImport,
  type ImportPreview,
  type Problem,
} from "~/modules/partners/csv.server";
import { csvColumns } from "~/modules/partners/partners.schema";
import { readFormData } from "~/utils/forms.server";
import { hasForbiddenTextCharacters } from "~/utils/input-hygiene.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.partnersImport")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireMembership(request, params.network, "organiser");
  return null;
}

type PreviewSummary = Omit<ImportPreview, "validRows"> & { validCount: number };
type ActionResult =
  | { kind: "preview"; preview: PreviewSummary; csv: string }
  | { kind: "imported"; organisations: number; contacts: number }
  | { kind: "error"; error: MessageKey; preview?: PreviewSummary; csv?: string };

function summary(preview: ImportPreview): PreviewSummary {
  const { validRows, ...rest } = preview;
  return { ...rest, validCount: validRows.length };
}

async function fileText(value: FormDataEntryValue | null): Promise<string | undefined> {
  if (value && typeof value !== "string" && value.size > 0) return value.text();
  return typeof value === "string" && value ? value : undefined;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const formData = await readFormData(request, IMPORT_FORM_BYTES);
  const intent = formData.get("intent");
  const csv = (await fileText(formData.get("file"))) ?? (await fileText(formData.get("csv")));
  if (!csv) return data<ActionResult>({ kind: "error", error: "validation.required" }, { status: 400 });
  if (csv.length > MAX_IMPORT_BYTES) return data<ActionResult>({ kind: "error", error: "partners.import.tooLarge" }, { status: 400 });
  if (hasForbiddenTextCharacters(csv)) return data<ActionResult>({ kind: "error", error: "errors.controlCharacters" }, { status: 400 });

  if (intent === "import" || intent === "import-skipping") {
    const skipping = intent === "import-skipping";
    if (skipping && formData.get("confirmSkip") !== "on") {
      const preview = summary(await previewImport(db, network.id, csv));
      return data<ActionResult>({ kind: "error", error: "partners.import.skipRequired", preview, csv }, { status: 400 });
    }
    const outcome = await importPartners(db, network.id, user.id, csv, { skipInvalidRows: skipping });
    if (outcome.ok) return data<ActionResult>({ kind: "imported", organisations: outcome.organisations, contacts: outcome.contacts });
    const preview = summary(outcome.preview);
    const error =
      preview.validCount === 0 && preview.fileProblems.length === 0 ? "partners.import.nothingValid" : "partners.import.invalidIntro";
    return data<ActionResult>({ kind: "error", error, preview, csv }, { status: 400 });
  }
  return data<ActionResult>({ kind: "preview", preview: summary(await previewImport(db, network.id, csv)), csv });
}

function ProblemText({ problem }: { problem: Problem }) {
  const t = useT();
  return <>{t(problem.key, problem.values)}</>;
}

export default function ImportPartners() {
  const t = useT();
  const networkSlug = useParams().network;
  const result = useActionData<typeof action>();
  const preview = result && "preview" in result ? result.preview : undefined;
  const csv = result && "csv" in result ? result.csv : undefined;
  const clean = preview && preview.fileProblems.length === 0 && preview.invalidRows.length === 0 && preview.validCount > 0;
  return (
    <section className="page" aria-labelledby="import-title">
      <p>
        <Link to={`/n/${networkSlug}/partners`}>{t("partners.detail.back")}</Link>
      </p>
      <h1 id="import-title">{t("partners.import.title")}</h1>
      <p className="lead">{t("partners.import.intro")}</p>
      <p>{t("partners.import.columns", { columns: csvColumns.join(", ") })}</p>

      {result?.kind === "imported" ? (
        <Notice>{t("partners.import.done", { contacts: result.contacts, organisations: result.organisations })}</Notice>
      ) : null}
      {result?.kind === "error" ? <FormErrors id="import-errors" errors={[result.error]} /> : null}

      <Form method="post" encType="multipart/form-data" className="stack narrow">
        <div className="field">
          <label htmlFor="import-file">{t("partners.import.file")}</label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="preview">
            {t("partners.import.preview")}
          </button>
        </div>
      </Form>

      {preview ? (
        <section aria-labelledby="preview-title" className="card">
          <h2 id="preview-title">{t("partners.import.previewTitle")}</h2>
          {preview.fileProblems.length > 0 ? (
            <div role="alert">
              <p>{t("partners.import.fileProblems")}</p>
              <ul>
                {preview.fileProblems.map((problem, index) => (
                  <li key={index}>
                    <ProblemText problem={problem} />
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p>
              {t("partners.import.summary", {
                rows: preview.validCount,
                organisations: preview.newOrganisations,
                contacts: preview.newContacts,
                updated: preview.updatedContacts,
              })}
            </p>
          )}
          {preview.invalidRows.length > 0 ? (
            <>
              <h3 id="invalid-title">{t("partners.import.invalidTitle", { count: preview.invalidRows.length })}</h3>
              <p>{t("partners.import.invalidIntro")}</p>
              <div className="table-wrap">
                <table aria-labelledby="invalid-title">
                  <thead>
                    <tr>
                      <th scope="col">{t("partners.import.line")}</th>
                      <th scope="col">{t("partners.import.reasons")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.invalidRows.map((row) => (
                      <tr key={row.line}>
                        <th scope="row">{row.line}</th>
                        <td>
                          <ul className="plain-list">
                            {row.problems.map((problem, index) => (
                              <li key={index}>
                                <ProblemText problem={problem} />
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.validCount > 0 ? (
                <Form method="post" className="stack">
                  <input type="hidden" name="csv" value={csv} />
                  <label>
                    <input type="checkbox" name="confirmSkip" value="on" /> {t("partners.import.skipConfirm")}
                  </label>
                  <div className="actions">
                    <button type="submit" name="intent" value="import-skipping" className="button-secondary">
                      {t("partners.import.submitSkipping")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </>
          ) : null}
          {clean ? (
            <Form method="post" className="stack">
              <p>{t("partners.import.clean")}</p>
              <input type="hidden" name="csv" value={csv} />
              <div className="actions">
                <button type="submit" name="intent" value="import">
                  {t("partners.import.submit")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
