import { describe, expect, test } from "vitest";
import { allCatalogues } from "~/i18n/catalogues.server";
import { locales } from "~/i18n/locales";
import { getTranslator } from "~/i18n/registry";
import type { MessageKey } from "~/i18n/translate";
import { testYear } from "../support/calendar";

/**
 * Every Russian message that counts, with the words that must follow the
 * number in each form: one (1, 21, 101), few (2, 22) and many (5, 11, 12, 25).
 * `#` stands for the number. A new count message fails the completeness test
 * until its forms are written down here.
 */
const russianForms: Record<string, [one: string, few: string, many: string]> = {
  "auth.signIn.rateLimited": ["# минуту", "# минуты", "# минут"],
  "yearView.inDays": ["через # день", "через # дня", "через # дней"],
  "days.rule.span": ["# день", "# дня", "# дней"],
  "campaigns.list.openActions": ["Открытых задач: # из", "Открытых задач: # из", "Открытых задач: # из"],
  "campaigns.fields.templateOption": ["(# задача)", "(# задачи)", "(# задач)"],
  "campaigns.page.pledgeCount": ["# обязательство;", "# обязательства;", "# обязательств;"],
  "campaigns.plan.overdueSummary": ["# задача просрочена", "# задачи просрочены", "# задач просрочено"],
  "campaigns.actions.daysBefore": ["за # день до", "за # дня до", "за # дней до"],
  "campaigns.actions.daysAfter": ["через # день после", "через # дня после", "через # дней после"],
  "campaigns.rollOver.shift": ["# день", "# дня", "# дней"],
  "myActions.summary": ["# открытая задача", "# открытые задачи", "# открытых задач"],
  "emails.passwordReset.validFor": ["# минуту", "# минуты", "# минут"],
  "emails.networkInvitation.validFor": ["# день", "# дня", "# дней"],
  "emails.campaignDigest.subject": ["# просрочена", "# просрочены", "# просрочено"],
  "emails.campaignDigest.overdue": ["# просроченная задача", "# просроченные задачи", "# просроченных задач"],
  "emails.campaignDigest.upcoming": ["# задача со сроком", "# задачи со сроком", "# задач со сроком"],
  "emails.campaignDigest.later": ["ещё # задача", "ещё # задачи", "ещё # задач"],
  "events.manage.pendingNotice": ["# мероприятие ожидает", "# мероприятия ожидают", "# мероприятий ожидают"],
  "events.manage.flaggedNotice": ["# опубликованного мероприятия", "# опубликованных мероприятий", "# опубликованных мероприятий"],
  "events.admin.cancel.confirm": ["# зарегистрированный человек", "# зарегистрированных человека", "# зарегистрированных человек"],
  "imports.list.failures": ["# неудача", "# неудачи", "# неудач"],
  "imports.list.events": ["# событие", "# события", "# событий"],
  "imports.email.intro": ["# раз подряд", "# раза подряд", "# раз подряд"],
  "mailings.send.count": ["# контакту", "# контактам", "# контактам"],
  "mailings.send.confirm": ["# контакту", "# контактам", "# контактам"],
  "mailings.send.confirmSubmit": ["# контакту", "# контактам", "# контактам"],
  "registrations.dataRequests.erasedRegistrations": ["# регистрация", "# регистрации", "# регистраций"],
  "registrations.dataRequests.erasedMessages": ["# письмо", "# письма", "# писем"],
  "mailings.report.retried": ["# письмо отправляется", "# письма отправляются", "# писем отправляются"],
  "dashboard.attention.pendingReviews": ["# мероприятие от", "# мероприятия от", "# мероприятий от"],
  "dashboard.attention.partnerChanges": [
    "# опубликованное мероприятие изменено",
    "# опубликованных мероприятия изменены",
    "# опубликованных мероприятий изменены",
  ],
  "dashboard.attention.unansweredSpeakers": ["# приглашение спикеру", "# приглашения спикерам", "# приглашений спикерам"],
  "dashboard.attention.overdueActions": [
    "# ваша задача кампании просрочена",
    "# ваши задачи кампаний просрочены",
    "# ваших задач кампаний просрочено",
  ],
  "dashboard.attention.mailingsInProgress": ["# рассылка отправляется", "# рассылки отправляются", "# рассылок отправляются"],
  "partners.count": ["# организация", "# организации", "# организаций"],
  "partners.import.invalidTitle": ["# строку", "# строки", "# строк"],
  "partners.detail.confirmDelete": ["её # контакт будут", "её # контакта будут", "её # контактов будут"],
  "portal.email.validFor": ["# минуты", "# минут", "# минут"],
  "registrations.register.seatsLeft": ["Осталось # место", "Осталось # места", "Осталось # мест"],
  "registrations.register.retention": ["# день", "# дня", "# дней"],
  "registrations.register.rateLimited": ["# минуту", "# минуты", "# минут"],
  "registrations.attendees.messageHint": ["# человек.", "# человека.", "# человек."],
  "registrations.attendees.messageSent": ["# получателю", "# получателям", "# получателям"],
  "registrations.dataRequests.registrationCount": ["# регистрация", "# регистрации", "# регистраций"],
  "registrations.dataRequests.messageCount": ["# письмо", "# письма", "# писем"],
  "speakers.organiser.invitations": ["# приглашение", "# приглашения", "# приглашений"],
  "speakers.campaign.summary": ["# приглашение на", "# приглашения на", "# приглашений на"],
};

/** The attendee list's status words stand after a number shown apart, so they carry no `#`. */
const russianStatusWords: Record<string, [one: string, few: string, many: string]> = {
  "registrations.statusCount.confirmed": ["подтверждена", "подтверждены", "подтверждено"],
  "registrations.statusCount.waitlisted": ["в листе ожидания", "в листе ожидания", "в листе ожидания"],
  "registrations.statusCount.cancelled": ["отменена", "отменены", "отменено"],
  "registrations.statusCount.attended": ["на месте", "на месте", "на месте"],
};

const counts: [number, 0 | 1 | 2][] = [
  [1, 0],
  [2, 1],
  [5, 2],
  [11, 2],
  [12, 2],
  [14, 2],
  [21, 0],
  [22, 1],
  [25, 2],
  [101, 0],
  [111, 2],
];

/** The dotted keys of every message with plural forms in a catalogue. */
function pluralKeys(node: unknown, prefix = ""): string[] {
  if (typeof node !== "object" || node === null) return [];
  if ("other" in node) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => pluralKeys(value, prefix ? `${prefix}.${key}` : key));
}

describe("Russian count messages", () => {
  const t = getTranslator("ru");

  test("every count message in the Russian catalogue has its forms checked here", () => {
    expect(pluralKeys(allCatalogues.ru).sort()).toEqual([...Object.keys(russianForms), ...Object.keys(russianStatusWords)].sort());
  });

  test.each(Object.entries(russianForms))("%s agrees with 1, 2, 5, 11, 12, 14, 21, 22, 25, 101 and 111", (key, forms) => {
    for (const [count, form] of counts) {
      const text = t(key as MessageKey, { count, total: 30, partners: 3, overdue: 1, day: "1 декабря", date: "1 декабря", name: "X" });
      expect(text, `${key} with ${count}`).toContain(forms[form].replace("#", String(count)));
    }
  });

  test.each(Object.entries(russianStatusWords))("%s agrees with the number beside it", (key, words) => {
    for (const [count, form] of counts) expect(t(key as MessageKey, { count }), `${key} with ${count}`).toBe(words[form]);
  });
});

describe("years", () => {
  test.each(locales)("%s prints a year without grouping", (locale) => {
    const t = getTranslator(locale);
    expect(t("days.datesNotSet", { year: testYear })).toContain(String(testYear));
    expect(t("campaigns.rollOver.nextDateNotSet", { year: testYear + 1 })).toContain(String(testYear + 1));
  });

  test("other numbers keep the locale's grouping", () => {
    expect(getTranslator("en")("partners.count", { count: 2026 })).toBe("2,026 organisations");
  });
});
