import type { Kysely } from "kysely";

/**
 * German names and descriptions for the shared catalogue of global days.
 *
 * Looks each day up by its key in the catalogue (network_id is null). Going
 * down removes only these rows: a network's own day may also have a German
 * name, written by its organisers, and that one stays.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const day of names) {
    await db
      .insertInto("global_day_translations")
      .columns(["global_day_id", "locale", "name", "description"])
      .expression((eb) =>
        eb
          .selectFrom("global_days")
          .select((inner) => [
            "id",
            inner.val("de").as("locale"),
            inner.val(day.name).as("name"),
            inner.val(day.description).as("description"),
          ])
          .where("key", "=", day.key)
          .where("network_id", "is", null),
      )
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db
    .deleteFrom("global_day_translations")
    .where("locale", "=", "de")
    .where(
      "global_day_id",
      "in",
      db
        .selectFrom("global_days")
        .select("id")
        .where("network_id", "is", null)
        .where(
          "key",
          "in",
          names.map((day) => day.key),
        ),
    )
    .execute();
}

/** Frozen with this migration: later changes go in new migrations. */
const names: { key: string; name: string; description: string }[] = [
  {
    key: "world-aids-day",
    name: "Welt-Aids-Tag",
    description: "Solidarität mit Menschen mit HIV, Gedenken an die Verstorbenen und der Einsatz dafür, Aids zu beenden.",
  },
  {
    key: "international-overdose-awareness-day",
    name: "Internationaler Overdose Awareness Day",
    description: "Ohne Stigmatisierung an die Menschen erinnern, die an einer Überdosis gestorben sind, und Prävention fordern, die wirkt.",
  },
  {
    key: "support-dont-punish",
    name: "Support. Don’t Punish",
    description:
      "Weltweiter Aktionstag für eine Drogenpolitik, die Gesundheit und Menschenrechte an die erste Stelle setzt – am Internationalen Tag gegen Drogenmissbrauch der Vereinten Nationen.",
  },
  {
    key: "world-hepatitis-day",
    name: "Welt-Hepatitis-Tag",
    description: "Testen, Behandeln und das Ende der Virushepatitis – auch für Menschen, die Drogen gebrauchen.",
  },
  {
    key: "international-drug-users-day",
    name: "Internationaler Tag der Menschen, die Drogen gebrauchen",
    description: "Ein Tag von und für Menschen, die Drogen gebrauchen: unsere Rechte, unsere Stimmen, unsere Communitys.",
  },
  {
    key: "zero-discrimination-day",
    name: "Tag gegen Diskriminierung (Zero Discrimination Day)",
    description: "Das Recht aller Menschen auf ein erfülltes und selbstbestimmtes Leben in Würde, frei von Diskriminierung.",
  },
  {
    key: "world-tb-day",
    name: "Welttuberkulosetag",
    description: "Aufmerksamkeit für Tuberkulose, nach wie vor eine der häufigsten Todesursachen bei Menschen mit HIV.",
  },
  {
    key: "international-harm-reduction-day",
    name: "Internationaler Tag der Schadensminderung (Harm Reduction)",
    description: "Schadensminderung und die Menschen feiern, die sie möglich machen, und ihre Finanzierung fordern.",
  },
  {
    key: "human-rights-day",
    name: "Tag der Menschenrechte",
    description: "Der Jahrestag der Allgemeinen Erklärung der Menschenrechte.",
  },
  {
    key: "international-womens-day",
    name: "Internationaler Frauentag",
    description: "Die Rechte von Frauen, auch von Frauen, die Drogen gebrauchen, und von Frauen mit HIV.",
  },
  {
    key: "international-sex-workers-rights-day",
    name: "Internationaler Tag für die Rechte von Sexarbeiter*innen",
    description: "Rechte, Sicherheit und Entkriminalisierung von Sexarbeiter*innen.",
  },
  {
    key: "hiv-vaccine-awareness-day",
    name: "HIV-Impfstoff-Tag",
    description: "Dank an die Freiwilligen und Wissenschaftler*innen, die an einem HIV-Impfstoff arbeiten.",
  },
  {
    key: "international-aids-candlelight-memorial",
    name: "Internationaler Aids-Gedenktag (Candlelight Memorial)",
    description: "Am dritten Sonntag im Mai, im Gedenken an die Menschen, die an Aids gestorben sind.",
  },
  {
    key: "international-remembrance-day-for-drug-users",
    name: "Internationaler Gedenktag für verstorbene Drogengebraucher*innen",
    description:
      "Gedenken an Menschen, die im Zusammenhang mit Drogengebrauch gestorben sind, und Forderung nach einer Politik, die Menschen am Leben hält.",
  },
  {
    key: "european-testing-week-spring",
    name: "Europäische Testwoche (Frühjahr)",
    description:
      "Eine Woche, die für Tests auf HIV, Virushepatitis und sexuell übertragbare Infektionen wirbt. Die Termine werden jedes Jahr bekannt gegeben.",
  },
  {
    key: "european-testing-week-autumn",
    name: "Europäische Testwoche (Herbst)",
    description:
      "Eine Woche, die für Tests auf HIV, Virushepatitis und sexuell übertragbare Infektionen wirbt. Die Termine werden jedes Jahr bekannt gegeben.",
  },
  {
    key: "sixteen-days-of-activism",
    name: "16 Tage gegen geschlechtsspezifische Gewalt",
    description: "Vom 25. November bis 10. Dezember: sechzehn Tage Aktivismus gegen Gewalt an Frauen und Mädchen.",
  },
  {
    key: "transgender-awareness-week",
    name: "Woche der Sichtbarkeit von trans Personen (Transgender Awareness Week)",
    description: "Die Woche vor dem Gedenktag für die Opfer von Transfeindlichkeit, für mehr Sichtbarkeit von trans Personen.",
  },
  {
    key: "transgender-day-of-remembrance",
    name: "Gedenktag für die Opfer von Transfeindlichkeit (Transgender Day of Remembrance)",
    description: "Gedenken an trans Personen, die durch transfeindliche Gewalt getötet wurden.",
  },
  {
    key: "idahobit",
    name: "Internationaler Tag gegen Homo-, Bi- und Transfeindlichkeit",
    description: "Gegen Diskriminierung und Gewalt gegenüber LGBTI-Personen.",
  },
  {
    key: "international-day-to-end-violence-against-sex-workers",
    name: "Internationaler Tag gegen Gewalt an Sexarbeiter*innen",
    description: "Gedenken an Sexarbeiter*innen, die Gewalt erfahren haben, und Forderung nach ihrer Sicherheit.",
  },
  {
    key: "nelson-mandela-international-day",
    name: "Internationaler Nelson-Mandela-Tag",
    description: "Auch ein Tag für die menschenwürdige Behandlung inhaftierter Menschen (die Nelson-Mandela-Regeln).",
  },
  {
    key: "world-day-against-the-death-penalty",
    name: "Welttag gegen die Todesstrafe",
    description: "Auch gegen Hinrichtungen wegen Drogendelikten.",
  },
  {
    key: "world-mental-health-day",
    name: "Welttag der psychischen Gesundheit",
    description: "Psychische Gesundheitsversorgung ohne Stigmatisierung, für alle.",
  },
  {
    key: "international-day-for-the-elimination-of-racial-discrimination",
    name: "Internationaler Tag zur Beseitigung der Rassendiskriminierung",
    description: "Gegen Rassismus, auch gegen rassistische Vorurteile bei der Durchsetzung von Drogengesetzen.",
  },
];
