import type { BenchSuite } from "../lib/result";
import { eventsListSuite } from "./events-list";
import { feedsSuite } from "./feeds";

/** Every benchmark suite `npm run bench` runs, in order. Each feature adds its own. */
export const suites: BenchSuite[] = [eventsListSuite, feedsSuite];
