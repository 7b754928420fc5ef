import type { BenchSuite } from "../lib/result";
import { mailingsSuite } from "./mailings";

/** Every benchmark suite `npm run bench` runs, in order. Each feature adds its own. */
export const suites: BenchSuite[] = [mailingsSuite];
