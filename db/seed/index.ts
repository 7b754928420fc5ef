import type { Kysely } from "kysely";
import type { Database } from "../types";
import { seedDemoNetwork } from "./demo";

/** Seeds the demo network and, as later features add theirs, its demo content. Safe to run again. */
export async function seedDemo(db: Kysely<Database>) {
  return seedDemoNetwork(db);
}
