import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { pickLanguage } from "./languages";
import { getContentLanguages, type ShownText } from "./translations.server";

/**
 * Global days in a network's content languages. A day's texts are the shared
 * catalogue's (or, for the network's own day, what its organisers first
 * wrote), in the languages they exist in, with the network's own
 * translations over them. The catalogue has no later edits to fall behind,
 * so a day's translation is only missing or written.
 */

interface DayText {
  language: string;
  name: string;
  description: string;
}

async function dayTexts(db: Kysely<Database>, networkId: string, dayIds: string[]): Promise<Map<string, DayText[]>> {
  const texts = new Map<string, DayText[]>(dayIds.map((id) => [id, []]));
  if (dayIds.length === 0) return texts;
  const [shared, own] = await Promise.all([
    db
      .selectFrom("global_day_translations")
      .select(["global_day_id", "locale as language", "name", "description"])
      .where("global_day_id", "in", dayIds)
      .orderBy("locale")
      .execute(),
    db
      .selectFrom("network_day_translations")
      .select(["global_day_id", "language", "name", "description"])
      .where("network_id", "=", networkId)
      .where("global_day_id", "in", dayIds)
      .orderBy("language")
      .execute(),
  ]);
  for (const row of [...shared, ...own]) {
    const list = texts.get(row.global_day_id)!;
    const at = list.findIndex((text) => text.language === row.language);
    if (at === -1) list.push(row);
    else list[at] = row;
  }
  return texts;
}

/** A day of the catalogue or of the network, or undefined. */
async function visibleDay(db: Kysely<Database>, networkId: string, dayId: string) {
  return db
    .selectFrom("global_days")
    .select("id")
    .where("id", "=", dayId)
    .where((eb) => eb.or([eb("network_id", "is", null), eb("network_id", "=", networkId)]))
    .executeTakeFirst();
}

/** Each of the network's content languages: whether the day is written in it, and its text there. */
export async function dayTranslationStatus(db: Kysely<Database>, networkId: string, dayId: string) {
  const [languages, texts] = await Promise.all([getContentLanguages(db, networkId), dayTexts(db, networkId, [dayId])]);
  const written = texts.get(dayId) ?? [];
  return [languages.original, ...languages.others].map((language) => {
    const text = written.find((entry) => entry.language === language);
    return {
      language,
      state: text ? ("current" as const) : ("missing" as const),
      name: text?.name ?? "",
      description: text?.description ?? "",
    };
  });
}

/** Writes the network's name and description of a day in one language; false for a day the network cannot see. */
export async function saveDayTranslation(
  db: Kysely<Database>,
  input: { networkId: string; dayId: string; language: string; name: string; description: string; actorUserId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await visibleDay(trx, input.networkId, input.dayId))) return false;
    const values = { name: input.name, description: input.description, updated_at: new Date() };
    await trx
      .insertInto("network_day_translations")
      .values({ ...values, network_id: input.networkId, global_day_id: input.dayId, language: input.language })
      .onConflict((oc) => oc.columns(["network_id", "global_day_id", "language"]).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "day.translated",
      subjectType: "global_day",
      subjectId: input.dayId,
      details: { language: input.language },
    });
    return true;
  });
}

/** Days' names and descriptions in the first of the reader's languages they are written in, else the fallbacks'. */
export async function daysInLanguage(
  db: Kysely<Database>,
  networkId: string,
  dayIds: string[],
  preferences: readonly string[],
  fallbacks: readonly string[],
): Promise<Map<string, { name: ShownText; description: ShownText }>> {
  const texts = await dayTexts(db, networkId, dayIds);
  const shown = new Map<string, { name: ShownText; description: ShownText }>();
  for (const [id, written] of texts) {
    const available = written.map((text) => text.language);
    const language = pickLanguage(available, preferences) ?? pickLanguage(available, fallbacks) ?? available[0];
    const text = written.find((entry) => entry.language === language);
    if (text) {
      shown.set(id, {
        name: { text: text.name, language: text.language },
        description: { text: text.description, language: text.language },
      });
    }
  }
  return shown;
}

/** For the days page: which of the network's content languages each day is written in. */
export async function dayLanguageStates(db: Kysely<Database>, networkId: string, dayIds: string[]) {
  const [languages, texts] = await Promise.all([getContentLanguages(db, networkId), dayTexts(db, networkId, dayIds)]);
  const all = [languages.original, ...languages.others];
  return new Map(
    [...texts].map(([id, written]) => [
      id,
      all.map((language) => ({
        language,
        state: written.some((text) => text.language === language) ? ("current" as const) : ("missing" as const),
      })),
    ]),
  );
}
