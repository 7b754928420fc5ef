import type { BenchSuite } from "../lib/result";
import { confirmationsSuite } from "./confirmations";
import { eventsListSuite } from "./events-list";
import { feedsSuite } from "./feeds";
import { importsSuite } from "./imports";
import { mailingsSuite } from "./mailings";
import { registrationAnswersSuite } from "./registration-answers";
import { registrationsSuite } from "./registrations";
import { registrationsHttpSuite } from "./registrations-http";

/** Every benchmark suite `npm run bench` runs, in order. Each feature adds its own. */
export const suites: BenchSuite[] = [
  eventsListSuite,
  feedsSuite,
  registrationsSuite,
  registrationsHttpSuite,
  registrationAnswersSuite,
  confirmationsSuite,
  mailingsSuite,
  importsSuite,
];
