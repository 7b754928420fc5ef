import type { Kysely } from "kysely";
import type { Database } from "../types";
import type { DemoCampaignKey, PlannedCampaign } from "./demo-calendar";
import { demoCampaignName } from "./demo-campaigns";

/**
 * The demo network writes in English and translates into Ukrainian, French
 * and Portuguese: several events and the World AIDS Day campaign have
 * Ukrainian and French versions (World AIDS Day itself a Ukrainian name), made from the originals as seeded (so they
 * show as up to date until an organiser edits the original).
 */
export const demoContentLanguages = { original: "en", others: ["uk", "fr", "pt"] };

const description = {
  uk:
    "Подія демонстраційної мережі. Раді всім; **можна під псевдонімом**, і ніхто не мусить пояснювати, чому прийшов.\n\n" +
    "- Безкоштовно\n- Легкі закуски\n\nБільше про зменшення шкоди: [harmreduction.eu](https://harmreduction.eu)",
  fr:
    "Un événement du réseau de démonstration. Tout le monde est bienvenu ; **les pseudonymes sont acceptés** et personne n’a à dire pourquoi il vient.\n\n" +
    "- Gratuit\n- Collation légère\n\nEn savoir plus sur la réduction des risques : [harmreduction.eu](https://harmreduction.eu)",
};

/** By the English original's title (db/seed/demo-events.ts). */
const eventTranslations: Record<string, Record<"uk" | "fr", { title: string; accessibilityNotes?: string }>> = {
  "Peer support circle": {
    uk: { title: "Коло взаємопідтримки", accessibilityNotes: "Вхід без сходинок; є тиха кімната." },
    fr: { title: "Cercle de soutien entre pairs", accessibilityNotes: "Entrée de plain-pied ; une salle calme est prévue." },
  },
  "Naloxone training for peers": {
    uk: { title: "Тренінг з налоксону для рівних" },
    fr: { title: "Formation naloxone entre pairs" },
  },
  "Red ribbon walk": {
    uk: { title: "Хода з червоними стрічками" },
    fr: { title: "Marche du ruban rouge" },
  },
  "World AIDS Day community testing": {
    uk: { title: "Тестування у громаді до Всесвітнього дня боротьби зі СНІДом" },
    fr: { title: "Dépistage communautaire de la Journée mondiale du sida" },
  },
};

const worldAidsDay = {
  uk: {
    title: (year: number) => `Всесвітній день боротьби зі СНІДом ${year}`,
    goals:
      "- Зареєструвати 30 подій партнерів по всій Європі\n- Наблизити тестування на ВІЛ до людей, які вживають наркотики\n" +
      "- Винести скасування криміналізації ВІЛ на національний порядок денний",
    keyMessages:
      "- **Н=Н**: невизначуваний означає той, що не передається.\n- Зменшення шкоди — це профілактика ВІЛ.\n- Нічого про нас без нас.",
    materialLabels: ["Плакат (A3, п’ять мов)", "Набір для соцмереж"],
  },
  fr: {
    title: (year: number) => `Journée mondiale du sida ${year}`,
    goals:
      "- Inscrire 30 événements partenaires en Europe\n- Amener le dépistage du VIH aux personnes qui consomment des drogues, là où elles sont\n" +
      "- Mettre la fin de la pénalisation du VIH à l’agenda national",
    keyMessages:
      "- **I=I** : indétectable égale intransmissible.\n- La réduction des risques, c’est de la prévention du VIH.\n- Rien pour nous sans nous.",
    materialLabels: ["Affiche (A3, cinq langues)", "Kit réseaux sociaux"],
  },
};

export async function seedDemoTranslations(
  db: Kysely<Database>,
  input: { networkId: string; campaigns: Record<DemoCampaignKey, PlannedCampaign> },
) {
  const { networkId } = input;
  await db
    .updateTable("networks")
    .set({ content_language: demoContentLanguages.original, content_languages: demoContentLanguages.others })
    .where("id", "=", networkId)
    .execute();
  const events = await db
    .selectFrom("events")
    .select(["id", "title", "content_updated_at"])
    .where("network_id", "=", networkId)
    .where("title", "in", Object.keys(eventTranslations))
    .execute();
  const eventRows = events.flatMap((event) =>
    (["uk", "fr"] as const).map((language) => {
      const texts = eventTranslations[event.title]![language];
      return {
        event_id: event.id,
        network_id: networkId,
        language,
        title: texts.title,
        description: description[language],
        accessibility_notes: texts.accessibilityNotes ?? "",
        source_updated_at: event.content_updated_at,
      };
    }),
  );
  if (eventRows.length > 0) await db.insertInto("event_translations").values(eventRows).execute();

  // The catalogue speaks five languages; the network adds World AIDS Day in Ukrainian.
  const day = await db
    .selectFrom("global_days")
    .select("id")
    .where("key", "=", input.campaigns.worldAidsDay.dayKey)
    .where("network_id", "is", null)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("network_day_translations")
    .values({
      network_id: networkId,
      global_day_id: day.id,
      language: "uk",
      name: "Всесвітній день боротьби зі СНІДом",
      description:
        "Солідарність із людьми, які живуть з ВІЛ, пам’ять про тих, кого ми втратили, і боротьба за те, щоб покласти край СНІДу.",
    })
    .execute();

  const year = input.campaigns.worldAidsDay.year;
  const campaign = await db
    .selectFrom("campaigns")
    .select(["id", "content_updated_at"])
    .where("network_id", "=", networkId)
    .where("slug", "=", demoCampaignName("worldAidsDay", year).slug)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("campaign_translations")
    .values(
      (["uk", "fr"] as const).map((language) => ({
        campaign_id: campaign.id,
        network_id: networkId,
        language,
        title: worldAidsDay[language].title(year),
        goals: worldAidsDay[language].goals,
        key_messages: worldAidsDay[language].keyMessages,
        material_labels: worldAidsDay[language].materialLabels,
        source_updated_at: campaign.content_updated_at,
      })),
    )
    .execute();
}
