import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/types";
import { emailField } from "~/modules/auth/auth.schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { MessageKey } from "~/i18n/translate";
import { spreadsheetSafe } from "~/utils/spreadsheet";
import { contactLanguageField, countryField, csvColumns, languageListField, tagListField, websiteField } from "./partners.schema";

type CsvColumn = (typeof csvColumns)[number];
const requiredColumns: CsvColumn[] = ["organisation", "country", "contact_name", "contact_email"];

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** The import form's cap: the file, or on the confirming step the same CSV URL-encoded in a text field (up to 3 bytes a byte). */
export const IMPORT_FORM_BYTES = 3 * MAX_IMPORT_BYTES + 64 * 1024;

export interface Problem {
  key: MessageKey;
  values?: Record<string, string | number>;
}

export interface ImportRow {
  line: number;
  organisation: { name: string; country: string; city: string | null; languages: string[]; website: string | null; tags: string[] };
  contact: { name: string; email: string; locale: string | null; roleTitle: string; subscribed: boolean };
}

export interface ImportPreview {
  /** Problems with the file as a whole (not CSV, missing columns): nothing can be imported. */
  fileProblems: Problem[];
  validRows: ImportRow[];
  invalidRows: { line: number; problems: Problem[] }[];
  newOrganisations: number;
  newContacts: number;
  updatedContacts: number;
}

const subscribedValues: Record<string, boolean> = {
  "": true,
  yes: true,
  y: true,
  true: true,
  "1": true,
  oui: true,
  no: false,
  n: false,
  false: false,
  "0": false,
  non: false,
};

function fieldProblem<T>(schema: z.ZodType<T>, value: string, column: CsvColumn): { value?: T; problem?: Problem } {
  const result = schema.safeParse(value);
  if (result.success) return { value: result.data };
  return { problem: { key: "partners.import.problems.column", values: { column } } };
}

/** Reads and checks every row; touches nothing. */
export async function previewImport(db: Kysely<Database>, networkId: string, text: string): Promise<ImportPreview> {
  const empty: ImportPreview = {
    fileProblems: [],
    validRows: [],
    invalidRows: [],
    newOrganisations: 0,
    newContacts: 0,
    updatedContacts: 0,
  };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ...empty, fileProblems: [{ key: "partners.import.problems.notCsv", values: { line } }] };
  }
  const [header, ...rows] = records;
  if (!header) return { ...empty, fileProblems: [{ key: "partners.import.problems.empty" }] };
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(csvColumns as readonly string[]).includes(name));
  const missing = requiredColumns.filter((name) => !columns.includes(name));
  const fileProblems: Problem[] = [
    ...unknown.map((column) => ({ key: "partners.import.problems.unknownColumn" as const, values: { column } })),
    ...missing.map((column) => ({ key: "partners.import.problems.missingColumn" as const, values: { column } })),
  ];
  if (rows.length === 0) fileProblems.push({ key: "partners.import.problems.empty" });
  if (rows.length > MAX_IMPORT_ROWS) fileProblems.push({ key: "partners.import.problems.tooManyRows", values: { max: MAX_IMPORT_ROWS } });
  if (fileProblems.length > 0) return { ...empty, fileProblems };

  const existingContacts = new Map(
    (
      await db
        .selectFrom("partner_contacts")
        .innerJoin("partner_organisations", "partner_organisations.id", "partner_contacts.partner_id")
        .select(["partner_contacts.email", "partner_organisations.name"])
        .where("partner_contacts.network_id", "=", networkId)
        .execute()
    ).map((row) => [row.email, row.name]),
  );
  const existingOrganisations = new Set(
    (await db.selectFrom("partner_organisations").select("name").where("network_id", "=", networkId).execute()).map((row) =>
      row.name.toLowerCase(),
    ),
  );

  const preview: ImportPreview = { ...empty };
  const emailLines = new Map<string, number>();
  const organisationRows = new Map<string, { line: number; country: string }>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const cell = (column: CsvColumn) => {
      const index = columns.indexOf(column);
      return index >= 0 ? (record[index] ?? "").trim() : "";
    };
    const problems: Problem[] = [];
    if (record.length !== columns.length) {
      problems.push({ key: "partners.import.problems.columnCount", values: { found: record.length, expected: columns.length } });
    }
    const name = cell("organisation");
    if (!name) problems.push({ key: "partners.import.problems.organisationMissing" });
    else if (name.length > 200) problems.push({ key: "partners.import.problems.column", values: { column: "organisation" } });
    const country = fieldProblem(countryField, cell("country"), "country");
    const languages = fieldProblem(languageListField, cell("languages"), "languages");
    const website = fieldProblem(websiteField, cell("website"), "website");
    const tags = fieldProblem(tagListField, cell("tags"), "tags");
    const contactName = cell("contact_name");
    if (!contactName) problems.push({ key: "partners.import.problems.contactNameMissing" });
    const email = fieldProblem(emailField, cell("contact_email"), "contact_email");
    const locale = fieldProblem(contactLanguageField, cell("contact_language"), "contact_language");
    for (const check of [country, languages, website, tags, email, locale]) if (check.problem) problems.push(check.problem);
    const subscribed = subscribedValues[cell("subscribed").toLowerCase()];
    if (subscribed === undefined) problems.push({ key: "partners.import.problems.column", values: { column: "subscribed" } });

    if (email.value) {
      const earlier = emailLines.get(email.value);
      if (earlier !== undefined) problems.push({ key: "partners.import.problems.duplicateEmail", values: { line: earlier } });
      else emailLines.set(email.value, line);
      const owner = existingContacts.get(email.value);
      if (owner !== undefined && owner.toLowerCase() !== name.toLowerCase()) {
        problems.push({ key: "partners.import.problems.emailOfOtherOrganisation", values: { organisation: owner } });
      }
    }
    if (name && country.value) {
      const first = organisationRows.get(name.toLowerCase());
      if (first && first.country !== country.value) {
        problems.push({ key: "partners.import.problems.countryConflict", values: { line: first.line } });
      } else if (!first) organisationRows.set(name.toLowerCase(), { line, country: country.value });
    }

    if (problems.length > 0) {
      preview.invalidRows.push({ line, problems });
      continue;
    }
    preview.validRows.push({
      line,
      organisation: {
        name,
        country: country.value!,
        city: cell("city") || null,
        languages: languages.value!,
        website: website.value ?? null,
        tags: tags.value!,
      },
      contact: {
        name: contactName,
        email: email.value!,
        locale: locale.value ?? null,
        roleTitle: cell("contact_role"),
        subscribed: subscribed!,
      },
    });
  }
  const newNames = new Set(
    preview.validRows.map((row) => row.organisation.name.toLowerCase()).filter((name) => !existingOrganisations.has(name)),
  );
  preview.newOrganisations = newNames.size;
  preview.updatedContacts = preview.validRows.filter((row) => existingContacts.has(row.contact.email)).length;
  preview.newContacts = preview.validRows.length - preview.updatedContacts;
  return preview;
}

export type ImportOutcome = { ok: true; organisations: number; contacts: number } | { ok: false; preview: ImportPreview };

/**
 * Imports the file in one transaction. A file with any invalid row imports
 * nothing unless the organiser chose to skip the invalid rows. Known contacts
 * are updated, but never subscribed again once they unsubscribed.
 */
export async function importPartners(
  db: Kysely<Database>,
  networkId: string,
  actorUserId: string,
  text: string,
  { skipInvalidRows }: { skipInvalidRows: boolean },
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    const preview = await previewImport(trx, networkId, text);
    const blocked = preview.fileProblems.length > 0 || (preview.invalidRows.length > 0 && !skipInvalidRows);
    if (blocked || preview.validRows.length === 0) return { ok: false as const, preview };

    const organisationIds = new Map<string, string>();
    for (const { organisation } of preview.validRows) {
      const key = organisation.name.toLowerCase();
      if (organisationIds.has(key)) continue;
      const existing = await trx
        .selectFrom("partner_organisations")
        .select(["id", "languages", "tags"])
        .where("network_id", "=", networkId)
        .where(sql<boolean>`lower(name) = ${key}`)
        .executeTakeFirst();
      if (existing) {
        await trx
          .updateTable("partner_organisations")
          .set({
            country: organisation.country,
            ...(organisation.city ? { city: organisation.city } : {}),
            ...(organisation.website ? { website: organisation.website } : {}),
            languages: [...new Set([...existing.languages, ...organisation.languages])],
            tags: [...new Set([...existing.tags, ...organisation.tags])],
            updated_at: sql`now()`,
          })
          .where("id", "=", existing.id)
          .execute();
        organisationIds.set(key, existing.id);
      } else {
        const { id } = await trx
          .insertInto("partner_organisations")
          .values({ network_id: networkId, ...organisation })
          .returning("id")
          .executeTakeFirstOrThrow();
        organisationIds.set(key, id);
      }
    }
    for (const { organisation, contact } of preview.validRows) {
      await trx
        .insertInto("partner_contacts")
        .values({
          network_id: networkId,
          partner_id: organisationIds.get(organisation.name.toLowerCase())!,
          name: contact.name,
          email: contact.email,
          locale: contact.locale,
          role_title: contact.roleTitle,
          subscribed: contact.subscribed,
          unsubscribed_at: contact.subscribed ? null : new Date(),
        })
        .onConflict((oc) =>
          oc.columns(["network_id", "email"]).doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            locale: eb.ref("excluded.locale"),
            role_title: eb.ref("excluded.role_title"),
            subscribed: sql<boolean>`partner_contacts.subscribed and excluded.subscribed`,
            unsubscribed_at: sql<Date>`coalesce(partner_contacts.unsubscribed_at, excluded.unsubscribed_at)`,
            updated_at: sql`now()`,
          })),
        )
        .execute();
    }
    await recordAudit(trx, {
      networkId,
      actorUserId,
      action: "partner.imported",
      details: { organisations: organisationIds.size, contacts: preview.validRows.length, skipped: preview.invalidRows.length },
    });
    return { ok: true as const, organisations: organisationIds.size, contacts: preview.validRows.length };
  });
}

export async function exportPartnersCsv(db: Kysely<Database>, networkId: string): Promise<string> {
  const rows = await db
    .selectFrom("partner_organisations as o")
    .leftJoin("partner_contacts as c", "c.partner_id", "o.id")
    .select([
      "o.name",
      "o.country",
      "o.city",
      "o.languages",
      "o.website",
      "o.tags",
      "c.name as contactName",
      "c.email",
      "c.locale",
      "c.role_title",
      "c.subscribed",
    ])
    .where("o.network_id", "=", networkId)
    .orderBy("o.name")
    .orderBy("c.email")
    .execute();
  const records = rows.map((row) =>
    [
      row.name,
      row.country,
      row.city ?? "",
      row.languages.join("; "),
      row.website ?? "",
      row.tags.join("; "),
      row.contactName ?? "",
      row.email ?? "",
      row.locale ?? "",
      row.role_title ?? "",
      row.subscribed === null ? "" : row.subscribed ? "yes" : "no",
    ].map(spreadsheetSafe),
  );
  return stringify([[...csvColumns], ...records]);
}
