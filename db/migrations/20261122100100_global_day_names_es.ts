import type { Kysely } from "kysely";

/**
 * Spanish names and descriptions of the shared catalogue of global days
 * (20261121210000_global_days_and_campaign_plans). Official Spanish names are
 * used where they exist. Frozen with this migration: later changes go in new ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [key, name, description] of names) {
    const day = await db.selectFrom("global_days").select("id").where("key", "=", key).where("network_id", "is", null).executeTakeFirst();
    // A catalogue day is never deleted, but a missing one must not block the upgrade.
    if (!day) continue;
    await db
      .insertInto("global_day_translations")
      .values({ global_day_id: day.id, locale: "es", name, description })
      .onConflict((oc) => oc.columns(["global_day_id", "locale"]).doUpdateSet({ name, description }))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  // Only the catalogue's rows: a network's own day may be named in Spanish by the network itself.
  await db
    .deleteFrom("global_day_translations")
    .where("locale", "=", "es")
    .where("global_day_id", "in", db.selectFrom("global_days").select("id").where("network_id", "is", null))
    .execute();
}

/** key, Spanish name, Spanish description. */
const names: [string, string, string][] = [
  [
    "world-aids-day",
    "Día Mundial del Sida",
    "Solidaridad con las personas que viven con el VIH, memoria de quienes murieron y compromiso para acabar con el sida.",
  ],
  [
    "international-overdose-awareness-day",
    "Día Internacional de Concienciación sobre la Sobredosis",
    "Recordar sin estigma a las personas que murieron por sobredosis y reclamar una prevención que funcione.",
  ],
  [
    "support-dont-punish",
    "Support. Don’t Punish",
    "Jornada mundial de acción por unas políticas de drogas que antepongan la salud y los derechos humanos, en el Día Internacional de la Lucha contra el Uso Indebido y el Tráfico Ilícito de Drogas de la ONU.",
  ],
  [
    "world-hepatitis-day",
    "Día Mundial contra la Hepatitis",
    "Diagnóstico, tratamiento y eliminación de las hepatitis víricas, también para las personas que usan drogas.",
  ],
  [
    "international-drug-users-day",
    "Día Internacional de las Personas que Usan Drogas",
    "Un día de y para las personas que usan drogas: nuestros derechos, nuestras voces, nuestras comunidades.",
  ],
  [
    "zero-discrimination-day",
    "Día para la Cero Discriminación",
    "El derecho de todas las personas a llevar una vida plena y productiva con dignidad, sin discriminación.",
  ],
  [
    "world-tb-day",
    "Día Mundial de la Tuberculosis",
    "Concienciación sobre la tuberculosis, que sigue siendo una de las principales causas de muerte entre las personas que viven con el VIH.",
  ],
  [
    "international-harm-reduction-day",
    "Día Internacional de la Reducción de Daños",
    "Celebrar la reducción de daños y a las personas que la hacen posible, y reclamar su financiación.",
  ],
  ["human-rights-day", "Día de los Derechos Humanos", "El aniversario de la Declaración Universal de Derechos Humanos."],
  [
    "international-womens-day",
    "Día Internacional de la Mujer",
    "Los derechos de las mujeres, incluidos los de las mujeres que usan drogas y las mujeres que viven con el VIH.",
  ],
  [
    "international-sex-workers-rights-day",
    "Día Internacional por los Derechos de las Personas Trabajadoras del Sexo",
    "Los derechos, la seguridad y la despenalización de las personas trabajadoras del sexo.",
  ],
  [
    "hiv-vaccine-awareness-day",
    "Día de Concienciación sobre la Vacuna contra el VIH",
    "Agradecer su labor a las personas voluntarias y al personal científico que trabajan por una vacuna contra el VIH.",
  ],
  [
    "international-aids-candlelight-memorial",
    "Memorial Internacional con Velas por el Sida",
    "El tercer domingo de mayo, en memoria de las personas que hemos perdido por el sida.",
  ],
  [
    "international-remembrance-day-for-drug-users",
    "Día Internacional en Memoria de las Personas Usuarias de Drogas Fallecidas",
    "Recordar a las personas que murieron a causa del consumo de drogas y reclamar políticas que salven vidas.",
  ],
  [
    "european-testing-week-spring",
    "Semana Europea de la Prueba (primavera)",
    "Una semana para promover la prueba del VIH, las hepatitis víricas y las ITS. Las fechas se anuncian cada año.",
  ],
  [
    "european-testing-week-autumn",
    "Semana Europea de la Prueba (otoño)",
    "Una semana para promover la prueba del VIH, las hepatitis víricas y las ITS. Las fechas se anuncian cada año.",
  ],
  [
    "sixteen-days-of-activism",
    "16 Días de Activismo contra la Violencia de Género",
    "Del 25 de noviembre al 10 de diciembre, dieciséis días contra la violencia hacia las mujeres y las niñas.",
  ],
  [
    "transgender-awareness-week",
    "Semana de Concienciación Trans",
    "La semana anterior al Día Internacional de la Memoria Trans, para dar visibilidad a las personas trans.",
  ],
  [
    "transgender-day-of-remembrance",
    "Día Internacional de la Memoria Trans",
    "En memoria de las personas trans asesinadas por la violencia tránsfoba.",
  ],
  [
    "idahobit",
    "Día Internacional contra la Homofobia, la Bifobia y la Transfobia",
    "Contra la discriminación y la violencia hacia las personas LGTBI.",
  ],
  [
    "international-day-to-end-violence-against-sex-workers",
    "Día Internacional para Acabar con la Violencia contra las Personas Trabajadoras del Sexo",
    "En memoria de las personas trabajadoras del sexo que sufrieron violencia, y para exigir su seguridad.",
  ],
  [
    "nelson-mandela-international-day",
    "Día Internacional de Nelson Mandela",
    "También un día por el trato humano a las personas privadas de libertad (las Reglas Nelson Mandela).",
  ],
  [
    "world-day-against-the-death-penalty",
    "Día Mundial contra la Pena de Muerte",
    "También contra las ejecuciones por delitos relacionados con drogas.",
  ],
  ["world-mental-health-day", "Día Mundial de la Salud Mental", "Atención a la salud mental sin estigma, para todo el mundo."],
  [
    "international-day-for-the-elimination-of-racial-discrimination",
    "Día Internacional de la Eliminación de la Discriminación Racial",
    "Contra el racismo, incluidos los sesgos racistas en la aplicación de las leyes de drogas.",
  ],
];
