import { sql, type Kysely } from "kysely";

/**
 * Global days and campaign planning: the shared catalogue of global days (with
 * names and descriptions per language), days a network adds or hides, per-year
 * dates for days announced each year, campaign plans (actions, templates,
 * partner pledges) and the weekly digest's record of what it sent.
 *
 * The catalogue rows are inserted here so that every database has them, with
 * or without the demo seed. A later language adds its rows with a migration of
 * its own (insert into global_day_translations).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("global_days")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // null: the shared catalogue, seen by every network; otherwise a network's own day.
    .addColumn("network_id", "uuid", (col) => col.references("networks.id").onDelete("cascade"))
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("rule", "jsonb", (col) => col.notNull())
    .addColumn("colour", "text", (col) => col.notNull())
    .addColumn("official_url", "text")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("global_days_colour_hex", sql`colour ~ '^#[0-9a-f]{6}$'`)
    .addCheckConstraint("global_days_key_format", sql`key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
    .execute();
  await sql`create unique index global_days_catalogue_key on global_days (key) where network_id is null`.execute(db);
  await sql`create unique index global_days_network_key on global_days (network_id, key) where network_id is not null`.execute(db);

  await db.schema
    .createTable("global_day_translations")
    .addColumn("global_day_id", "uuid", (col) => col.notNull().references("global_days.id").onDelete("cascade"))
    .addColumn("locale", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    .addPrimaryKeyConstraint("global_day_translations_pkey", ["global_day_id", "locale"])
    .execute();

  await db.schema
    .createTable("network_hidden_days")
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("global_day_id", "uuid", (col) => col.notNull().references("global_days.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("network_hidden_days_pkey", ["network_id", "global_day_id"])
    .execute();

  // Dates of days announced each year (European Testing Week), as each network learns them.
  await db.schema
    .createTable("global_day_dates")
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("global_day_id", "uuid", (col) => col.notNull().references("global_days.id").onDelete("cascade"))
    .addColumn("year", "integer", (col) => col.notNull())
    .addColumn("starts_on", "date", (col) => col.notNull())
    .addColumn("ends_on", "date", (col) => col.notNull())
    .addPrimaryKeyConstraint("global_day_dates_pkey", ["network_id", "global_day_id", "year"])
    .addCheckConstraint("global_day_dates_in_order", sql`ends_on >= starts_on`)
    .execute();

  await db.schema
    .alterTable("campaigns")
    .addColumn("global_day_id", "uuid", (col) => col.references("global_days.id").onDelete("restrict"))
    .addColumn("occurrence_year", "integer")
    .addColumn("goals", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("key_messages", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("materials", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("rolled_from_campaign_id", "uuid", (col) => col.references("campaigns.id").onDelete("set null"))
    .addColumn("created_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .execute();
  await sql`alter table campaigns add constraint campaigns_occurrence_complete
    check ((global_day_id is null) = (occurrence_year is null))`.execute(db);
  // A campaign rolls over once: a second "plan next year" finds the copy instead of making another.
  await sql`create unique index campaigns_rolled_from on campaigns (rolled_from_campaign_id)
    where rolled_from_campaign_id is not null`.execute(db);
  await db.schema.createIndex("campaigns_day_idx").on("campaigns").columns(["network_id", "global_day_id", "occurrence_year"]).execute();

  await db.schema
    .createTable("campaign_actions")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("campaign_id", "uuid", (col) => col.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("title", "text", (col) => col.notNull())
    // Exactly one of: a date, or a distance in days from the campaign's day (negative: before).
    .addColumn("due_on", "date")
    .addColumn("offset_days", "integer")
    .addColumn("owner_user_id", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("owner_partner_id", "uuid", (col) => col.references("partner_organisations.id").onDelete("set null"))
    .addColumn("status", "text", (col) => col.notNull().defaultTo("todo"))
    .addColumn("notes", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("copied_from_action_id", "uuid", (col) => col.references("campaign_actions.id").onDelete("set null"))
    .addColumn("completed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaign_actions_status", sql`status in ('todo', 'doing', 'done', 'dropped')`)
    .addCheckConstraint("campaign_actions_one_due", sql`(due_on is null) <> (offset_days is null)`)
    .addCheckConstraint("campaign_actions_one_owner", sql`owner_user_id is null or owner_partner_id is null`)
    .execute();
  await db.schema.createIndex("campaign_actions_campaign_idx").on("campaign_actions").column("campaign_id").execute();
  await db.schema.createIndex("campaign_actions_owner_user_idx").on("campaign_actions").column("owner_user_id").execute();
  await db.schema.createIndex("campaign_actions_owner_partner_idx").on("campaign_actions").column("owner_partner_id").execute();

  await db.schema
    .createTable("campaign_templates")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("global_day_id", "uuid", (col) => col.references("global_days.id").onDelete("set null"))
    .addColumn("goals", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("key_messages", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("materials", "jsonb", (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("campaign_templates_network_name", ["network_id", "name"])
    .execute();

  await db.schema
    .createTable("campaign_template_actions")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("template_id", "uuid", (col) => col.notNull().references("campaign_templates.id").onDelete("cascade"))
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("offset_days", "integer", (col) => col.notNull())
    .addColumn("notes", "text", (col) => col.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("campaign_template_actions_template_idx").on("campaign_template_actions").column("template_id").execute();

  await db.schema
    .createTable("campaign_pledges")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("campaign_id", "uuid", (col) => col.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("partner_id", "uuid", (col) => col.notNull().references("partner_organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("details", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("created_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaign_pledges_kind", sql`kind in ('hold_event', 'share_materials', 'other')`)
    .execute();
  await db.schema.createIndex("campaign_pledges_campaign_idx").on("campaign_pledges").column("campaign_id").execute();

  // One digest per organiser, network and ISO week, even if the job runs twice.
  await db.schema
    .createTable("campaign_digests_sent")
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("user_id", "uuid", (col) => col.notNull().references("users.id").onDelete("cascade"))
    .addColumn("week", "text", (col) => col.notNull())
    .addColumn("sent_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("campaign_digests_sent_pkey", ["network_id", "user_id", "week"])
    .execute();

  for (const day of catalogue) {
    const { id } = await db
      .insertInto("global_days")
      .values({ key: day.key, rule: JSON.stringify(day.rule), colour: day.colour, official_url: day.url })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("global_day_translations")
      .values([
        { global_day_id: id, locale: "en", name: day.en[0], description: day.en[1] },
        { global_day_id: id, locale: "fr", name: day.fr[0], description: day.fr[1] },
      ])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("campaign_digests_sent").execute();
  await db.schema.dropTable("campaign_pledges").execute();
  await db.schema.dropTable("campaign_template_actions").execute();
  await db.schema.dropTable("campaign_templates").execute();
  await db.schema.dropTable("campaign_actions").execute();
  await db.schema.dropIndex("campaigns_day_idx").execute();
  await db.schema.dropIndex("campaigns_rolled_from").execute();
  await db.schema.alterTable("campaigns").dropConstraint("campaigns_occurrence_complete").execute();
  await db.schema
    .alterTable("campaigns")
    .dropColumn("global_day_id")
    .dropColumn("occurrence_year")
    .dropColumn("goals")
    .dropColumn("key_messages")
    .dropColumn("materials")
    .dropColumn("rolled_from_campaign_id")
    .dropColumn("created_by")
    .execute();
  await db.schema.dropTable("global_day_dates").execute();
  await db.schema.dropTable("network_hidden_days").execute();
  await db.schema.dropTable("global_day_translations").execute();
  await db.schema.dropTable("global_days").execute();
}

type Rule =
  | { kind: "fixed"; month: number; day: number }
  | { kind: "nth_weekday"; month: number; weekday: number; nth: number }
  | { kind: "span"; month: number; day: number; days: number }
  | { kind: "announced"; month: number; days: number };

/** The catalogue as of this migration. Frozen with it: later changes go in new migrations. */
const catalogue: { key: string; rule: Rule; colour: string; url: string; en: [string, string]; fr: [string, string] }[] = [
  {
    key: "world-aids-day",
    rule: { kind: "fixed", month: 12, day: 1 },
    colour: "#c8102e",
    url: "https://www.unaids.org/en/world-aids-day",
    en: ["World AIDS Day", "Solidarity with people living with HIV, remembrance of those who died, and the push to end AIDS."],
    fr: [
      "Journée mondiale de lutte contre le sida",
      "Solidarité avec les personnes vivant avec le VIH, mémoire des personnes disparues et mobilisation pour mettre fin au sida.",
    ],
  },
  {
    key: "international-overdose-awareness-day",
    rule: { kind: "fixed", month: 8, day: 31 },
    colour: "#6b2c91",
    url: "https://www.overdoseday.com/",
    en: [
      "International Overdose Awareness Day",
      "Remembering without stigma those who died of an overdose, and calling for prevention that works.",
    ],
    fr: [
      "Journée internationale de sensibilisation aux surdoses",
      "Se souvenir sans stigmatisation des personnes mortes d’une surdose et demander une prévention qui marche.",
    ],
  },
  {
    key: "support-dont-punish",
    rule: { kind: "fixed", month: 6, day: 26 },
    colour: "#d6336c",
    url: "https://supportdontpunish.org/",
    en: [
      "Support. Don’t Punish",
      "Global day of action for drug policies that put health and human rights first, on the UN’s International Day against Drug Abuse.",
    ],
    fr: [
      "Support. Don’t Punish",
      "Journée mondiale d’action pour des politiques des drogues fondées sur la santé et les droits humains, le jour de la Journée internationale contre l’abus de drogues de l’ONU.",
    ],
  },
  {
    key: "world-hepatitis-day",
    rule: { kind: "fixed", month: 7, day: 28 },
    colour: "#b7791f",
    url: "https://www.worldhepatitisday.org/",
    en: ["World Hepatitis Day", "Testing, treatment and an end to viral hepatitis, including for people who use drugs."],
    fr: [
      "Journée mondiale contre l’hépatite",
      "Dépistage, traitement et élimination des hépatites virales, y compris pour les personnes qui consomment des drogues.",
    ],
  },
  {
    key: "international-drug-users-day",
    rule: { kind: "fixed", month: 11, day: 1 },
    colour: "#2f6b3a",
    url: "https://inpud.net/",
    en: ["International Drug Users’ Day", "A day by and for people who use drugs: our rights, our voices, our communities."],
    fr: [
      "Journée internationale des personnes qui consomment des drogues",
      "Une journée par et pour les personnes qui consomment des drogues : nos droits, nos voix, nos communautés.",
    ],
  },
  {
    key: "zero-discrimination-day",
    rule: { kind: "fixed", month: 3, day: 1 },
    colour: "#7a2e8e",
    url: "https://www.unaids.org/en/zero-discrimination-day",
    en: ["Zero Discrimination Day", "Everyone’s right to live a full and productive life with dignity, free from discrimination."],
    fr: ["Journée zéro discrimination", "Le droit de chacun·e à une vie pleine et digne, sans discrimination."],
  },
  {
    key: "world-tb-day",
    rule: { kind: "fixed", month: 3, day: 24 },
    colour: "#1f5aa6",
    url: "https://www.who.int/campaigns/world-tb-day",
    en: ["World TB Day", "Awareness of tuberculosis, still a leading cause of death among people living with HIV."],
    fr: [
      "Journée mondiale de la tuberculose",
      "Sensibilisation à la tuberculose, encore une cause majeure de décès chez les personnes vivant avec le VIH.",
    ],
  },
  {
    key: "international-harm-reduction-day",
    rule: { kind: "fixed", month: 5, day: 7 },
    colour: "#00796b",
    url: "https://hri.global/",
    en: ["International Harm Reduction Day", "Celebrating harm reduction and the people who make it happen, and calling for its funding."],
    fr: [
      "Journée internationale de la réduction des risques",
      "Célébrer la réduction des risques et celles et ceux qui la font vivre, et demander son financement.",
    ],
  },
  {
    key: "human-rights-day",
    rule: { kind: "fixed", month: 12, day: 10 },
    colour: "#0067a5",
    url: "https://www.un.org/en/observances/human-rights-day",
    en: ["Human Rights Day", "The anniversary of the Universal Declaration of Human Rights."],
    fr: ["Journée des droits de l’homme", "L’anniversaire de la Déclaration universelle des droits de l’homme."],
  },
  {
    key: "international-womens-day",
    rule: { kind: "fixed", month: 3, day: 8 },
    colour: "#7b1fa2",
    url: "https://www.un.org/en/observances/womens-day",
    en: ["International Women’s Day", "Women’s rights, including the rights of women who use drugs and women living with HIV."],
    fr: [
      "Journée internationale des droits des femmes",
      "Les droits des femmes, y compris des femmes qui consomment des drogues et des femmes vivant avec le VIH.",
    ],
  },
  {
    key: "international-sex-workers-rights-day",
    rule: { kind: "fixed", month: 3, day: 3 },
    colour: "#b5179e",
    url: "https://www.nswp.org/",
    en: ["International Sex Workers’ Rights Day", "Sex workers’ rights, safety and decriminalisation."],
    fr: [
      "Journée internationale des droits des travailleur·ses du sexe",
      "Droits, sécurité et décriminalisation des travailleur·ses du sexe.",
    ],
  },
  {
    key: "hiv-vaccine-awareness-day",
    rule: { kind: "fixed", month: 5, day: 18 },
    colour: "#3f51b5",
    url: "https://www.hiv.gov/events/awareness-days/hvad",
    en: ["HIV Vaccine Awareness Day", "Thanking volunteers and scientists working towards an HIV vaccine."],
    fr: [
      "Journée de sensibilisation au vaccin contre le VIH",
      "Remercier les volontaires et les scientifiques qui travaillent à un vaccin contre le VIH.",
    ],
  },
  {
    key: "international-aids-candlelight-memorial",
    rule: { kind: "nth_weekday", month: 5, weekday: 7, nth: 3 },
    colour: "#c77700",
    url: "https://www.candlelightmemorial.org/",
    en: ["International AIDS Candlelight Memorial", "Held on the third Sunday of May to remember people lost to AIDS."],
    fr: [
      "Mémorial international de la bougie contre le sida",
      "Le troisième dimanche de mai, en mémoire des personnes emportées par le sida.",
    ],
  },
  {
    key: "international-remembrance-day-for-drug-users",
    rule: { kind: "fixed", month: 7, day: 21 },
    colour: "#455a64",
    url: "https://www.gedenktag21juli.de/",
    en: [
      "International Remembrance Day for Drug Users",
      "Remembering people who died from drug use, and asking for policies that keep people alive.",
    ],
    fr: [
      "Journée internationale de commémoration des usager·es de drogues décédé·es",
      "Se souvenir des personnes mortes à cause de la consommation de drogues et demander des politiques qui protègent la vie.",
    ],
  },
  {
    key: "european-testing-week-spring",
    rule: { kind: "announced", month: 5, days: 8 },
    colour: "#00838f",
    url: "https://www.testingweek.eu/",
    en: ["European Testing Week (spring)", "A week to promote testing for HIV, viral hepatitis and STIs. Dates are announced each year."],
    fr: [
      "Semaine européenne du dépistage (printemps)",
      "Une semaine pour promouvoir le dépistage du VIH, des hépatites virales et des IST. Les dates sont annoncées chaque année.",
    ],
  },
  {
    key: "european-testing-week-autumn",
    rule: { kind: "announced", month: 11, days: 8 },
    colour: "#006064",
    url: "https://www.testingweek.eu/",
    en: ["European Testing Week (autumn)", "A week to promote testing for HIV, viral hepatitis and STIs. Dates are announced each year."],
    fr: [
      "Semaine européenne du dépistage (automne)",
      "Une semaine pour promouvoir le dépistage du VIH, des hépatites virales et des IST. Les dates sont annoncées chaque année.",
    ],
  },
  {
    key: "sixteen-days-of-activism",
    rule: { kind: "span", month: 11, day: 25, days: 16 },
    colour: "#e65100",
    url: "https://www.unwomen.org/en/what-we-do/ending-violence-against-women/take-action/16-days-of-activism",
    en: [
      "16 Days of Activism against Gender-Based Violence",
      "From 25 November to 10 December, sixteen days against violence towards women and girls.",
    ],
    fr: [
      "16 jours d’activisme contre la violence basée sur le genre",
      "Du 25 novembre au 10 décembre, seize jours contre les violences faites aux femmes et aux filles.",
    ],
  },
  {
    key: "transgender-awareness-week",
    rule: { kind: "span", month: 11, day: 13, days: 7 },
    colour: "#0277bd",
    url: "https://glaad.org/transweek/",
    en: ["Transgender Awareness Week", "The week before Transgender Day of Remembrance, raising the visibility of trans people."],
    fr: ["Semaine de visibilité trans", "La semaine qui précède la Journée du souvenir trans, pour rendre visibles les personnes trans."],
  },
  {
    key: "transgender-day-of-remembrance",
    rule: { kind: "fixed", month: 11, day: 20 },
    colour: "#ad1457",
    url: "https://tdor.info/",
    en: ["Transgender Day of Remembrance", "Remembering trans people killed by transphobic violence."],
    fr: ["Journée du souvenir trans", "En mémoire des personnes trans tuées par des violences transphobes."],
  },
  {
    key: "idahobit",
    rule: { kind: "fixed", month: 5, day: 17 },
    colour: "#d32f2f",
    url: "https://may17.org/",
    en: ["International Day against Homophobia, Biphobia and Transphobia", "Against discrimination and violence towards LGBTI people."],
    fr: [
      "Journée mondiale contre l’homophobie, la biphobie et la transphobie",
      "Contre les discriminations et les violences envers les personnes LGBTI.",
    ],
  },
  {
    key: "international-day-to-end-violence-against-sex-workers",
    rule: { kind: "fixed", month: 12, day: 17 },
    colour: "#c2185b",
    url: "https://www.nswp.org/",
    en: [
      "International Day to End Violence against Sex Workers",
      "Remembering sex workers who were victims of violence, and demanding their safety.",
    ],
    fr: [
      "Journée internationale contre les violences faites aux travailleur·ses du sexe",
      "En mémoire des travailleur·ses du sexe victimes de violences, et pour exiger leur sécurité.",
    ],
  },
  {
    key: "nelson-mandela-international-day",
    rule: { kind: "fixed", month: 7, day: 18 },
    colour: "#795548",
    url: "https://www.un.org/en/events/mandeladay/",
    en: ["Nelson Mandela International Day", "Also a day for the humane treatment of prisoners (the Nelson Mandela Rules)."],
    fr: [
      "Journée internationale Nelson Mandela",
      "Aussi une journée pour le traitement humain des personnes détenues (les règles Nelson Mandela).",
    ],
  },
  {
    key: "world-day-against-the-death-penalty",
    rule: { kind: "fixed", month: 10, day: 10 },
    colour: "#37474f",
    url: "https://worldcoalition.org/",
    en: ["World Day against the Death Penalty", "Including against executions for drug offences."],
    fr: ["Journée mondiale contre la peine de mort", "Y compris contre les exécutions pour des infractions liées aux drogues."],
  },
  {
    key: "world-mental-health-day",
    rule: { kind: "fixed", month: 10, day: 10 },
    colour: "#2e7d32",
    url: "https://www.who.int/campaigns/world-mental-health-day",
    en: ["World Mental Health Day", "Mental health care without stigma, for everyone."],
    fr: ["Journée mondiale de la santé mentale", "Des soins en santé mentale sans stigmatisation, pour tout le monde."],
  },
  {
    key: "international-day-for-the-elimination-of-racial-discrimination",
    rule: { kind: "fixed", month: 3, day: 21 },
    colour: "#5d4037",
    url: "https://www.un.org/en/observances/end-racism-day",
    en: [
      "International Day for the Elimination of Racial Discrimination",
      "Against racism, including racial bias in drug law enforcement.",
    ],
    fr: [
      "Journée internationale pour l’élimination de la discrimination raciale",
      "Contre le racisme, y compris les biais racistes dans l’application des lois sur les drogues.",
    ],
  },
];
