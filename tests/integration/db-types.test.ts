import path from "node:path";
import { sql } from "kysely";
import ts from "typescript";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestDatabase, primaryDriver, type TestDatabase } from "../support/database";

/**
 * db/types.ts is written by hand (docs/decisions/007): this reads it with the
 * TypeScript compiler and compares every table, column and nullability with
 * the migrated schema, so a migration without its types (or the reverse)
 * fails here rather than at a query.
 */
function declaredSchema() {
  const file = path.resolve(import.meta.dirname, "../../db/types.ts");
  const program = ts.createProgram([file], { strict: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const database = source.statements.find(
    (node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === "Database",
  )!;
  const includesNull = (type: ts.Type) => (type.isUnion() ? type.types : [type]).some((part) => part.flags & ts.TypeFlags.Null);
  const tables: Record<string, Record<string, "null" | "not null">> = {};
  for (const table of checker.getTypeAtLocation(database).getProperties()) {
    const columns: Record<string, "null" | "not null"> = {};
    for (const column of checker.getTypeOfSymbolAtLocation(table, database).getProperties()) {
      const type = checker.getTypeOfSymbolAtLocation(column, database);
      // Kysely's ColumnType and Generated keep what a select returns in __select__.
      const selected = type.getProperty("__select__");
      const nullable =
        includesNull(type) || (selected !== undefined && includesNull(checker.getTypeOfSymbolAtLocation(selected, database)));
      columns[column.name] = nullable ? "null" : "not null";
    }
    tables[table.name] = columns;
  }
  return tables;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(primaryDriver());
});
afterAll(() => database.drop());

test("the hand-written database types name every table and column of the migrated schema, with the same nullability", async () => {
  const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: "YES" | "NO" }>`
    select table_name, column_name, is_nullable from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_migration%'
    order by table_name, ordinal_position`.execute(database.db);
  const migrated: Record<string, Record<string, "null" | "not null">> = {};
  for (const row of rows) (migrated[row.table_name] ??= {})[row.column_name] = row.is_nullable === "YES" ? "null" : "not null";
  expect(declaredSchema()).toEqual(migrated);
});
