// How long the public registration form takes to answer for a new address,
// an address already registered and a new address that lands on the
// waitlist. The answer must not tell them apart, in its time no more than in
// its content: the slowest kind's median against the fastest kind's median,
// sent one at a time so that no queueing blurs the difference.
import type { BenchSuite } from "../lib/result";
import { benchResult } from "../lib/result";
import { newEvent, openBenchDatabase, benchNetwork } from "./registrations";

const rounds = 150;
/** Medians within a tenth of each other: less than the jitter of any network between a browser and the server. */
const target = 1.1;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export const registrationAnswersSuite: BenchSuite = {
  name: "registration-answers",
  async run() {
    const { useDatabase } = await import("~/utils/db.server");
    const { action } = await import("~/routes/n.$network.events_.$eventId_.register");
    const { handle, drop } = await openBenchDatabase();
    try {
      const db = handle.db;
      const network = await benchNetwork(handle);
      useDatabase(handle);
      const seatedEvent = await newEvent(db, network.id);
      const fullEvent = await newEvent(db, network.id);
      await db.updateTable("events").set({ capacity: null }).where("id", "=", seatedEvent).execute();
      await db.updateTable("events").set({ capacity: 1 }).where("id", "=", fullEvent).execute();

      // Each post comes from its own address, as a crowd would, so no rate limit answers instead.
      let client = 0;
      const post = async (eventId: string, email: string) => {
        const body = new FormData();
        for (const [name, value] of Object.entries({ name: "Kit", email, locale: "en", consent: "on" })) body.append(name, value);
        client += 1;
        const started = performance.now();
        await action({
          request: new Request(`http://localhost:3000/n/bench/events/${eventId}/register`, { method: "POST", body }),
          params: { network: "bench", eventId },
          context: { clientAddress: `10.${client >> 16}.${(client >> 8) & 255}.${client & 255}` },
        });
        return performance.now() - started;
      };
      const known = Array.from({ length: rounds / 3 }, (_, i) => `known${i}@example.org`);
      for (const email of known) await post(seatedEvent, email);
      await post(fullEvent, "first@example.org");

      const times = { seat: [] as number[], again: [] as number[], waitlist: [] as number[] };
      // Interleaved, so that a warming cache or a growing table weighs on every kind alike.
      for (let i = 0; i < rounds; i++) {
        times.seat.push(await post(seatedEvent, `new${i}@example.org`));
        times.again.push(await post(seatedEvent, known[i % known.length]!));
        times.waitlist.push(await post(fullEvent, `wait${i}@example.org`));
      }
      const medians = Object.values(times).map(median);
      console.log(`  medians (ms): seat ${medians[0]}, already registered ${medians[1]}, waitlist ${medians[2]}`);
      return [
        benchResult({
          name: `registration answer, slowest vs fastest of new / already registered / waitlisted address (${handle.driver})`,
          unit: "ms (median)",
          value: Math.max(...medians),
          baseline: Math.min(...medians),
          target,
          better: "lower",
        }),
      ];
    } finally {
      await drop();
    }
  },
};
