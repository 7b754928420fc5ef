import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { Info } from "luxon";
import { DaySwatch } from "~/components/campaigns/DaySwatch";
import { InputField } from "~/components/campaigns/fields";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { formattedOnce } from "~/i18n/server-texts";
import type { Translate } from "~/i18n/translate";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { AddDaySchema, HideDaySchema, SetDatesSchema, ruleKinds } from "~/modules/days/days.schema";
import { addNetworkDay, announcedDates, listDays, setAnnouncedDates, setDayHidden } from "~/modules/days/days.server";
import type { RecurrenceRule } from "~/modules/days/recurrence";
import { todayIn } from "~/modules/days/recurrence";
import { presentTranslationStatus } from "~/modules/translations/present.server";
import { dayLanguageStates } from "~/modules/translations/days.server";
import { readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.days")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, user.locale);
  const days = await listDays(db, network.id, locale);
  const [dates, languages] = await Promise.all([
    announcedDates(db, network.id),
    dayLanguageStates(
      db,
      network.id,
      days.map((day) => day.id),
    ),
  ]);
  const thisYear = Number(todayIn(network.time_zone).slice(0, 4));
  return {
    years: [thisYear, thisYear + 1],
    days: days.map((day) => ({
      ...day,
      translations: presentTranslationStatus(
        (languages.get(day.id) ?? []).map((entry) => ({ ...entry, updatedAt: null })),
        locale,
      ),
      announced:
        day.rule.kind === "announced"
          ? [thisYear, thisYear + 1].map((year) => ({ year, dates: dates.get(day.id)?.get(year) ?? null }))
          : [],
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "hide") {
    const submission = parseWithZod(formData, { schema: HideDaySchema });
    if (submission.status !== "success") httpError(400, "errors.badRequest");
    if (!(await setDayHidden(db, network.id, submission.value.dayId, submission.value.hidden))) notFound();
    return { intent, result: null, datesError: null };
  }
  if (intent === "dates") {
    const submission = parseWithZod(formData, { schema: SetDatesSchema });
    if (submission.status !== "success") {
      const key = `${formData.get("dayId")}-${formData.get("year")}`;
      const errors = Object.values(submission.error ?? {})
        .flat()
        .filter((e): e is string => typeof e === "string");
      return data({ intent, result: null, datesError: { key, message: errors[0] ?? "days.validation.date" } }, { status: 400 });
    }
    if (!(await setAnnouncedDates(db, network.id, submission.value))) notFound();
    return { intent, result: null, datesError: null };
  }
  if (intent === "add-day") {
    const submission = parseWithZod(formData, { schema: AddDaySchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), datesError: null }, { status: 400 });
    const v = submission.value;
    const rule: RecurrenceRule =
      v.kind === "fixed"
        ? { kind: "fixed", month: v.month, day: v.day! }
        : v.kind === "nth_weekday"
          ? { kind: "nth_weekday", month: v.month, weekday: v.weekday!, nth: v.nth! }
          : v.kind === "span"
            ? { kind: "span", month: v.month, day: v.day!, days: v.days! }
            : { kind: "announced", month: v.month, days: v.days ?? 1 };
    await addNetworkDay(db, network.id, {
      name: v.name,
      description: v.description,
      colour: v.colour,
      officialUrl: v.officialUrl,
      rule,
      locale: await resolveLocale(request, user.locale),
    });
    return { intent, result: submission.reply({ resetForm: true }), datesError: null };
  }
  return httpError(400, "errors.badRequest");
}

// Month and weekday names come from ICU, which the browser may word differently.
const ruleText = formattedOnce("days.ruleText", ruleWords, (_t, rule, locale) => [rule, locale]);
const monthNames = formattedOnce("days.monthNames", (locale: string) => Info.months("long", { locale }));
const weekdayNames = formattedOnce("days.weekdayNames", (locale: string) => Info.weekdays("long", { locale }));

function ruleWords(t: Translate, rule: RecurrenceRule, locale: string): string {
  const month = monthNames(locale)[rule.month - 1]!;
  const monthDay = (day: number) =>
    new Intl.DateTimeFormat(locale, { month: "long", day: "numeric", timeZone: "UTC" }).format(Date.UTC(2024, rule.month - 1, day));
  switch (rule.kind) {
    case "fixed":
      return t("days.rule.fixed", { date: monthDay(rule.day) });
    case "nth_weekday":
      return t("days.rule.nthWeekday", {
        nth: t(rule.nth === -1 ? "days.ordinal.last" : (`days.ordinal.n${rule.nth}` as "days.ordinal.n1")),
        weekday: weekdayNames(locale)[rule.weekday - 1]!,
        month,
      });
    case "span":
      return t("days.rule.span", { date: monthDay(rule.day), count: rule.days });
    case "announced":
      return t("days.rule.announced", { month });
  }
}

export default function Days() {
  const t = useT();
  const locale = useLocale();
  const { days } = useLoaderData<typeof loader>();
  const networkSlug = useParams().network!;
  const actionData = useActionData<typeof action>();
  return (
    <section className="page" aria-labelledby="days-title">
      <h1 id="days-title">{t("days.title")}</h1>
      <p className="lead">{t("days.intro")}</p>
      <ul className="day-list">
        {days.map((day) => (
          <li key={day.id} className={day.hidden ? "day day--hidden" : "day"}>
            <DaySwatch colour={day.colour} />
            <div>
              <h2 className="day__name">
                {day.name}
                {day.own ? <span className="badge">{t("days.own")}</span> : null}
                {day.hidden ? <span className="badge">{t("days.hiddenBadge")}</span> : null}
              </h2>
              <p className="field-hint">{ruleText(t, day.rule, locale)}</p>
              {day.description ? <p>{day.description}</p> : null}
              {day.translations.length > 1 ? (
                <p className="field-hint">
                  {t("translations.status.title")}:{" "}
                  {day.translations.map((entry, index) => (
                    <span key={entry.language}>
                      {index > 0 ? ", " : null}
                      <Link to={`/n/${networkSlug}/days/${day.id}/translations/${encodeURIComponent(entry.language)}`}>{entry.name}</Link> (
                      {t(`translations.status.${entry.state}`)})
                    </span>
                  ))}
                </p>
              ) : null}
              {day.officialUrl ? (
                <p>
                  <a href={day.officialUrl} rel="noopener noreferrer">
                    {t("days.officialSite")}
                  </a>
                </p>
              ) : null}
              {day.announced.map(({ year, dates }) => {
                const key = `${day.id}-${year}`;
                const error = actionData?.datesError?.key === key ? actionData.datesError.message : null;
                return (
                  <Form method="post" key={key} id={`dates-${key}`} className="inline-controls dates-form">
                    <input type="hidden" name="intent" value="dates" />
                    <input type="hidden" name="dayId" value={day.id} />
                    <input type="hidden" name="year" value={year} />
                    <span>{dates ? t("days.datesFor", { year }) : t("days.datesNotSet", { year })}</span>
                    <label htmlFor={`${key}-start`}>{t("days.startsOn")}</label>
                    <input
                      id={`${key}-start`}
                      type="date"
                      name="startsOn"
                      defaultValue={dates?.startsOn ?? ""}
                      required
                      aria-describedby={error ? `${key}-error` : undefined}
                    />
                    <label htmlFor={`${key}-end`}>{t("days.endsOn")}</label>
                    <input
                      id={`${key}-end`}
                      type="date"
                      name="endsOn"
                      defaultValue={dates?.endsOn ?? ""}
                      required
                      aria-describedby={error ? `${key}-error` : undefined}
                    />
                    <button
                      type="submit"
                      className="button-secondary button-small"
                      aria-label={t("days.saveDatesFor", { day: day.name, year })}
                    >
                      {t("days.saveDates")}
                    </button>
                    {error ? (
                      <p id={`${key}-error`} className="field-error" role="alert">
                        {t(error as "days.validation.date")}
                      </p>
                    ) : null}
                  </Form>
                );
              })}
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="hide" />
                <input type="hidden" name="dayId" value={day.id} />
                <input type="hidden" name="hidden" value={day.hidden ? "false" : "true"} />
                <button
                  type="submit"
                  className="button-link"
                  aria-label={t(day.hidden ? "days.showLabel" : "days.hideLabel", { day: day.name })}
                >
                  {day.hidden ? t("days.show") : t("days.hide")}
                </button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
      <AddDayForm />
    </section>
  );
}

function AddDayForm() {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "add-day",
    lastResult: actionData?.intent === "add-day" ? actionData.result : undefined,
    defaultValue: { kind: "fixed", colour: "#1d4ed8", month: "1", nth: "1", weekday: "1" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddDaySchema }),
  });
  const months = monthNames(locale).map((name, i) => ({ value: String(i + 1), label: name }));
  const weekdays = weekdayNames(locale).map((name, i) => ({ value: String(i + 1), label: name }));
  return (
    <section aria-labelledby="add-day-heading" className="card">
      <h2 id="add-day-heading">{t("days.add.title")}</h2>
      <p>{t("days.add.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <input type="hidden" name="intent" value="add-day" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("days.add.name")} />
        <TextAreaField field={fields.description} label={t("days.add.description")} rows={2} />
        <TextField field={fields.officialUrl} label={t("days.add.officialUrl")} type="url" />
        <InputField field={fields.colour} label={t("days.add.colour")} type="color" />
        <SelectField
          field={fields.kind}
          label={t("days.add.kind")}
          options={ruleKinds.map((kind) => ({ value: kind, label: t(`days.kinds.${kind}`) }))}
        />
        <SelectField field={fields.month as FieldMetadata<string>} label={t("days.add.month")} options={months} />
        <InputField field={fields.day} label={t("days.add.day")} hint={t("days.add.dayHint")} type="number" min={1} max={31} />
        <SelectField
          field={fields.nth as FieldMetadata<string>}
          label={t("days.add.nth")}
          options={[1, 2, 3, 4, -1].map((n) => ({
            value: String(n),
            label: t(n === -1 ? "days.ordinal.last" : (`days.ordinal.n${n}` as "days.ordinal.n1")),
          }))}
        />
        <SelectField field={fields.weekday as FieldMetadata<string>} label={t("days.add.weekday")} options={weekdays} />
        <InputField field={fields.days} label={t("days.add.days")} hint={t("days.add.daysHint")} type="number" min={2} max={62} />
        <div className="actions">
          <button type="submit">{t("days.add.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
