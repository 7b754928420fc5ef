import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exportPartnersCsv, importPartners, previewImport } from "~/modules/partners/csv.server";
import { listPartners } from "~/modules/partners/partners.server";
import { consumeSignInLink, describeSignInLink, requestPortalSignIn } from "~/modules/partners/portal.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

const header = "organisation,country,city,languages,website,tags,contact_name,contact_email,contact_language,contact_role,subscribed";

describe.each(testDrivers())("partner directory and portal (%s)", (driver) => {
  let database: TestDatabase;
  let network: Awaited<ReturnType<typeof createNetwork>>;
  let organiserId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    network = await createNetwork(database.db, "dir", "Directory Network");
    organiserId = (await createUser(database.db, { email: "org@dir.example.org", networkId: network.id, role: "organiser" })).id;
  });
  afterAll(async () => {
    await database?.drop();
  });

  test("a CSV with invalid rows lists each with its reasons and imports nothing", async () => {
    const csv = [
      header,
      "Porto Peers,PT,Porto,pt; en,https://porto.example.org,peer-led; harm-reduction service,Ana,ana@porto.example.org,pt,Coordinator,yes",
      "Porto Peers,ES,Porto,pt,,,Bruno,bruno@porto.example.org,xx,,maybe",
      ",FR,,,,,Nobody,ANA@porto.example.org,,,",
      "Kyiv Union,UA,Kyiv,uk,ftp://kyiv,,Olha,olha@kyiv.example.org,uk,,no",
    ].join("\n");
    const preview = await previewImport(database.db, network.id, csv);
    expect(preview.fileProblems).toEqual([]);
    expect(preview.validRows.map((row) => row.line)).toEqual([2]);
    expect(preview.invalidRows).toEqual([
      {
        line: 3,
        problems: [
          { key: "partners.import.problems.column", values: { column: "contact_language" } },
          { key: "partners.import.problems.column", values: { column: "subscribed" } },
          { key: "partners.import.problems.countryConflict", values: { line: 2 } },
        ],
      },
      {
        line: 4,
        problems: [
          { key: "partners.import.problems.organisationMissing" },
          { key: "partners.import.problems.duplicateEmail", values: { line: 2 } },
        ],
      },
      { line: 5, problems: [{ key: "partners.import.problems.column", values: { column: "website" } }] },
    ]);
    expect(await importPartners(database.db, network.id, organiserId, csv, { skipInvalidRows: false })).toMatchObject({ ok: false });
    expect(await listPartners(database.db, network.id)).toEqual([]);

    expect(await importPartners(database.db, network.id, organiserId, csv, { skipInvalidRows: true })).toEqual({
      ok: true,
      organisations: 1,
      contacts: 1,
    });
    expect(await listPartners(database.db, network.id)).toMatchObject([
      { name: "Porto Peers", country: "PT", languages: ["pt", "en"], tags: ["peer-led", "harm-reduction service"], contactCount: 1 },
    ]);
  });

  test("file-level problems: unknown and missing columns, not CSV", async () => {
    expect((await previewImport(database.db, network.id, "organisation,country,colour\nA,PT,red\n")).fileProblems).toEqual([
      { key: "partners.import.problems.unknownColumn", values: { column: "colour" } },
      { key: "partners.import.problems.missingColumn", values: { column: "contact_name" } },
      { key: "partners.import.problems.missingColumn", values: { column: "contact_email" } },
    ]);
    expect((await previewImport(database.db, network.id, `${header}\n"unclosed,PT\n`)).fileProblems).toEqual([
      { key: "partners.import.problems.notCsv", values: { line: 2 } },
    ]);
  });

  test("re-importing never subscribes again someone who unsubscribed; export round-trips and defuses formulas", async () => {
    await database.db
      .updateTable("partner_contacts")
      .set({ subscribed: false, unsubscribed_at: new Date() })
      .where("email", "=", "ana@porto.example.org")
      .execute();
    const csv = `${header}\nPorto Peers,PT,Porto,pt,,,Ana Maria,ana@porto.example.org,pt,=cmd(),yes\n`;
    expect(await importPartners(database.db, network.id, organiserId, csv, { skipInvalidRows: false })).toMatchObject({ ok: true });
    const ana = await database.db
      .selectFrom("partner_contacts")
      .selectAll()
      .where("email", "=", "ana@porto.example.org")
      .executeTakeFirstOrThrow();
    expect(ana).toMatchObject({ name: "Ana Maria", subscribed: false });
    expect(await exportPartnersCsv(database.db, network.id)).toBe(
      `${header}\nPorto Peers,PT,Porto,pt; en,https://porto.example.org,peer-led; harm-reduction service,Ana Maria,ana@porto.example.org,pt,'=cmd(),no\n`,
    );
  });

  test("filters: country, language, tag and search across contacts", async () => {
    const names = async (filter: Parameters<typeof listPartners>[2]) =>
      (await listPartners(database.db, network.id, filter)).map((p) => p.name);
    await database.db
      .insertInto("partner_organisations")
      .values({ network_id: network.id, name: "Lyon 100% Santé", country: "FR", languages: ["fr"], tags: ["HIV"] })
      .execute();
    expect(await names({ country: "FR" })).toEqual(["Lyon 100% Santé"]);
    expect(await names({ language: "pt" })).toEqual(["Porto Peers"]);
    expect(await names({ tag: "HIV" })).toEqual(["Lyon 100% Santé"]);
    expect(await names({ q: "ana maria" })).toEqual(["Porto Peers"]);
    expect(await names({ q: "100%" })).toEqual(["Lyon 100% Santé"]);
    expect(await names({ q: "_" })).toEqual([]);
  });

  test("a magic link signs a contact in once, as a partner, and ties their account to the contact", async () => {
    const db = database.db;
    const outcome = await requestPortalSignIn(db, {
      network,
      email: "ana@porto.example.org",
      clientAddress: "10.0.0.1",
      appUrl: "https://daymark.test",
    });
    expect(outcome).toEqual({ ok: true });
    const mail = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "partner-sign-in").executeTakeFirstOrThrow();
    expect(mail).toMatchObject({ to_address: "ana@porto.example.org", subject: "Your sign-in link for Directory Network" });
    const token = mail.text_body.match(/\/n\/dir\/portal\/signin\/([A-Za-z0-9_-]{43})/)![1]!;
    const stored = await db.selectFrom("partner_sign_in_tokens").select("token_hash").execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    expect(await describeSignInLink(db, network.id, token)).toEqual({
      email: "ana@porto.example.org",
      name: "Ana Maria",
      organisation: "Porto Peers",
    });
    const other = await createNetwork(db, "other");
    expect(await consumeSignInLink(db, other.id, token)).toBeUndefined();
    const [first, second] = await Promise.all([consumeSignInLink(db, network.id, token), consumeSignInLink(db, network.id, token)]);
    const winners = [first, second].filter(Boolean);
    expect(winners).toHaveLength(1);
    const user = await db.selectFrom("users").selectAll().where("email", "=", "ana@porto.example.org").executeTakeFirstOrThrow();
    expect(winners[0]).toEqual({ userId: user.id });
    expect(await db.selectFrom("memberships").select("role").where("user_id", "=", user.id).execute()).toEqual([{ role: "partner" }]);
    expect(
      (await db.selectFrom("partner_contacts").select("user_id").where("email", "=", "ana@porto.example.org").executeTakeFirstOrThrow())
        .user_id,
    ).toBe(user.id);
  });

  test("links expire; unknown addresses get the same answer and no mail; asking is rate limited", async () => {
    const db = database.db;
    const before = await db.selectFrom("email_outbox").select("id").execute();
    expect(
      await requestPortalSignIn(db, { network, email: "stranger@example.org", clientAddress: "10.0.0.2", appUrl: "https://daymark.test" }),
    ).toEqual({ ok: true });
    expect(await db.selectFrom("email_outbox").select("id").execute()).toHaveLength(before.length);

    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await requestPortalSignIn(
      db,
      { network, email: "ana@porto.example.org", clientAddress: "10.0.0.3", appUrl: "https://daymark.test" },
      twoHoursAgo,
    );
    const mail = await db
      .selectFrom("email_outbox")
      .select("text_body")
      .where("kind", "=", "partner-sign-in")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const expired = mail.text_body.match(/\/portal\/signin\/([A-Za-z0-9_-]{43})/)![1]!;
    expect(await describeSignInLink(db, network.id, expired)).toBeUndefined();
    expect(await consumeSignInLink(db, network.id, expired)).toBeUndefined();

    // In a later window of the per-address limit: 5 links, then a refusal.
    const later = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const ask = () =>
      requestPortalSignIn(
        db,
        { network, email: "ana@porto.example.org", clientAddress: "10.0.0.4", appUrl: "https://daymark.test" },
        later,
      );
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await ask());
    expect(answers.slice(0, 5).every((answer) => answer.ok)).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false });
  });
});
