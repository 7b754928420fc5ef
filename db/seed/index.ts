import type { Kysely } from "kysely";
import type { Database } from "../types";
import { seedDemoNetwork, type DemoSeed } from "./demo";

/**
 * Seeds the demo network, its dates counted from `now`. Safe to run again:
 * an existing demo is left alone (and the answer is undefined).
 */
export async function seedDemo(db: Kysely<Database>, now: Date): Promise<DemoSeed | undefined> {
  return seedDemoNetwork(db, now);
}
